import { PlatformError, isPlatformError } from '../errors.js'
import { decodePublicKeyMultibase } from './multikey.js'
import type { VerificationMethod } from './verification-method.js'

const PREFIX = 'did:key:'

/** A DID document, as far as Emblem reads one. */
export interface DidDocument {
  '@context': string[]
  id: string
  verificationMethod: VerificationMethod[]
  authentication: string[]
  assertionMethod: string[]
  capabilityInvocation: string[]
  capabilityDelegation: string[]
}

/** `did:key:<pub>` for Ed25519 Multikey text. */
export const didKeyOf = (publicKeyMultibase: string): string => PREFIX + publicKeyMultibase

/** `did:key:<pub>#<pub>`: the one verification method of a did:key. */
export const didKeyVerificationMethodId = (publicKeyMultibase: string): string => `${PREFIX}${publicKeyMultibase}#${publicKeyMultibase}`

/**
 * Resolves `did:key:X`, `did:key:X#X` to its Multikey verification method, by computation alone.
 * A URL without a fragment names the key too (STANDARDS §5.9). Other DID methods are
 * `ERR_DID_UNSUPPORTED`; a malformed did:key is `ERR_DID_RESOLUTION`.
 * @see https://w3c-ccg.github.io/did-method-key/
 */
export function resolveDidKey(didUrl: string): VerificationMethod {
  if (!didUrl.startsWith(PREFIX)) throw new PlatformError('ERR_DID_UNSUPPORTED', `Not a did:key URL: ${didUrl}`)
  const [did = '', fragment, ...rest] = didUrl.split('#')
  const key = did.slice(PREFIX.length)
  if (rest.length > 0 || (fragment !== undefined && fragment !== key))
    throw new PlatformError('ERR_DID_RESOLUTION', `did:key fragment must repeat the key: ${didUrl}`)
  if (!key.startsWith('z6Mk')) throw new PlatformError('ERR_DID_UNSUPPORTED', `Only Ed25519 did:key (z6Mk…) is supported: ${didUrl}`)
  try {
    decodePublicKeyMultibase(key)
  } catch (err) {
    if (!isPlatformError(err)) throw err
    throw new PlatformError('ERR_DID_RESOLUTION', `did:key does not hold an Ed25519 public key: ${err.message}`, { cause: err })
  }
  return { id: didKeyVerificationMethodId(key), type: 'Multikey', controller: did, publicKeyMultibase: key }
}

/** The DID document of `did:key:X`: one Multikey method, referenced by every verification relationship. */
export function didKeyDocument(did: string): DidDocument {
  const method = resolveDidKey(did)
  if (method.controller !== did) throw new PlatformError('ERR_DID_RESOLUTION', `Expected a DID without a fragment: ${did}`)
  const ids = () => [method.id]
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [method],
    authentication: ids(),
    assertionMethod: ids(),
    capabilityInvocation: ids(),
    capabilityDelegation: ids(),
  }
}
