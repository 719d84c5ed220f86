// Endorsements between organizations on either dialect (endorsements.test.ts, endorsements-postgres.test.ts):
// an organization's admin endorses another's published achievement or the organization itself; the
// signed OB 3.0 EndorsementCredential is public and verifies through POST /api/v1/verify (trusted:
// this instance's organization); lists given and received; only admins and owners endorse and
// withdraw, another organization cannot withdraw it; withdrawn ones leave the public document.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { readJson, type TestOrg, type TestSession } from '../../support/platform.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

export function endorsementsSuite(dialect: 'sqlite' | 'postgres'): void {
  let p: IssuancePlatform
  let endorser: TestOrg
  let endorserOwner: TestSession
  beforeAll(async () => {
    p = await startIssuancePlatform({ dialect })
    endorserOwner = await p.t.seedUser()
    endorser = await p.t.seedOrg({ owner: endorserOwner, name: 'Guild of Data Stewards' })
  })
  afterAll(() => p?.close())

  const base = () => `/api/v1/orgs/${endorser.slug}/endorsements`

  it('endorses another organization’s published achievement with a signed EndorsementCredential that verifies and is trusted', async () => {
    const res = await p.t.request(base(), { as: endorserOwner, method: 'POST', json: { subjectKind: 'achievement', organization: p.org.slug, achievementId: p.achievementId, comment: 'Rigorous and practical.' } })
    expect(res.status).toBe(201)
    const endorsement = await readJson(res)
    const achievementUrl = `${p.t.config.publicUrl}/orgs/${p.org.slug}/achievements/${p.achievementId}`
    expect(endorsement).toMatchObject({ subjectKind: 'achievement', subjectId: achievementUrl, subjectName: 'Open Science Basics', comment: 'Rigorous and practical.', state: 'active', org: { slug: endorser.slug } })
    expect(endorsement.credential).toMatchObject({
      type: ['VerifiableCredential', 'EndorsementCredential'],
      issuer: { id: endorser.did, name: 'Guild of Data Stewards' },
      credentialSubject: { id: achievementUrl, type: ['EndorsementSubject'], endorsementComment: 'Rigorous and practical.' },
      proof: { cryptosuite: 'eddsa-rdfc-2022', verificationMethod: expect.stringContaining(endorser.did) },
    })

    const doc = await p.t.request(`/endorsements/${endorsement.id}`)
    expect(doc.status).toBe(200)
    expect(doc.headers.get('access-control-allow-origin')).toBe('*')
    const text = await doc.text()
    expect(JSON.parse(text)).toEqual(endorsement.credential)

    const report = await readJson(await p.t.request('/api/v1/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: text }))
    expect(report.checks.filter((c: { outcome: string }) => c.outcome === 'failed')).toEqual([])
    expect(report).toMatchObject({ verified: true, trust: { trusted: true, list: 'This instance (localhost:3000)' } })

    const tampered = JSON.parse(text)
    tampered.credentialSubject.endorsementComment = 'Rigorous and practical!'
    expect((await readJson(await p.t.request('/api/v1/verify', { method: 'POST', json: tampered }))).verified).toBe(false)
  })

  it('endorses the organization itself, refuses a second endorsement of the same subject, its own organization and unpublished achievements', async () => {
    const res = await p.t.request(base(), { as: endorserOwner, method: 'POST', json: { subjectKind: 'organization', organization: p.org.slug, comment: 'A trustworthy issuer.' } })
    expect(res.status).toBe(201)
    expect(await readJson(res)).toMatchObject({ subjectKind: 'organization', subjectId: p.org.did, subjectName: 'Example University' })
    expect((await p.t.request(base(), { as: endorserOwner, method: 'POST', json: { subjectKind: 'organization', organization: p.org.slug, comment: 'Again.' } })).status).toBe(409)
    expect((await p.t.request(base(), { as: endorserOwner, method: 'POST', json: { subjectKind: 'organization', organization: endorser.slug, comment: 'Ourselves.' } })).status).toBe(400)
    const draft = await p.seedAchievement(p.org, { state: 'draft', definition: { name: 'Not yet' } })
    expect((await p.t.request(base(), { as: endorserOwner, method: 'POST', json: { subjectKind: 'achievement', organization: p.org.slug, achievementId: draft, comment: 'Early.' } })).status).toBe(404)
    const bad = await p.t.request(base(), { as: endorserOwner, method: 'POST', json: { subjectKind: 'planet', organization: 'X', comment: '' } })
    expect(bad.status).toBe(400)
    expect((await readJson(bad)).errors.map((e: { path: string }) => e.path).sort()).toEqual(['comment', 'organization', 'subjectKind'])
  })

  it('lists endorsements given and received', async () => {
    const given = (await readJson(await p.t.request(base(), { as: endorserOwner }))).items
    expect(given.map((e: { subjectKind: string }) => e.subjectKind).sort()).toEqual(['achievement', 'organization'])
    const received = (await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/endorsements?direction=received`, { as: p.owner }))).items
    expect(received).toHaveLength(2)
    expect(received.every((e: { org: { name: string } }) => e.org.name === 'Guild of Data Stewards')).toBe(true)
    expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/endorsements?direction=sideways`, { as: p.owner })).status).toBe(400)
  })

  it('shows active endorsements, verified, on the public organization page, the achievement’s page and its credentials’ pages', async () => {
    const key = await p.t.seedApiKey(p.org, 'issuer')
    const issued = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/${p.achievementId}/credentials`, { as: key, method: 'POST', json: { recipient: { email: 'learner@example.org', name: 'Jamie Rivera' } } }))
    const verifiedItems = (html: string) => html.match(/data-endorsement-verified="true"/g)?.length ?? 0
    const orgPage = await (await p.t.request(`/orgs/${p.org.slug}`)).text()
    expect(verifiedItems(orgPage)).toBe(2)
    expect(orgPage).toContain('Rigorous and practical.')
    expect(orgPage).toContain('Verified endorsement')
    expect(orgPage).not.toContain('/endorse?organization=') // anonymous: no endorse action
    const asEndorser = await (await p.t.request(`/orgs/${p.org.slug}`, { as: endorserOwner })).text()
    expect(asEndorser).toContain(`/endorse?organization=${p.org.slug}`)
    const credentialPage = await (await p.t.request(`/c/${String(issued.id).replace('urn:uuid:', '')}`)).text()
    expect(verifiedItems(credentialPage)).toBe(2)
    const achievementPage = await (await p.t.request(`/orgs/${p.org.slug}/achievements/${p.achievementId}`, { as: p.owner })).text()
    expect(verifiedItems(achievementPage)).toBe(1)
    expect(achievementPage).toContain('Endorsed by other organizations')
  })

  it('lets only admins and owners endorse and withdraw; another organization cannot withdraw; withdrawn leaves the public document', async () => {
    const issuer = await p.t.seedUser()
    await p.t.seedMember(endorser, issuer, 'issuer')
    const stranger = await p.t.seedUser()
    expect((await p.t.request(base(), { as: issuer, method: 'POST', json: { subjectKind: 'organization', organization: p.org.slug, comment: 'As an issuer.' } })).status).toBe(403)
    expect((await p.t.request(base(), { as: stranger, method: 'POST', json: { subjectKind: 'organization', organization: p.org.slug, comment: 'As a stranger.' } })).status).toBe(404)
    expect((await p.t.request(base())).status).toBe(401)
    expect((await p.t.request(base(), { as: issuer })).status).toBe(200)

    const [given] = (await readJson(await p.t.request(base(), { as: endorserOwner }))).items
    // The endorsed organization's owner cannot withdraw it through its own organization, nor through the endorser's.
    expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/endorsements/${given.id}`, { as: p.owner, method: 'DELETE' })).status).toBe(404)
    expect((await p.t.request(`/api/v1/orgs/${endorser.slug}/endorsements/${given.id}`, { as: p.owner, method: 'DELETE' })).status).toBe(404)
    expect((await p.t.request(`/api/v1/orgs/${endorser.slug}/endorsements/${given.id}`, { as: issuer, method: 'DELETE' })).status).toBe(403)
    const key = await p.t.seedApiKey(endorser, 'admin')
    expect((await p.t.request(`/api/v1/orgs/${endorser.slug}/endorsements/${given.id}`, { as: key, method: 'DELETE' })).status).toBe(204)
    expect((await p.t.request(`/api/v1/orgs/${endorser.slug}/endorsements/${given.id}`, { as: key, method: 'DELETE' })).status).toBe(404)
    expect((await p.t.request(`/endorsements/${given.id}`)).status).toBe(404)
    const after = (await readJson(await p.t.request(base(), { as: endorserOwner }))).items
    expect(after.find((e: { id: string }) => e.id === given.id)).toMatchObject({ state: 'withdrawn' })
  })
}
