import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signCheckpoint } from '../../../src/app/log-checkpoint.js'
import { hashIdentity } from '../../../src/core/credential/index.js'
import { generateKeyPairSync } from 'node:crypto'
import { createNoteSigner } from '../../../src/core/transparency-log/index.js'
import { readJson } from '../../support/platform.js'
import { failedChecks, startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

let p: IssuancePlatform
beforeAll(async () => {
  p = await startIssuancePlatform()
})
afterAll(() => p.close())

const issuePath = () => `/api/v1/orgs/${p.org.slug}/achievements/${p.achievementId}/credentials`

describe('issuing one credential through the API', () => {
  it('answers 201 with a signed credential that verifies, is logged, and mails the learner a claim link', async () => {
    const res = await p.t.request(issuePath(), { as: p.owner, method: 'POST', json: { recipient: { email: ' Ada.Lovelace@Example.org ', name: 'Ada Lovelace' } } })
    expect(res.status).toBe(201)
    const body = await readJson(res)
    expect(res.headers.get('location')).toBe(`/api/v1/orgs/${p.org.slug}/credentials/${body.id.slice('urn:uuid:'.length)}`)
    expect(body).toMatchObject({ state: 'active', format: 'json', recipient: { email: 'ada.lovelace@example.org', name: 'Ada Lovelace' }, claimed: false })
    const credential = body.credential
    expect(credential.id).toBe(body.id)
    expect(credential.issuer.id).toBe(p.org.did)
    expect(credential.proof.cryptosuite).toBe('eddsa-rdfc-2022')
    expect(credential.validFrom).toBe('2026-03-01T09:00:00Z')
    // 24 months of validity from the achievement.
    expect(credential.validUntil).toBe('2028-03-01T09:00:00Z')
    const [identity] = credential.credentialSubject.identifier
    expect(identity.identityHash).toBe(hashIdentity('ada.lovelace@example.org', identity.salt))
    expect(credential.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' })

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
    expect(mail.text).toContain(`http://localhost:3000/c/${body.id.slice('urn:uuid:'.length)}`)
    expect(mail.text).toMatch(/http:\/\/localhost:3000\/claim\/[A-Za-z0-9_-]{43}/)
  })
})
