// CLR 2.0 and Europass ELM 3 against a whole platform (SQLite, or PostgreSQL when asked): a learner's
// record of chosen wallet credentials signed by their holder key, an organization's record of a
// completed program or pathway, verified by our verifier (the record's proof and each credential's own)
// and the record's proof by Digital Bazaar's; and the ELM exports checked against the EDC
// application profile context from ../shared (every term defined) and the Annex I sample's structure.
// @ts-expect-error untyped dev dependency
import * as vc from '@digitalbazaar/vc'
// @ts-expect-error untyped dev dependency
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
// @ts-expect-error untyped dev dependency
import { cryptosuite as rdfcCryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import jsonld from 'jsonld'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { achievementUrl } from '../../../src/app/achievements/ob-achievement.js'
import { displayOf } from '../../../src/app/wallet/display.js'
import { CONTEXT, bundledContexts, createDocumentLoader } from '../../../src/core/canonical/index.js'
import { CLR_CONTEXTS, buildClrCredential } from '../../../src/core/clr/index.js'
import { validateAgainstJsonSchema } from '../../../src/core/credential/schema.js'
import { ELM_CONTEXTS } from '../../../src/core/elm/index.js'
import { createSigner, didKeyDocument, didKeyOf, generateKeyPair, resolveDidKey, signCredential } from '../../../src/core/proof/index.js'
import { readJson, type TestSession } from '../../support/platform.js'
import { failedChecks, startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

const shared = path.resolve(process.cwd(), '../shared/interop')
const hasShared = existsSync(shared)
const readShared = (file: string) => JSON.parse(readFileSync(path.join(shared, file), 'utf8')) as Record<string, unknown>

const external = (() => {
  const pair = generateKeyPair()
  return { did: didKeyOf(pair.publicKeyMultibase), signer: createSigner(pair) }
})()

/** A small OB 3.0 credential by the external issuer. */
const badge = (name: string, subjectId?: string) => ({
  '@context': [CONTEXT.VC_V2, CONTEXT.OB_V3],
  id: `urn:uuid:${crypto.randomUUID()}`,
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name,
  issuer: { id: external.did, type: ['Profile'], name: 'External Academy' },
  validFrom: '2026-01-10T09:00:00Z',
  credentialSubject: {
    ...(subjectId ? { id: subjectId } : {}),
    type: ['AchievementSubject'],
    achievement: { id: `https://external.example/achievements/${encodeURIComponent(name)}`, type: ['Achievement'], name, description: `${name}, assessed.`, criteria: { narrative: 'Passed.' } },
  },
})

/** Digital Bazaar's verifier on a record's own proof, with our bundled contexts and the did:key documents. */
async function dbVerify(credential: unknown, dids: string[]) {
  const docs = new Map<string, unknown>()
  for (const did of dids) {
    docs.set(did, didKeyDocument(did))
    const method = resolveDidKey(did)
    docs.set(method.id, { '@context': CONTEXT.MULTIKEY_V1, ...method })
  }
  return (await vc.verifyCredential({
    credential: structuredClone(credential),
    suite: new DataIntegrityProof({ cryptosuite: rdfcCryptosuite }),
    documentLoader: createDocumentLoader(docs),
    checkStatus: async () => ({ verified: true }),
  })) as { verified: boolean; error?: unknown }
}

/** Expands an ELM document in safe mode against the W3C v1 context (bundled) and the EDC-AP context (../shared): throws on any term the ELM vocabulary does not define. */
async function expandElm(doc: unknown): Promise<unknown[]> {
  const edc = readShared('elm/edc-ap-context.jsonld')
  const v1 = bundledContexts().get(CONTEXT.VC_V1)
  const loader = async (url: string) => {
    const document = url === ELM_CONTEXTS[1] ? edc : url === ELM_CONTEXTS[0] ? v1 : undefined
    if (!document) throw new Error(`unexpected context ${url}`)
    return { contextUrl: null, documentUrl: url, document }
  }
  return (await jsonld.expand(structuredClone(doc) as never, { documentLoader: loader as never, safe: true } as never)) as unknown[]
}

const annexDefinition = {
  learningOutcomes: ['Explain the FAIR principles', 'Publish a dataset with a persistent identifier'],
  workloadHours: 50,
  ects: 2,
  eqfLevel: 5,
  assessmentType: 'Online quiz and a data management plan',
  supervision: 'unsupervised' as const,
  participation: 'online' as const,
  qualityAssurance: 'Internal QA of the Example University (ISO 9001)',
  prerequisites: 'None',
  stackability: 'stackable' as const,
  stackableTowards: 'Open Science certificate',
  inLanguage: 'en',
  alignment: [{ targetName: 'manage research data', targetUrl: 'http://data.europa.eu/esco/skill/8c9d7ad7-2d0c-4b9f-a0b0-1b7a8a3f0a11', targetType: 'ext:ESCOSkill' }],
}

export function describeClr(name: string, dialect: 'sqlite' | 'postgres'): void {
  describe(`${name}: CLR 2.0 records and Europass ELM 3`, () => {
    let p: IssuancePlatform
    let learner: TestSession
    let other: TestSession
    let apiKey: string
    let did: string
    let ids: string[] = []
    let issuedId = ''

    async function keep(user: TestSession, document: string): Promise<string> {
      const report = await p.verify(JSON.parse(document))
      const credential = report.credential ?? {}
      const { item } = await p.t.platform.wallet.addImported(user.userId, { format: 'vc-json', document, ...(typeof credential.id === 'string' ? { credentialId: credential.id } : {}), verified: report.verified, report, display: displayOf(credential) })
      return item.id
    }
    const exportClr = (as: TestSession | string | undefined, json: unknown) => p.t.request('/api/v1/wallet/clr', { method: 'POST', json, ...(as ? { as } : {}) })

    beforeAll(async () => {
      p = await startIssuancePlatform({ dialect })
      learner = await p.t.seedUser({ name: 'Ada Learner' })
      other = await p.t.seedUser({ name: 'Bo Other' })
      apiKey = await p.t.seedApiKey(p.org, 'issuer')
      did = (await readJson(await p.t.request('/api/v1/me/did', { as: learner }))).did
      const res = await p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/${p.achievementId}/credentials`, { as: p.owner, method: 'POST', json: { recipient: { email: learner.email, name: 'Ada Learner', did } } })
      expect(res.status).toBe(201)
      const issued = await readJson(res)
      issuedId = issued.id
      const theirs = await signCredential(badge('Research Data Management', did), external.signer, { suite: 'eddsa-rdfc-2022', created: '2026-01-10T09:00:00Z' })
      ids = [await keep(learner, JSON.stringify(issued.credential)), await keep(learner, JSON.stringify(theirs))]
    })
    afterAll(() => p?.close())

    it('exports chosen wallet credentials as a ClrCredential signed by the holder key, each credential as issued', async () => {
      const res = await exportClr(learner, { credentialIds: ids, name: 'Ada’s record' })
      expect(res.status).toBe(200)
      const clr = await readJson(res)
      expect(clr['@context']).toEqual([...CLR_CONTEXTS])
      expect(clr).toMatchObject({ type: ['VerifiableCredential', 'ClrCredential'], issuer: did, name: 'Ada’s record', credentialSubject: { id: did, type: ['ClrSubject'] }, proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' } })
      const held = await Promise.all(ids.map((id) => p.t.ports.store.repos.walletItems.get(learner.userId, id)))
      expect(clr.credentialSubject.verifiableCredential).toEqual(held.map((h) => JSON.parse(h!.document)))
      expect(clr.credentialSubject.achievement.map((a: { name: string }) => a.name)).toEqual(['Open Science Basics', 'Research Data Management'])
    })

    it('verifies the record: its proof, and each credential on its own; Digital Bazaar verifies the record’s proof too', async () => {
      const clr = await readJson(await exportClr(learner, { credentialIds: ids }))
      const report = await p.verify(clr)
      expect(failedChecks(report), JSON.stringify(failedChecks(report))).toEqual([])
      expect(report.verified).toBe(true)
      expect(report.checks.find((c) => c.id === 'embedded')).toMatchObject({ outcome: 'passed' })
      expect(report.checks.find((c) => c.id === 'issuer-binding')).toMatchObject({ outcome: 'passed' })
      expect(report.embedded?.map((e) => [e.index, e.verified])).toEqual([[0, true], [1, true]])
      expect(report.embedded?.[0]?.report.checks.find((c) => c.id === 'proof')).toMatchObject({ outcome: 'passed' })
      const db = await dbVerify(clr, [did])
      expect(db.error, JSON.stringify(db.error)).toBeUndefined()
      expect(db.verified).toBe(true)
    })

    it('fails a record whose embedded credential was altered: the record’s proof, and that credential named', async () => {
      const clr = await readJson(await exportClr(learner, { credentialIds: ids }))
      clr.credentialSubject.verifiableCredential[1].name = 'Research Data Management (Distinction)'
      const report = await p.verify(clr)
      expect(report.verified).toBe(false)
      expect(report.checks.find((c) => c.id === 'proof')?.outcome).toBe('failed')
      expect(report.embedded?.map((e) => e.verified)).toEqual([true, false])
      expect((await dbVerify(clr, [did])).verified).toBe(false)
      // Re-signed by whoever altered it, the record's own proof holds; the altered credential still fails.
      const { proof: _proof, ...unsigned } = clr
      const resigned = await signCredential({ ...unsigned, issuer: external.did }, external.signer, { suite: 'eddsa-rdfc-2022', created: '2026-02-01T00:00:00Z' })
      const again = await p.verify(resigned)
      expect(again.checks.find((c) => c.id === 'proof')?.outcome).toBe('passed')
      expect(again.verified).toBe(false)
      expect(again.checks.find((c) => c.id === 'embedded')).toMatchObject({ outcome: 'failed', code: 'EMBEDDED_INVALID' })
      expect(again.checks.find((c) => c.id === 'embedded')?.message).toContain('#2')
    })

    it.skipIf(!hasShared)('conforms to the 1EdTech CLR 2.0 ClrCredential JSON Schema', async () => {
      const clr = await readJson(await exportClr(learner, { credentialIds: ids }))
      const result = validateAgainstJsonSchema(clr, readShared('schemas/clr-v2p0/clr_v2p0_clrcredential_schema.json'))
      expect(result.errors).toEqual([])
      expect(result.valid).toBe(true)
    })

    it.skipIf(!hasShared)('verifies the 1EdTech validator’s CLR example shape-wise and reports its embedded credential on its own', async () => {
      const example = readShared('examples/clr-v2p0/validator-simple.json')
      const report = await p.verify(example)
      expect(report.checks.find((c) => c.id === 'schema')?.outcome).toBe('passed')
      expect(report.embedded).toHaveLength(1)
      expect(report.verified).toBe(false) // example keys resolve nowhere: its proofs cannot be checked here
    })

    it('refuses what is not the learner’s own: anonymous, an API key (403), another learner’s ids (404), a malformed body (400 problem)', async () => {
      // Anonymous: refused (403 by the CSRF guard before sign-in is even asked, as for every person write).
      expect([401, 403]).toContain((await exportClr(undefined, { credentialIds: ids })).status)
      expect((await exportClr(apiKey, { credentialIds: ids })).status).toBe(403)
      expect((await exportClr(other, { credentialIds: ids })).status).toBe(404)
      expect((await exportClr(learner, { credentialIds: [] })).status).toBe(400)
      expect((await exportClr(learner, { credentialIds: [ids[0], ids[0]] })).status).toBe(400)
      expect((await exportClr(learner, { credentialIds: ids, extra: 1 })).status).toBe(400)
      const bad = await p.t.request('/api/v1/wallet/clr', { method: 'POST', as: learner, body: '{', headers: { 'content-type': 'application/json' } })
      expect(bad.status).toBe(400)
      expect(bad.headers.get('content-type')).toContain('application/problem+json')
    })

    it('builds a record from a pure function the same way (core): the contexts in order and the subject’s achievements deduplicated', () => {
      const a = badge('One')
      const clr = buildClrCredential({ id: 'urn:uuid:x', name: 'n', issuer: external.did, validFrom: '2026-01-01T00:00:00Z', credentials: [a, a] })
      expect(clr['@context']).toEqual([CONTEXT.VC_V2, CONTEXT.CLR_V2, CONTEXT.OB_V3])
      expect((clr.credentialSubject as { achievement: unknown[] }).achievement).toHaveLength(1)
    })

    it('issues a program’s record once the learner completed it, signed by the organization, from the API and the staff page', async () => {
      const programs = p.t.platform.programs
      const program = await programs.create(p.org.id, { achievementId: p.achievementId, title: 'Open Science Track', summary: 'A short track.', format: 'online', hours: 10, selfPaced: true, language: 'en', requirements: [{ kind: 'attendance', title: 'Kick-off' }] })
      await programs.setState(p.org.id, program.id, 'published')
      const enrolment = await programs.enrol(learner.userId, program.id)
      const url = `/api/v1/orgs/${p.org.slug}/programs/${program.id}/enrolments/${enrolment.id}/clr`
      const early = await p.t.request(url, { method: 'POST', as: p.owner })
      expect(early.status).toBe(409)
      await programs.markAttendance(p.org.id, enrolment.id, program.requirements[0]!.id)
      expect([401, 403]).toContain((await p.t.request(url, { method: 'POST' })).status)
      const viewer = await p.t.seedUser()
      await p.t.seedMember(p.org, viewer, 'viewer')
      expect((await p.t.request(url, { method: 'POST', as: viewer })).status).toBe(403)
      expect((await p.t.request(url, { method: 'POST', as: other })).status).toBe(404)
      expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/programs/${program.id}/enrolments/nope/clr`, { method: 'POST', as: p.owner })).status).toBe(404)
      const res = await p.t.request(url, { method: 'POST', as: apiKey })
      expect(res.status).toBe(200)
      const clr = await readJson(res)
      expect(clr).toMatchObject({ type: ['VerifiableCredential', 'ClrCredential'], issuer: { id: expect.stringMatching(/^did:web:/), name: 'Example University' }, name: 'Open Science Track: learner record' })
      expect(clr.credentialSubject.verifiableCredential).toHaveLength(1)
      const report = await p.verify(clr)
      expect(failedChecks(report), JSON.stringify(failedChecks(report))).toEqual([])
      expect(report.embedded?.[0]?.verified).toBe(true)
      // The staff page lists the learner with the button, and the button downloads the same kind of record.
      const records = await p.t.request(`/orgs/${p.org.slug}/programs/${program.id}/records`, { as: p.owner })
      expect(records.status).toBe(200)
      expect(await records.text()).toContain(`action="/orgs/${p.org.slug}/programs/${program.id}/enrolments/${enrolment.id}/clr"`)
      expect((await p.t.request(`/orgs/${p.org.slug}/programs/${program.id}/records`, { as: viewer })).status).toBe(403)
      const download = await postForm(`/orgs/${p.org.slug}/programs/${program.id}/enrolments/${enrolment.id}/clr`, [], p.owner)
      expect(download.status).toBe(200)
      expect(download.headers.get('content-disposition')).toContain('.clr.json')
      expect(JSON.parse(await download.text()).type).toEqual(['VerifiableCredential', 'ClrCredential'])
    })

    it('issues a pathway’s record once its target is awarded: the target and the parts as held, isPartOf, from the API and the staff page', async () => {
      const targetId = await p.seedAchievement(p.org, { definition: { name: 'Open Science Certificate' } })
      const partUrls = [achievementUrl(p.t.config.publicUrl, p.org.slug, p.achievementId), `https://external.example/achievements/${encodeURIComponent('Research Data Management')}`]
      const parts = [{ achievementUrl: partUrls[0] }, { achievementUrl: partUrls[1], name: 'Research Data Management' }]
      const created = await p.t.request(`/api/v1/orgs/${p.org.slug}/pathways`, { as: p.owner, method: 'POST', json: { achievementId: targetId, title: 'Open Science Pathway', rule: 'all', parts } })
      expect(created.status).toBe(201)
      const pathway = await readJson(created)
      // Both parts are needed; the external issuer is not trusted here, so one counts: a standing, no award.
      await p.t.platform.pathways.reached({ userId: learner.userId })
      const list = `/api/v1/orgs/${p.org.slug}/pathways/${pathway.id}/records`
      const before = await readJson(await p.t.request(list, { as: apiKey }))
      expect(before.items).toEqual([expect.objectContaining({ learnerId: learner.userId, name: 'Ada Learner', held: 1, awardState: 'none', credentialId: null })])
      expect(before.items[0].record).toBeUndefined()
      const url = `${list}/${learner.userId}/clr`
      const early = await p.t.request(url, { method: 'POST', as: p.owner })
      expect(early.status).toBe(409)
      expect((await readJson(early)).detail).toContain('has not completed “Open Science Pathway” yet')
      // One part is enough now: the award is issued.
      expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/pathways/${pathway.id}`, { as: p.owner, method: 'PUT', json: { achievementId: targetId, title: 'Open Science Pathway', rule: 'some', required: 1, parts } })).status).toBe(200)
      await p.t.platform.pathways.reached({ userId: learner.userId })
      const after = await readJson(await p.t.request(list, { as: apiKey }))
      expect(after.items[0]).toMatchObject({ awardState: 'awarded', credentialId: expect.stringMatching(/^urn:uuid:/), record: `/api/v1/orgs/${p.org.slug}/pathways/${pathway.id}/records/${learner.userId}/clr` })
      // Who may: issuers and their API keys; not a viewer, not someone outside, not anonymous; unknown ids are 404.
      expect([401, 403]).toContain((await p.t.request(url, { method: 'POST' })).status)
      const viewer = await p.t.seedUser()
      await p.t.seedMember(p.org, viewer, 'viewer')
      expect((await p.t.request(url, { method: 'POST', as: viewer })).status).toBe(403)
      expect((await p.t.request(list, { as: viewer })).status).toBe(403)
      expect((await p.t.request(url, { method: 'POST', as: other })).status).toBe(404)
      expect((await p.t.request(`${list}/nope/clr`, { method: 'POST', as: p.owner })).status).toBe(404)
      expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/pathways/nope/records`, { as: p.owner })).status).toBe(404)
      const res = await p.t.request(url, { method: 'POST', as: apiKey })
      expect(res.status).toBe(200)
      const clr = await readJson(res)
      expect(clr).toMatchObject({ type: ['VerifiableCredential', 'ClrCredential'], issuer: { id: expect.stringMatching(/^did:web:/), name: 'Example University' }, name: 'Open Science Pathway: learner record' })
      const award = await p.t.ports.store.credentials.get(after.items[0].credentialId)
      const held = await Promise.all(ids.map((id) => p.t.ports.store.repos.walletItems.get(learner.userId, id)))
      // The target as issued, then each part as the learner holds it, in the pathway's order.
      expect(clr.credentialSubject.verifiableCredential).toEqual([award!.credential, ...held.map((h) => JSON.parse(h!.document))])
      const targetUrl = achievementUrl(p.t.config.publicUrl, p.org.slug, targetId)
      expect(clr.credentialSubject.association).toEqual(partUrls.map((sourceId) => ({ type: 'Association', associationType: 'isPartOf', sourceId, targetId: targetUrl })))
      const report = await p.verify(clr)
      expect(failedChecks(report), JSON.stringify(failedChecks(report))).toEqual([])
      expect(report.verified).toBe(true)
      expect(report.embedded?.map((e) => e.verified)).toEqual([true, true, true])
      // The staff page: linked from the pathway, the learner listed with the button, which downloads a record.
      expect(await (await p.t.request(`/orgs/${p.org.slug}/pathways/${pathway.id}`, { as: p.owner })).text()).toContain(`href="/orgs/${p.org.slug}/pathways/${pathway.id}/records"`)
      const records = await p.t.request(`/orgs/${p.org.slug}/pathways/${pathway.id}/records`, { as: p.owner })
      expect(records.status).toBe(200)
      const html = await records.text()
      expect(html).toContain('Ada Learner')
      expect(html).toContain(`action="/orgs/${p.org.slug}/pathways/${pathway.id}/records/${learner.userId}/clr"`)
      expect((await p.t.request(`/orgs/${p.org.slug}/pathways/${pathway.id}/records`, { as: viewer })).status).toBe(403)
      const download = await postForm(`/orgs/${p.org.slug}/pathways/${pathway.id}/records/${learner.userId}/clr`, [], p.owner)
      expect(download.status).toBe(200)
      expect(download.headers.get('content-disposition')).toContain('pathway-record-')
      expect(JSON.parse(await download.text()).name).toBe('Open Science Pathway: learner record')
    })

    /** Posts a page form with repeated fields, as a browser does. */
    const postForm = (path: string, fields: [string, string][], as: TestSession) =>
      p.t.app.request(path, { method: 'POST', headers: { cookie: as.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams([['_csrf', as.csrf], ...fields]).toString() })

    it('lets the learner choose credentials on /wallet/clr and download the record, which /verify shows credential by credential', async () => {
      const page = await p.t.request('/wallet/clr', { as: learner })
      expect(page.status).toBe(200)
      const html = await page.text()
      for (const id of ids) expect(html).toContain(`value="${id}"`)
      expect(await (await p.t.request('/wallet', { as: learner })).text()).toContain('href="/wallet/clr"')
      const none = await postForm('/wallet/clr', [], learner)
      expect(none.status).toBe(422)
      expect(await none.text()).toContain('Choose at least one credential')
      const res = await postForm('/wallet/clr', [...ids.map((id): [string, string] => ['credentialIds', id]), ['name', 'For my application']], learner)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="learner-record-\d{4}-\d{2}-\d{2}\.clr\.json"$/)
      const clr = JSON.parse(await res.text())
      expect(clr.name).toBe('For my application')
      const verified = await postForm('/verify', [['credential', JSON.stringify(clr)]], learner)
      const shown = await verified.text()
      expect(shown).toContain('data-verdict="verified"')
      expect(shown.match(/data-embedded="\d+" data-verified="true"/g)).toHaveLength(2)
      expect(shown).toContain('Research Data Management')
      clr.credentialSubject.verifiableCredential[0].name = 'Altered'
      const altered = await (await postForm('/verify', [['credential', JSON.stringify(clr)]], learner)).text()
      expect(altered).toContain('data-verdict="not-verified"')
      expect(altered).toContain('data-embedded="0" data-verified="false"')
    })

    it('links the Europass (ELM 3) export from the credential page and the achievement page', async () => {
      const uuid = issuedId.replace(/^urn:uuid:/, '')
      expect(await (await p.t.request(`/c/${uuid}`)).text()).toContain(`href="/api/v1/credentials/${uuid}/elm"`)
      expect(await (await p.t.request(`/orgs/${p.org.slug}/achievements/${p.achievementId}`, { as: p.owner })).text()).toContain(`href="/api/v1/orgs/${p.org.slug}/achievements/${p.achievementId}/elm"`)
    })

    it.skipIf(!hasShared)('exports an achievement as ELM 3: every Annex I element, every term in the EDC vocabulary', async () => {
      const id = await p.seedAchievement(p.org, { definition: annexDefinition })
      const res = await p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/${id}/elm`, { as: apiKey })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="achievement-.*-elm\.json"$/)
      const elm = await readJson(res)
      expect(elm['@context']).toEqual([...ELM_CONTEXTS])
      expect(elm).toMatchObject({
        type: 'LearningAchievementSpecification',
        title: { en: ['Open Science Basics'] },
        volumeOfLearning: 'PT50H',
        creditPoint: [{ type: 'CreditPoint', framework: { id: 'http://data.europa.eu/snb/education-credit/6fcec5c5af' }, point: '2' }],
        eqfLevel: { id: 'http://data.europa.eu/snb/eqf/5', type: 'Concept' },
        mode: [{ id: 'http://data.europa.eu/snb/learning-assessment/920fbb3cbe' }],
        language: [{ id: 'http://publications.europa.eu/resource/authority/language/ENG' }],
        entryRequirement: { type: 'Note', noteLiteral: { en: ['None'] } },
        awardingBody: [{ type: 'Organisation', legalName: { en: ['Example University'] } }],
      })
      expect(elm.learningOutcome.map((o: { title: { en: string[] } }) => o.title.en[0])).toEqual(annexDefinition.learningOutcomes)
      expect(elm.learningOutcome[0].relatedESCOSkill[0].id).toBe(annexDefinition.alignment[0]!.targetUrl)
      const notes = elm.additionalNote.map((n: { subject: { prefLabel: { en: string[] } } }) => n.subject.prefLabel.en[0])
      expect(notes).toEqual(expect.arrayContaining(['Type of assessment', 'Quality assurance', 'Integration and stackability']))
      const expanded = await expandElm(elm)
      expect(JSON.stringify(expanded)).toContain('http://data.europa.eu/snb/model/elm/LearningAchievementSpecification')
      expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/${id}/elm`)).status).toBe(401)
      expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/nope/elm`, { as: apiKey })).status).toBe(404)
    })

    it.skipIf(!hasShared)('exports a hosted credential as a EuropeanDigitalCredential like the Europass Annex I sample, publicly', async () => {
      const res = await p.t.request(`/api/v1/credentials/${issuedId.replace(/^urn:uuid:/, '')}/elm`)
      expect(res.status).toBe(200)
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      const elm = await readJson(res)
      const sample = (readShared('elm/AA-Annex1-MC-unsigned.json') as { credential: Record<string, unknown> }).credential
      expect(elm.type).toEqual(sample.type)
      expect(elm.credentialSchema).toEqual(sample.credentialSchema)
      const claim = elm.credentialSubject.hasClaim[0]
      const sampleClaim = (sample.credentialSubject as { hasClaim: Record<string, unknown>[] }).hasClaim[0]!
      expect(elm.credentialSubject.type).toBe('Person')
      expect(elm.credentialSubject.fullName).toEqual({ en: ['Ada Learner'] }) // shown, as on the credential's page
      expect(claim.type).toBe(sampleClaim.type)
      expect(Object.keys(claim)).toEqual(expect.arrayContaining(['awardedBy', 'title', 'provenBy', 'specifiedBy']))
      expect(claim.awardedBy).toMatchObject({ type: 'AwardingProcess', awardingBody: [{ type: 'Organisation' }] })
      expect(claim.provenBy[0].type).toBe('LearningAssessment')
      expect(claim.specifiedBy).toMatchObject({ type: 'LearningAchievementSpecification', eqfLevel: { id: 'http://data.europa.eu/snb/eqf/5' }, creditPoint: [{ point: '2' }] })
      expect(elm.issuanceDate).toBe(elm.validFrom)
      await expandElm(elm)
      expect((await p.t.request('/api/v1/credentials/00000000-0000-4000-8000-000000000000/elm')).status).toBe(404)
      expect((await p.t.request('/api/v1/credentials/not-a-uuid/elm')).status).toBe(404)
    })
  })
}
