// Two serving instances on one database (as two web processes behind a load balancer): the
// authorization starts on one, the consent page is answered by the other (its first request ever),
// and the token is fetched from the first. Clients, interactions, grants and codes are shared rows,
// and so are the keys that sign the server's cookies.
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashSecret } from '../../../src/app/platform/secret-token.js'
import { loadConfig } from '../../../src/config.js'
import { SESSION_COOKIE } from '../../../src/http/auth/tokens.js'
import { silentLogger } from '../../../src/http/logger.js'
import { openServices, startServer, type RunningServer, type Services } from '../../../src/main.js'
import { freePort } from '../../support/server-process.js'
import { CookieJar, follow, pkcePair, register, tokenRequest } from './oauth-client.js'

const READ = 'https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly'

describe('the OB 3.0 API across two processes on one database', () => {
  let dir: string
  const services: Services[] = []
  const servers: RunningServer[] = []
  let base: string
  let other: string
  let session: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-ob3-two-'))
    const [a, b] = [await freePort(), await freePort()]
    base = `http://127.0.0.1:${a}`
    other = `http://127.0.0.1:${b}`
    for (const port of [a, b]) {
      const config = loadConfig({ PORT: String(port), EMBLEM_DATA_DIR: dir, EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent' }, {})
      const s = await openServices(config, silentLogger, { role: 'web' })
      services.push(s)
      servers.push(await startServer(config, { log: silentLogger, platform: s.platform.platform, transparencyLog: s.transparencyLog, handleSignals: false }))
    }
    const now = new Date().toISOString()
    const id = crypto.randomUUID()
    await services[0]!.store.db.insertInto('users').values({ id, email: 'amara@example.org', name: 'Amara Okafor', password_hash: '$argon2id$unused', email_verified_at: now, created_at: now }).execute()
    session = randomBytes(32).toString('base64url')
    await services[0]!.store.db.insertInto('sessions').values({ id_hash: hashSecret(session), user_id: id, csrf_token: 'csrf', created_at: now, expires_at: new Date(Date.now() + 86_400_000).toISOString() }).execute()
  }, 120_000)

  afterAll(async () => {
    for (const s of servers) await s.close()
    for (const s of services) await s.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('starts on one, is consented on the other, and gives a working token', async () => {
    const clientBase = base.replace('127.0.0.1', 'localhost')
    const reg = await register(`${base}/ims/ob/v3p0/oauth/reg`, { client_name: 'Two Step', client_uri: `${clientBase}/`, redirect_uris: [`${clientBase}/cb`], scope: READ, software_id: 'two' })
    expect(reg.status).toBe(201)
    const jar = new CookieJar()
    jar.cookies.set(SESSION_COOKIE, session)
    const { verifier, challenge } = pkcePair()
    const start = `${base}/ims/ob/v3p0/oauth/auth?${new URLSearchParams({ response_type: 'code', client_id: reg.body.client_id, redirect_uri: `${clientBase}/cb`, scope: READ, state: 's', code_challenge: challenge, code_challenge_method: 'S256' })}`
    const { url: consent } = await follow(jar, start, { base })
    expect(consent).toContain('/oauth/consent/')
    // The consent page is the second process's first request.
    const onOther = consent.replace(base, other)
    const page = await fetch(onOther, { headers: { cookie: jar.header(), accept: 'text/html' } })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Two Step')
    const answered = await fetch(onOther, { method: 'POST', redirect: 'manual', headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: 'csrf', decision: 'allow' }) })
    expect(answered.status).toBe(303)
    const { url: back } = await follow(jar, answered.headers.get('location')!, { base })
    const code = new URL(back).searchParams.get('code')
    expect(code, back).toBeTruthy()
    const token = await tokenRequest(`${base}/ims/ob/v3p0/oauth/token`, reg.body, { grant_type: 'authorization_code', code: code!, redirect_uri: `${clientBase}/cb`, code_verifier: verifier })
    expect(token.status).toBe(200)
    for (const host of [base, other]) {
      const res = await fetch(`${host}/ims/ob/v3p0/credentials`, { headers: { authorization: `Bearer ${token.body.access_token}` } })
      expect(res.status, host).toBe(200)
    }
  })
})
