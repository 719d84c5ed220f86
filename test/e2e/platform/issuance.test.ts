import { generateKeyPairSync } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signCheckpoint } from '../../../src/app/log-checkpoint.js'
import { hashIdentity } from '../../../src/core/credential/index.js'
import { createNoteSigner } from '../../../src/core/transparency-log/index.js'
import { readJson } from '../../support/platform.js'
import { anonymously, castFor } from './issuance-access.js'
import { DEFINITION, failedChecks, startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

let p: IssuancePlatform
beforeAll(async () => {
  p = await startIssuancePlatform()
})
afterAll(() => p.close())

const issuePath = (achievementId = p.achievementId, slug = p.org.slug) => `/api/v1/orgs/${slug}/achievements/${achievementId}/credentials`
const issue = (json: unknown, headers: Record<string, string> = {}, path = issuePath()) => p.t.request(path, { as: p.owner, method: 'POST', json, headers })
const uuidOf = (id: string) => id.slice('urn:uuid:'.length)
const countCredentials = async () => Number((await p.t.store.db.selectFrom('issued_credentials').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

describe('issuing one credential through the API', () => {
  it('answers 201 with a signed credential that verifies, is logged, and mails the learner a claim link', async () => {
    const res = await issue({ recipient: { email: ' Ada.Lovelace@Example.org ', name: 'Ada Lovelace' } })
    expect(res.status).toBe(201)
    const body = await readJson(res)
    expect(res.headers.get('location')).toBe(`/api/v1/orgs/${p.org.slug}/credentials/${uuidOf(body.id)}`)
    expect(body).toMatchObject({ state: 'active', format: 'json', recipient: { email: 'ada.lovelace@example.org', name: 'Ada Lovelace' }, claimed: false })
    expect(body.links).toEqual({ document: `http://localhost:3000/credentials/${uuidOf(body.id)}`, page: `http://localhost:3000/c/${uuidOf(body.id)}` })
    const credential = body.credential
    expect(credential.id).toBe(body.id)
    expect(credential.issuer.id).toBe(p.org.did)
    expect(credential.proof[0].cryptosuite).toBe('eddsa-rdfc-2022')
    expect(credential.validFrom).toBe('2026-03-01T09:00:00Z')
    // 24 months of validity from the achievement.
    expect(credential.validUntil).toBe('2028-03-01T09:00:00Z')
    expect(credential.credentialSubject.achievement.name).toBe(DEFINITION.name)
    const [identity] = credential.credentialSubject.identifier
    expect(identity.identityHash).toBe(hashIdentity('ada.lovelace@example.org', identity.salt))
    expect(credential.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' })
    expect(credential.credentialStatus.statusListCredential).toMatch(/^http:\/\/localhost:3000\/status\/[0-9a-f-]{36}$/)

    const report = await p.verify(credential)
    expect(failedChecks(report)).toEqual([])
    expect(report.verified).toBe(true)
    expect(report.checks.find((c) => c.id === 'status')?.outcome).toBe('passed')

    const leaf = await p.t.store.db.selectFrom('log_leaves').select('idx').where('credential_id', '=', body.id).executeTakeFirst()
    expect(leaf).toBeDefined()
    const { privateKey } = generateKeyPairSync('ed25519')
    const origin = 'localhost:3000/log'
    await signCheckpoint({ store: p.t.store, signer: createNoteSigner(origin, privateKey), origin, clock: p.t.clock })
    expect(await p.t.store.log.indexOfCredential(body.id)).toBe(leaf!.idx)

    const mail = await p.t.store.db.selectFrom('outbox').selectAll().where('to_address', '=', 'ada.lovelace@example.org').executeTakeFirstOrThrow()
    expect(mail.state).toBe('held')
    expect(mail.org_id).toBe(p.org.id)
    expect(mail.from_name).toBe('Example University')
    expect(mail.text).toContain(`http://localhost:3000/c/${uuidOf(body.id)}`)
    const token = /http:\/\/localhost:3000\/claim\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1]
    const row = await p.t.store.db.selectFrom('issued_credentials').selectAll().where('credential_id', '=', body.id).executeTakeFirstOrThrow()
    expect(token).toBeDefined()
    expect(row.claim_token_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(row.claim_token_hash).not.toContain(token!)
    expect(row.achievement_version).toBe(1)
  })

  it('embeds the learner DID, evidence, results and an explicit expiry, and the credential still verifies', async () => {
    const res = await issue({
      recipient: { email: 'grace@example.org', name: 'Grace Hopper', did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
      evidence: [{ id: 'https://lms.example.edu/submissions/42', name: 'Final assessment', narrative: 'Scored 87%' }],
      results: [{ resultDescription: 'urn:uuid:2f4c1a8e-9b7d-4c3e-8f1a-6d5e4c3b2a10', value: '87' }],
      validUntil: '2027-01-31T23:59:59Z',
    })
    expect(res.status).toBe(201)
    const { credential } = await readJson(res)
    expect(credential.credentialSubject.id).toBe('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK')
    expect(credential.credentialSubject.identifier[0].identityType).toBe('emailAddress')
    expect(credential.evidence).toEqual([{ id: 'https://lms.example.edu/submissions/42', type: ['Evidence'], name: 'Final assessment', narrative: 'Scored 87%' }])
    expect(credential.credentialSubject.result).toEqual([{ type: ['Result'], resultDescription: 'urn:uuid:2f4c1a8e-9b7d-4c3e-8f1a-6d5e4c3b2a10', value: '87' }])
    expect(credential.validUntil).toBe('2027-01-31T23:59:59Z')
    expect((await p.verify(credential)).verified).toBe(true)
  })

  it('gives every credential its own salt, id and random status entries', async () => {
    const a = await readJson(await issue({ recipient: { email: 'same@example.org', name: 'Same Person' } }))
    const b = await readJson(await issue({ recipient: { email: 'same@example.org', name: 'Same Person' } }))
    expect(a.id).not.toBe(b.id)
    expect(a.credential.credentialSubject.identifier[0].salt).not.toBe(b.credential.credentialSubject.identifier[0].salt)
    const rows = await p.t.store.db.selectFrom('issued_credentials').select(['revocation_index', 'suspension_index']).where('credential_id', 'in', [a.id, b.id]).execute()
    const indexes = rows.flatMap((r) => [r.revocation_index, r.suspension_index])
    expect(new Set(indexes).size).toBe(4)
    // Random, not sequential: four consecutive picks from 131,072 are not neighbours.
    expect(Math.max(...indexes) - Math.min(...indexes)).toBeGreaterThan(3)
  })

  it('signs with the organization’s chosen suite: eddsa-jcs-2022, or a compact VC-JWT that verifies', async () => {
    const owner = await p.t.seedUser()
    for (const suite of ['eddsa-jcs-2022', 'vc-jwt'] as const) {
      const org = await p.t.seedOrg({ owner })
      await p.t.store.db.updateTable('organizations').set({ suite }).where('id', '=', org.id).execute()
      const achievementId = await p.seedAchievement(org)
      const res = await p.t.request(issuePath(achievementId, org.slug), { as: owner, method: 'POST', json: { recipient: { email: 'jo@example.org', name: 'Jo' } } })
      expect(res.status).toBe(201)
      const body = await readJson(res)
      if (suite === 'vc-jwt') {
        expect(body.format).toBe('jwt')
        expect(body.credential).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
        // The kid names the JWK form of the organization's key, which its DID document lists (OB 3.0 §8.2).
        const { kid } = JSON.parse(Buffer.from(body.credential.split('.')[0], 'base64url').toString()) as { kid: string }
        expect(kid).toMatch(/#[\w-]+-jwk$/)
        const doc = await readJson(await p.t.request(`/orgs/${org.slug}/did.json`))
        expect(doc.verificationMethod.find((m: { id: string }) => m.id === kid)).toMatchObject({ type: 'JsonWebKey2020', publicKeyJwk: { kty: 'OKP', crv: 'Ed25519' } })
      } else expect(body.credential.proof[0].cryptosuite).toBe('eddsa-jcs-2022')
      const report = await p.verify(body.credential)
      expect(failedChecks(report), suite).toEqual([])
      expect(report.verified).toBe(true)
      const read = await readJson(await p.t.request(`/api/v1/orgs/${org.slug}/credentials/${uuidOf(body.id)}`, { as: owner }))
      expect(read.credential).toEqual(body.credential)
    }
  })
})

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body, issuing once', async () => {
    const before = await countCredentials()
    const json = { recipient: { email: 'once@example.org', name: 'Only Once' } }
    const first = await issue(json, { 'idempotency-key': 'order-1001' })
    const second = await issue(json, { 'idempotency-key': 'order-1001' })
    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(second.headers.get('location')).toBe(first.headers.get('location'))
    expect(await readJson(second)).toEqual(await readJson(first))
    expect(await countCredentials()).toBe(before + 1)
  })

  it('refuses the same key with a different body with ERR_IDEMPOTENCY_CONFLICT', async () => {
    await issue({ recipient: { email: 'a@example.org', name: 'A' } }, { 'idempotency-key': 'order-2002' })
    const res = await issue({ recipient: { email: 'b@example.org', name: 'B' } }, { 'idempotency-key': 'order-2002' })
    expect(res.status).toBe(422)
    expect((await readJson(res)).code).toBe('ERR_IDEMPOTENCY_CONFLICT')
  })

  it('issues once when two requests with the same key race', async () => {
    const before = await countCredentials()
    const json = { recipient: { email: 'race@example.org', name: 'Race' } }
    const [a, b] = await Promise.all([issue(json, { 'idempotency-key': 'race-1' }), issue(json, { 'idempotency-key': 'race-1' })])
    expect([a.status, b.status]).toEqual([201, 201])
    expect((await readJson(a)).id).toBe((await readJson(b)).id)
    expect(await countCredentials()).toBe(before + 1)
  })

  it('issues exactly one credential for 50 concurrent identical requests with one key, and refuses the key with another body', async () => {
    const before = await countCredentials()
    const json = { recipient: { email: 'fifty@example.org', name: 'Fifty Times' } }
    const answers = await Promise.all(Array.from({ length: 50 }, () => issue(json, { 'idempotency-key': 'race-50' })))
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(201))
    const ids = new Set(await Promise.all(answers.map(async (r) => (await readJson(r)).id)))
    expect(ids.size).toBe(1)
    expect(await countCredentials()).toBe(before + 1)
    const other = await issue({ recipient: { email: 'other@example.org', name: 'Other' } }, { 'idempotency-key': 'race-50' })
    expect(other.status).toBe(422)
    expect(await countCredentials()).toBe(before + 1)
  })

  it('checks the body before digesting it: odd bodies with a key answer 400, never 500, and issue nothing', async () => {
    const before = await countCredentials()
    const bodies = [
      '1e999',
      '{"recipient":{"email":"deep@example.org","name":"Deep"},"showName":1e999}',
      `{"recipient":${'['.repeat(100)}${']'.repeat(100)}}`,
      `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
      '{"recipient":{"email":"x@example.org","name":"X"},"validUntil":-1e999}',
    ]
    for (const [i, body] of bodies.entries()) {
      const res = await p.t.request(issuePath(), { as: p.owner, method: 'POST', body, headers: { 'content-type': 'application/json', 'idempotency-key': `odd-${i}` } })
      expect(res.status, body.slice(0, 40)).toBe(400)
      expect(['ERR_INPUT_INVALID', 'ERR_INPUT_TOO_DEEP']).toContain((await readJson(res)).code)
    }
    expect(await countCredentials()).toBe(before)
  })

  it('lists the body’s field errors in the problem, with or without a key', async () => {
    const res = await issue({ recipient: { email: 'nope', name: '' } }, { 'idempotency-key': 'fields-1' })
    expect(res.status).toBe(400)
    expect((await readJson(res)).errors).toEqual([
      { path: 'recipient.email', code: 'invalid_email', message: '"nope" is not an e-mail address like name@example.org' },
      { path: 'recipient.name', code: 'required', message: 'Enter the learner’s name' },
    ])
  })

  it('keeps keys apart per organization, and refuses a malformed key', async () => {
    const owner = await p.t.seedUser()
    const other = await p.t.seedOrg({ owner })
    const theirs = await p.seedAchievement(other)
    const json = { recipient: { email: 'k@example.org', name: 'K' } }
    const ours = await readJson(await issue(json, { 'idempotency-key': 'shared-key' }))
    const res = await p.t.request(issuePath(theirs, other.slug), { as: owner, method: 'POST', json, headers: { 'idempotency-key': 'shared-key' } })
    expect(res.status).toBe(201)
    expect((await readJson(res)).id).not.toBe(ours.id)
    const bad = await issue(json, { 'idempotency-key': 'has space' })
    expect(bad.status).toBe(400)
    expect((await readJson(bad)).detail).toMatch(/Idempotency-Key/)
  })
})

describe('input checks', () => {
  const cases: [string, unknown, RegExp][] = [
    ['a malformed e-mail', { recipient: { email: 'not-an-email', name: 'X' } }, /recipient\.email/],
    ['an empty name', { recipient: { email: 'x@example.org', name: '  ' } }, /recipient\.name/],
    ['a missing recipient', {}, /recipient/],
    ['an unknown field (never signed)', { recipient: { email: 'x@example.org', name: 'X' }, badge: 'gold' }, /badge|Unrecognized/i],
    ['an unknown evidence field', { recipient: { email: 'x@example.org', name: 'X' }, evidence: [{ id: 'https://x.org/1', secret: 1 }] }, /evidence/],
    ['evidence that is not an http(s) link', { recipient: { email: 'x@example.org', name: 'X' }, evidence: [{ id: 'javascript:alert(1)' }] }, /evidence\.0\.id/],
    ['a validUntil in the past', { recipient: { email: 'x@example.org', name: 'X' }, validUntil: '2020-01-01T00:00:00Z' }, /validUntil/],
    ['a validUntil without a time zone', { recipient: { email: 'x@example.org', name: 'X' }, validUntil: '2030-01-01' }, /validUntil/],
    ['a DID that is not one', { recipient: { email: 'x@example.org', name: 'X', did: 'https://me.example' } }, /recipient\.did/],
    ['a result for a description the achievement lacks', { recipient: { email: 'x@example.org', name: 'X' }, results: [{ resultDescription: 'urn:uuid:00000000-0000-4000-8000-000000000000', value: '1' }] }, /results/],
    ['a result status outside OB 3.0', { recipient: { email: 'x@example.org', name: 'X' }, results: [{ status: 'Great' }] }, /results\.0\.status/],
  ]
  for (const [what, json, message] of cases) {
    it(`refuses ${what} with ERR_INPUT_INVALID naming the field`, async () => {
      const before = await countCredentials()
      const res = await issue(json)
      expect(res.status).toBe(400)
      const body = await readJson(res)
      expect(body.code).toBe('ERR_INPUT_INVALID')
      expect(body.detail).toMatch(message)
      expect(await countCredentials()).toBe(before)
    })
  }

  it('answers malformed JSON with ERR_JSON_PARSE', async () => {
    const res = await p.t.request(issuePath(), { as: p.owner, method: 'POST', body: '{"recipient":', headers: { 'content-type': 'application/json' } })
    expect(res.status).toBe(400)
    expect((await readJson(res)).code).toBe('ERR_JSON_PARSE')
  })

  it('refuses a draft or archived achievement with ERR_STATE_INVALID, and an unknown one with 404', async () => {
    for (const state of ['draft', 'archived'] as const) {
      const id = await p.seedAchievement(p.org, { state })
      const res = await issue({ recipient: { email: 'x@example.org', name: 'X' } }, {}, issuePath(id))
      expect(res.status).toBe(409)
      expect((await readJson(res)).code).toBe('ERR_STATE_INVALID')
    }
    const res = await issue({ recipient: { email: 'x@example.org', name: 'X' } }, {}, issuePath('00000000-0000-4000-8000-000000000000'))
    expect(res.status).toBe(404)
  })

  it("never issues another organization's achievement", async () => {
    const owner = await p.t.seedUser()
    const other = await p.t.seedOrg({ owner })
    const theirs = await p.seedAchievement(other)
    const res = await issue({ recipient: { email: 'x@example.org', name: 'X' } }, {}, issuePath(theirs))
    expect(res.status).toBe(404)
  })
})

describe('reading issued credentials', () => {
  it('lists newest first with search by e-mail or name, filters, and cursor pages', async () => {
    const owner = await p.t.seedUser()
    const org = await p.t.seedOrg({ owner })
    const first = await p.seedAchievement(org)
    const second = await p.seedAchievement(org, { definition: { name: 'Second Achievement' } })
    const post = (achievementId: string, email: string, name: string) => p.t.request(issuePath(achievementId, org.slug), { as: owner, method: 'POST', json: { recipient: { email, name } } })
    await post(first, 'alan@example.org', 'Alan Turing')
    p.t.clock.advance(86_400_000)
    await post(first, 'barbara@example.org', 'Barbara Liskov')
    p.t.clock.advance(86_400_000)
    const last = await readJson(await post(second, 'edsger@example.org', 'Edsger Dijkstra'))
    p.t.clock.advance(-2 * 86_400_000)
    const list = (query: string) => p.t.request(`/api/v1/orgs/${org.slug}/credentials${query}`, { as: owner }).then(readJson)

    const all = await list('')
    expect(all.items.map((i: { recipient: { name: string } }) => i.recipient.name)).toEqual(['Edsger Dijkstra', 'Barbara Liskov', 'Alan Turing'])
    expect((await list('?q=LISKOV')).items).toHaveLength(1)
    expect((await list('?q=alan%40example')).items[0].recipient.name).toBe('Alan Turing')
    expect((await list(`?achievement=${second}`)).items.map((i: { id: string }) => i.id)).toEqual([last.id])
    expect((await list('?issuedFrom=2026-03-02&issuedTo=2026-03-02')).items.map((i: { recipient: { name: string } }) => i.recipient.name)).toEqual(['Barbara Liskov'])
    expect((await list('?q=50%25_off')).items).toEqual([])

    const page1 = await list('?limit=2')
    expect(page1.items).toHaveLength(2)
    const page2 = await list(`?limit=2&cursor=${page1.nextCursor}`)
    expect(page2.items.map((i: { recipient: { name: string } }) => i.recipient.name)).toEqual(['Alan Turing'])
    expect(page2.nextCursor).toBeUndefined()

    await p.t.request(`/api/v1/orgs/${org.slug}/credentials/${uuidOf(last.id)}/revoke`, { as: owner, method: 'POST', json: { reason: 'Issued in error' } })
    expect((await list('?state=revoked')).items.map((i: { id: string }) => i.id)).toEqual([last.id])
    for (const bad of ['?state=lost', '?limit=0', '?limit=500', '?cursor=nonsense', '?issuedFrom=yesterday'])
      expect((await p.t.request(`/api/v1/orgs/${org.slug}/credentials${bad}`, { as: owner })).status, bad).toBe(400)
  })

  it('reads one credential by its UUID or urn:uuid id, and 404s for another organization’s', async () => {
    const body = await readJson(await issue({ recipient: { email: 'read@example.org', name: 'Reader' } }))
    for (const id of [uuidOf(body.id), encodeURIComponent(body.id)]) {
      const res = await p.t.request(`/api/v1/orgs/${p.org.slug}/credentials/${id}`, { as: p.owner })
      expect(res.status).toBe(200)
      expect(await readJson(res)).toMatchObject({ id: body.id, state: 'active', stateReason: null, claimed: false })
    }
    const owner = await p.t.seedUser()
    const other = await p.t.seedOrg({ owner })
    expect((await p.t.request(`/api/v1/orgs/${other.slug}/credentials/${uuidOf(body.id)}`, { as: owner })).status).toBe(404)
    expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/credentials/not-a-uuid`, { as: p.owner })).status).toBe(404)
  })
})

describe('who may issue and read', () => {
  it('lets owners, admins, issuers and issuer keys issue; viewers get 403, outsiders 404, anonymous 401', async () => {
    const cast = await castFor(p.t, p.org, p.owner)
    const json = { recipient: { email: 'cast@example.org', name: 'Cast' } }
    for (const c of cast.writers) expect((await p.t.request(issuePath(), { as: c.as, method: 'POST', json })).status, c.name).toBe(201)
    for (const c of cast.lowReaders) expect((await p.t.request(issuePath(), { as: c.as, method: 'POST', json })).status, c.name).toBe(403)
    for (const c of cast.outsiders) expect((await p.t.request(issuePath(), { as: c.as, method: 'POST', json })).status, c.name).toBe(404)
    const anonymous = await anonymously(p.t, issuePath(), { json })
    expect(anonymous.status).toBe(401)
    expect((await readJson(anonymous)).code).toBe('ERR_UNAUTHENTICATED')
  })

  it('lets every member and key read the list and one credential; outsiders get 404 and see nothing', async () => {
    const cast = await castFor(p.t, p.org, p.owner)
    const { id } = await readJson(await issue({ recipient: { email: 'seen@example.org', name: 'Seen' } }))
    const paths = [`/api/v1/orgs/${p.org.slug}/credentials`, `/api/v1/orgs/${p.org.slug}/credentials/${uuidOf(id)}`]
    for (const path of paths) {
      for (const c of cast.readers) expect((await p.t.request(path, { as: c.as })).status, `${c.name} ${path}`).toBe(200)
      for (const c of cast.outsiders) {
        const res = await p.t.request(path, { as: c.as })
        expect(res.status, `${c.name} ${path}`).toBe(404)
        expect(await res.text()).not.toContain('seen@example.org')
      }
      expect((await p.t.request(path)).status).toBe(401)
    }
  })
})
