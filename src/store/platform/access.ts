import type { Kysely } from 'kysely'
import type { AccessRepo } from '../../app/platform/access-ports.js'
import type { Database } from '../schema.js'

/** Sessions, API keys, organizations and memberships, read for authentication and access checks. */
export function accessRepo(q: Kysely<Database>): AccessRepo {
  return {
    async sessionByHash(idHash, now) {
      const row = await q
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['users.id', 'users.email', 'users.name', 'users.email_verified_at', 'sessions.csrf_token', 'sessions.expires_at'])
        .where('sessions.id_hash', '=', idHash)
        .executeTakeFirst()
      if (!row || row.expires_at <= now.toISOString()) return undefined
      return { user: { id: row.id, email: row.email, name: row.name, emailVerified: row.email_verified_at !== null }, csrfToken: row.csrf_token }
    },
    async apiKeyByHash(secretHash, now) {
      const row = await q
        .selectFrom('api_keys')
        .select(['id', 'org_id', 'role', 'last_used_at'])
        .where('secret_hash', '=', secretHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      if (!row) return undefined
      // Stamp at most once a minute: a busy integration should not turn every read into a write.
      const stamp = now.toISOString()
      if (!row.last_used_at || Date.parse(row.last_used_at) < now.getTime() - 60_000) {
        await q.updateTable('api_keys').set({ last_used_at: stamp }).where('id', '=', row.id).execute()
      }
      return { keyId: row.id, orgId: row.org_id, role: row.role }
    },
    orgBySlug: (slug) => q.selectFrom('organizations').select(['id', 'slug', 'name', 'logo_image_id as logoImageId']).where('slug', '=', slug).executeTakeFirst(),
    async roleOf(orgId, userId) {
      const row = await q.selectFrom('memberships').select('role').where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst()
      return row?.role
    },
  }
}
