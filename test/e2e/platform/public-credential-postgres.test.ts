import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasPostgres, readJson } from '../../support/platform.js'
import { startCredentialPlatform, type CredentialPlatform } from './public-credential-fixture.js'

// The public credential on PostgreSQL: its document, page, live verification (status list, DID
// document and log proof read from PostgreSQL), revocation, the claim and verification events.
describe.skipIf(!hasPostgres)('the public credential on PostgreSQL', () => {
  let p: CredentialPlatform
  beforeAll(async () => {
    p = await startCredentialPlatform({ dialect: 'postgres' })
  })
  afterAll(() => p?.close())

  it('serves the document, shows the page verified with every check, then revoked with its reason', async () => {
    const issued = await p.issue({ name: 'Ada Lovelace' })
    await p.signCheckpoint()
    const doc = await p.request(`/credentials/${issued.uuid}`, { headers: { accept: 'application/vc+ld+json' } })
    expect(doc.headers.get('content-type')).toBe('application/vc+ld+json')
    expect((await readJson(doc)).id).toBe(issued.id)

    const report = await readJson(await p.request(`/api/v1/credentials/${issued.uuid}/verification`))
    expect(report.checks.map((c: { outcome: string }) => c.outcome)).toEqual(Array(8).fill('passed'))
    const page = await (await p.request(`/c/${issued.uuid}`)).text()
    expect(page).toContain('data-verdict="verified"')
    expect(page).toContain('Ada Lovelace')

    await p.changeStatus(issued.id, 'revoke', 'Academic misconduct')
    expect(await (await p.request(`/c/${issued.uuid}`)).text()).toMatch(/data-verdict="revoked"[\s\S]*Reason: Academic misconduct\./)
    await p.t.platform.flush()
    const events = await p.t.store.db.selectFrom('verification_events').select(['verified']).where('credential_id', '=', issued.id).execute()
    expect(events.map((e) => Number(e.verified)).sort()).toEqual([0, 1, 1])
  })

  it('accepts a claim once', async () => {
    const issued = await p.issue({ email: 'pg-claim@example.org' })
    expect((await p.submitForm(`/claim/${issued.claimToken}`, {})).status).toBe(303)
    expect((await p.submitForm(`/claim/${issued.claimToken}`, {})).status).toBe(400)
    const row = await p.t.store.db.selectFrom('issued_credentials').select(['claimed_at', 'show_name']).where('credential_id', '=', issued.id).executeTakeFirstOrThrow()
    expect(row.claimed_at).not.toBeNull()
    expect(Number(row.show_name)).toBe(0)
  })
})
