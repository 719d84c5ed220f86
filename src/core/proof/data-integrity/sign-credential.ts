import { encodeMultibase } from '../../encoding/index.js'
import { PlatformError } from '../../errors.js'
import type { Signer } from '../signer.js'
import { SUPPORTED_CRYPTOSUITES, hashData, proofConfigOf, withoutProof } from './hash-data.js'
import type { DataIntegrityProof, SignOptions } from './types.js'

/** An XML Schema dateTime, as `created` must be; the time zone is optional in dateTime, required in dateTimeStamp. */
export const XSD_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/

/**
 * Adds a `DataIntegrityProof` (eddsa-rdfc-2022 or eddsa-jcs-2022) to a copy of `document`. A
 * document that already has a proof gets a proof set (array) with the new proof last; every proof
 * of the set signs the document without `proof`; `proofAsArray` makes a lone proof a set of one. Canonicalization failures (an undefined term in
 * safe mode, an unknown context) are PlatformErrors.
 * @example const signed = await signCredential(credential, signer, { suite: 'eddsa-rdfc-2022', created: clock.now() })
 * @see https://www.w3.org/TR/vc-di-eddsa/#create-proof-eddsa-rdfc-2022
 */
export async function signCredential<T extends object>(
  document: T,
  signer: Signer,
  options: SignOptions,
): Promise<T & { proof: DataIntegrityProof | unknown[] }> {
  const { suite, created, proofPurpose = 'assertionMethod', challenge, domain, documentLoader, proofAsArray = false } = options
  if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new TypeError('Document must be a JSON object')
  const canonicalization = SUPPORTED_CRYPTOSUITES[suite]
  if (canonicalization === undefined || suite === ('eddsa-2022' as string))
    throw new PlatformError('ERR_UNSUPPORTED_SUITE', `Cannot sign with cryptosuite ${String(suite)}`)
  if (created !== undefined && !XSD_DATE_TIME.test(created)) throw new TypeError(`created must be an XML Schema dateTime, got ${created}`)

  const unsecured = withoutProof(document as Record<string, unknown>)
  const context = unsecured['@context']
  const proofOptions = {
    type: 'DataIntegrityProof' as const,
    cryptosuite: suite,
    ...(created === undefined ? {} : { created }),
    verificationMethod: signer.verificationMethod,
    proofPurpose,
    ...(challenge === undefined ? {} : { challenge }),
    ...(domain === undefined ? {} : { domain }),
    // eddsa-jcs-2022 records the signed context in the proof, as the W3C vectors show; rdfc proofs do not.
    ...(canonicalization === 'jcs' && context !== undefined ? { '@context': context } : {}),
  }
  const { hashData: data } = await hashData(unsecured, proofConfigOf(proofOptions, context), canonicalization, documentLoader)
  const proof: DataIntegrityProof = { ...proofOptions, proofValue: encodeMultibase(signer.sign(data)) }

  const existing = (document as { proof?: unknown }).proof
  const proofs = existing === undefined || existing === null ? [] : Array.isArray(existing) ? existing : [existing]
  return { ...document, proof: proofs.length === 0 && !proofAsArray ? proof : [...proofs, proof] }
}
