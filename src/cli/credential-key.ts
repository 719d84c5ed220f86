import { PlatformError, isPlatformError } from '../core/errors.js'
// The key modules alone: checking a key file does not load the canonicalization the signing threads use.
import { importKeyPair } from '../core/proof/multikey.js'
import { createSigner, type Signer } from '../core/proof/signer.js'
import { readTextFile } from './credential-input.js'
import type { CliIo } from './main.js'

/**
 * A signer from a Multikey JSON key file (`publicKeyMultibase` and `secretKeyMultibase` or
 * `privateKeyMultibase`). The verification method is `verificationMethod`, else the file's `id`, else
 * the did:key of the key. A missing, unreadable or malformed file is an exit-2 error naming the file.
 * With the signer, the file's text, for threads to make the same signer from.
 */
export async function loadSigner(file: string, verificationMethod: string | undefined, io: CliIo): Promise<{ signer: Signer; keyJson: string }> {
  const text = await readTextFile(file, 'Key', io)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new PlatformError('ERR_KEY_INVALID', `Key file ${file} is not JSON; expected Multikey JSON {publicKeyMultibase, secretKeyMultibase}`)
  }
  try {
    return { signer: createSigner(importKeyPair(json), verificationMethod), keyJson: text }
  } catch (err) {
    if (!isPlatformError(err)) throw err
    // A public key alone cannot sign: that is a bad key file too, so exit 2 like the others.
    throw new PlatformError('ERR_KEY_INVALID', `Key file ${file}: ${err.message}`, { cause: err })
  }
}
