import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { PlatformError } from '../core/errors.js'
import { privateKeyObjectFromSeed } from '../core/proof/key-object.js'
import { formatSignerKey, parseSignerKey, verifierKeyOf, type NoteSigner } from '../core/transparency-log/index.js'

/** The transparency log's checkpoint signer and the verifier key it publishes at /log/key. */
export interface LogSignerKey {
  signer: NoteSigner
  verifierKey: string
}

/**
 * Loads the log's signing key (a C2SP / Go `PRIVATE+KEY+<name>+<id>+<key>` string) from `file`, or
 * on first start creates one named after the log's origin and writes it with mode 0600. A key named
 * after another origin is refused: checkpoints must carry one origin for the life of the log.
 * TODO(#4): keep this key encrypted under the master key with the organizations' keys.
 */
export async function loadOrCreateLogSigner(file: string, origin: string): Promise<LogSignerKey> {
  const existing = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined
    throw new PlatformError('ERR_KEY_UNAVAILABLE', `Cannot read the log signing key ${file}: ${err.message}`)
  })
  if (existing !== undefined) {
    const signer = parseSignerKey(existing.trim())
    if (signer.name !== origin)
      throw new PlatformError('ERR_KEY_INVALID', `The log signing key in ${file} is for ${signer.name}, but this log's origin is ${origin}`)
    return { signer, verifierKey: verifierKeyFromSignerKey(existing.trim()) }
  }
  const privateKey = privateKeyObjectFromSeed(randomBytes(32))
  const signerKey = formatSignerKey(origin, privateKey)
  await mkdir(dirname(file), { recursive: true, mode: 0o700 })
  await writeFile(file, `${signerKey}\n`, { mode: 0o600, flag: 'wx' })
  return { signer: parseSignerKey(signerKey), verifierKey: verifierKeyOf(origin, privateKey) }
}

/** The verifier key of a Go signer key string: the same name, ID and public key. */
function verifierKeyFromSignerKey(signerKey: string): string {
  // PRIVATE+KEY+<name>+<id>+<base64>: the base64 may itself contain '+'.
  const parts = signerKey.split('+')
  const seed = Buffer.from(parts.slice(4).join('+'), 'base64').subarray(1)
  return verifierKeyOf(parts[2] ?? '', privateKeyObjectFromSeed(seed))
}
