import type { Kysely } from 'kysely'
import type { IdempotencyRepo } from '../../app/issuance/ports.js'
import { PlatformError } from '../../core/errors.js'
import { isUniqueViolation } from '../blob.js'
import type { Database } from '../schema.js'

/** The idempotency repository over `q` (a connection or a transaction), stamping times with `now()`. */
export function idempotencyRepo(q: Kysely<Database>, now: () => Date): IdempotencyRepo {
  const stamp = () => now().toISOString()
  return {
    async get(orgId, key) {
      const row = await q.selectFrom('idempotency_keys').select(['request_digest', 'status', 'body']).where('org_id', '=', orgId).where('key', '=', key).executeTakeFirst()
      return row && { requestDigest: row.request_digest, status: Number(row.status), body: row.body }
    },
    async save(orgId, key, { requestDigest, status, body }) {
      try {
        await q.insertInto('idempotency_keys').values({ org_id: orgId, key, request_digest: requestDigest, status, body, created_at: stamp() }).execute()
      } catch (err) {
        if (isUniqueViolation(err)) throw new PlatformError('ERR_CONFLICT', `Idempotency-Key ${key} is being used by another request`, { cause: err })
        throw err
      }
    },
  }
}
