import { describe, expect, it } from 'vitest'
import { isPlatformError } from '../../errors.js'
import { resolveDidKey } from '../did-key.js'
import { generateKeyPair } from '../multikey.js'
import { createSigner } from '../signer.js'
import { signCredential } from './sign-credential.js'
import { verifyProofs } from './verify-proofs.js'

const keyPair = generateKeyPair()
const signer = createSigner(keyPair)
const resolveVerificationMethod = async (url: string) => resolveDidKey(url)
const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:2f1c1a1e-6c55-4d0c-9a1f-1b2f9a7d3e01',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: `did:key:${keyPair.publicKeyMultibase}`, type: ['Profile'], name: 'Example University' },
  validFrom: '2024-01-01T00:00:00Z',
  name: 'Data Integrity basics',
  credentialSubject: {
    id: 'did:example:learner',
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://example.org/achievements/di',
      type: ['Achievement'],
      name: 'Data Integrity basics',
      description: 'Signs and verifies credentials.',
      criteria: { narrative: 'Pass the test.' },
    },
  },
}

describe('signCredential', () => {
  it.each(['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const)('adds a %s proof that verifies', async (suite) => {
    const signed = await signCredential(credential, signer, { suite, created: '2024-01-01T00:00:00Z' })
    expect(signed.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: suite,
      created: '2024-01-01T00:00:00Z',
      verificationMethod: signer.verificationMethod,
      proofPurpose: 'assertionMethod',
      proofValue: expect.stringMatching(/^z/),
    })
    expect('@context' in (signed.proof as object)).toBe(suite === 'eddsa-jcs-2022')
    expect(await verifyProofs(signed, { resolveVerificationMethod })).toMatchObject({ verified: true })
  })

  it('leaves the input untouched and omits created when the caller gives none', async () => {
    const input = structuredClone(credential)
    const signed = await signCredential(input, signer, { suite: 'eddsa-rdfc-2022' })
    expect(input).toEqual(credential)
    expect('created' in (signed.proof as object)).toBe(false)
    expect((await verifyProofs(signed, { resolveVerificationMethod })).verified).toBe(true)
  })

  it('turns an existing proof into a proof set whose every proof verifies', async () => {
    const other = createSigner(generateKeyPair())
    const once = await signCredential(credential, signer, { suite: 'eddsa-rdfc-2022' })
    const twice = await signCredential(once, other, { suite: 'eddsa-jcs-2022' })
    expect(twice.proof).toHaveLength(2)
    const result = await verifyProofs(twice, { resolveVerificationMethod })
    expect(result.verified).toBe(true)
    expect(result.proofs.map((p) => p.controller)).toEqual([`did:key:${signer.publicKeyMultibase}`, `did:key:${other.publicKeyMultibase}`])
  })

  it('fails with a PlatformError when the credential uses a term no context defines', async () => {
    const undefinedTerm = { ...credential, favouriteColour: 'blue' }
    const error = await signCredential(undefinedTerm, signer, { suite: 'eddsa-rdfc-2022' }).catch((err: unknown) => err)
    expect(isPlatformError(error)).toBe(true)
  })

  it('throws a TypeError for a created that is not a dateTime and refuses unknown suites', async () => {
    await expect(signCredential(credential, signer, { suite: 'eddsa-rdfc-2022', created: 'yesterday' })).rejects.toThrow(TypeError)
    const error = await signCredential(credential, signer, { suite: 'ecdsa-rdfc-2019' as 'eddsa-rdfc-2022' }).catch((err: unknown) => err)
    expect(isPlatformError(error, 'ERR_UNSUPPORTED_SUITE')).toBe(true)
  })
})
