import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { PlatformError } from '../core/errors.js'

/** 32 bytes that seal every private key at rest (AES-256-GCM). */
export interface MasterKey {
  /** Seals `plaintext` bound to `context` (e.g. the key's id): `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
  seal(plaintext: Uint8Array, context: string): string
  /** Opens what `seal` produced for the same context; ERR_KEY_UNAVAILABLE when the key or context is wrong. */
  open(sealed: string, context: string): Uint8Array
}

/** A MasterKey over 32 raw bytes. */
export function masterKeyFrom(bytes: Uint8Array): MasterKey {
  if (bytes.length !== 32) throw new PlatformError('ERR_KEY_INVALID', `The master key must be 32 bytes, got ${bytes.length}`)
  const key = Buffer.from(bytes)
  return Object.freeze({
    seal(plaintext: Uint8Array, context: string) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      cipher.setAAD(Buffer.from(context, 'utf8'))
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
      return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.')
    },
    open(sealed: string, context: string) {
      const [version, iv, tag, body] = sealed.split('.')
      if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined)
        throw new PlatformError('ERR_KEY_UNAVAILABLE', 'A sealed key is not in the v1 format')
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
        decipher.setAAD(Buffer.from(context, 'utf8'))
        decipher.setAuthTag(Buffer.from(tag, 'base64url'))
        return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]))
      } catch (err) {
        throw new PlatformError('ERR_KEY_UNAVAILABLE', 'A sealed key cannot be opened: the master key is not the one it was sealed with', { cause: err })
      }
    },
  })
}

/** Reads a master key given as 64 hex characters or 43/44 base64(url) characters. */
export function parseMasterKey(text: string): MasterKey {
  return masterKeyFrom(parseMasterKeyBytes(text))
}

/** The 32 bytes of a master key given as 64 hex or 43/44 base64(url) characters. */
export function parseMasterKeyBytes(text: string): Buffer {
  const t = text.trim()
  const bytes = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64url')
  if (bytes.length !== 32) throw new PlatformError('ERR_KEY_INVALID', 'The master key must be 32 bytes as 64 hex or 43 base64url characters')
  return bytes
}

/**
 * The master key from configuration (`EMBLEM_MASTER_KEY`), else from `file`, created on first start
 * with mode 0600. Losing it loses every organization's signing key: back it up (docs/OPERATIONS.md).
 */
export async function loadOrCreateMasterKey({ value, file }: { value?: string | undefined; file: string }): Promise<MasterKey> {
  const primary = await loadOrCreatePrimary({ value, file })
  // An interrupted `emblem keys rotate-master` leaves the other key beside it: both open until it is run again.
  const others = (await Promise.all([`${file}.new`, `${file}.old`].map(readKeyFileIfPresent))).filter((k) => k !== undefined)
  return others.length === 0 ? primary : masterKeyWithFallback(primary, others)
}

/** The key file at `path` if it exists; undefined otherwise. */
export async function readKeyFileIfPresent(path: string): Promise<MasterKey | undefined> {
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined
    throw new PlatformError('ERR_KEY_UNAVAILABLE', `Cannot read the master key ${path}: ${err.message}`)
  })
  return text === undefined ? undefined : parseMasterKey(text)
}

/** Seals with `primary`; opens with `primary`, else with each of `others` (the keys of a rotation under way). */
export function masterKeyWithFallback(primary: MasterKey, others: readonly MasterKey[]): MasterKey {
  return Object.freeze({
    seal: (plaintext: Uint8Array, context: string) => primary.seal(plaintext, context),
    open(sealed: string, context: string) {
      try {
        return primary.open(sealed, context)
      } catch (err) {
        for (const other of others) {
          try {
            return other.open(sealed, context)
          } catch {
            // try the next
          }
        }
        throw err
      }
    },
  })
}

async function loadOrCreatePrimary({ value, file }: { value?: string | undefined; file: string }): Promise<MasterKey> {
  if (value) return parseMasterKey(value)
  const existing = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined
    throw new PlatformError('ERR_KEY_UNAVAILABLE', `Cannot read the master key ${file}: ${err.message}`)
  })
  if (existing !== undefined) return parseMasterKey(existing)
  const bytes = randomBytes(32)
  await mkdir(dirname(file), { recursive: true, mode: 0o700 })
  try {
    await writeFile(file, `${bytes.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' })
  } catch (err) {
    // Another process of the instance created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreatePrimary({ file })
    throw err
  }
  return masterKeyFrom(bytes)
}
