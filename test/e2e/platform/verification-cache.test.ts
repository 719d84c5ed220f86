// Issue #9 item 1: verification costs what changes. The proof stage of an unchanged signed text and
// key set is kept (and the report says so), while status, validity and log inclusion are read on
// every look; revoking the credential shows at once, revoking the signing key discards what was
// kept; looks are counted in memory and written in batches; the signed document is served as
// stored with a strong ETag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readJson } from '../../support/platform.js'
import { startCredentialPlatform, type CredentialPlatform } from './public-credential-fixture.js'

let p: CredentialPlatform
beforeAll(async () => {
  p = await startCredentialPlatform()
})
afterAll(() => p.close())

type Check = { id: string; outcome: string; code?: string; cachedFrom?: string }
const verification = async (uuid: string) => readJson(await p.request(`/api/v1/credentials/${uuid}/verification`)) as Promise<{ verified: boolean; checks: Check[] }>
const check = (report: { checks: Check[] }, id: string) => report.checks.find((c) => c.id === id)!

describe('the verification cache', () => {
  it('verifies the proof once: the next report says its proof outcome was kept, and every other check still runs', async () => {
    const issued = await p.issue({ email: 'cache@example.org' })
    await p.signCheckpoint()
    const first = await verification(issued.uuid)
    expect(first.verified).toBe(true)
    expect(check(first, 'proof').cachedFrom).toBeUndefined()
    const second = await verification(issued.uuid)
    expect(second.verified).toBe(true)
    expect(check(second, 'proof')).toMatchObject({ outcome: 'passed', cachedFrom: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })
    expect(check(second, 'issuer-binding').cachedFrom).toBeDefined()
    for (const id of ['validity-period', 'status', 'log-inclusion']) expect(check(second, id).cachedFrom).toBeUndefined()
    expect(check(second, 'log-inclusion').outcome).toBe('passed')
  })

  it('shows a revocation on the very next page view and verification, the proof outcome still kept', async () => {
    const issued = await p.issue({ email: 'revoked-next@example.org' })
    expect(await (await p.request(`/c/${issued.uuid}`)).text()).toContain('data-verdict="verified"')
    await p.changeStatus(issued.id, 'revoke', 'Issued in error')
    expect(await (await p.request(`/c/${issued.uuid}`)).text()).toMatch(/data-verdict="revoked"/)
    const report = await verification(issued.uuid)
    expect(report.verified).toBe(false)
    expect(check(report, 'status')).toMatchObject({ outcome: 'failed', code: 'CREDENTIAL_REVOKED' })
    expect(check(report, 'proof')).toMatchObject({ outcome: 'passed', cachedFrom: expect.any(String) })
  })

  it('discards the kept proof outcome when the signing key is revoked', async () => {
    const issued = await p.issue({ email: 'key-revoked@example.org' })
    expect(check(await verification(issued.uuid), 'proof').outcome).toBe('passed')
    expect(check(await verification(issued.uuid), 'proof').cachedFrom).toBeDefined()
    const signing = (await p.t.store.repos.orgKeys.keysOf(p.org.id)).find((k) => k.state === 'active')!
    await p.t.platform.orgs.rotateKey(p.org.id)
    // A rotation keeps the old key in the DID document: the credential still verifies (freshly).
    const rotated = await verification(issued.uuid)
    expect(check(rotated, 'proof')).toMatchObject({ outcome: 'passed' })
    expect(check(rotated, 'proof').cachedFrom).toBeUndefined()
    await p.t.platform.orgs.revokeKey({ orgId: p.org.id, keyId: signing.id, input: { reason: 'Key leaked' } })
    const report = await verification(issued.uuid)
    expect(report.verified).toBe(false)
    expect(check(report, 'proof').outcome).toBe('failed')
    expect(check(report, 'proof').cachedFrom).toBeUndefined()
  })
})

describe('counting looks without a write per GET', () => {
  it('keeps page views and verifications in memory until a flush, then the dashboard counts them', async () => {
    const issued = await p.issue({ email: 'counted@example.org' })
    await p.t.platform.flush() // what the tests above counted
    const before = await p.t.store.db.selectFrom('verification_events').select(['kind', 'count']).where('org_id', '=', p.org.id).execute()
    const rows = () => p.t.store.db.selectFrom('verification_events').select(['kind', 'count']).where('credential_id', '=', issued.id).orderBy('kind').execute()
    await p.request(`/c/${issued.uuid}`)
    await p.request(`/c/${issued.uuid}`)
    await p.request(`/api/v1/credentials/${issued.uuid}/verification`)
    expect(await rows()).toEqual([])
    const owner = await p.t.seedUser()
    await p.t.seedMember(p.org, owner, 'viewer')
    // Reading the statistics writes what was counted first.
    const body = (await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/activity?days=1`, { as: owner }))) as { totals: { views: number; verified: number } }
    // Looks of one credential, kind and outcome between two writes are one row with their count.
    expect(await rows()).toEqual([
      { kind: 'verification', count: 1 },
      { kind: 'view', count: 2 },
    ])
    const sum = (kind: string) => before.filter((e) => e.kind === kind).reduce((n, e) => n + e.count, 0)
    const views = sum('view') + 2
    const verified = sum('verification') + 1
    expect(body.totals).toMatchObject({ views, verified })
  })

  it('writes the counted looks on its own within a few seconds', async () => {
    const issued = await p.issue({ email: 'timer@example.org' })
    await p.request(`/c/${issued.uuid}`)
    const count = async () => (await p.t.store.db.selectFrom('verification_events').select('kind').where('credential_id', '=', issued.id).execute()).length
    const deadline = Date.now() + 5000
    while ((await count()) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(await count()).toBe(1)
  })
})

describe('GET /credentials/:id as stored', () => {
  it('serves the stored bytes with a strong ETag and answers 304 to If-None-Match', async () => {
    const issued = await p.issue({ email: 'etag@example.org' })
    const stored = await p.t.store.db.selectFrom('credentials').select('json').where('id', '=', issued.id).executeTakeFirstOrThrow()
    const res = await p.request(`/credentials/${issued.uuid}`)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(stored.json)
    const etag = res.headers.get('etag')!
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/)
    expect(res.headers.get('cache-control')).toBe('public, max-age=300')
    const again = await p.request(`/credentials/${issued.uuid}`, { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect((await p.request(`/credentials/${issued.uuid}`, { headers: { 'if-none-match': '"other"' } })).status).toBe(200)
  })

  it('gives a VC-JWT credential one ETag per body: the compact JWS and its JSON form', async () => {
    const jwtIssuer = await p.seedJwtIssuer()
    const issued = await p.issue({ email: 'jwt-etag@example.org' }, jwtIssuer.org, jwtIssuer.achievementId)
    const compact = await p.request(`/credentials/${issued.uuid}`)
    const json = await p.request(`/credentials/${issued.uuid}`, { headers: { accept: 'application/json' } })
    expect(compact.headers.get('etag')).not.toBe(json.headers.get('etag'))
    expect((await p.request(`/credentials/${issued.uuid}`, { headers: { 'if-none-match': json.headers.get('etag')! } })).status).toBe(200)
    expect((await p.request(`/credentials/${issued.uuid}`, { headers: { accept: 'application/json', 'if-none-match': json.headers.get('etag')! } })).status).toBe(304)
  })
})
