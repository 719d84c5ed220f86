import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoSkills } from '../../../src/app/skills/seed-demo-skills.js'
import { SESSION_COOKIE } from '../../../src/http/auth/tokens.js'
import { hasChromium, launchBrowser, screenshot } from '../../support/browser.js'
import { startTestPlatform, type TestOrg, type TestPlatform } from '../../support/platform.js'

// Defining a micro-credential in a real browser: the editor with its skills picker, publishing, and
// the badge designer's server-drawn preview. Screenshots go to test-artifacts/screenshots/.

describe.skipIf(!hasChromium)('defining an achievement in the browser', () => {
  let t: TestPlatform
  let org: TestOrg
  let server: ServerType
  let base: string
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    t = await startTestPlatform()
    const owner = await t.seedUser({ name: 'Olive Owner' })
    org = await t.seedOrg({ owner, name: 'Northbridge University', withKey: false })
    await seedDemoSkills(t.store.repos.skills)
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port))
    })
    base = `http://127.0.0.1:${port}`
    browser = await launchBrowser()
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } })
    await context.addCookies([{ name: SESSION_COOKIE, value: owner.cookie.split('=')[1]!, url: base }])
    page = await context.newPage()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
    await t?.close()
  })

  it('fills the editor, picks a skill from a search, publishes, and designs the badge', async () => {
    await page.goto(`${base}/orgs/${org.slug}/achievements/new`)
    await page.locator('#field-name').fill('Accessible Web Design')
    await page.getByLabel('Description').fill('Builds web pages that everyone can use, with a keyboard, a screen reader or a magnifier.')
    await page.getByLabel('Criteria', { exact: true }).fill('Audit a real website against WCAG 2.2 AA and fix what you find.')
    await page.getByLabel('Learning outcomes').fill('Apply WCAG 2.2 AA\nTest pages with a screen reader')
    await page.getByLabel('ECTS credits').fill('2')
    await page.getByLabel('EQF level').selectOption('5')
    await page.getByLabel('Form of participation').selectOption('blended')
    await page.getByLabel('Search skills').fill('accessib')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.getByLabel(/design accessible web content/).check()
    expect(await page.locator('#field-name').inputValue()).toBe('Accessible Web Design')
    await screenshot(page, 'achievement-editor-skills-picker')

    await page.getByRole('button', { name: 'Create draft' }).click()
    await page.waitForURL(/\/achievements\/[0-9a-f-]{36}$/)
    expect(await page.locator('h1').textContent()).toBe('Accessible Web Design')
    expect(await page.locator('.skill-list li').allTextContents()).toEqual([expect.stringContaining('design accessible web content')])

    // Publishing needs a badge image: refused first, with a link to the designer.
    await page.getByRole('button', { name: 'Publish' }).click()
    expect(await page.locator('#publish-problems').textContent()).toContain('A badge image is needed before publishing')
    await page.locator('#publish-problems').getByRole('link', { name: 'Design or upload a badge image' }).click()
    await page.getByLabel('Shape').selectOption('hexagon')
    await page.getByLabel('Icon', { exact: true }).selectOption('lightbulb')
    await page.getByRole('button', { name: 'Preview' }).click()
    expect(await page.locator('.designer-stage svg').count()).toBe(1)
    await screenshot(page, 'achievement-badge-designer-preview')
    await page.getByRole('button', { name: 'Use this design' }).click()
    await page.waitForURL(/\/achievements\/[0-9a-f-]{36}$/)
    const image = page.locator('.ach-hero-badge img')
    expect(await image.evaluate((img) => { const i = img as unknown as { complete: boolean; naturalWidth: number }; return i.complete && i.naturalWidth > 0 })).toBe(true)

    await page.getByRole('button', { name: 'Publish' }).click()
    expect(await page.locator('.pill.ok').textContent()).toBe('Published')
    await screenshot(page, 'achievement-published-with-badge')
  }, 60_000)
})
