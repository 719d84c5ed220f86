import type { Kysely, Selectable } from 'kysely'
import type { ApiKeyRecord, ApiKeysRepo } from '../../app/orgs/ports.js'
import type { Database } from '../schema.js'

const apiKeyOf = (r: Selectable<Database['api_keys']>): ApiKeyRecord => ({
  id: r.id,
  orgId: r.org_id,
  name: r.name,
  role: r.role,
  prefix: r.prefix,
  createdBy: r.created_by,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
})

/** The API keys repository over `q` (a connection or a transaction). */
export function apiKeysRepo(q: Kysely<Database>): ApiKeysRepo {
  return {
    async create(key) {
      await q
        .insertInto('api_keys')
        .values({
          id: key.id,
          org_id: key.orgId,
          name: key.name,
          role: key.role,
          prefix: key.prefix,
          secret_hash: key.secretHash,
          created_by: key.createdBy,
          created_at: key.createdAt,
        })
        .execute()
    },

    async list(orgId) {
      const rows = await q.selectFrom('api_keys').selectAll().where('org_id', '=', orgId).orderBy('created_at', 'desc').orderBy('id').execute()
      return rows.map(apiKeyOf)
    },

    async get(orgId, id) {
      const row = await q.selectFrom('api_keys').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst()
      return row ? apiKeyOf(row) : undefined
    },

    async revoke(orgId, id, at) {
      const result = await q
        .updateTable('api_keys')
        .set({ revoked_at: at.toISOString() })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
  }
}
