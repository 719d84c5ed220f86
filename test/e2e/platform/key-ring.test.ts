import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signCredential, verifyProofs } from '../../../src/core/proof/index.js'
import { buildIssuerProfile, buildRealisticCredential } from '../../support/builders.js'
import { startTestPlatform, type TestPlatform } from '../../support/platform.js'

let t: TestPlatform
beforeAll(async () => {
  t = await startTestPlatform()
})
afterAll(() => t.close())

describe('organization keys', () => {
  it('are stored sealed, sign as <did>#<key id>, and a rotation retires the old key without losing it', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner, withKey: false })
    await expect(t.ports.keys.signerFor(org)).rejects.toMatchObject({ code: 'ERR_KEY_UNAVAILABLE' })
    const first = await t.ports.keys.rotate(org.id)
    const rows = await t.store.db.selectFrom('org_keys').selectAll().where('org_id', '=', org.id).execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.secret_sealed).toMatch(/^v1\./)
    expect(rows[0]!.secret_sealed).not.toContain('z3u2') // no multibase secret key in the clear
    const signer = await t.ports.keys.signerFor(org)
    expect(signer.verificationMethod).toBe(`${org.did}#${first.keyId}`)
    expect(signer.publicKeyMultibase).toBe(first.publicKeyMultibase)

    const second = await t.ports.keys.rotate(org.id)
    const states = await t.store.db.selectFrom('org_keys').select(['id', 'state']).where('org_id', '=', org.id).orderBy('created_at').execute()
    expect(new Map(states.map((s) => [s.id, s.state]))).toEqual(new Map([[first.keyId, 'retired'], [second.keyId, 'active']]))
    const next = await t.ports.keys.signerFor(org)
    expect(next.verificationMethod).toBe(`${org.did}#${second.keyId}`)

    // What the signer signs verifies with the key it names.
    const signed = await signCredential(buildRealisticCredential({ issuer: buildIssuerProfile({ id: org.did }) }), next, { suite: 'eddsa-rdfc-2022' })
    const result = await verifyProofs(signed, {
      resolveVerificationMethod: async (id) => {
        expect(id).toBe(next.verificationMethod)
        return { id, type: 'Multikey', controller: org.did, publicKeyMultibase: second.publicKeyMultibase }
      },
    })
    expect(result.verified).toBe(true)
  })
})
