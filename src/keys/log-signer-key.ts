import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { PlatformError } from '../core/errors.js'
import { privateKeyObjectFromSeed } from '../core/proof/key-object.js'
import { formatSignerKey, parseSignerKey, verifierKeyOf, type NoteSigner } from '../core/transparency-log/index.js'
import type { MasterKey } from './master-key.js'

/** A sealed key file starts with this, then the master key's `v1.…` sealed text. */
const SEALED = 'sealed:'
/** The sealed key's additional data: binds the ciphertext to its purpose. */
const CONTEXT = 'emblem/log-signer'

/** The transparency log's checkpoint signer and the verifier key it publishes at /log/key. */
export interface LogSignerKey {
  signer: NoteSigner
  verifierKey: string
}

/**
 * Loads the log's signing key (a C2SP / Go `PRIVATE+KEY+<name>+<id>+<key>` string) from `file`, or
 * on first start creates one named after the log's origin and writes it with mode 0600. With a
 * master key, a new key is written sealed (AES-256-GCM) and a sealed file is opened with it; a
 * plain key file (made by hand, or before sealing existed) still loads. A key named after another
 * origin is refused: checkpoints must carry one origin for the life of the log.
 */
export async function loadOrCreateLogSigner(file: string, origin: string, masterKey?: MasterKey): Promise<LogSignerKey> {
  const existing = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined
    throw new PlatformError('ERR_KEY_UNAVAILABLE', `Cannot read the log signing key ${file}: ${err.message}`)
  })
  if (existing !== undefined) {
    let text = existing.trim()
    if (text.startsWith(SEALED)) {
      if (!masterKey) throw new PlatformError('ERR_KEY_UNAVAILABLE', `The log signing key in ${file} is sealed, and no master key was given to open it`)
      text = new TextDecoder().decode(masterKey.open(text.slice(SEALED.length), CONTEXT))
    }
    const signer = parseSignerKey(text)
    if (signer.name !== origin)
      throw new PlatformError('ERR_KEY_INVALID', `The log signing key in ${file} is for ${signer.name}, but this log's origin is ${origin}`)
    return { signer, verifierKey: verifierKeyFromSignerKey(text) }
  }
  const privateKey = privateKeyObjectFromSeed(randomBytes(32))
  const signerKey = formatSignerKey(origin, privateKey)
  await mkdir(dirname(file), { recursive: true, mode: 0o700 })
  const content = masterKey ? `${SEALED}${masterKey.seal(new TextEncoder().encode(signerKey), CONTEXT)}` : signerKey
  try {
    await writeFile(file, `${content}\n`, { mode: 0o600, flag: 'wx' })
  } catch (err) {
    // Another process of the instance (a web process and a worker starting together) wrote it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateLogSigner(file, origin, masterKey)
    throw err
  }
  return { signer: parseSignerKey(signerKey), verifierKey: verifierKeyOf(origin, privateKey) }
}

/** The verifier key of a Go signer key string: the same name, ID and public key. */
function verifierKeyFromSignerKey(signerKey: string): string {
  // PRIVATE+KEY+<name>+<id>+<base64>: the base64 may itself contain '+'.
  const parts = signerKey.split('+')
  const seed = Buffer.from(parts.slice(4).join('+'), 'base64').subarray(1)
  return verifierKeyOf(parts[2] ?? '', privateKeyObjectFromSeed(seed))
}

/**
 * Re-seals the log key file under `to` (opened with `from`), written atomically: a temporary file
 * beside it, fsynced, renamed over it. A plain (unsealed) or missing file is left as it is; says which.
 */
export async function resealLogSignerFile(file: string, from: MasterKey, to: MasterKey): Promise<'resealed' | 'plain' | 'absent'> {
  const existing = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined
    throw new PlatformError('ERR_KEY_UNAVAILABLE', `Cannot read the log signing key ${file}: ${err.message}`)
  })
  if (existing === undefined) return 'absent'
  const text = existing.trim()
  if (!text.startsWith(SEALED)) return 'plain'
  const plain = from.open(text.slice(SEALED.length), CONTEXT)
  await writeFileAtomically(file, `${SEALED}${to.seal(plain, CONTEXT)}\n`)
  return 'resealed'
}

/** Writes `text` (mode 0600) to a temporary file beside `path`, fsyncs it, renames it over `path` and fsyncs the directory. */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    const handle = await open(temporary, 'wx', 0o600)
    try {
      await handle.writeFile(text)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, path)
  } catch (err) {
    await rm(temporary, { force: true })
    throw err
  }
  const directory = await open(dirname(path), 'r')
  try {
    await directory.sync()
  } finally {
    await directory.close()
  }
}
