// Issue #8 item 12: a used claim link is not a dead end. Its page links to the credential, the
// learner can ask for a fresh link (mailed to the address on record only, rate limited, the same
// answer whatever happens), and the issuer can resend one from the API or the back office.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readJson, type TestSession } from '../../support/platform.js'
import { startCredentialPlatform, type CredentialPlatform } from './public-credential-fixture.js'

let p: CredentialPlatform
let issuer: TestSession
let viewer: TestSession
beforeAll(async () => {
  p = await startCredentialPlatform()
  issuer = await p.t.seedUser()
  await p.t.seedMember(p.org, issuer, 'issuer')
  viewer = await p.t.seedUser()
  await p.t.seedMember(p.org, viewer, 'viewer')
})
afterAll(() => p.close())

/** The claim links mailed to `email`, oldest first. */
const claimLinksTo = async (email: string) => {
  const rows = await p.t.store.db.selectFrom('outbox').select(['text', 'to_address']).where('to_address', '=', email).orderBy('created_at').execute()
  return rows.map((r) => /\/claim\/([A-Za-z0-9_-]+)/.exec(r.text)?.[1]).filter((t): t is string => t !== undefined)
}

describe('the learner asks for a new claim link', () => {
  it('mails a fresh link to the address on record; the old link names the credential and the new one opens it', async () => {
    const issued = await p.issue({ email: 'renew@example.org', name: 'Rosalind Franklin' })
    expect((await p.submitForm(`/claim/${issued.claimToken}`, { show_name: '1' })).status).toBe(303)
    const res = await p.submitForm(`/claim/${issued.claimToken}/new-link`, { email: 'attacker@example.org' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/claim/${issued.claimToken}?sent=1`)
    const links = await claimLinksTo('renew@example.org')
    expect(links).toHaveLength(2)
    expect(await claimLinksTo('attacker@example.org')).toEqual([])
    const fresh = links[1]!
    expect(fresh).not.toBe(issued.claimToken)

    const old = await p.request(`/claim/${issued.claimToken}?sent=1`)
    expect(old.status).toBe(200)
    const oldPage = await old.text()
    expect(oldPage).toContain('This claim link was replaced by a newer one')
    expect(oldPage).toContain('If a new link can be sent for this credential, it is on its way')
    expect(oldPage).toContain(`href="/c/${issued.uuid}"`)

    const opened = await (await p.request(`/claim/${fresh}`)).text()
    expect(opened).toContain('You already accepted this credential')
    expect(opened).toContain(`href="/c/${issued.uuid}"`)
  })

  it('answers an unknown link exactly as a known one, and sends nothing', async () => {
    const before = await p.t.store.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    const token = 'u'.repeat(43)
    const res = await p.submitForm(`/claim/${token}/new-link`, {})
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/claim/${token}?sent=1`)
    const after = await p.t.store.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
    const page = await (await p.request(`/claim/${token}?sent=1`)).text()
    expect(page).toContain('If a new link can be sent for this credential, it is on its way')
  })

  it('sends at most three an hour per credential, answering the same after that', async () => {
    const issued = await p.issue({ email: 'limit@example.org' })
    for (let i = 0; i < 5; i++) {
      const res = await p.submitForm(`/claim/${issued.claimToken}/new-link`, {})
      expect(res.status).toBe(303)
    }
    expect(await claimLinksTo('limit@example.org')).toHaveLength(1 + 3)
  })

  it('lets an unclaimed credential be accepted with the fresh link only', async () => {
    const issued = await p.issue({ email: 'unclaimed@example.org' })
    await p.submitForm(`/claim/${issued.claimToken}/new-link`, {})
    const fresh = (await claimLinksTo('unclaimed@example.org'))[1]!
    expect((await p.submitForm(`/claim/${issued.claimToken}`, {})).status).toBe(400)
    expect((await p.submitForm(`/claim/${fresh}`, {})).status).toBe(303)
  })

  it('sends nothing for a revoked credential and offers no new link', async () => {
    const issued = await p.issue({ email: 'revoked-renew@example.org' })
    await p.changeStatus(issued.id, 'revoke', 'Issued in error')
    await p.submitForm(`/claim/${issued.claimToken}/new-link`, {})
    expect(await claimLinksTo('revoked-renew@example.org')).toHaveLength(1)
  })
})

describe('the issuer resends a claim link', () => {
  it('POST /api/v1/orgs/{org}/credentials/{id}/claim-link mails a fresh link to the address on record', async () => {
    const issued = await p.issue({ email: 'resend@example.org' })
    const res = await p.t.request(`/api/v1/orgs/${p.org.slug}/credentials/${issued.uuid}/claim-link`, { method: 'POST', as: issuer })
    expect(res.status).toBe(202)
    expect(await readJson(res)).toEqual({ credentialId: issued.id, sentTo: 'resend@example.org', claimed: false })
    const links = await claimLinksTo('resend@example.org')
    expect(links).toHaveLength(2)
    expect((await p.request(`/claim/${links[1]}`)).status).toBe(200)
    expect(await (await p.request(`/claim/${issued.claimToken}`)).text()).toContain('This claim link was replaced by a newer one')
  })

  it('refuses viewers, other organizations, unknown and revoked credentials, and more than five an hour', async () => {
    const issued = await p.issue({ email: 'resend-limits@example.org' })
    const path = `/api/v1/orgs/${p.org.slug}/credentials/${issued.uuid}/claim-link`
    expect((await p.t.request(path, { method: 'POST', as: viewer })).status).toBe(403)
    expect((await p.t.request(path, { method: 'POST' })).status).toBe(403) // anonymous: no CSRF token, no access
    expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/credentials/0b8f7c1e-1111-4222-8333-444455556666/claim-link`, { method: 'POST', as: issuer })).status).toBe(404)
    const { org: other } = await p.seedJwtIssuer()
    const otherKey = await p.t.seedApiKey(other, 'issuer')
    expect((await p.t.request(`/api/v1/orgs/${other.slug}/credentials/${issued.uuid}/claim-link`, { method: 'POST', as: otherKey })).status).toBe(404)
    for (let i = 0; i < 5; i++) expect((await p.t.request(path, { method: 'POST', as: issuer })).status).toBe(202)
    const limited = await p.t.request(path, { method: 'POST', as: issuer })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    const revoked = await p.issue({ email: 'resend-revoked@example.org' })
    await p.changeStatus(revoked.id, 'revoke')
    const refused = await p.t.request(`/api/v1/orgs/${p.org.slug}/credentials/${revoked.uuid}/claim-link`, { method: 'POST', as: issuer })
    expect(refused.status).toBe(409)
    expect((await readJson(refused)).code).toBe('ERR_STATE_INVALID')
  })

  it('the back office form resends and goes back to the credential with a flash', async () => {
    const issued = await p.issue({ email: 'resend-page@example.org' })
    const res = await p.t.submitForm(`/orgs/${p.org.slug}/credentials/${issued.uuid}/resend-claim`, {}, issuer)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/orgs/${p.org.slug}/credentials/${issued.uuid}?done=claim-link`)
    expect(await claimLinksTo('resend-page@example.org')).toHaveLength(2)
    const page = await p.t.request(res.headers.get('location')!, { as: issuer })
    expect(await page.text()).toContain('A new claim link is on its way to the learner.')
    expect((await p.t.submitForm(`/orgs/${p.org.slug}/credentials/${issued.uuid}/resend-claim`, {}, viewer)).status).toBe(403)
  })
})
