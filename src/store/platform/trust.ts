import type { Kysely } from 'kysely'
import type { TrustedIssuerRecord, TrustRegistryRecord, TrustRepo } from '../../app/trust/ports.js'
import type { Database } from '../schema.js'

/** Rows per insert statement when a registry's entries are replaced (well under both dialects' parameter limits). */
const CHUNK = 500

/** Trusted issuers and trust registries over `q`. */
export function trustRepo(q: Kysely<Database>): TrustRepo {
  const issuers = () =>
    q
      .selectFrom('trusted_issuers as t')
      .leftJoin('trust_registries as r', 'r.id', 't.registry_id')
      .select(['t.id', 't.issuer_id', 't.name', 't.note', 't.source', 't.registry_id', 't.created_at', 'r.name as registry_name'])
  const issuerOf = (r: { id: string; issuer_id: string; name: string; note: string; source: 'manual' | 'registry'; registry_id: string | null; created_at: string; registry_name: string | null }): TrustedIssuerRecord => ({
    id: r.id,
    issuerId: r.issuer_id,
    name: r.name,
    note: r.note,
    source: r.source,
    registryId: r.registry_id,
    registryName: r.registry_name,
    createdAt: r.created_at,
  })
  const registries = () =>
    q
      .selectFrom('trust_registries as r')
      .select(['r.id', 'r.name', 'r.url', 'r.format', 'r.refreshed_at', 'r.last_error', 'r.created_at'])
      .select((eb) => eb.selectFrom('trusted_issuers as t').whereRef('t.registry_id', '=', 'r.id').select(eb.fn.countAll<string | number>().as('n')).as('issuer_count'))
  const registryOf = (r: { id: string; name: string; url: string; format: 'dcc' | 'list'; refreshed_at: string | null; last_error: string | null; created_at: string; issuer_count: string | number | null }): TrustRegistryRecord => ({
    id: r.id,
    name: r.name,
    url: r.url,
    format: r.format,
    refreshedAt: r.refreshed_at,
    // Stored as "<ISO time> <message>": one column keeps the failure and its time together.
    lastError: r.last_error === null ? null : r.last_error.replace(/^\S+ /, ''),
    lastErrorAt: r.last_error === null ? null : (r.last_error.split(' ', 1)[0] ?? null),
    createdAt: r.created_at,
    issuerCount: Number(r.issuer_count ?? 0),
  })
  return {
    async listIssuers({ source, registryId, limit }) {
      let query = issuers()
      if (source) query = query.where('t.source', '=', source)
      if (registryId) query = query.where('t.registry_id', '=', registryId)
      const rows = await query.orderBy('t.created_at', 'desc').orderBy('t.id').limit(limit).execute()
      return rows.map(issuerOf)
    },
    async issuersWithId(issuerId) {
      const rows = await issuers().where('t.issuer_id', '=', issuerId).orderBy('t.source').orderBy('r.name').limit(20).execute()
      return rows.map(issuerOf)
    },
    async addManual(issuer) {
      await q
        .insertInto('trusted_issuers')
        .values({ id: issuer.id, issuer_id: issuer.issuerId, name: issuer.name, note: issuer.note, source: 'manual', registry_id: null, created_at: issuer.createdAt })
        .execute()
    },
    async removeManual(id) {
      const result = await q.deleteFrom('trusted_issuers').where('id', '=', id).where('source', '=', 'manual').executeTakeFirst()
      return Number(result.numDeletedRows) === 1
    },
    async registries() {
      return (await registries().orderBy('r.name').orderBy('r.id').execute()).map(registryOf)
    },
    async registry(id) {
      const row = await registries().where('r.id', '=', id).executeTakeFirst()
      return row && registryOf(row)
    },
    async registryByUrl(url) {
      const row = await registries().where('r.url', '=', url).executeTakeFirst()
      return row && registryOf(row)
    },
    async addRegistry(r) {
      await q.insertInto('trust_registries').values({ id: r.id, name: r.name, url: r.url, format: r.format, refreshed_at: null, last_error: null, created_at: r.createdAt }).execute()
    },
    async removeRegistry(id) {
      await q.deleteFrom('trusted_issuers').where('registry_id', '=', id).execute()
      const result = await q.deleteFrom('trust_registries').where('id', '=', id).executeTakeFirst()
      return Number(result.numDeletedRows) === 1
    },
    async replaceEntries(registryId, entries, at) {
      await q.deleteFrom('trusted_issuers').where('registry_id', '=', registryId).execute()
      for (let i = 0; i < entries.length; i += CHUNK) {
        const rows = entries.slice(i, i + CHUNK).map((e) => ({ id: e.id, issuer_id: e.issuerId, name: e.name, note: '', source: 'registry' as const, registry_id: registryId, created_at: at }))
        await q.insertInto('trusted_issuers').values(rows).execute()
      }
      await q.updateTable('trust_registries').set({ refreshed_at: at, last_error: null }).where('id', '=', registryId).execute()
    },
    async recordError(registryId, error, at) {
      await q.updateTable('trust_registries').set({ last_error: `${at} ${error}`.slice(0, 1000) }).where('id', '=', registryId).execute()
    },
  }
}
