// Pathways on either dialect (pathways.test.ts, pathways-postgres.test.ts): an organization's
// pathway stacks achievements of two organizations of this instance and one of a trusted external
// issuer; a learner who holds them all (issued, claimed, imported) is issued the target once, its
// credential naming the parts (`related`) and the part credentials (`evidence`); parts arriving at
// the same moment still issue it once; order and window rules hold; other organizations cannot edit.
// @ts-expect-error untyped dev dependency
import * as vc from '@digitalbazaar/vc'
// @ts-expect-error untyped dev dependency
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
// @ts-expect-error untyped dev dependency
import { cryptosuite as rdfcCryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
// @ts-expect-error untyped dev dependency
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { achievementUrl } from '../../../src/app/achievements/ob-achievement.js'
import { startBatchRunner } from '../../../src/jobs/batch-runner.js'
import { createDocumentLoader, CONTEXT } from '../../../src/core/canonical/index.js'
import { didKeyDocument, didKeyOf, resolveDidKey } from '../../../src/core/proof/index.js'
import { ACHIEVEMENT_ID, buildIssuerProfile, buildRealisticCredential } from '../../support/builders.js'
import { readJson, type TestOrg, type TestSession } from '../../support/platform.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

const ADMIN = 'pathway-admin@example.edu'

/** A credential of ACHIEVEMENT_ID signed by a fresh did:key issuer (no status entry). */
async function foreignCredential(): Promise<{ did: string; credential: Record<string, unknown> }> {
  const key = await Ed25519Multikey.generate()
  const did = didKeyOf(key.publicKeyMultibase)
  key.controller = did
  key.id = `${did}#${key.publicKeyMultibase}`
  const method = resolveDidKey(did)
  const documentLoader = createDocumentLoader(new Map<string, unknown>([[did, didKeyDocument(did)], [method.id, { '@context': CONTEXT.MULTIKEY_V1, ...method }]]))
  const unsigned = buildRealisticCredential({ issuer: buildIssuerProfile({ id: did, name: 'Elsewhere Academy' }), validFrom: '2026-02-20T09:00:00Z' }) as unknown as Record<string, unknown>
  delete unsigned.credentialStatus
  delete unsigned.validUntil
  const suite = new DataIntegrityProof({ signer: key.signer(), date: '2026-02-20T09:00:00Z', cryptosuite: rdfcCryptosuite })
  return { did, credential: (await vc.issue({ credential: unsigned, suite, documentLoader })) as Record<string, unknown> }
}

export function pathwaysSuite(dialect: 'sqlite' | 'postgres'): void {
  let p: IssuancePlatform
  let admin: TestSession
  let ownerB: TestSession
  let orgB: TestOrg
  let targetId: string
  let partA: string
  let partB: string
  let partC: string
  beforeAll(async () => {
    p = await startIssuancePlatform({ dialect, config: { adminEmails: [ADMIN] } })
    admin = await p.t.seedUser({ email: ADMIN })
    ownerB = await p.t.seedUser()
    orgB = await p.t.seedOrg({ owner: ownerB, name: 'Harbour College' })
    targetId = await p.seedAchievement(p.org, { definition: { name: 'Data Analyst Professional' } })
    partA = p.achievementId
    partB = await p.seedAchievement(orgB, { definition: { name: 'Statistics Foundations' } })
    partC = await p.seedAchievement(p.org, { definition: { name: 'SQL Essentials' } })
  })
  afterAll(() => p?.close())

  const urlOf = (org: TestOrg, id: string) => achievementUrl(p.t.config.publicUrl, org.slug, id)
  const base = () => `/api/v1/orgs/${p.org.slug}/pathways`
  const issue = async (org: TestOrg, owner: TestSession, achievementId: string, learner: TestSession) => {
    const res = await p.t.request(`/api/v1/orgs/${org.slug}/achievements/${achievementId}/credentials`, { as: owner, method: 'POST', json: { recipient: { email: learner.email, name: 'Jamie Rivera' } } })
    expect(res.status).toBe(201)
    return readJson(res)
  }
  const targetsOf = async (learner: TestSession) =>
    p.t.store.db.selectFrom('issued_credentials').select('credential_id').where('achievement_id', '=', targetId).where('recipient_email', '=', learner.email).execute()
  const mine = async (learner: TestSession) => (await readJson(await p.t.request('/api/v1/me/pathways', { as: learner }))).items

  it('refuses bad input field by field and keeps pathways to their organization', async () => {
    const bad = await p.t.request(base(), { as: p.owner, method: 'POST', json: { achievementId: targetId, title: '', rule: 'some', required: 5, parts: [{ achievementUrl: 'not a url' }] } })
    expect(bad.status).toBe(400)
    expect((await readJson(bad)).errors.map((e: { path: string }) => e.path).sort()).toEqual(['parts.0.achievementUrl', 'required', 'title'])
    const external = await p.t.request(base(), { as: p.owner, method: 'POST', json: { achievementId: targetId, title: 'X', parts: [{ achievementUrl: 'https://elsewhere.example/a/1' }] } })
    expect((await readJson(external)).errors.map((e: { path: string }) => e.path)).toEqual(['parts.0.name'])
    const self = await p.t.request(base(), { as: p.owner, method: 'POST', json: { achievementId: targetId, title: 'X', parts: [{ achievementUrl: urlOf(p.org, targetId) }] } })
    expect(self.status).toBe(400)
    const script = await p.t.request(base(), { as: p.owner, method: 'POST', json: { achievementId: targetId, title: 'X', parts: [{ achievementUrl: 'javascript:alert(1)', name: 'x' }] } })
    expect((await readJson(script)).errors.map((e: { path: string }) => e.path)).toEqual(['parts.0.achievementUrl'])
    const draftElsewhere = await p.seedAchievement(orgB, { state: 'draft', definition: { name: 'Secret draft' } })
    const draft = await p.t.request(base(), { as: p.owner, method: 'POST', json: { achievementId: targetId, title: 'X', parts: [{ achievementUrl: urlOf(orgB, draftElsewhere) }] } })
    expect((await readJson(draft)).errors.map((e: { path: string }) => e.path)).toEqual(['parts.0.achievementUrl'])
    const unknownLocal = await p.t.request(base(), { as: p.owner, method: 'POST', json: { achievementId: targetId, title: 'X', parts: [{ achievementUrl: urlOf(p.org, 'nope') }] } })
    expect((await readJson(unknownLocal)).errors.map((e: { path: string }) => e.path)).toEqual(['parts.0.achievementUrl'])
    // Another organization's owner cannot see or edit it; its target must be the organization's own.
    const created = await readJson(await p.t.request(base(), { as: p.owner, method: 'POST', json: { achievementId: targetId, title: 'Scratch', parts: [{ achievementUrl: urlOf(p.org, partA) }] } }))
    expect((await p.t.request(`${base()}/${created.id}`, { as: ownerB })).status).toBe(404)
    expect((await p.t.request(`${base()}/${created.id}`, { as: ownerB, method: 'PUT', json: { achievementId: targetId, title: 'Mine', parts: [{ achievementUrl: urlOf(p.org, partA) }] } })).status).toBe(404)
    expect((await p.t.request(`/api/v1/orgs/${orgB.slug}/pathways`, { as: ownerB, method: 'POST', json: { achievementId: targetId, title: 'Theirs', parts: [{ achievementUrl: urlOf(p.org, partA) }] } })).status).toBe(400)
    const viewer = await p.t.seedUser()
    await p.t.seedMember(p.org, viewer, 'viewer')
    expect((await p.t.request(base(), { as: viewer })).status).toBe(200)
    expect((await p.t.request(`${base()}/${created.id}`, { as: viewer, method: 'DELETE' })).status).toBe(403)
    expect((await p.t.request(`${base()}/${created.id}`, { as: p.owner, method: 'DELETE' })).status).toBe(204)
    expect((await p.t.request(`/api/v1/pathways/${created.id}`)).status).toBe(404)
  })

  it('issues the target once a learner holds parts from two organizations and a trusted external issuer, naming the parts', async () => {
    const created = await p.t.request(base(), {
      as: p.owner,
      method: 'POST',
      json: {
        achievementId: targetId,
        title: 'Data Analyst Professional',
        summary: 'Stack three credentials.',
        rule: 'all',
        parts: [{ achievementUrl: urlOf(p.org, partA) }, { achievementUrl: urlOf(orgB, partB) }, { achievementUrl: ACHIEVEMENT_ID, name: 'FAIR Data Stewardship' }],
      },
    })
    expect(created.status).toBe(201)
    const pathway = await readJson(created)
    expect(pathway).toMatchObject({ required: 3, steps: [0, 0, 0, 0], parts: [{ name: 'Open Science Basics' }, { name: 'Statistics Foundations' }, { name: 'FAIR Data Stewardship' }] })
    const open = await readJson(await p.t.request(`/api/v1/pathways/${pathway.id}`))
    expect(open.parts.map((x: { issuerName: string | null }) => x.issuerName)).toEqual(['Example University', 'Harbour College', null])

    const learner = await p.t.seedUser({ name: 'Jamie Rivera' })
    expect(await mine(learner)).toEqual([])
    await issue(p.org, p.owner, partA, learner)
    expect((await mine(learner)).map((v: { held: number; complete: boolean }) => [v.held, v.complete])).toEqual([[1, false]])
    await issue(orgB, ownerB, partB, learner)
    const [two] = await mine(learner)
    expect(two.parts.map((x: { held: boolean }) => x.held)).toEqual([true, true, false])
    expect((await readJson(await p.t.request(`${base()}/${pathway.id}`, { as: p.owner }))).steps).toEqual([0, 0, 1, 0])

    // The external part: imported, verified, but its issuer is trusted only once an administrator adds it.
    const { did, credential } = await foreignCredential()
    const imported = await p.t.request('/api/v1/wallet/credentials', { as: learner, method: 'POST', json: credential })
    expect(imported.status).toBe(201)
    expect((await readJson(imported)).verified).toBe(true)
    expect(await targetsOf(learner)).toHaveLength(0)
    expect((await p.t.request('/api/v1/admin/trust/issuers', { as: admin, method: 'POST', json: { issuerId: did, name: 'Elsewhere Academy' } })).status).toBe(201)
    // Trusting the issuer is not a credential reaching the learner: the next one is (a claim of part A here).
    const claim = await p.t.request('/api/v1/wallet/claims', { as: learner, method: 'POST' })
    expect([200, 201]).toContain(claim.status)
    const targets = await targetsOf(learner)
    expect(targets).toHaveLength(1)
    const [done] = await mine(learner)
    expect(done).toMatchObject({ held: 3, complete: true, awarded: true, credentialId: targets[0]!.credential_id })
    expect((await readJson(await p.t.request(`${base()}/${pathway.id}`, { as: p.owner }))).steps).toEqual([0, 0, 0, 1])

    const row = await p.t.store.db.selectFrom('credentials').select('json').where('id', '=', targets[0]!.credential_id).executeTakeFirstOrThrow()
    const doc = JSON.parse(row.json) as { credentialSubject: { achievement: { related?: { id: string; type: string[] }[] } }; evidence?: { id?: string; name?: string }[] }
    expect(doc.credentialSubject.achievement.related?.map((r) => r.id)).toEqual([urlOf(p.org, partA), urlOf(orgB, partB), ACHIEVEMENT_ID])
    expect(doc.credentialSubject.achievement.related?.[0]?.type).toEqual(['Related'])
    expect(doc.evidence?.map((e) => e.name)).toEqual(['Open Science Basics', 'Statistics Foundations', 'FAIR Data Stewardship'])
    expect(doc.evidence?.[0]?.id).toMatch(new RegExp(`^${p.t.config.publicUrl}/c/`))
    const verified = await p.verify(doc)
    expect(verified.verified).toBe(true)

    // More credentials reaching the learner change nothing.
    await Promise.all([p.t.platform.pathways.reached({ userId: learner.userId }), p.t.platform.pathways.reached({ email: learner.email }), issue(p.org, p.owner, partA, learner)])
    expect(await targetsOf(learner)).toHaveLength(1)
  })

  it('issues the target exactly once when the completing parts arrive at the same moment', async () => {
    const pathway = await readJson(await p.t.request(base(), { as: p.owner, method: 'POST', json: { achievementId: targetId, title: 'Two of three', rule: 'some', required: 2, parts: [{ achievementUrl: urlOf(p.org, partA) }, { achievementUrl: urlOf(orgB, partB) }, { achievementUrl: urlOf(p.org, partC) }] } }))
    for (let round = 0; round < 3; round++) {
      const learner = await p.t.seedUser()
      await Promise.all([issue(p.org, p.owner, partA, learner), issue(orgB, ownerB, partB, learner), issue(p.org, p.owner, partC, learner), p.t.platform.pathways.reached({ userId: learner.userId })])
      await Promise.all([p.t.platform.pathways.reached({ userId: learner.userId }), p.t.platform.pathways.reached({ userId: learner.userId })])
      // Held by the earlier pathway (all three needed) or this one (two of three): one target per pathway and learner at most.
      const targets = await targetsOf(learner)
      expect(targets).toHaveLength(1)
      const standings = await p.t.store.db.selectFrom('pathway_progress').selectAll().where('user_id', '=', learner.userId).where('pathway_id', '=', pathway.id).execute()
      expect(standings[0]).toMatchObject({ award_state: 'awarded', credential_id: targets[0]!.credential_id })
    }
  })

  it('issues the target when a bulk batch brings the completing part, to learners with accounts only', async () => {
    const stacked = await p.seedAchievement(p.org, { definition: { name: 'Analyst Bootcamp' } })
    const pathway = await readJson(
      await p.t.request(base(), { as: p.owner, method: 'POST', json: { achievementId: stacked, title: 'Bootcamp', rule: 'all', parts: [{ achievementUrl: urlOf(p.org, partA) }, { achievementUrl: urlOf(p.org, partC) }] } }),
    )
    const [holder, other] = [await p.t.seedUser(), await p.t.seedUser()]
    await issue(p.org, p.owner, partA, holder)
    await issue(p.org, p.owner, partA, other)
    // Part C for a cohort: the holder (address in capitals, as a registrar's export may write it), a learner with no account, and not `other`.
    const csv = `email,name\n${holder.email.toUpperCase()},Jamie Rivera\nno-account@example.org,Alex Doe\n`
    const upload = await p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/${partC}/batches`, { as: p.owner, method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } })
    expect(upload.status).toBe(202)
    const runner = startBatchRunner({ platform: p.t.ports, chunkSize: 500, signingThreads: 0, pollMs: 60_000 })
    runner.notify()
    await runner.settled()
    await runner.stop()
    const stackedOf = (email: string) => p.t.store.db.selectFrom('issued_credentials').select('credential_id').where('achievement_id', '=', stacked).where('recipient_email', '=', email).execute()
    expect(await stackedOf(holder.email)).toHaveLength(1)
    expect(await stackedOf(other.email)).toHaveLength(0)
    expect(await stackedOf('no-account@example.org')).toHaveLength(0)
    expect((await mine(holder)).find((v: { pathway: { id: string } }) => v.pathway.id === pathway.id)).toMatchObject({ held: 2, complete: true, awarded: true })
  })

  it('counts parts only in the listed order and within the window', async () => {
    const ordered = await readJson(await p.t.request(base(), { as: p.owner, method: 'POST', json: { achievementId: targetId, title: 'In order', ordered: true, windowDays: 5, parts: [{ achievementUrl: urlOf(p.org, partC) }, { achievementUrl: urlOf(orgB, partB) }] } }))
    expect(ordered).toMatchObject({ ordered: true, windowDays: 5, required: 2 })
    const wrongOrder = await p.t.seedUser()
    p.t.clock.set('2026-03-10T09:00:00Z')
    await issue(orgB, ownerB, partB, wrongOrder)
    p.t.clock.set('2026-03-11T09:00:00Z')
    await issue(p.org, p.owner, partC, wrongOrder)
    const [progress] = (await mine(wrongOrder)).filter((v: { pathway: { id: string } }) => v.pathway.id === ordered.id)
    expect(progress).toMatchObject({ held: 2, counted: 1, complete: false, awarded: false })
    const late = await p.t.seedUser()
    p.t.clock.set('2026-03-12T09:00:00Z')
    await issue(p.org, p.owner, partC, late)
    p.t.clock.set('2026-03-20T09:00:00Z')
    await issue(orgB, ownerB, partB, late)
    expect((await mine(late)).find((v: { pathway: { id: string } }) => v.pathway.id === ordered.id)).toMatchObject({ held: 2, counted: 1, complete: false })
    const inTime = await p.t.seedUser()
    p.t.clock.set('2026-03-21T09:00:00Z')
    await issue(p.org, p.owner, partC, inTime)
    p.t.clock.set('2026-03-23T09:00:00Z')
    await issue(orgB, ownerB, partB, inTime)
    expect((await mine(inTime)).find((v: { pathway: { id: string } }) => v.pathway.id === ordered.id)).toMatchObject({ counted: 2, complete: true, awarded: true })
    const awardedOn = async (learner: TestSession) =>
      (await p.t.store.db.selectFrom('pathway_progress').select('award_state').where('user_id', '=', learner.userId).where('pathway_id', '=', ordered.id).executeTakeFirst())?.award_state
    expect([await awardedOn(wrongOrder), await awardedOn(late), await awardedOn(inTime)]).toEqual(['none', 'none', 'awarded'])
  })
}
