// The per-organization choice of status entries (issue #14 item 4), run on SQLite and on PostgreSQL
// (status-entries.test.ts, status-entries-postgres.test.ts): by default a credential carries its
// revocation entry only, and a suspension shows only here; with 'revocation-and-suspension' it
// carries both, and a verifier that knows nothing of this instance sees the suspension.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { readJson, type TestSession } from '../../support/platform.js'
import { anonymously } from './issuance-access.js'
import { failedChecks, startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

export function statusEntriesSuite(dialect: 'sqlite' | 'postgres'): void {
  let p: IssuancePlatform
  beforeAll(async () => {
    p = await startIssuancePlatform(dialect === 'postgres' ? { dialect } : {})
  })
  afterAll(() => p?.close())

  const orgPath = () => `/api/v1/orgs/${p.org.slug}`
  const issue = async () => {
    const res = await p.t.request(`${orgPath()}/achievements/${p.achievementId}/credentials`, { as: p.owner, method: 'POST', json: { recipient: { email: `learner-${p.t.ports.random.uuid()}@example.org`, name: 'Ada' } } })
    expect(res.status).toBe(201)
    return (await readJson(res)) as { id: string; credential: Record<string, any> }
  }
  const suspend = async (id: string) => {
    const res = await p.t.request(`${orgPath()}/credentials/${id.slice('urn:uuid:'.length)}/suspend`, { as: p.owner, method: 'POST', json: { reason: 'Under review' } })
    expect(res.status).toBe(200)
  }
  const statusOf = async (credential: unknown) => (await p.verify(credential)).checks.find((c) => c.id === 'status')!

  it('defaults to one revocation entry: a suspension is invisible to a verifier that knows nothing of this instance, and the page says so', async () => {
    expect(await readJson(await p.t.request(orgPath(), { as: p.owner }))).toMatchObject({ statusEntries: 'revocation' })
    const { id, credential } = await issue()
    expect(credential.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' })
    await suspend(id)
    expect(await statusOf(credential)).toMatchObject({ outcome: 'passed' })
    const page = await (await p.t.request(`/c/${id.slice('urn:uuid:'.length)}`)).text()
    expect(page).toContain('data-suspension-local')
    expect(page).toContain('a suspension is enforced only by this instance')
  })

  it('lets an owner choose revocation and suspension entries, refuses other values, and keeps it from viewers and outsiders', async () => {
    const viewer: TestSession = await p.t.seedUser()
    await p.t.seedMember(p.org, viewer, 'viewer')
    const outsider = await p.t.seedUser()
    const change = (as: TestSession | undefined, statusEntries: string) =>
      as ? p.t.request(orgPath(), { as, method: 'PATCH', json: { statusEntries } }) : anonymously(p.t, orgPath(), { method: 'PATCH', json: { statusEntries } })
    expect((await change(viewer, 'revocation-and-suspension')).status).toBe(403)
    expect((await change(outsider, 'revocation-and-suspension')).status).toBe(404)
    expect((await change(undefined, 'revocation-and-suspension')).status).toBe(401)
    const bad = await change(p.owner, 'suspension')
    expect(bad.status).toBe(400)
    expect(JSON.stringify(await readJson(bad))).toContain('statusEntries')
    const res = await change(p.owner, 'revocation-and-suspension')
    expect(res.status).toBe(200)
    expect(await readJson(res)).toMatchObject({ statusEntries: 'revocation-and-suspension' })
  })

  it('then issues both entries: the credential verifies, and a suspension shows in any Bitstring Status List verifier', async () => {
    const { id, credential } = await issue()
    expect(credential.credentialStatus).toHaveLength(2)
    expect(credential.credentialStatus.map((e: { statusPurpose: string }) => e.statusPurpose)).toEqual(['revocation', 'suspension'])
    const report = await p.verify(credential)
    expect(failedChecks(report)).toEqual([])
    expect(report.verified).toBe(true)
    // Two entries are what VC 2.0 allows and the official OB 3.0 schema does not: named, not a failure.
    expect(report.checks.find((c) => c.id === 'schema')).toMatchObject({ outcome: 'skipped', code: 'SCHEMA_STATUS_ENTRIES' })
    expect((await p.t.request(`/c/${id.slice('urn:uuid:'.length)}`).then((r) => r.text()))).not.toContain('data-suspension-local')
    await suspend(id)
    expect(await statusOf(credential)).toMatchObject({ outcome: 'failed', code: 'CREDENTIAL_SUSPENDED' })
  })
}
