import { describe, expect, it } from 'vitest'
import { jcs } from '../../core/canonical/index.js'
import { buildAchievementCredential } from '../../core/credential/index.js'
import { createSigner, generateKeyPair, signCredential, signJwt } from '../../core/proof/index.js'
import { buildCredentialInput, buildIssuerProfile } from '../../../test/support/builders.js'
import { logAppendOf } from '../log-append.js'
import { finishSignature, prepareSignature, signDraft } from './sign-draft.js'

const signer = createSigner(generateKeyPair(), 'did:web:badges.example.edu:orgs:demo#key-1')
const issuer = buildIssuerProfile({ id: 'did:web:badges.example.edu:orgs:demo' })
const created = '2026-03-01T09:00:00Z'

/** Drafts whose text could confuse a splice: a name holding what a placeholder signature looks like, quotes, non-ASCII. */
const drafts = [
  buildAchievementCredential(buildCredentialInput({ issuer })),
  buildAchievementCredential(
    buildCredentialInput({
      issuer,
      id: 'urn:uuid:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      evidence: [{ type: ['Evidence'], name: `"z${'1'.repeat(86)}" “quoted” ünïcödé \\ \n` }],
    }),
  ),
]

describe('signing split into prepare and finish', () => {
  for (const suite of ['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const) {
    it(`gives byte for byte what signCredential gives with ${suite}, and the same log entry`, async () => {
      for (const draft of drafts) {
        const expected = await signCredential(draft, signer, { suite, created, proofAsArray: true })
        const pending = await prepareSignature(draft, signer, suite, created)
        const signed = finishSignature(structuredClone(pending), signer.sign(pending.toSign))
        expect(signed.stored).toBe(jcs(expected))
        expect(JSON.parse(signed.stored)).toEqual(expected)
        expect(signed.log).toEqual(logAppendOf(expected as unknown as Record<string, unknown>))
        expect(await signDraft(draft, signer, suite, created)).toEqual(signed)
      }
    })
  }

  it('gives the compact VC-JWT signJwt gives, stored as a JSON string, logged as the credential it carries', async () => {
    for (const draft of drafts) {
      const expected = signJwt(draft as unknown as Record<string, unknown>, signer, { kid: `${signer.verificationMethod}-jwk` })
      const pending = await prepareSignature(draft, signer, 'vc-jwt', created)
      const signed = finishSignature(structuredClone(pending), signer.sign(pending.toSign))
      expect(JSON.parse(signed.stored)).toBe(expected)
      expect(signed.log).toEqual(logAppendOf(draft as unknown as Record<string, unknown>))
    }
  })
})
