import { sign, type KeyObject } from 'node:crypto'
import { PlatformError } from '../errors.js'
import { didKeyVerificationMethodId } from './did-key.js'
import type { Ed25519KeyPair } from './multikey.js'

/** Signs bytes with one Ed25519 key, named by the verification method that proofs will cite. */
export interface Signer {
  /** The URL a proof puts in `verificationMethod` (and a JWT in `kid`). */
  readonly verificationMethod: string
  readonly publicKeyMultibase: string
  /** Pure Ed25519 (RFC 8032) signature of `data`: 64 bytes. */
  sign(data: Uint8Array): Uint8Array
}

/**
 * A synchronous Ed25519 signer over a key pair's private KeyObject. The verification method
 * defaults to the key pair's `id`, then to `did:key:<pub>#<pub>`.
 * @example const signer = createSigner(importKeyPair(json), 'did:web:example.org#key-1')
 */
export function createSigner(keyPair: Ed25519KeyPair, verificationMethod?: string): Signer {
  const { privateKey, publicKeyMultibase } = keyPair
  if (!privateKey) throw new PlatformError('ERR_KEY_UNAVAILABLE', `Key ${publicKeyMultibase} has no secret key; it cannot sign`)
  const vm = verificationMethod ?? keyPair.id ?? didKeyVerificationMethodId(publicKeyMultibase)
  const signer: Signer = Object.freeze({
    verificationMethod: vm,
    publicKeyMultibase,
    sign: (data: Uint8Array) => new Uint8Array(sign(null, data, privateKey)),
  })
  privateKeys.set(signer, privateKey)
  return signer
}

/** The private KeyObject behind each signer createSigner made (never enumerable on the signer itself). */
const privateKeys = new WeakMap<Signer, KeyObject>()

/**
 * The private key of a signer made by createSigner, as a KeyObject (which Node passes to a worker
 * thread by postMessage without exporting its bytes); undefined for any other signer. Bulk
 * issuance's signing threads sign with it, so the main thread only writes.
 */
export const privateKeyOf = (signer: Signer): KeyObject | undefined => privateKeys.get(signer)
