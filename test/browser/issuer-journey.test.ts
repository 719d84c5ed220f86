// The issuer's whole journey in Debian's Chromium against a real server (SQLite file, real SMTP):
// sign up → confirm the e-mail → create an organization → define and publish a micro-credential →
// issue it → the learner's e-mail arrives → its page shows it verified → revoke → it shows revoked.
// Screenshots of each step are kept in test-artifacts/screenshots/.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { silentLogger } from '../../src/http/logger.js'
import { openServices, startServer, type RunningServer, type Services } from '../../src/main.js'
import { hasChromium, launchBrowser, screenshot } from '../support/browser.js'
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp.js'
import { freePort } from '../support/server-process.js'

/** The first link in an e-mail's text that starts with `prefix`. */
const linkIn = (text: string, prefix: string): string => {
  const match = text.match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s>)]+`))
  if (!match) throw new Error(`No ${prefix} link in:\n${text}`)
  return match[0]
}

describe.skipIf(!hasChromium)('the issuer’s journey in a browser', () => {
  let dir: string
  let smtp: TestSmtpServer
  let services: Services
  let server: RunningServer
  let browser: Browser
  let base: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-browser-'))
    smtp = await startTestSmtpServer()
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const config = loadConfig(
      { PORT: String(port), EMBLEM_DATA_DIR: dir, EMBLEM_PUBLIC_URL: base, EMBLEM_SMTP_URL: smtp.url, EMBLEM_MAIL_FROM: 'badges@example.edu', EMBLEM_LOG_LEVEL: 'silent' },
      {},
    )
    services = await openServices(config, silentLogger)
    server = await startServer(config, { log: silentLogger, platform: services.platform.platform, transparencyLog: services.transparencyLog, handleSignals: false })
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await services?.close()
    await smtp?.close()
    await rm(dir, { recursive: true, force: true })
  })

  const submit = async (page: Page, name: RegExp | string) => {
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name }).first().click()])
  }

  it('goes from sign-up to a verified, then revoked, credential', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
    page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`))
    page.on('response', (res) => res.status() >= 400 && problems.push(`HTTP ${res.status()} for ${res.url()}`))

    // Sign up, then confirm the address from the e-mail.
    await page.goto(`${base}/sign-up`)
    await page.getByLabel('Full name').fill('Ada Issuer')
    await page.getByLabel('E-mail address').fill('ada@example.edu')
    await page.getByLabel('Password', { exact: true }).fill('a long and unusual passphrase 42')
    await screenshot(page, '01-sign-up')
    await submit(page, 'Create account')
    const welcome = await smtp.waitFor((m) => m.envelope.to.includes('ada@example.edu'))
    await page.goto(linkIn(welcome.text, `${base}/verify-email`))
    await screenshot(page, '02-email-verified')

    // Sign in.
    await page.goto(`${base}/sign-in`)
    await page.getByLabel('E-mail address').fill('ada@example.edu')
    await page.getByLabel('Password').fill('a long and unusual passphrase 42')
    await submit(page, /^sign in$/i)
    // Without an organization yet, the account lands in its wallet, which points issuers to creating one.
    expect(new URL(page.url()).pathname).toBe('/wallet')
    await expect(page.locator('a[href="/dashboard?orgs=1"]').count()).resolves.toBe(1)

    // Create the organization.
    await page.goto(`${base}/orgs/new`)
    await page.getByLabel('Name', { exact: true }).fill('Northbridge University')
    await page.getByLabel('Short name for links').fill('northbridge')
    await submit(page, 'Create organization')
    await screenshot(page, '03-organization-created')

    // Define the micro-credential, give it a badge and publish it.
    await page.goto(`${base}/orgs/northbridge/achievements/new`)
    await page.getByLabel('Name', { exact: true }).first().fill('Applied Data Ethics')
    await page.getByLabel('Description').first().fill('Recognise and handle ethical risks in data projects.')
    await page.getByLabel('Criteria', { exact: true }).fill('Complete the four modules and pass the case-study assessment.')
    await page.getByLabel('Workload (hours)').fill('40')
    await page.getByLabel('EQF level').selectOption({ label: 'Level 6' })
    await page.getByLabel('Learning outcomes').fill('Identify bias in a dataset\nWrite a data ethics impact assessment')
    await screenshot(page, '04-achievement-editor')
    await submit(page, 'Create draft')
    // Publishing needs a badge image: design one first (the designer starts from the name).
    await page.getByRole('link', { name: 'Design or upload a badge image' }).click()
    await page.waitForLoadState('load')
    await submit(page, 'Use this design')
    await submit(page, 'Publish')
    await expect(page.getByText('Issue this achievement')).toBeDefined()
    await screenshot(page, '05-achievement-published')

    // Issue it to a learner.
    await page.getByRole('link', { name: 'Issue this achievement' }).click()
    await page.waitForLoadState('load')
    await page.getByLabel(/e-mail/i).first().fill('grace@example.org')
    await page.getByLabel(/name/i).first().fill('Grace Learner')
    await screenshot(page, '06-issue-form')
    await submit(page, /^issue/i)
    await screenshot(page, '07-issued')

    // The learner's e-mail arrives over SMTP with the organization as sender and a link to the credential.
    const mail = await smtp.waitFor((m) => m.envelope.to.includes('grace@example.org'))
    expect(mail.from).toContain('Northbridge University')
    const credentialUrl = linkIn(mail.text, `${base}/c/`)

    // The learner's page verifies it, every check passed.
    await page.goto(credentialUrl)
    await expect(page.getByText('Applied Data Ethics').first()).toBeDefined()
    const verdict = await page.locator('main').innerText()
    expect(verdict).toContain('Verified')
    expect(verdict).toContain('Grace Learner')
    expect(verdict).not.toMatch(/Not verified|Failed/)
    await screenshot(page, '08-credential-verified')

    // Revoke it from the organization's credentials page; the public page then says so.
    const credentialId = new URL(credentialUrl).pathname.split('/').pop()!
    await page.goto(`${base}/orgs/northbridge/credentials/${credentialId}`)
    // Revoking asks for confirmation on a page of its own, with the reason.
    await Promise.all([page.waitForURL(/\/revoke$/), page.getByRole('link', { name: /^revoke/i }).click()])
    const revokeForm = page.locator('form', { has: page.getByRole('button', { name: /^revoke/i }) })
    await revokeForm.getByLabel(/^Reason/).fill('Issued to the wrong person')
    await Promise.all([page.waitForURL(/done=revoke/), revokeForm.getByRole('button', { name: /^revoke/i }).click()])
    await screenshot(page, '09-revoked-admin')
    await page.goto(credentialUrl)
    const after = await page.locator('main').innerText()
    expect(after).toContain('Revoked')
    expect(after).toContain('Issued to the wrong person')
    await screenshot(page, '10-credential-revoked')

    expect(problems).toEqual([])
  })
})
