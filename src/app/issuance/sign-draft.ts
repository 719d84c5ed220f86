// Signing split in two: `prepareSignature` does everything that needs no key (build the proof or
// JWT through core/proof, canonicalize, hash, serialize), `finishSignature` puts the signature in.
// Between them travels plain data, so the costly half can run in a signing thread while only the
// main thread holds the key, and the cheap half never re-serializes a credential: it gets the text
// around the signature. A Data Integrity credential is stored in its JCS form (RFC 8785: the same
// JSON, keys sorted), which is also what its log entry digests, so one text serves both.
import { jcs } from '../../core/canonical/index.js'
import type { AchievementCredential } from '../../core/credential/index.js'
import { encodeBase64url, encodeMultibase } from '../../core/encoding/index.js'
import { signCredential, signJwt, type Signer } from '../../core/proof/index.js'
import { digestOfCanonicalText } from '../../core/transparency-log/index.js'
import { logAppendFor, logAppendOf } from '../log-append.js'
import type { LogAppend } from '../log-store.js'
import { jwkMethodId } from '../orgs/did-document.js'
import type { IssuerSuite } from './cohort.js'

/** A signed credential as the store takes it. */
export interface SignedCredential {
  id: string
  /** The `credentials.json` text: the credential's JSON (JCS, keys sorted), or a JSON string holding the compact VC-JWT. */
  stored: string
  /** Its transparency-log entry (for a VC-JWT, of the credential the JWT carries, as verifiers recompute it). */
  log: LogAppend
}

/** A credential ready but for its signature: plain data (it crosses threads). */
export type PendingSignature = {
  id: string
  issuer: string
  /** The credential's validFrom: the log entry's `issued`. */
  issued: string
  /** The bytes to sign with Ed25519. */
  toSign: Uint8Array
  /** The stored text is `storedHead + <signature text> + storedTail`; for Data Integrity, the JCS the log digests. */
  storedHead: string
  storedTail: string
} & ({ format: 'data-integrity' } | { format: 'jwt'; log: LogAppend })

/** Who signs, without the secret: the key the proof will cite. */
export interface SigningKey {
  verificationMethod: string
  publicKeyMultibase: string
}

const PLACEHOLDER = new Uint8Array(64)
/** What the recorder's placeholder signature looks like in a proof. */
const PLACEHOLDER_VALUE = encodeMultibase(PLACEHOLDER)

/** `text` split around the last `"<value>"`: in JCS order the proof's proofValue is followed only by type and dates. */
function around(text: string, value: string): [string, string] {
  const quoted = `"${value}"`
  const at = text.lastIndexOf(quoted)
  if (at < 0) throw new Error('Signed form without its placeholder signature')
  return [text.slice(0, at + 1), text.slice(at + quoted.length - 1)]
}

/**
 * Everything of signing but the signature: the proof (or JWT) is made by core/proof's
 * signCredential / signJwt with a signer that records the bytes it is asked to sign, and the signed
 * forms are serialized with a placeholder where the signature goes. `finishSignature` then gives,
 * byte for byte, what signing with the real key gives (sign-draft.test.ts checks it).
 */
export async function prepareSignature(draft: AchievementCredential, key: SigningKey, suite: IssuerSuite, created: string): Promise<PendingSignature> {
  let toSign: Uint8Array | undefined
  const recorder: Signer = {
    verificationMethod: key.verificationMethod,
    publicKeyMultibase: key.publicKeyMultibase,
    sign: (data) => {
      toSign = data.slice()
      return PLACEHOLDER
    },
  }
  const base = { id: draft.id, issuer: draft.issuer.id, issued: draft.validFrom }
  if (suite === 'vc-jwt') {
    const unsigned = signJwt(draft as unknown as Record<string, unknown>, recorder, { kid: jwtKid(key.verificationMethod) })
    const signingInput = unsigned.slice(0, unsigned.lastIndexOf('.') + 1)
    return { ...base, format: 'jwt', toSign: toSign!, storedHead: `"${signingInput}`, storedTail: '"', log: logAppendOf(draft as unknown as Record<string, unknown>) }
  }
  // A proof set of one: what both official OB 3.0 schema variants accept (the JSON-LD one rejects a lone object).
  const signed = await signCredential(draft, recorder, { suite, created, proofAsArray: true })
  const [storedHead, storedTail] = around(jcs(signed), PLACEHOLDER_VALUE)
  return { ...base, format: 'data-integrity', toSign: toSign!, storedHead, storedTail }
}

/**
 * The `kid` of an organization's VC-JWT: the JWK form of its did:web key, which the DID document
 * lists beside the Multikey (OB 3.0 §8.2: the kid dereferences to a JWK). Other keys (a did:key) as they are.
 */
export const jwtKid = (verificationMethod: string): string => (verificationMethod.startsWith('did:web:') ? jwkMethodId(verificationMethod) : verificationMethod)

/** Puts the Ed25519 signature of `pending.toSign` in: the stored text and the log entry. */
export function finishSignature(pending: PendingSignature, signature: Uint8Array): SignedCredential {
  const { id, issuer, issued } = pending
  if (pending.format === 'jwt') return { id, stored: pending.storedHead + encodeBase64url(signature) + pending.storedTail, log: pending.log }
  const stored = pending.storedHead + encodeMultibase(signature) + pending.storedTail
  // The log entry of DESIGN.md §3 from core's one builder, digesting the signed credential's JCS text without parsing it again.
  return { id, stored, log: logAppendFor({ id, issuer, issued, digest: digestOfCanonicalText(stored) }) }
}

/** Signs a draft here and now with `signer`. */
export async function signDraft(draft: AchievementCredential, signer: Signer, suite: IssuerSuite, created: string): Promise<SignedCredential> {
  const pending = await prepareSignature(draft, signer, suite, created)
  return finishSignature(pending, signer.sign(pending.toSign))
}
