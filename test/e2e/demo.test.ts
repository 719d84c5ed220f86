import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DemoSummary } from '../../src/cli/demo.js'
import { main } from '../../src/cli/main.js'
import { loadConfig } from '../../src/config.js'
import { silentLogger } from '../../src/http/logger.js'
import { createApp, openServices } from '../../src/main.js'

// `emblem demo` reads its configuration from the environment, like every command.
let dir: string
const saved = process.env.EMBLEM_DATA_DIR
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emblem-demo-'))
  process.env.EMBLEM_DATA_DIR = dir
})
afterAll(async () => {
  if (saved === undefined) delete process.env.EMBLEM_DATA_DIR
  else process.env.EMBLEM_DATA_DIR = saved
  await rm(dir, { recursive: true, force: true })
})

async function run(...argv: string[]) {
  let out = ''
  let err = ''
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t), readStdin: async () => '', setExitCode: () => {} })
  return { code, out, err }
}

const DAY = 86_400_000

describe('emblem demo', () => {
  it('seeds organizations whose history, credentials, sign-in and API keys work, and issues more on a second run', async () => {
    const first = await run('demo', '--credentials', '7', '--json')
    expect(first.code, first.err).toBe(0)
    const summary = JSON.parse(first.out) as DemoSummary
    expect(summary).toMatchObject({ org: 'demo', email: 'demo@example.org', credentials: 7 })

    // Several organizations, each with its key, published achievements and credentials; the main one first and at the top.
    expect(summary.orgs.length).toBeGreaterThanOrEqual(3)
    expect(summary.orgs[0]).toMatchObject({ slug: 'demo', apiKey: summary.apiKey, achievements: summary.achievements })
    expect(new Set(summary.orgs.map((o) => o.slug)).size).toBe(summary.orgs.length)
    for (const org of summary.orgs) {
      expect(org.id).toMatch(/^[0-9a-f-]{36}$/)
      expect(org.apiKey).toMatch(/^emb_/)
      expect(org.achievements.length).toBeGreaterThanOrEqual(2)
      expect(org.credentials.length).toBeGreaterThanOrEqual(20)
      for (const c of org.credentials) expect(org.achievements).toContain(c.achievementId)
    }
    const credentials = summary.orgs.flatMap((o) => o.credentials)
    expect(credentials.filter((c) => c.state === 'revoked').length).toBeGreaterThan(0)
    expect(credentials.filter((c) => c.claimed).length).toBeGreaterThan(credentials.length / 2)
    // Claim links for the unclaimed ones the history left, and none for claimed ones.
    const unclaimed = credentials.filter((c) => !c.claimed && c.claimUrl)
    expect(unclaimed.length).toBeGreaterThan(0)
    expect(credentials.filter((c) => c.claimed && c.claimUrl)).toEqual([])
    for (const c of unclaimed) expect(c.claimUrl).toMatch(/\/claim\/[A-Za-z0-9_-]{40,}$/)
    // The history's credentials, today's bulk ones, the two the demo learner got from the main organization,
    // and the ten the employer side's four learners hold.
    expect(summary.history.issued + 7 + 2 + 10).toBe(credentials.length)
    expect(summary.history).toMatchObject({ claimed: expect.any(Number), verified: expect.any(Number) })
    expect(summary.history.verified).toBeGreaterThan(0)

    // Learners from several languages, with diacritics and other scripts.
    const names = summary.learners.map((l) => l.name).join(' ')
    for (const script of ['Latin', 'Greek', 'Arabic', 'Han', 'Devanagari', 'Cyrillic']) expect(names, script).toMatch(new RegExp(`\\p{Script=${script}}`, 'u'))
    for (const letter of ['ü', 'é', 'ñ', 'ł', 'ø']) expect(names).toContain(letter)
    for (const l of summary.learners) expect(l.email).toMatch(/^[a-z0-9.]+@example\.org$/)

    // Activity spread over the last 90 days, dated in the past: no day holds most of it.
    const now = Date.now()
    const issuedDays = new Set(credentials.map((c) => c.issuedAt.slice(0, 10)))
    for (const c of credentials) expect(now - Date.parse(c.issuedAt)).toBeLessThan(90 * DAY)
    expect(issuedDays.size).toBeGreaterThanOrEqual(40)

    // A second run reuses the organizations and achievements, plays no history again, and adds its bulk credentials.
    const second = await run('demo', '--credentials', '2', '--json')
    expect(second.code, second.err).toBe(0)
    const again = JSON.parse(second.out) as DemoSummary
    expect(again.achievements).toEqual(summary.achievements) // reused, not duplicated
    expect(again.orgs.map((o) => o.id)).toEqual(summary.orgs.map((o) => o.id))
    expect(again.password).not.toBe(summary.password)
    expect(again.history.issued).toBe(0)
    expect(again.orgs[0]!.credentials).toHaveLength(summary.orgs[0]!.credentials.length + 2)

    const config = loadConfig()
    const services = await openServices(config, silentLogger)
    try {
      const app = createApp(config, { log: silentLogger, platform: services.platform.platform, transparencyLog: services.transparencyLog })
      const list = await app.request('/api/v1/orgs/demo/credentials?limit=200', { headers: { authorization: `Bearer ${again.apiKey}` } })
      expect(list.status).toBe(200)
      const { items } = (await list.json()) as { items: { id: string }[] }
      expect(items).toHaveLength(summary.orgs[0]!.credentials.length + 2)
      // Every organization's key works for its own organization; the first run's keys still work.
      for (const org of again.orgs) expect((await app.request(`/api/v1/orgs/${org.slug}/credentials?limit=1`, { headers: { authorization: `Bearer ${org.apiKey}` } })).status).toBe(200)
      expect((await app.request('/api/v1/orgs/demo/credentials', { headers: { authorization: `Bearer ${summary.apiKey}` } })).status).toBe(200)
      expect((await app.request('/api/v1/orgs/demo/credentials', { headers: { authorization: `Bearer ${again.orgs[1]!.apiKey}` } })).status).not.toBe(200)

      // An unclaimed credential's claim link opens.
      const claim = new URL(unclaimed.find((c) => again.orgs.flatMap((o) => o.credentials).some((a) => a.id === c.id && !a.claimed))!.claimUrl!)
      expect((await app.request(claim.pathname)).status).toBe(200)

      // The main organization's activity: on at least 60 of the last 90 days, and the dashboard shows non-zero figures.
      const platform = services.platform.platform
      const activity = await platform.dashboard.activity(summary.orgs[0]!.id, 90)
      const busy = activity.days.filter((d) => d.issued + d.claimed + d.verified + d.revoked > 0)
      expect(busy.length).toBeGreaterThanOrEqual(60)
      expect(Math.max(...activity.days.map((d) => d.issued))).toBeLessThan(activity.totals.issued / 4)
      expect(activity.totals).toMatchObject({ issued: items.length })
      for (const key of ['claimed', 'verified', 'revoked'] as const) expect(activity.totals[key], key).toBeGreaterThan(0)

      const csrf = await app.request('/api/v1/sessions/csrf')
      const cookie = csrf.headers.get('set-cookie')!.split(';')[0]!
      const { csrfToken } = (await csrf.json()) as { csrfToken: string }
      const signIn = (password: string) =>
        app.request('/api/v1/sessions', {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'demo@example.org', password }),
        })
      const session = await signIn(again.password)
      expect(session.status).toBe(201)
      expect((await signIn(summary.password)).status).toBe(401)
      const sessionCookie = session.headers.get('set-cookie')!.split(';')[0]!
      const dashboard = await app.request('/orgs/demo/dashboard?days=90', { headers: { cookie: sessionCookie } })
      expect(dashboard.status).toBe(200)
      const html = await dashboard.text()
      expect(html).toContain(`>${activity.totals.issued}<`)
      expect(html).toContain(`>${activity.totals.claimed}<`)
      expect(html).toContain(`>${activity.totals.verified}<`)

      // The demo learner signs in; their wallet holds two claimed credentials of the main organization
      // (the first issued to their DID) and one imported from External Academy, all verified.
      expect(summary.learner).toMatchObject({ email: 'learner@example.org', handle: expect.stringMatching(/^[a-z0-9-]{3,30}$/) })
      expect(again.learner!.password).not.toBe(summary.learner!.password)
      const learnerSession = await app.request('/api/v1/sessions', {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ email: again.learner!.email, password: again.learner!.password }),
      })
      expect(learnerSession.status).toBe(201)
      const learnerId = ((await learnerSession.json()) as { user: { id: string } }).user.id
      const wallet = await services.store.repos.walletItems.list(learnerId)
      expect(wallet.map((i) => [i.source, i.issuerName, i.verified])).toEqual(
        expect.arrayContaining([
          ['claim', summary.orgs[0]!.name, true],
          ['claim', summary.orgs[0]!.name, true],
          ['import', 'External Academy', true],
        ]),
      )
      expect(wallet).toHaveLength(3)
      // The imported credential's own badge (a data: URL in it) is kept here and served as an image.
      const academy = wallet.find((i) => i.source === 'import')!
      expect(academy.imageUrl).toMatch(/\/images\/[0-9a-f]{64}$/)
      const badge = await app.request(new URL(academy.imageUrl!).pathname)
      expect(badge.status).toBe(200)
      expect(badge.headers.get('content-type')).toBe('image/svg+xml')
      const did = (await services.store.repos.holder.keyOf(learnerId))!.did
      expect(wallet.filter((i) => JSON.parse(i.document).credentialSubject?.id === did)).toHaveLength(2)
      expect(credentials.filter((c) => c.recipient.email === 'learner@example.org' && c.claimed)).toHaveLength(2)
      // Their public profile shows all three.
      const profile = await app.request(`/u/${summary.learner!.handle}`, { headers: { accept: 'application/json' } })
      expect(profile.status).toBe(200)
      const shown = (await profile.json()) as { handle: string; credentials: unknown[] }
      expect(shown.handle).toBe(summary.learner!.handle)
      expect(shown.credentials).toHaveLength(3)

      // The employer side: Northwind Analytics' member finds the opted-in learners by a broader skill.
      expect(again.employer).toMatchObject({ email: 'employer@example.org', org: 'northwind-analytics', learners: expect.arrayContaining(['amara-okafor', summary.learner!.handle]) })
      const employerSession = await app.request('/api/v1/sessions', {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ email: again.employer!.email, password: again.employer!.password }),
      })
      expect(employerSession.status).toBe(201)
      const found = await app.request('/api/v1/talent?org=northwind-analytics&skill=analyse+data', { headers: { cookie: employerSession.headers.get('set-cookie')!.split(';')[0]! } })
      expect(found.status).toBe(200)
      expect(((await found.json()) as { learners: { handle: string }[] }).learners.map((l) => l.handle)).toEqual(expect.arrayContaining(['amara-okafor', 'lukas-becker', 'sofia-ramirez']))

      // Every demo credential is in the signed log.
      const checkpoint = await services.store.log.latestCheckpoint()
      expect(checkpoint?.checkpoint.size).toBe(again.orgs.reduce((n, o) => n + o.credentials.length, 0))
    } finally {
      await services.close()
    }
  }, 240_000)

  it('refuses a credential count it cannot issue, with a message and exit code 2', async () => {
    const { code, err } = await run('demo', '--credentials', '-3')
    expect(code).toBe(2)
    expect(err).toContain('--credentials must be a whole number')
  })
})
