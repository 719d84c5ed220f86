// Keyboard only (issue #8, item 8): sign in, reach the issue form, fill and submit it, and open the
// new credential's public page with Tab, Enter, arrow keys and typing (no clicks), checking that
// every focus stop on the way shows a visible focus indicator (an outline or a focus ring).
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, launchBrowser, screenshot } from '../support/browser.js'
import { freePort, waitForServer } from '../support/server-process.js'

/** What the focused element looks like: its selector-ish name and whether its focus can be seen. */
interface FocusStop {
  name: string
  visible: boolean
}

/** The focused element and whether it shows focus (a non-zero outline, or a focus ring drawn as a box shadow). */
const focusStop = (page: Page): Promise<FocusStop> =>
  page.evaluate(`(() => {
    const el = document.activeElement
    if (!el || el === document.body) return { name: 'body', visible: true }
    // The indicator as it settles (a focus ring may fade in over a short transition).
    for (const animation of el.getAnimations()) animation.finish()
    const focused = getComputedStyle(el)
    const outline = focused.outlineStyle !== 'none' && parseFloat(focused.outlineWidth) > 0
    // A focus ring drawn with box-shadow: a solid spread around the element (not a soft drop shadow).
    const ring = /\\b0px 0px 0px [1-9]/.test(focused.boxShadow)
    const attr = (n) => (el.getAttribute(n) ? '[' + n + '="' + el.getAttribute(n) + '"]' : '')
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + attr('href') + attr('name') + ' "' + (el.textContent || '').trim().slice(0, 40) + '"'
    return { name, visible: outline || ring }
  })()`)

/** Whether the focused element matches `selector`. */
const focusedMatches = (page: Page, selector: string): Promise<boolean> =>
  page.evaluate(`document.activeElement ? document.activeElement.matches(${JSON.stringify(selector)}) : false`)

describe.skipIf(!hasChromium)('issuing with the keyboard only', () => {
  let dir: string
  let server: ChildProcess
  let browser: Browser
  let base: string
  let demo: { org: string; email: string; password: string }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-keyboard-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const env = { ...process.env, EMBLEM_DATA_DIR: dir, PORT: String(port), EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent' }
    const { stdout } = await promisify(execFile)('node', ['bin/emblem.mjs', 'demo', '--credentials', '0', '--json'], { env })
    demo = JSON.parse(stdout) as typeof demo
    server = spawn('node', ['bin/emblem.mjs', 'serve'], { env, stdio: 'ignore' })
    await waitForServer(base, 15_000)
    browser = await launchBrowser()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    server?.kill('SIGTERM')
    await rm(dir, { recursive: true, force: true })
  })

  it('signs in, issues a credential and opens its page without a pointer, focus always visible', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const stops: FocusStop[] = []

    /** Presses Tab until the focused element matches `selector`, recording every stop on the way. */
    async function tabTo(selector: string, max = 60) {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab')
        const stop = await focusStop(page)
        stops.push(stop)
        expect(stop.visible, `focus is visible on ${stop.name}`).toBe(true)
        if (await focusedMatches(page, selector)) return
      }
      throw new Error(`Tab never reached ${selector}; stops: ${stops.slice(-max).map((s) => s.name).join(' → ')}`)
    }
    const enterAndWait = (url: RegExp) => Promise.all([page.waitForURL(url), page.keyboard.press('Enter')])

    await page.goto(`${base}/sign-in`)
    await tabTo('input[name=email]')
    await page.keyboard.type(demo.email)
    await tabTo('input[name=password]')
    await page.keyboard.type(demo.password)
    await enterAndWait(/\/dashboard$/)

    // From the dashboard to the organization, then to its issue form.
    await tabTo(`main a[href^="/orgs/${demo.org}"]`)
    await enterAndWait(new RegExp(`/orgs/${demo.org}`))
    await tabTo(`a[href="/orgs/${demo.org}/issue"]`)
    await enterAndWait(/\/issue$/)

    // Nothing is chosen for the issuer: the arrow key picks the first achievement.
    await tabTo('#field-achievement')
    expect(await page.locator('#field-achievement').inputValue()).toBe('')
    await page.keyboard.press('ArrowDown')
    if ((await page.locator('#field-achievement').inputValue()) === '') await page.keyboard.press('Enter')
    expect(await page.locator('#field-achievement').inputValue()).not.toBe('')
    await tabTo('#field-name')
    await page.keyboard.type('Kofi Keyboard')
    await tabTo('#field-email')
    await page.keyboard.type('kofi.keyboard@example.org')
    await screenshot(page, 'keyboard/issue-form-filled')
    await tabTo('#issue-form button[type=submit]')
    await enterAndWait(/\/credentials\/[0-9a-f-]{36}\?done=issued$/)
    expect(await page.locator('h1').innerText()).toBe('Kofi Keyboard')

    // The credential's public page.
    await tabTo('main a[href*="/c/"]')
    await enterAndWait(/\/c\/[0-9a-f-]{36}$/)
    expect(await page.locator('main').innerText()).toContain('Kofi Keyboard')
    await screenshot(page, 'keyboard/credential-page')
    expect(stops.length).toBeGreaterThan(5)
    await page.close()
  }, 120_000)
})
