import type { Kysely } from 'kysely'
import type { CredentialWriter } from '../app/log-store.js'
import { PlatformError } from '../core/errors.js'
import type { LoggableCredential } from '../core/transparency-log/index.js'
import { uniqueOr } from './blob.js'
import type { Database } from './schema.js'

/** A credential as stored: the signed JSON parsed back, and when it was stored. */
export interface StoredCredential {
  id: string
  issuer: string
  credential: Record<string, unknown>
  createdAt: string
}

/** The issuer id of a credential: `issuer` itself when a string, else `issuer.id`. */
const issuerIdOf = (issuer: unknown): unknown => (typeof issuer === 'string' ? issuer : (issuer as { id?: unknown } | null | undefined)?.id)

/** Writes credentials through `q`, stamped with `now()`. */
export function credentialWriter(q: Kysely<Database>, now: () => Date): CredentialWriter {
  return {
    async insert(credential: LoggableCredential) {
      const { id } = credential
      const issuer = issuerIdOf(credential.issuer)
      if (typeof id !== 'string' || id === '') throw new PlatformError('ERR_INPUT_INVALID', 'A stored credential needs an id')
      if (typeof issuer !== 'string' || issuer === '') throw new PlatformError('ERR_INPUT_INVALID', 'A stored credential needs an issuer id')
      const row = { id, issuer, json: JSON.stringify(credential), created_at: now().toISOString() }
      await uniqueOr(() => q.insertInto('credentials').values(row).execute(), `Credential ${id} is already stored`)
    },
  }
}

/** The stored credential with this id, or undefined. */
export async function readCredential(q: Kysely<Database>, id: string): Promise<StoredCredential | undefined> {
  const row = await q.selectFrom('credentials').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  return { id: row.id, issuer: row.issuer, credential: JSON.parse(row.json) as Record<string, unknown>, createdAt: row.created_at }
}
