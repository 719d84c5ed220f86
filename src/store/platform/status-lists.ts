import type { Kysely } from 'kysely'
import type { ListSlots, StatusListRecord, StatusListsRepo } from '../../app/issuance/ports.js'
import { fromBlob, toBlob } from '../blob.js'
import { compiledOnce } from '../prepared.js'
import type { Database } from '../schema.js'

/** The status lists repository over `q` (a connection or a transaction), stamping times with `now()`. */
export function statusListsRepo(q: Kysely<Database>, now: () => Date): StatusListsRepo {
  const stamp = () => now().toISOString()
  // Read on every verification of a credential with a status entry: compiled once.
  const versionOf = compiledOnce(q, 1, (listId) => q.selectFrom('status_lists').select('version').where('id', '=', listId))
  return {
    async withRoom(orgId, purpose, { forUpdate }) {
      let query = q
        .selectFrom('status_lists')
        .select(['id', 'length', 'allocated', 'slots'])
        .where('org_id', '=', orgId)
        .where('purpose', '=', purpose)
        .where((eb) => eb('allocated', '<', eb.ref('length')))
        .orderBy('allocated', 'desc')
        .orderBy('id')
      if (forUpdate) query = query.forUpdate()
      return (await query.execute()).map(slotsOf)
    },
    async create({ id, orgId, purpose, seq, length }) {
      const empty = toBlob(new Uint8Array(Math.ceil(length / 8)))
      const result = await q
        .insertInto('status_lists')
        .values({ id, org_id: orgId, purpose, seq, length, bits: empty, slots: empty, credential: null, updated_at: stamp() })
        .onConflict((oc) => oc.columns(['org_id', 'purpose', 'seq']).doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
    },
    async lastSeq(orgId, purpose) {
      const row = await q.selectFrom('status_lists').select((eb) => eb.fn.max('seq').as('last')).where('org_id', '=', orgId).where('purpose', '=', purpose).executeTakeFirst()
      return row?.last == null ? -1 : Number(row.last)
    },
    async lockAll(orgId) {
      await q.selectFrom('status_lists').select('id').where('org_id', '=', orgId).orderBy('id').forUpdate().execute()
    },
    async shareLock(listIds) {
      if (listIds.length > 0) await q.selectFrom('status_lists').select('id').where('id', 'in', [...listIds]).orderBy('id').forKeyShare().execute()
    },
    async slotsOf(listIds, { forUpdate }) {
      if (listIds.length === 0) return []
      // Rows are locked in the order they are read: ordered by id, two writers never wait on each other in a circle.
      let query = q.selectFrom('status_lists').select(['id', 'length', 'allocated', 'slots']).where('id', 'in', [...listIds]).orderBy('id')
      if (forUpdate) query = query.forUpdate()
      const byId = new Map((await query.execute()).map((r) => [r.id, slotsOf(r)]))
      return listIds.flatMap((id) => byId.get(id) ?? [])
    },
    async writeSlots(listId, slots, allocated) {
      await q.updateTable('status_lists').set({ slots: toBlob(slots), allocated, updated_at: stamp() }).where('id', '=', listId).execute()
    },
    async version(listId) {
      const [r] = await versionOf(listId)
      return r === undefined ? undefined : Number(r.version)
    },
    async versionWithOrg(listId) {
      const r = await q
        .selectFrom('status_lists as l')
        .innerJoin('organizations as o', 'o.id', 'l.org_id')
        .select(['l.version', 'o.id', 'o.slug'])
        .where('l.id', '=', listId)
        .executeTakeFirst()
      return r === undefined ? undefined : { version: Number(r.version), org: { id: r.id, slug: r.slug } }
    },
    async get(listId, options) {
      let query = q.selectFrom('status_lists').select(['id', 'org_id', 'purpose', 'length', 'bits', 'version', 'signed_version', 'credential', 'updated_at']).where('id', '=', listId)
      if (options?.forUpdate) query = query.forUpdate()
      const r = await query.executeTakeFirst()
      if (!r) return undefined
      const record: StatusListRecord = {
        id: r.id,
        orgId: r.org_id,
        purpose: r.purpose,
        length: Number(r.length),
        bits: fromBlob(r.bits),
        version: Number(r.version),
        signedVersion: Number(r.signed_version),
        credential: r.credential,
        updatedAt: r.updated_at,
      }
      return record
    },
    async writeBits(listId, bits, version) {
      await q.updateTable('status_lists').set({ bits: toBlob(bits), version, updated_at: stamp() }).where('id', '=', listId).execute()
    },
    async storeSigned(listId, version, credential) {
      await q.updateTable('status_lists').set({ credential, signed_version: version }).where('id', '=', listId).where('signed_version', '<', version).execute()
    },
  }
}

const slotsOf = (r: { id: string; length: number; allocated: number; slots: Uint8Array }): ListSlots => ({
  id: r.id,
  length: Number(r.length),
  allocated: Number(r.allocated),
  slots: fromBlob(r.slots),
})
