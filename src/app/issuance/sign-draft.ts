import type { AchievementCredential } from '../../core/credential/index.js'
import { encodeBase64url, encodeMultibase } from '../../core/encoding/index.js'
import { signCredential, signJwt, type Signer } from '../../core/proof/index.js'
import { logAppendOf } from '../log-append.js'
import type { LogAppend } from '../log-store.js'
import type { IssuerSuite } from './cohort.js'

/** A signed credential as the store takes it. */
export interface SignedCredential {
  id: string
  /** The `credentials.json` text: the credential's JSON, or a JSON string holding the compact VC-JWT. */
  stored: string
  /** What the API returns: the credential with its proof, or the compact VC-JWT. */
  document: Record<string, unknown> | string
  /** Its transparency-log entry (for a VC-JWT, of the credential the JWT carries, as verifiers recompute it). */
  log: LogAppend
}

/** A credential canonicalized and hashed, waiting only for the Ed25519 signature of `toSign`. */
export interface PendingSignature {
  toSign: Uint8Array
  finish(signature: Uint8Array): SignedCredential
}

/** Who signs, without the secret: the key the proof will cite. */
export interface SigningKey {
  verificationMethod: string
  publicKeyMultibase: string
}

const PLACEHOLDER = new Uint8Array(64)

/**
 * Everything of signing but the signature itself: the proof (or JWT) is built through core/proof
 * with a signer that records the bytes it is asked to sign, then `finish` puts the real signature
 * where the placeholder was. The result is byte for byte what `signCredential` / `signJwt` make with
 * the real key, and lets the costly part run where the private key is not (a signing thread).
 */
export async function prepareSignature(draft: AchievementCredential, key: SigningKey, suite: IssuerSuite, created: string): Promise<PendingSignature> {
  let toSign: Uint8Array | undefined
  const recorder: Signer = {
    ...key,
    sign: (data) => {
      toSign = data.slice()
      return PLACEHOLDER
    },
  }
  if (suite === 'vc-jwt') {
    const unsigned = signJwt(draft as unknown as Record<string, unknown>, recorder)
    const signingInput = unsigned.slice(0, unsigned.lastIndexOf('.') + 1)
    const log = logAppendOf(draft as unknown as Record<string, unknown>)
    return {
      toSign: toSign!,
      finish: (signature) => {
        const compact = signingInput + encodeBase64url(signature)
        return { id: draft.id, stored: JSON.stringify(compact), document: compact, log }
      },
    }
  }
  const signed = (await signCredential(draft, recorder, { suite, created })) as AchievementCredential & { proof: Record<string, unknown> }
  return {
    toSign: toSign!,
    finish: (signature) => {
      const document = { ...signed, proof: { ...signed.proof, proofValue: encodeMultibase(signature) } }
      return { id: draft.id, stored: JSON.stringify(document), document, log: logAppendOf(document) }
    },
  }
}

/** Signs a draft here and now with `signer`. */
export async function signDraft(draft: AchievementCredential, signer: Signer, suite: IssuerSuite, created: string): Promise<SignedCredential> {
  const pending = await prepareSignature(draft, signer, suite, created)
  return pending.finish(signer.sign(pending.toSign))
}
