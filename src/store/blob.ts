import { PlatformError } from '../core/errors.js'

/** Bytes as a Buffer over the same memory, which both drivers bind as BLOB / bytea. */
export const toBlob = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

/** A driver's Buffer as a plain Uint8Array over the same memory, what the ports hand out. */
export const fromBlob = (blob: Uint8Array): Uint8Array => new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength)

/** True for a unique or primary-key violation, as SQLite (better-sqlite3) or PostgreSQL (SQLSTATE 23505) reports it. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}

/** Runs `write`, turning a unique violation into `ERR_CREDENTIAL_EXISTS` with `message`. */
export async function uniqueOr<T>(write: () => Promise<T>, message: string): Promise<T> {
  try {
    return await write()
  } catch (err) {
    if (isUniqueViolation(err)) throw new PlatformError('ERR_CREDENTIAL_EXISTS', message, { cause: err })
    throw err
  }
}
