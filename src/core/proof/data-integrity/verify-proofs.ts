import { verify } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { decodeBase58btc } from '../../encoding/index.js'
import { isPlatformError } from '../../errors.js'
import { isSameVerificationMethod, publicKeyOf, type VerificationMethod } from '../verification-method.js'
import { SUPPORTED_CRYPTOSUITES, hashData, proofConfigOf, withoutProof, type Canonicalization } from './hash-data.js'
import { XSD_DATE_TIME } from './sign-credential.js'
import type { ProofCheck, ProofCode, ProofResult, VerifyProofOptions } from './types.js'

type Failure = { code: ProofCode; message: string }
const fail = (code: ProofCode, message: string): Failure => ({ code, message })
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value])

/**
 * Verifies the Data Integrity proofs of `document`. Supported: `DataIntegrityProof` with
 * eddsa-rdfc-2022 (also its draft name eddsa-2022) and eddsa-jcs-2022, and `Ed25519Signature2020`;
 * other proofs are reported as skipped. Verified when at least one supported proof verifies and none fails. Never throws for a
 * bad credential; a missing resolver is a TypeError.
 * @example const result = await verifyProofs(credential, { resolveVerificationMethod: async (url) => resolveDidKey(url) })
 * @see https://www.w3.org/TR/vc-data-integrity/#verify-proof
 */
export async function verifyProofs(document: unknown, options: VerifyProofOptions): Promise<ProofResult> {
  if (typeof options?.resolveVerificationMethod !== 'function') throw new TypeError('verifyProofs needs a resolveVerificationMethod function')
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    return { verified: false, proofs: [], code: 'PROOF_MALFORMED', message: 'Credential is not a JSON object' }
  const { proof } = document as { proof?: unknown }
  const proofs = proof === undefined || proof === null ? [] : Array.isArray(proof) ? proof : [proof]
  if (proofs.length === 0) return { verified: false, proofs: [], code: 'PROOF_MISSING', message: 'Credential has no proof' }

  const checks = []
  // One at a time: each proof canonicalizes the document, and the machine's cores are shared.
  for (const [index, each] of proofs.entries()) checks.push(await verifyProof(document as Record<string, unknown>, each, index, options))
  const supported = checks.filter((c) => c.outcome !== 'skipped')
  const failure = supported.find((c) => c.outcome === 'failed')
  if (failure) return { verified: false, proofs: checks, code: failure.code!, message: failure.message! }
  if (supported.length === 0)
    return { verified: false, proofs: checks, code: 'PROOF_UNSUPPORTED_SUITE', message: 'Credential has no proof of a supported type and cryptosuite' }
  return { verified: true, proofs: checks }
}

/** The controller of the verification method behind the first verified proof: the pipeline compares it with `issuer`. */
export const verifiedController = (result: ProofResult): string | undefined =>
  result.verified ? result.proofs.find((c) => c.verified)?.controller : undefined

/** Every distinct controller whose verification method verified a proof of the set. */
export const verifiedControllers = (result: ProofResult): string[] =>
  result.verified ? [...new Set(result.proofs.flatMap((c) => (c.verified && c.controller ? [c.controller] : [])))] : []

/**
 * Verifies one proof of `document`'s proof set (VC-DI-EDDSA "Verify Proof"). Never throws for a bad
 * proof: the check says what failed. A proof of another type or cryptosuite is `skipped`.
 * @see https://www.w3.org/TR/vc-di-eddsa/#verify-proof-eddsa-rdfc-2022
 */
export async function verifyProof(
  document: Record<string, unknown>,
  proof: unknown,
  index: number,
  options: VerifyProofOptions,
): Promise<ProofCheck> {
  const base = { index, type: 'unknown', verified: false }
  if (typeof proof !== 'object' || proof === null || Array.isArray(proof))
    return { ...base, outcome: 'failed', code: 'PROOF_MALFORMED', message: 'Proof is not a JSON object' }
  const p = proof as Record<string, unknown>
  const type = typeof p.type === 'string' ? p.type : JSON.stringify(p.type ?? null)
  const cryptosuite = typeof p.cryptosuite === 'string' ? p.cryptosuite : undefined
  const described = { ...base, type, ...(cryptosuite ? { cryptosuite } : {}) }
  const canonicalization = canonicalizationOf(type, cryptosuite)
  if (canonicalization === undefined)
    return { ...described, outcome: 'skipped', code: 'PROOF_UNSUPPORTED_SUITE', message: `Proof type ${type} ${cryptosuite ?? ''} is not supported`.trimEnd() }
  const vmUrl = typeof p.verificationMethod === 'string' ? p.verificationMethod : undefined
  const withVm = { ...described, ...(vmUrl ? { verificationMethod: vmUrl } : {}) }

  const result = await check(document, p, vmUrl, canonicalization, options)
  if ('code' in result) return { ...withVm, outcome: 'failed', ...result }
  return { ...withVm, outcome: 'verified', verified: true, controller: result.controller }
}

async function check(
  document: Record<string, unknown>,
  proof: Record<string, unknown>,
  vmUrl: string | undefined,
  canonicalization: Canonicalization,
  options: VerifyProofOptions,
): Promise<Failure | { controller: string }> {
  const { proofValue, proofPurpose, created, expires } = proof
  if (vmUrl === undefined) return fail('PROOF_MALFORMED', 'Proof has no verificationMethod URL')
  const signature = decodeSignature(proofValue)
  if (!signature) return fail('PROOF_MALFORMED', 'proofValue must be base58btc multibase ("z…") of a 64-byte Ed25519 signature')
  for (const [name, value] of Object.entries({ created, expires }))
    if (value !== undefined && (typeof value !== 'string' || !XSD_DATE_TIME.test(value)))
      return fail('PROOF_MALFORMED', `Proof ${name} must be an XML Schema dateTime`)
  const expectedPurpose = options.expectedProofPurpose ?? 'assertionMethod'
  if (proofPurpose !== expectedPurpose)
    return fail('PROOF_PURPOSE_MISMATCH', `Proof purpose is ${JSON.stringify(proofPurpose ?? null)}, expected ${expectedPurpose}`)
  if (typeof expires === 'string' && options.now !== undefined && Date.parse(expires) <= Date.parse(options.now))
    return fail('PROOF_EXPIRED', `Proof expired at ${expires}`)

  const unsecured = withoutProof(document)
  if (proof['@context'] !== undefined) {
    // The proof's context must be where the document's context starts; it then replaces it.
    const own = asList(proof['@context'])
    const documentContext = asList(unsecured['@context'])
    if (!own.every((entry, i) => JSON.stringify(entry) === JSON.stringify(documentContext[i])))
      return fail('PROOF_CONTEXT_MISMATCH', "The document's @context does not start with the proof's @context")
    unsecured['@context'] = proof['@context']
  }

  let method: VerificationMethod
  let key: KeyObject
  try {
    method = await options.resolveVerificationMethod(vmUrl, { proofPurpose: expectedPurpose })
  } catch (err) {
    return fail('PROOF_KEY_UNRESOLVED', `Verification method ${vmUrl} could not be resolved: ${messageOf(err)}`)
  }
  if (typeof method?.id !== 'string' || !isSameVerificationMethod(vmUrl, method.id))
    return fail('PROOF_VERIFICATION_METHOD_MISMATCH', `Resolving ${vmUrl} returned the method ${String(method?.id)}`)
  if (typeof method.controller !== 'string') return fail('PROOF_KEY_INVALID', `Verification method ${method.id} has no controller`)
  try {
    key = publicKeyOf(method)
  } catch (err) {
    return fail('PROOF_KEY_INVALID', messageOf(err))
  }

  let data: Uint8Array
  try {
    data = (await hashData(unsecured, proofConfigOf(proof, unsecured['@context']), canonicalization, options.documentLoader)).hashData
  } catch (err) {
    return fail('PROOF_CANONICALIZATION_FAILED', isPlatformError(err) ? `${err.code}: ${err.message}` : messageOf(err))
  }
  if (!verify(null, data, key, signature)) return fail('PROOF_SIGNATURE_INVALID', `Signature does not verify with ${method.id}`)
  return { controller: method.controller }
}

/**
 * How a proof's type and cryptosuite hash the document: DataIntegrityProof with a supported
 * cryptosuite, or Ed25519Signature2020 (no cryptosuite), whose verify data is eddsa-rdfc-2022's:
 * SHA-256 of the RDFC proof options with the document's @context, then of the RDFC document.
 * @see https://www.w3.org/TR/vc-di-eddsa/#the-ed25519signature2020-suite
 */
function canonicalizationOf(type: string, cryptosuite: string | undefined): Canonicalization | undefined {
  if (type === 'Ed25519Signature2020') return cryptosuite === undefined ? 'rdfc' : undefined
  if (type !== 'DataIntegrityProof' || cryptosuite === undefined) return undefined
  return SUPPORTED_CRYPTOSUITES[cryptosuite]
}

function decodeSignature(proofValue: unknown): Uint8Array | undefined {
  if (typeof proofValue !== 'string' || !proofValue.startsWith('z')) return undefined
  try {
    const bytes = decodeBase58btc(proofValue.slice(1))
    return bytes.length === 64 ? bytes : undefined
  } catch {
    return undefined
  }
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err))
