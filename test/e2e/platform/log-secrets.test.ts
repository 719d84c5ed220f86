// Issue #11 item 4: no secret in any log line. A real `emblem serve` process at debug level, its
// stderr captured to a file, taken through sign-up, a failed and a good sign-in, e-mail
// confirmation, an organization and an API key, issuing and claim links, and a password reset.
// Every password, session and CSRF token, API key, claim and e-mail token, and the master key must
// be absent from every line it wrote (in any common encoding).
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { openSync, closeSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFINITION } from './issuance-fixture.js'
import { freePort, waitForServer } from '../../support/server-process.js'

/** A browser's cookies for one origin, enough for these flows. */
class Jar {
  private cookies = new Map<string, string>()
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const [name, ...value] = pair!.split('=')
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name!.trim())
      else this.cookies.set(name!.trim(), value.join('='))
    }
  }
  get(name: string) {
    return this.cookies.get(name)
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }
}

describe('the server log', () => {
  let dir: string
  let logFile: string
  let server: ChildProcess
  let base: string
  const secrets = new Map<string, string>()
  const keep = (what: string, value: string | undefined) => {
    expect(value, what).toBeTruthy()
    secrets.set(what, value!)
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-log-secrets-'))
    logFile = join(dir, 'server.log')
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const out = openSync(logFile, 'a')
    const env: NodeJS.ProcessEnv = { ...process.env, EMBLEM_DATA_DIR: join(dir, 'data'), PORT: String(port), EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'debug', EMBLEM_ADMIN_EMAILS: 'admin@example.edu' }
    delete env['EMBLEM_DEV']
    delete env['EMBLEM_SMTP_URL']
    delete env['EMBLEM_MASTER_KEY']
    server = spawn('node', ['bin/emblem.mjs', 'serve'], { env, stdio: ['ignore', out, out] })
    closeSync(out)
    await waitForServer(base, 30_000)
  }, 60_000)

  afterAll(async () => {
    server?.kill('SIGTERM')
    await new Promise((r) => server?.once('exit', r))
    await rm(dir, { recursive: true, force: true })
  })

  /** A request as a browser with `jar` makes it (no redirects followed). */
  async function go(jar: Jar, path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers)
    if (jar.header()) headers.set('cookie', jar.header())
    const res = await fetch(`${base}${path}`, { ...init, headers, redirect: 'manual' })
    jar.take(res)
    return res
  }
  async function form(jar: Jar, path: string, fields: Record<string, string>, csrf: string) {
    return go(jar, path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, ...fields }).toString() })
  }
  async function json(jar: Jar, path: string, body: unknown, csrf: string, method = 'POST') {
    return go(jar, path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) })
  }
  /** The anonymous CSRF token of a fresh page, as a form would carry it. */
  async function anonymousToken(jar: Jar, page: string) {
    const html = await (await go(jar, page, { headers: { accept: 'text/html' } })).text()
    return /name="_csrf" value="([^"]+)"/.exec(html)![1]!
  }
  /** The instance's held e-mail to `to`, newest first, read by the administrator. */
  async function heldMailTo(admin: Jar, to: string): Promise<{ text: string }[]> {
    const res = await go(admin, '/api/v1/admin/outbox?limit=100')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { items: { to: string; text: string }[] }
    return body.items.filter((m) => m.to.includes(to))
  }

  it('holds no password, token, API key, claim link or key material through sign-up, sign-in, keys, issuing and a reset', async () => {
    const password = `Pw-${randomBytes(9).toString('base64url')}`
    const wrong = `Wrong-${randomBytes(9).toString('base64url')}`
    const newPassword = `New-${randomBytes(9).toString('base64url')}`
    keep('password', password)
    keep('wrong password', wrong)
    keep('new password', newPassword)

    // The administrator who reads the instance's held e-mail (no SMTP here).
    const admin = new Jar()
    let csrf = await anonymousToken(admin, '/sign-up')
    keep('anonymous CSRF token', csrf)
    expect((await form(admin, '/sign-up', { name: 'Admin', email: 'admin@example.edu', password }, csrf)).status).toBe(303)
    const adminSignIn = await json(admin, '/api/v1/sessions', { email: 'admin@example.edu', password }, csrf)
    expect(adminSignIn.status).toBe(201)
    keep('admin session', admin.get('emblem_session'))
    // Administrators read every held message once their own address is confirmed.
    const adminToken = /verify-email\?token=([A-Za-z0-9_-]+)/.exec((await heldMailTo(admin, 'admin@example.edu'))[0]!.text)![1]!
    keep('admin confirmation token', adminToken)
    expect((await go(admin, `/verify-email?token=${adminToken}`, { headers: { accept: 'text/html' } })).status).toBe(200)

    // A user: sign up, a wrong password, then sign in.
    const ada = new Jar()
    csrf = await anonymousToken(ada, '/sign-up')
    expect((await form(ada, '/sign-up', { name: 'Ada Lovelace', email: 'ada@example.edu', password }, csrf)).status).toBe(303)
    expect((await form(ada, '/sign-in', { email: 'ada@example.edu', password: wrong }, csrf)).status).toBe(401)
    const signIn = await json(ada, '/api/v1/sessions', { email: 'ada@example.edu', password }, csrf)
    expect(signIn.status).toBe(201)
    const session = (await signIn.json()) as { csrfToken: string }
    keep('session CSRF token', session.csrfToken)
    keep('session cookie', ada.get('emblem_session'))

    // Confirm the address with the mailed link.
    const [confirmation] = await heldMailTo(admin, 'ada@example.edu')
    expect(confirmation, 'the confirmation e-mail').toBeDefined()
    const verifyToken = /verify-email\?token=([A-Za-z0-9_-]+)/.exec(confirmation!.text)![1]!
    keep('e-mail confirmation token', verifyToken)
    expect((await go(ada, `/verify-email?token=${verifyToken}`, { headers: { accept: 'text/html' } })).status).toBe(200)

    // An organization, a published achievement and an API key.
    const org = await json(ada, '/api/v1/orgs', { name: 'Log Test University', slug: 'log-test' }, session.csrfToken)
    expect(org.status).toBe(201)
    const key = await json(ada, '/api/v1/orgs/log-test/api-keys', { name: 'ci', role: 'issuer' }, session.csrfToken)
    expect(key.status).toBe(201)
    const apiKey = ((await key.json()) as { secret: string }).secret
    keep('API key', apiKey)
    const badge = await json(ada, '/api/v1/orgs/log-test/images/design', { title: 'LOG' }, session.csrfToken)
    expect(badge.status).toBe(201)
    const imageId = ((await badge.json()) as { id: string }).id
    const achievement = await json(ada, '/api/v1/orgs/log-test/achievements', { ...DEFINITION, imageId }, session.csrfToken)
    expect(achievement.status).toBe(201)
    const achievementId = ((await achievement.json()) as { id: string }).id
    expect((await json(ada, `/api/v1/orgs/log-test/achievements/${achievementId}/publish`, {}, session.csrfToken)).status).toBe(200)

    // Issuing with the API key, then a fresh claim link; the learner opens it.
    const bearer = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }
    const issued = await fetch(`${base}/api/v1/orgs/log-test/achievements/${achievementId}/credentials`, { method: 'POST', headers: bearer, body: JSON.stringify({ recipient: { email: 'grace@example.org', name: 'Grace Hopper' } }) })
    expect(issued.status).toBe(201)
    const credentialId = ((await issued.json()) as { id: string }).id
    expect((await fetch(`${base}/api/v1/orgs/log-test/credentials/${encodeURIComponent(credentialId)}/claim-link`, { method: 'POST', headers: bearer })).status).toBe(202)
    // A wrong API key is refused, and must not be logged either.
    const forgedKey = `${apiKey.slice(0, -6)}AAAAAA`
    keep('refused API key', forgedKey)
    expect((await fetch(`${base}/api/v1/orgs/log-test/credentials`, { headers: { authorization: `Bearer ${forgedKey}` } })).status).toBe(401)
    const outbox = await (await go(ada, '/orgs/log-test/outbox', { headers: { accept: 'text/html' } })).text()
    const messages = [...new Set([...outbox.matchAll(/\/orgs\/log-test\/outbox\/([A-Za-z0-9-]+)/g)].map((m) => m[1]!))]
    const claimTokens = new Set<string>()
    for (const id of messages) {
      const text = await (await go(ada, `/orgs/log-test/outbox/${id}`, { headers: { accept: 'text/html' } })).text()
      for (const m of text.matchAll(/\/claim\/([A-Za-z0-9_-]{16,})/g)) claimTokens.add(m[1]!)
    }
    expect(claimTokens.size).toBeGreaterThan(0)
    for (const token of claimTokens) {
      keep(`claim token ${token.slice(0, 4)}`, token)
      expect((await go(new Jar(), `/claim/${token}`, { headers: { accept: 'text/html' } })).status).toBeLessThan(500)
    }

    // A password reset by its mailed link.
    const learner = new Jar()
    csrf = await anonymousToken(learner, '/forgot-password')
    expect((await form(learner, '/forgot-password', { email: 'ada@example.edu' }, csrf)).status).toBe(303)
    const reset = (await heldMailTo(admin, 'ada@example.edu')).map((m) => /reset-password\?token=([A-Za-z0-9_-]+)/.exec(m.text)?.[1]).find(Boolean)
    keep('password reset token', reset)
    expect((await go(learner, `/reset-password?token=${reset}`, { headers: { accept: 'text/html' } })).status).toBe(200)
    expect((await form(learner, '/reset-password', { token: reset!, password: newPassword }, csrf)).status).toBe(303)
    keep('session after reset', learner.get('emblem_session'))

    // The master key sealing every organization's private key.
    const masterKey = await readFile(join(dir, 'data', 'master.key'))
    keep('master key (file)', masterKey.toString('utf8').trim())
    const raw = /^[0-9a-f]{64}$/i.test(masterKey.toString('utf8').trim()) ? Buffer.from(masterKey.toString('utf8').trim(), 'hex') : masterKey
    keep('master key (hex)', raw.toString('hex'))
    keep('master key (base64)', raw.toString('base64').replace(/=+$/, ''))
    keep('master key (base64url)', raw.toString('base64url'))

    // Give the workers (checkpointer, mail) a moment to write what they write.
    await new Promise((r) => setTimeout(r, 1500))
    const log = await readFile(logFile, 'utf8')
    const lines = log.split('\n').filter(Boolean)
    // The log is really there and at debug level: one line per request, our requests among them.
    expect(lines.length).toBeGreaterThan(30)
    expect(log).toContain('"message":"request"')
    expect(log).toContain('/claim/[token]')
    for (const [what, value] of secrets) {
      const forms = new Set([value, encodeURIComponent(value), Buffer.from(value).toString('base64').replace(/=+$/, '')])
      for (const form of forms) expect(lines.filter((line) => line.includes(form)), `${what} appears in the log`).toEqual([])
    }
    expect(log, 'PEM key material').not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/)
    expect(log, 'JWK private parts').not.toMatch(/"d"\s*:\s*"/)
  }, 120_000)
})
