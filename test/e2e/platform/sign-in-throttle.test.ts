// Issue #11 item 7: 40 source addresses made 200 guesses on one account in 3 s (the limits counted
// per (address, e-mail) and per address, in one process's memory). The per-account throttle is in
// the database: guesses from any address and any process count, each past the first few locks
// the account a little longer (429 with Retry-After), and the right password works once it lapses.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCOUNT_THROTTLE, accountLockMs } from '../../../src/app/accounts/limits.js'
import { masterKeyFrom } from '../../../src/keys/master-key.js'
import { createPlatform } from '../../../src/platform.js'
import { hasPostgres, readJson, startTestPlatform, type TestPlatform } from '../../support/platform.js'
import { fromIp } from './account-helpers.js'

const PASSWORD = 'seven swans a-swimming'
const { free, baseMs, maxMs } = ACCOUNT_THROTTLE

describe('accountLockMs', () => {
  it('locks nothing for the free failures, then doubles from the base up to the cap', () => {
    expect(accountLockMs(free)).toBe(0)
    expect(accountLockMs(free + 1)).toBe(baseMs)
    expect(accountLockMs(free + 2)).toBe(2 * baseMs)
    expect(accountLockMs(free + 100)).toBe(maxMs)
  })
})

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe.skipIf(dialect === 'postgres' && !hasPostgres)(`the per-account sign-in throttle on ${dialect}`, () => {
    let t: TestPlatform
    beforeAll(async () => {
      t = await startTestPlatform({ dialect })
    })
    afterAll(() => t?.close())

    /** Signs in through the use case, as a request from `ip` would (the app never trusts X-Forwarded-For). */
    const attempt = (email: string, password: string, ip: string, platform = t.platform) =>
      platform.accounts.signIn({ email, password, ip }).then(
        () => 'ok' as const,
        (err: { code?: string; retryAfterSeconds?: number }) => (err.code === 'ERR_RATE_LIMITED' ? { limited: err.retryAfterSeconds! } : err.code),
      )

    it('stops 40 addresses guessing one account after the free failures, counted in every process', async () => {
      const user = await t.seedUser({ password: PASSWORD })
      // A second process on the same database: its in-memory limits are its own, the throttle is shared.
      const other = createPlatform({ store: t.store, masterKey: masterKeyFrom(randomBytes(32)), publicUrl: t.config.publicUrl, clock: t.clock, fetch: t.config.fetch, dataDir: t.dataDir }).platform
      const outcomes = []
      for (let i = 0; i < 200; i++) outcomes.push(await attempt(user.email, `guess ${i}`, `203.0.113.${i % 40}`, i % 2 === 0 ? t.platform : other))
      const failed = outcomes.filter((o) => o === 'ERR_UNAUTHENTICATED').length
      expect(failed).toBe(free + 1) // the free failures, and the one that locked the account
      expect(outcomes.at(-1)).toEqual({ limited: baseMs / 1000 })
      // Locked: even the right password, from a fresh address, is refused without being checked.
      expect(await attempt(user.email, PASSWORD, '198.51.100.99')).toEqual({ limited: baseMs / 1000 })
      // Another account is not locked.
      const bystander = await t.seedUser({ password: PASSWORD })
      expect(await attempt(bystander.email, PASSWORD, '203.0.113.1')).toBe('ok')

      // Each further failure locks it longer: 15 s, then 30 s.
      t.clock.advance(baseMs)
      expect(await attempt(user.email, 'another guess', '203.0.113.77')).toBe('ERR_UNAUTHENTICATED')
      expect(await attempt(user.email, PASSWORD, '203.0.113.78')).toEqual({ limited: (2 * baseMs) / 1000 })

      // Once the lock lapses the right password works, and clears the count.
      t.clock.advance(2 * baseMs)
      expect(await attempt(user.email, PASSWORD, '203.0.113.79')).toBe('ok')
      expect(await attempt(user.email, 'one slip', '203.0.113.80')).toBe('ERR_UNAUTHENTICATED')
      expect(await attempt(user.email, PASSWORD, '203.0.113.81')).toBe('ok')
    })

    it('counts unknown addresses alike, so the throttle tells nobody whether an account exists', async () => {
      const outcomes = []
      for (let i = 0; i < free + 2; i++) outcomes.push(await attempt('nobody@example.org', `guess ${i}`, `203.0.113.${100 + i}`))
      expect(outcomes.at(-1)).toEqual({ limited: baseMs / 1000 })
    })

    it('answers the sessions API with 429 and Retry-After while the account is locked', async () => {
      const user = await t.seedUser({ password: PASSWORD })
      for (let i = 0; i <= free; i++) await attempt(user.email, `guess ${i}`, `192.0.2.${i}`)
      const csrf = 'abcdefghijklmnopqrstuvwxyz012345'
      const res = await t.app.request(
        '/api/v1/sessions',
        { method: 'POST', headers: { 'content-type': 'application/json', cookie: `emblem_csrf=${csrf}`, 'x-csrf-token': csrf }, body: JSON.stringify({ email: user.email, password: PASSWORD }) },
        fromIp('198.51.100.200'),
      )
      expect(res.status).toBe(429)
      expect(res.headers.get('retry-after')).toBe(String(baseMs / 1000))
      expect((await readJson(res)).code).toBe('ERR_RATE_LIMITED')
    })
  })
}
