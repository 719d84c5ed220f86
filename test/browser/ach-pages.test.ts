// The achievement pages in Debian's Chromium at a desktop (1280 px) and a phone (390 px) width:
// the list (empty and full), an achievement, the editor (new, and edit with errors) and the badge
// designer have no serious or critical axe violation and never scroll sideways; and the skills
// picker's typeahead works from the keyboard. Screenshots go to test-artifacts/screenshots/ach/.
import { mkdir, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoSkills } from '../../src/app/skills/seed-demo-skills.js'
import { SESSION_COOKIE } from '../../src/http/auth/tokens.js'
import { runAxe, seriousViolations, type A11yResult } from '../support/a11y.js'
import { ARTIFACTS, hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { startTestPlatform, type TestOrg, type TestPlatform, type TestSession } from '../support/platform.js'

const WIDTHS = [[1280, 'desktop'], [390, 'mobile']] as const

const DEFINITIONS = [
  { name: 'FAIR Data Stewardship', design: { shape: 'shield', icon: 'book', background: '#1f4e79', foreground: '#ffffff', accent: '#f2c14e' }, publish: true },
  { name: 'Accessible Web Design', design: { shape: 'hexagon', icon: 'lightbulb', background: '#0b3d2e', foreground: '#ffffff', accent: '#9ae6b4' }, publish: true },
  { name: 'Research Software Engineering', design: { shape: 'circle', icon: 'code', background: '#4c1d95', foreground: '#ffffff', accent: '#c4b5fd' }, publish: false },
  { name: 'Teamwork in Interdisciplinary Projects', design: undefined, publish: false },
]

describe.skipIf(!hasChromium)('achievement pages in the browser', () => {
  let t: TestPlatform
  let owner: TestSession
  let org: TestOrg
  let server: ServerType
  let base: string
  let browser: Browser
  let context: BrowserContext
  let page: Page
  const ids: string[] = []
  const results: Record<string, A11yResult> = {}

  beforeAll(async () => {
    t = await startTestPlatform()
    owner = await t.seedUser({ name: 'Olive Owner' })
    org = await t.seedOrg({ owner, name: 'Northbridge University', withKey: false })
    await seedDemoSkills(t.store.repos.skills)
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port))
    })
    base = `http://127.0.0.1:${port}`
    browser = await launchBrowser()
    context = await browser.newContext()
    await context.addCookies([{ name: SESSION_COOKIE, value: owner.cookie.split('=')[1]!, url: base }])
    page = await context.newPage()
  }, 60_000)
  afterAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true })
    await writeFile(join(ARTIFACTS, '..', 'a11y-ach.json'), JSON.stringify(results, null, 2))
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
    await t?.close()
  })

  /** Checks the page as it is at both widths (axe, no sideways scroll) and keeps a screenshot of each. */
  async function checkBoth(name: string, open: () => Promise<unknown>) {
    for (const [width, label] of WIDTHS) {
      await page.setViewportSize({ width, height: 900 })
      await open()
      const result = await runAxe(page)
      results[`${name} (${label})`] = result
      expect(seriousViolations(result), `${name} at ${width}px`).toEqual([])
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number
      expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0)
      await mkdir(join(ARTIFACTS, 'ach'), { recursive: true })
      await keepScreenshot(page, join(ARTIFACTS, 'ach', `${name}-${label}.png`))
    }
  }
  const visit = (path: string, status = 200) => async () => {
    const res = await page.goto(`${base}${path}`, { waitUntil: 'networkidle' })
    expect(res?.status(), path).toBe(status)
  }

  it('the empty list', () => checkBoth('achievements-empty', visit(`/orgs/${org.slug}/achievements`)))

  it('the new-achievement editor', () => checkBoth('achievement-new', visit(`/orgs/${org.slug}/achievements/new`)))

  it('the full list, an achievement and its designer', async () => {
    for (const d of DEFINITIONS) {
      const fields = {
        intent: 'save',
        name: d.name,
        description: `${d.name}: what the learner can do after the course, assessed by a supervised project.`,
        criteriaNarrative: 'Pass the final project.',
        learningOutcomes: 'Plan the work\nExplain the choices made',
        workloadHours: '60',
        ects: '3',
        eqfLevel: '6',
        participation: 'blended',
        assessmentType: 'Supervised final project',
        validityMonths: '36',
        tags: 'open science, data',
        addSkill: 'urn:emblem:skill:teamwork',
      }
      const res = await t.submitForm(`/orgs/${org.slug}/achievements/new`, fields, owner)
      expect(res.status).toBe(303)
      const id = res.headers.get('location')!.split('/').pop()!
      ids.push(id)
      if (d.design) expect((await t.submitForm(`/orgs/${org.slug}/achievements/${id}/image`, { ...d.design, title: d.name.split(' ')[0]!, subtitle: '2026', intent: 'save' }, owner)).status).toBe(303)
      if (d.publish) expect((await t.submitForm(`/orgs/${org.slug}/achievements/${id}/publish`, {}, owner)).status).toBe(303)
      t.clock.advance(60_000)
    }
    await checkBoth('achievements', visit(`/orgs/${org.slug}/achievements`))
    await checkBoth('achievement-view', visit(`/orgs/${org.slug}/achievements/${ids[0]}`))
    await checkBoth('achievement-designer', visit(`/orgs/${org.slug}/achievements/${ids[2]}/image`))
    await checkBoth('achievement-editor', visit(`/orgs/${org.slug}/achievements/${ids[0]}/edit`))
  }, 120_000)

  it('an achievement that cannot be published yet (no image)', () =>
    checkBoth('achievement-publish-refused', async () => {
      await page.goto(`${base}/orgs/${org.slug}/achievements/${ids[3]}`, { waitUntil: 'networkidle' })
      await Promise.all([page.waitForLoadState('networkidle'), page.getByRole('button', { name: 'Publish' }).click()])
      expect(await page.locator('#publish-problems').textContent()).toContain('A badge image is needed before publishing')
    }))

  it('the editor with errors (422, values kept)', () =>
    checkBoth('achievement-editor-errors', async () => {
      await page.goto(`${base}/orgs/${org.slug}/achievements/${ids[1]}/edit`, { waitUntil: 'networkidle' })
      await page.locator('#field-inLanguage').fill('not a language')
      await page.locator('#field-criteriaUrl').fill('ftp://example.org/criteria')
      const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Save changes' }).click()])
      expect(res.status()).toBe(422)
      await page.waitForLoadState('networkidle')
      expect(await page.locator('.error-summary li').count()).toBe(2)
      expect(await page.locator('#field-inLanguage').inputValue()).toBe('not a language')
    }))

  it('offers skills as you type: arrows move, Enter picks, Escape closes, the count is announced; save adds the pick', async () => {
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(`${base}/orgs/${org.slug}/achievements/${ids[2]}/edit`, { waitUntil: 'networkidle' })
    const field = page.getByRole('combobox', { name: 'Search skills' })
    await field.pressSequentially('accessib')
    const listbox = page.getByRole('listbox', { name: 'Matching skills' })
    await listbox.waitFor()
    expect(await field.getAttribute('aria-expanded')).toBe('true')
    await expect.poll(() => page.locator('#live-region').textContent()).toMatch(/skills? found/)
    await field.press('ArrowDown')
    const active = await field.getAttribute('aria-activedescendant')
    expect(await page.locator(`#${active}`).getAttribute('aria-selected')).toBe('true')
    expect(await page.locator(`#${active}`).textContent()).toContain('design accessible web content')
    await field.press('Enter')
    expect(await field.getAttribute('aria-expanded')).toBe('false')
    expect(await page.locator('.typeahead-picked li').textContent()).toContain('design accessible web content')
    await expect.poll(() => page.locator('#live-region').textContent()).toContain('will be added when you save')
    await mkdir(join(ARTIFACTS, 'ach'), { recursive: true })
    await field.pressSequentially('team')
    await listbox.waitFor()
    // "work in teams" is already on the achievement: not offered again.
    expect(await listbox.getByRole('option').allTextContents()).not.toContainEqual(expect.stringContaining('work in teams'))
    expect(await listbox.getByRole('option').count()).toBeGreaterThan(0)
    await page.screenshot({ path: join(ARTIFACTS, 'ach', 'skills-typeahead-desktop.png'), fullPage: false, clip: await page.locator('.skills-search').boundingBox().then((b) => ({ x: 0, y: Math.max(0, b!.y - 40), width: 1280, height: 520 })) })
    await field.press('Escape')
    expect(await listbox.isHidden()).toBe(true)
    await Promise.all([page.waitForURL(/\/achievements\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Save changes' }).click()])
    const record = (await t.store.repos.achievements.get(org.id, ids[2]!))!
    expect((record.definition.alignment as { targetUrl: string }[]).map((a) => a.targetUrl)).toContain('urn:emblem:skill:web-accessibility')
  }, 60_000)
})
