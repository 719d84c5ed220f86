import type { Kysely } from 'kysely'
import type { CredentialWriter } from '../app/log-store.js'
import { uniqueOr } from './blob.js'
import { insertRows } from './insert-rows.js'
import type { Database } from './schema.js'

/** A credential as stored: the signed JSON parsed back, and when it was stored. */
export interface StoredCredential {
  id: string
  issuer: string
  credential: Record<string, unknown>
  createdAt: string
}

// Three parameters a row plus one: 2,000 rows stay well under SQLite's and PostgreSQL's parameter limits.
const ROWS_PER_INSERT = 2000

/** The one writer of the credentials table, through `q`, stamped with `now()` (multi-row inserts). */
export function credentialWriter(q: Kysely<Database>, now: () => Date): CredentialWriter {
  return {
    async insert(rows) {
      const createdAt = now().toISOString()
      const values = rows.map((r) => ({ id: r.id, issuer: r.issuer, json: r.json, created_at: createdAt }))
      await uniqueOr(() => insertRows(q, 'credentials', values, ROWS_PER_INSERT), values.length === 1 ? `Credential ${values[0]!.id} is already stored` : 'A credential of this batch is already stored')
    },
  }
}

/** The stored credential with this id, or undefined. */
export async function readCredential(q: Kysely<Database>, id: string): Promise<StoredCredential | undefined> {
  const row = await q.selectFrom('credentials').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  return { id: row.id, issuer: row.issuer, credential: JSON.parse(row.json) as Record<string, unknown>, createdAt: row.created_at }
}
