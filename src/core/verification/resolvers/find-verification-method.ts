import { PlatformError } from '../../errors.js'
import type { VerificationMethod } from '../../proof/index.js'

type Entry = string | Record<string, unknown>

const asArray = (value: unknown): Entry[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (entry): entry is Entry => typeof entry === 'string' || (typeof entry === 'object' && entry !== null),
  )

/** An id written relative to its document (`#key-1`) made absolute. */
const absolute = (id: unknown, documentId: string): unknown =>
  typeof id === 'string' && id.startsWith('#') ? documentId + id : id

/** True when a controller document (not an OB Profile) must list a method under the proof purpose. */
export const isProfile = (document: Record<string, unknown>): boolean => {
  const type = document.type
  return type === 'Profile' || (Array.isArray(type) && type.includes('Profile'))
}

/**
 * The verification method `methodId` in a controller document: a DID document, a controller
 * document or an OB 3.0 issuer Profile. DID and controller documents must reference it under
 * `proofPurpose`; a Profile may list it in `verificationMethod` or `assertionMethod` (STANDARDS §5.10).
 * A method without `controller` is controlled by the document. Throws `ERR_DID_RESOLUTION` when absent.
 */
export function findVerificationMethod(
  document: Record<string, unknown>,
  documentId: string,
  methodId: string,
  proofPurpose: string,
): VerificationMethod {
  const embedded = [...asArray(document.verificationMethod), ...asArray(document[proofPurpose])].filter(
    (entry): entry is Record<string, unknown> => typeof entry === 'object' && absolute(entry.id, documentId) === methodId,
  )
  const found = embedded[0]
  if (found === undefined) throw new PlatformError('ERR_DID_RESOLUTION', `${documentId} does not contain verification method ${methodId}`)
  if (!isProfile(document)) {
    const listed = asArray(document[proofPurpose]).some(
      (entry) => absolute(typeof entry === 'string' ? entry : entry.id, documentId) === methodId,
    )
    if (!listed) throw new PlatformError('ERR_DID_RESOLUTION', `${documentId} does not list ${methodId} under ${proofPurpose}`)
  }
  const controller = typeof found.controller === 'string' ? found.controller : documentId
  return { ...found, id: methodId, controller } as VerificationMethod
}
