// Headless Debian Chromium driven by playwright-core. Never downloads a browser: without
// /usr/bin/chromium (or EMBLEM_CHROMIUM) the browser tests skip with a message.
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

export const CHROMIUM = process.env.EMBLEM_CHROMIUM || '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)
if (!hasChromium) console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set EMBLEM_CHROMIUM)`)

/** Launches headless Chromium with the flags this machine needs (no sandbox as root, no background network). */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  })

/** Where screenshots are kept as test artefacts (CI can upload the folder). */
export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'screenshots')

/**
 * The tallest screenshot kept (px): a page taller than this (the API reference is ~150,000 px) is
 * kept from its top. A full-page capture of such a page took 10–30 s, alone, and says nothing more.
 */
export const SCREENSHOT_MAX_HEIGHT = 8000

/** Keeps a screenshot of the whole page (up to SCREENSHOT_MAX_HEIGHT) at `path`: JPEG (quality 80) for a .jpg path, PNG otherwise. */
export async function keepScreenshot(page: Page, path: string): Promise<void> {
  const { width, height } = (await page.evaluate('({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight })')) as { width: number; height: number }
  const jpeg = /\.jpe?g$/i.test(path)
  await page.screenshot({
    path,
    fullPage: true,
    ...(height > SCREENSHOT_MAX_HEIGHT ? { clip: { x: 0, y: 0, width, height: SCREENSHOT_MAX_HEIGHT } } : {}),
    ...(jpeg ? { type: 'jpeg' as const, quality: 80 } : {}),
  })
}

/** Saves a full-page screenshot as test-artifacts/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true })
  const path = join(ARTIFACTS, `${name}.png`)
  await keepScreenshot(page, path)
  return path
}
