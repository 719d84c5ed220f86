// The holder API against a whole platform (SQLite, or PostgreSQL when asked): presentations signed by
// the learner's holder key and checked by Digital Bazaar's verifier, the data export, notification
// settings and account deletion, each route against the owner, another learner, an organization
// member (API key) and anonymous.
// @ts-expect-error untyped dev dependency
import * as vc from '@digitalbazaar/vc'
// @ts-expect-error untyped dev dependency
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
// @ts-expect-error untyped dev dependency
import { cryptosuite as rdfcCryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { displayOf } from '../../../src/app/wallet/display.js'
import { CONTEXT, createDocumentLoader, type DocumentLoader } from '../../../src/core/canonical/index.js'
import { createSigner, didKeyDocument, didKeyOf, generateKeyPair, resolveDidKey, signCredential, signJwt, type Signer } from '../../../src/core/proof/index.js'
import { readJson, type TestSession } from '../../support/platform.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

/** A did:key issuer somewhere else ("External Academy"), signing in-process. */
function externalIssuer(): { did: string; signer: Signer; publicKeyMultibase: string } {
  const pair = generateKeyPair()
  return { did: didKeyOf(pair.publicKeyMultibase), signer: createSigner(pair), publicKeyMultibase: pair.publicKeyMultibase }
}

/** A small OB 3.0 credential by `issuer` about `subjectId`. */
const badge = (issuer: string, name: string, subjectId?: string) => ({
  '@context': [CONTEXT.VC_V2, CONTEXT.OB_V3],
  id: `urn:uuid:${crypto.randomUUID()}`,
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name,
  issuer: { id: issuer, type: ['Profile'], name: 'External Academy' },
  validFrom: '2026-01-10T09:00:00Z',
  credentialSubject: {
    ...(subjectId ? { id: subjectId } : {}),
    type: ['AchievementSubject'],
    achievement: { id: `https://external.example/achievements/${encodeURIComponent(name)}`, type: ['Achievement'], name, description: `${name}, assessed.`, criteria: { narrative: 'Passed the assessment.' } },
  },
})

/** The bundled contexts plus the DID documents of these did:keys, as jsonld-signatures loads them. */
function loaderFor(dids: string[]): DocumentLoader {
  const docs = new Map<string, unknown>()
  for (const did of dids) {
    docs.set(did, didKeyDocument(did))
    const method = resolveDidKey(did)
    docs.set(method.id, { '@context': CONTEXT.MULTIKEY_V1, ...method })
  }
  return createDocumentLoader(docs)
}

const dbVerifyPresentation = async (presentation: unknown, challenge: string, domain: string | undefined, documentLoader: DocumentLoader) =>
  (await vc.verify({
    presentation: structuredClone(presentation),
    challenge,
    ...(domain ? { domain } : {}),
    suite: new DataIntegrityProof({ cryptosuite: rdfcCryptosuite }),
    documentLoader,
    checkStatus: async () => ({ verified: true }),
  })) as { verified: boolean; error?: unknown; presentationResult?: { verified: boolean }; credentialResults?: Array<{ verified: boolean }> }

export function describeHolderApi(name: string, dialect: 'sqlite' | 'postgres'): void {
  describe(`${name}: the holder API`, () => {
    let p: IssuancePlatform
    let learner: TestSession
    let other: TestSession
    let apiKey: string
    const external = externalIssuer()

    /** Keeps `document` in `user`'s wallet the way an import does; returns the item id. */
    async function keep(user: TestSession, document: string, format: 'vc-json' | 'vc-jwt'): Promise<string> {
      const report = await p.verify(format === 'vc-jwt' ? document : JSON.parse(document))
      const credential = report.credential ?? {}
      const { item } = await p.t.platform.wallet.addImported(user.userId, {
        format,
        document,
        ...(typeof credential.id === 'string' ? { credentialId: credential.id } : {}),
        verified: report.verified,
        report,
        display: displayOf(credential),
      })
      return item.id
    }

    const issueTo = async (recipient: { email: string; name: string; did?: string }) => {
      const res = await p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/${p.achievementId}/credentials`, { as: p.owner, method: 'POST', json: { recipient } })
      expect(res.status).toBe(201)
      return readJson(res) as Promise<{ id: string; credential: Record<string, unknown> }>
    }

    const present = (as: TestSession | string | undefined, json: unknown) => p.t.request('/api/v1/wallet/presentations', { method: 'POST', json, ...(as ? { as } : {}) })
    const check = (json: unknown) => p.t.request('/api/v1/presentations/verify', { method: 'POST', json })

    beforeAll(async () => {
      p = await startIssuancePlatform({ dialect })
      learner = await p.t.seedUser({ name: 'Ada Learner' })
      other = await p.t.seedUser({ name: 'Bo Other' })
      apiKey = await p.t.seedApiKey(p.org, 'issuer')
    })
    afterAll(() => p?.close())

    it('gives each account one DID, the same on every call, and none to anonymous callers (401) or API keys (403)', async () => {
      const first = await readJson(await p.t.request('/api/v1/me/did', { as: learner }))
      expect(first.did).toMatch(/^did:key:z6Mk/)
      expect(first.verificationMethod).toBe(`${first.did}#${first.publicKeyMultibase}`)
      expect((await readJson(await p.t.request('/api/v1/me/did', { as: learner }))).did).toBe(first.did)
      expect((await readJson(await p.t.request('/api/v1/me/did', { as: other }))).did).not.toBe(first.did)
      expect((await p.t.request('/api/v1/me/did')).status).toBe(401)
      expect((await p.t.request('/api/v1/me/did', { as: apiKey })).status).toBe(403)
      const row = await p.t.store.db.selectFrom('holder_keys').selectAll().where('user_id', '=', learner.userId).executeTakeFirstOrThrow()
      expect(row.sealed_private_key).toMatch(/^v1\./)
      expect(row.sealed_private_key).not.toContain(first.publicKeyMultibase)
    })

    it('signs a presentation Digital Bazaar verifies with the challenge and domain, and rejects with another challenge', async () => {
      const { did } = await readJson(await p.t.request('/api/v1/me/did', { as: learner }))
      const a = await signCredential(badge(external.did, 'Research Data Management', did), external.signer, { suite: 'eddsa-rdfc-2022', created: '2026-01-10T09:00:00Z' })
      const b = await signCredential(badge(external.did, 'Open Peer Review'), external.signer, { suite: 'eddsa-rdfc-2022', created: '2026-01-11T09:00:00Z' })
      const ids = [await keep(learner, JSON.stringify(a), 'vc-json'), await keep(learner, JSON.stringify(b, null, 2), 'vc-json')]
      const res = await present(learner, { credentials: ids, challenge: 'c-7f3a9e', domain: 'jobs.example.com' })
      expect(res.status).toBe(200)
      const vp = await readJson(res)
      expect(vp).toMatchObject({ '@context': [CONTEXT.VC_V2], type: ['VerifiablePresentation'], holder: did, proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'authentication', challenge: 'c-7f3a9e', domain: 'jobs.example.com' } })
      expect(vp.verifiableCredential).toEqual([a, b])
      const loader = loaderFor([did, external.did])
      const good = await dbVerifyPresentation(vp, 'c-7f3a9e', 'jobs.example.com', loader)
      expect(good.error, JSON.stringify(good.error)).toBeUndefined()
      expect(good.verified).toBe(true)
      expect((await dbVerifyPresentation(vp, 'another-challenge', 'jobs.example.com', loader)).verified).toBe(false)
      expect((await dbVerifyPresentation(vp, 'c-7f3a9e', 'elsewhere.example', loader)).verified).toBe(false)
    })

    it('checks a presentation for a verifier: the holder proof, each credential, the binding to the holder DID, and refuses a wrong challenge or a tampered copy', async () => {
      const { did } = await readJson(await p.t.request('/api/v1/me/did', { as: learner }))
      const issued = await issueTo({ email: learner.email, name: 'Ada Learner', did })
      expect((issued.credential.credentialSubject as { id?: string }).id).toBe(did)
      const ours = await keep(learner, JSON.stringify(issued.credential), 'vc-json')
      const jwt = signJwt(badge(external.did, 'Data Ethics', did), external.signer)
      const enveloped = await keep(learner, jwt, 'vc-jwt')
      const vp = await readJson(await present(learner, { credentials: [ours, enveloped], challenge: 'n-1' }))
      expect(vp.verifiableCredential[1]).toEqual({ '@context': CONTEXT.VC_V2, id: `data:application/vc+jwt,${jwt}`, type: 'EnvelopedVerifiableCredential' })

      const ok = await readJson(await check({ presentation: vp, challenge: 'n-1' }))
      expect(ok.holderProof, JSON.stringify(ok)).toMatchObject({ verified: true, controller: did, challengeMatches: true })
      expect(ok.credentials.map((c: { verified: boolean; boundToHolder: boolean; format: string }) => [c.format, c.verified, c.boundToHolder])).toEqual([
        ['json', true, true],
        ['jwt', true, true],
      ])
      expect(ok.verified).toBe(true)
      expect((await readJson(await check({ presentation: JSON.stringify(vp), challenge: 'n-1' }))).verified).toBe(true)

      const wrong = await readJson(await check({ presentation: vp, challenge: 'n-2' }))
      expect(wrong).toMatchObject({ verified: false, holderProof: { verified: false, challengeMatches: false, code: 'PROOF_CHALLENGE_MISMATCH' } })
      const wantsDomain = await readJson(await check({ presentation: vp, challenge: 'n-1', domain: 'jobs.example.com' }))
      expect(wantsDomain).toMatchObject({ verified: false, holderProof: { domainMatches: false } })
      const tampered = structuredClone(vp)
      tampered.verifiableCredential[0].credentialSubject.achievement.name = 'Something Else'
      expect(await readJson(await check({ presentation: tampered, challenge: 'n-1' }))).toMatchObject({ verified: false, holderProof: { code: 'PROOF_SIGNATURE_INVALID' } })
      const swapped = { ...structuredClone(vp), holder: (await readJson(await p.t.request('/api/v1/me/did', { as: other }))).did }
      expect((await readJson(await check({ presentation: swapped, challenge: 'n-1' }))).holderProof.verified).toBe(false)
      expect(await readJson(await check({ presentation: { hello: 'world' }, challenge: 'n-1' }))).toMatchObject({ verified: false, holderProof: { code: 'PRESENTATION_MALFORMED' } })
      expect((await check({ presentation: vp })).status).toBe(400)
      expect((await check({ presentation: { ...vp, verifiableCredential: Array.from({ length: 51 }, () => vp.verifiableCredential[0]) }, challenge: 'n-1' })).status).toBe(400)
      expect((await p.t.request('/api/v1/presentations/verify', { method: 'POST', body: '{"presentation":', headers: { 'content-type': 'application/json' } })).status).toBe(400)
    })

    it('presents only the owner’s own credentials: another learner 404, anonymous 403 (no session, no CSRF token), an API key 403, bad input 400', async () => {
      const mine = await keep(learner, JSON.stringify(await signCredential(badge(external.did, 'Owned'), external.signer, { suite: 'eddsa-rdfc-2022' })), 'vc-json')
      expect((await present(other, { credentials: [mine], challenge: 'x' })).status).toBe(404)
      expect((await present(undefined, { credentials: [mine], challenge: 'x' })).status).toBe(403)
      expect((await present(apiKey, { credentials: [mine], challenge: 'x' })).status).toBe(403)
      for (const body of [{ credentials: [], challenge: 'x' }, { credentials: [mine] }, { credentials: [mine, mine], challenge: 'x' }, { credentials: [mine], challenge: 'x', extra: 1 }, { credentials: 'w_1', challenge: 'x' }]) {
        const res = await present(learner, body)
        expect(res.status, JSON.stringify(body)).toBe(400)
        expect(res.headers.get('content-type')).toContain('application/problem+json')
      }
      expect((await present(learner, { credentials: [mine], challenge: 'x' })).status).toBe(200)
    })

    it('exports every wallet credential byte for byte with the account data and a README, for the owner only', async () => {
      const user = await p.t.seedUser({ name: 'Exporting Learner' })
      const json = JSON.stringify(await signCredential(badge(external.did, 'Exported JSON'), external.signer, { suite: 'eddsa-rdfc-2022' }), null, 3) + '\n'
      const jwt = signJwt(badge(external.did, 'Exported JWT'), external.signer)
      const ids = [await keep(user, json, 'vc-json'), await keep(user, jwt, 'vc-jwt')]
      await p.t.request('/api/v1/me/did', { as: user })
      const profile = { userId: user.userId, handle: `exporter-${user.userId.slice(0, 6)}`, displayName: 'Exporting Learner', headline: 'Exports', bio: '', public: true, openToEmployers: false }
      expect(await p.t.store.repos.learnerProfiles.save(profile, p.t.clock.now())).toBe('saved')
      await p.t.store.repos.shareLinks.create({ tokenHash: 'e'.repeat(64), userId: user.userId, itemId: ids[0]!, collectionId: null, expiresAt: null, createdAt: p.t.clock.now().toISOString() })
      const res = await p.t.request('/api/v1/me/export', { as: user })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/zip')
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="emblem-export-\d{4}-\d{2}-\d{2}\.zip"$/)
      const files = unzipSync(new Uint8Array(await res.arrayBuffer()))
      expect(Object.keys(files).sort()).toEqual(['README.txt', 'account.json', `credentials/${ids[0]}.json`, `credentials/${ids[1]}.jwt`].sort())
      expect(strFromU8(files[`credentials/${ids[0]}.json`]!)).toBe(json)
      expect(strFromU8(files[`credentials/${ids[1]}.jwt`]!)).toBe(jwt)
      const account = JSON.parse(strFromU8(files['account.json']!))
      expect(account.user).toMatchObject({ id: user.userId, email: user.email, name: 'Exporting Learner' })
      expect(account.credentials.map((c: { id: string; file: string }) => c.id).sort()).toEqual([...ids].sort())
      expect(account.did.did).toMatch(/^did:key:/)
      expect(account.settings).toEqual({ expiryReminders: true, productNews: false })
      expect(account.profile).toMatchObject({ handle: profile.handle, displayName: 'Exporting Learner', public: true })
      expect(account.shareLinks).toEqual([expect.objectContaining({ credential: ids[0], views: 0, revokedAt: null })])
      const text = strFromU8(files['account.json']!)
      expect(text).not.toMatch(/argon2|password_?hash|passwordHash|sealed|csrf|tokenHash|e{64}/i)
      expect(strFromU8(files['README.txt']!)).toContain('credentials/')

      const others = unzipSync(new Uint8Array(await (await p.t.request('/api/v1/me/export', { as: other })).arrayBuffer()))
      expect(Object.keys(others).some((f) => ids.some((id) => f.includes(id)))).toBe(false)
      expect((await p.t.request('/api/v1/me/export')).status).toBe(401)
      expect((await p.t.request('/api/v1/me/export', { as: apiKey })).status).toBe(403)
    })

    it('keeps notification settings per account: product news off until chosen, bad input 400, anonymous 401', async () => {
      const user = await p.t.seedUser()
      expect(await readJson(await p.t.request('/api/v1/me/notifications', { as: user }))).toEqual({ expiryReminders: true, productNews: false })
      const saved = await p.t.request('/api/v1/me/notifications', { as: user, method: 'PUT', json: { expiryReminders: false, productNews: true } })
      expect(await readJson(saved)).toEqual({ expiryReminders: false, productNews: true })
      expect(await readJson(await p.t.request('/api/v1/me/notifications', { as: user }))).toEqual({ expiryReminders: false, productNews: true })
      expect(await readJson(await p.t.request('/api/v1/me/notifications', { as: other }))).toEqual({ expiryReminders: true, productNews: false })
      expect((await p.t.request('/api/v1/me/notifications', { as: user, method: 'PUT', json: { expiryReminders: 'yes', productNews: true } })).status).toBe(400)
      expect((await p.t.request('/api/v1/me/notifications', { as: user, method: 'PUT', json: { expiryReminders: true } })).status).toBe(400)
      expect((await p.t.request('/api/v1/me/notifications')).status).toBe(401)
      expect((await p.t.request('/api/v1/me/notifications', { method: 'PUT', json: { expiryReminders: true, productNews: true } })).status).toBe(403)
      expect((await p.t.request('/api/v1/me/notifications', { as: apiKey })).status).toBe(403)
    })

    it('deletes an account after its password: personal data gone, sign-in fails, issued credentials still verify', async () => {
      const user = await p.t.seedUser({ name: 'Leaving Learner' })
      const issued = await issueTo({ email: user.email, name: 'Leaving Learner' })
      const itemId = await keep(user, JSON.stringify(issued.credential), 'vc-json')
      await p.t.request('/api/v1/me/did', { as: user })
      await p.t.request('/api/v1/me/notifications', { as: user, method: 'PUT', json: { expiryReminders: true, productNews: true } })
      await p.t.store.repos.learnerProfiles.save({ userId: user.userId, handle: `leaving-${user.userId.slice(0, 6)}`, displayName: 'Leaving Learner', headline: '', bio: '', public: true, openToEmployers: false }, p.t.clock.now())
      await p.t.store.repos.shareLinks.create({ tokenHash: 'd'.repeat(64), userId: user.userId, itemId, collectionId: null, expiresAt: null, createdAt: p.t.clock.now().toISOString() })

      const wrong = await p.t.request('/api/v1/me', { as: user, method: 'DELETE', json: { password: 'not my password' } })
      expect(wrong.status).toBe(400)
      expect((await readJson(wrong)).errors).toEqual([expect.objectContaining({ path: 'password', code: 'mismatch' })])
      expect((await p.t.request('/api/v1/me', { method: 'DELETE', json: { password: user.password } })).status).toBe(403)
      expect((await p.t.request('/api/v1/me', { as: apiKey, method: 'DELETE', json: { password: user.password } })).status).toBe(403)
      expect((await p.t.request('/api/v1/me', { as: user, method: 'DELETE', json: {} })).status).toBe(400)

      const gone = await p.t.request('/api/v1/me', { as: user, method: 'DELETE', json: { password: user.password } })
      expect(gone.status).toBe(204)
      expect(gone.headers.getSetCookie().join(';')).toMatch(/emblem_session=;/)
      expect((await p.t.request('/api/v1/me', { as: user })).status).toBe(401)
      const db = p.t.store.db
      for (const table of ['users', 'sessions', 'account_emails', 'wallet_items', 'holder_keys', 'notification_settings', 'learner_profiles', 'share_links'] as const) {
        const column = table === 'users' ? 'id' : 'user_id'
        expect(await db.selectFrom(table).select(column).where(column, '=', user.userId).execute(), table).toEqual([])
      }
      expect(await db.selectFrom('wallet_items').select('id').where('id', '=', itemId).execute()).toEqual([])

      const csrf = await p.t.request('/api/v1/sessions/csrf')
      const cookie = csrf.headers.getSetCookie()[0]!.split(';')[0]!
      const { csrfToken } = await readJson(csrf)
      const signIn = await p.t.request('/api/v1/sessions', { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password: user.password }) })
      expect(signIn.status).toBe(401)

      const uuid = issued.id.replace(/^urn:uuid:/, '')
      const report = await readJson(await p.t.request(`/api/v1/credentials/${uuid}/verification`))
      expect(report.verified, JSON.stringify(report.checks)).toBe(true)
      expect((await p.t.request(`/credentials/${uuid}`)).status).toBe(200)
    })

    it('refuses to delete the last owner of an organization until someone else owns it', async () => {
      const founder = await p.t.seedUser({ name: 'Founder' })
      const org = await p.t.seedOrg({ owner: founder, slug: 'founder-org', name: 'Founder Org' })
      const refused = await p.t.request('/api/v1/me', { as: founder, method: 'DELETE', json: { password: founder.password } })
      expect(refused.status).toBe(409)
      expect((await readJson(refused)).detail).toContain('Founder Org')
      expect((await p.t.request('/api/v1/me', { as: founder })).status).toBe(200)
      const partner = await p.t.seedUser({ name: 'Partner' })
      await p.t.seedMember(org, partner, 'owner')
      expect((await p.t.request('/api/v1/me', { as: founder, method: 'DELETE', json: { password: founder.password } })).status).toBe(204)
      expect((await p.t.request(`/api/v1/orgs/${org.slug}`, { as: partner })).status).toBe(200)
    })
  })
}
