import { sql, type Kysely, type Selectable } from 'kysely'
import type { BatchRecord, IssuanceRepo, IssuedRecord, ListSlots, NewIssued, StatusListRecord } from '../../app/issuance/ports.js'
import { PlatformError } from '../../core/errors.js'
import { fromBlob, isUniqueViolation, toBlob } from '../blob.js'
import type { Database } from '../schema.js'

// Rows per multi-row insert: issued_credentials has 19 columns, so 400 rows bind 7,600 values,
// well under SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const ROWS_PER_INSERT = 400

/** The issuance repository over `q` (a connection or a transaction), stamping times with `now()`. */
export function issuanceRepo(q: Kysely<Database>, now: () => Date): IssuanceRepo {
  const stamp = () => now().toISOString()
  const issuedRows = () =>
    q
      .selectFrom('issued_credentials as i')
      .innerJoin('credentials as c', 'c.id', 'i.credential_id')
      .innerJoin('achievements as a', 'a.id', 'i.achievement_id')
      .selectAll('i')
      .select(['c.json', 'a.name as achievement_name'])

  return {
    async listsWithRoom(orgId, purpose, { forUpdate }) {
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
    async createList({ id, orgId, purpose, seq, length }) {
      const empty = toBlob(new Uint8Array(Math.ceil(length / 8)))
      const result = await q
        .insertInto('status_lists')
        .values({ id, org_id: orgId, purpose, seq, length, bits: empty, slots: empty, credential: null, updated_at: stamp() })
        .onConflict((oc) => oc.columns(['org_id', 'purpose', 'seq']).doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
    },
    async lastListSeq(orgId, purpose) {
      const row = await q.selectFrom('status_lists').select((eb) => eb.fn.max('seq').as('last')).where('org_id', '=', orgId).where('purpose', '=', purpose).executeTakeFirst()
      return row?.last == null ? -1 : Number(row.last)
    },
    async lockLists(orgId) {
      await q.selectFrom('status_lists').select('id').where('org_id', '=', orgId).orderBy('id').forUpdate().execute()
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
    async statusList(listId, options) {
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
    async storeSignedList(listId, version, credential) {
      await q.updateTable('status_lists').set({ credential, signed_version: version }).where('id', '=', listId).where('signed_version', '<', version).execute()
    },

    async insertIssued(rows) {
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        const part = rows.slice(i, i + ROWS_PER_INSERT)
        const createdAt = stamp()
        await q.insertInto('credentials').values(part.map((r) => ({ id: r.credentialId, issuer: r.issuerDid, json: r.stored, created_at: createdAt }))).execute()
        await q.insertInto('issued_credentials').values(part.map(issuedRowOf)).execute()
      }
    },
    async issued(orgId, credentialId) {
      const row = await issuedRows().where('i.org_id', '=', orgId).where('i.credential_id', '=', credentialId).executeTakeFirst()
      return row && issuedRecordOf(row)
    },
    async searchIssued(orgId, query) {
      let select = issuedRows().where('i.org_id', '=', orgId)
      if (query.text) {
        const pattern = `%${query.text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
        select = select.where((eb) =>
          eb.or([
            sql<boolean>`lower(${eb.ref('i.recipient_email')}) like ${pattern} escape '\\'`,
            sql<boolean>`lower(${eb.ref('i.recipient_name')}) like ${pattern} escape '\\'`,
          ]),
        )
      }
      if (query.achievementId) select = select.where('i.achievement_id', '=', query.achievementId)
      if (query.state) select = select.where('i.state', '=', query.state)
      if (query.batchId) select = select.where('i.batch_id', '=', query.batchId)
      if (query.issuedFrom) select = select.where('i.issued_at', '>=', query.issuedFrom)
      if (query.issuedTo) select = select.where('i.issued_at', '<=', query.issuedTo)
      const { after } = query
      if (after)
        select = select.where((eb) =>
          eb.or([eb('i.issued_at', '<', after.issuedAt), eb.and([eb('i.issued_at', '=', after.issuedAt), eb('i.credential_id', '<', after.credentialId)])]),
        )
      const rows = await select.orderBy('i.issued_at', 'desc').orderBy('i.credential_id', 'desc').limit(query.limit).execute()
      return rows.map(issuedRecordOf)
    },
    async setState(credentialId, { state, reason, at }) {
      await q.updateTable('issued_credentials').set({ state, state_reason: reason, state_changed_at: at }).where('credential_id', '=', credentialId).execute()
    },
    async issuedRows(batchId, fromRow, toRow) {
      const rows = await q
        .selectFrom('issued_credentials')
        .select('batch_row')
        .where('batch_id', '=', batchId)
        .where('batch_row', '>=', fromRow)
        .where('batch_row', '<=', toRow)
        .execute()
      return rows.map((r) => Number(r.batch_row))
    },
    async issuedEmails(batchId, emails) {
      if (emails.length === 0) return []
      const found: { email: string; row: number }[] = []
      for (let i = 0; i < emails.length; i += 500) {
        const rows = await q
          .selectFrom('issued_credentials')
          .select(['recipient_email', 'batch_row'])
          .where('batch_id', '=', batchId)
          .where('recipient_email', 'in', emails.slice(i, i + 500))
          .execute()
        for (const r of rows) found.push({ email: r.recipient_email, row: Number(r.batch_row) })
      }
      return found
    },

    async createBatch(batch) {
      const at = stamp()
      try {
        await q
          .insertInto('batches')
          .values({
            id: batch.id,
            org_id: batch.orgId,
            achievement_id: batch.achievementId,
            file_digest: batch.fileDigest,
            file_name: batch.fileName,
            state: 'queued',
            total_rows: batch.totalRows,
            error: null,
            lease_owner: null,
            lease_until: null,
            created_by: batch.createdBy,
            created_at: at,
            updated_at: at,
          })
          .execute()
        return { batch: (await batchById(q, batch.id))!, created: true }
      } catch (err) {
        if (!isUniqueViolation(err)) throw err
        const existing = await q
          .selectFrom('batches')
          .selectAll()
          .where('achievement_id', '=', batch.achievementId)
          .where('file_digest', '=', batch.fileDigest)
          .executeTakeFirst()
        if (!existing) throw err
        return { batch: batchRecordOf(existing), created: false }
      }
    },
    async batchOfFile(orgId, achievementId, fileDigest) {
      const row = await q.selectFrom('batches').selectAll().where('org_id', '=', orgId).where('achievement_id', '=', achievementId).where('file_digest', '=', fileDigest).executeTakeFirst()
      return row && batchRecordOf(row)
    },
    async batch(orgId, batchId) {
      const row = await q.selectFrom('batches').selectAll().where('org_id', '=', orgId).where('id', '=', batchId).executeTakeFirst()
      return row && batchRecordOf(row)
    },
    async batches(orgId, { limit, before }) {
      let select = q.selectFrom('batches').selectAll().where('org_id', '=', orgId)
      if (before)
        select = select.where((eb) =>
          eb.or([eb('created_at', '<', before.createdAt), eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)])]),
        )
      return (await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(batchRecordOf)
    },
    async batchErrors(batchId, { afterRow = 0, limit }) {
      const rows = await q
        .selectFrom('batch_errors')
        .select(['row', 'email', 'message'])
        .where('batch_id', '=', batchId)
        .where('row', '>', afterRow)
        .orderBy('row')
        .limit(limit)
        .execute()
      return rows.map((r) => ({ row: Number(r.row), email: r.email, message: r.message }))
    },
    async leaseBatch(owner, nowIso, until) {
      const waiting = await q
        .selectFrom('batches')
        .select('id')
        .where('state', 'in', ['queued', 'running'])
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]))
        .orderBy('created_at')
        .orderBy('id')
        .limit(5)
        .execute()
      for (const { id } of waiting) {
        const result = await q
          .updateTable('batches')
          .set({ lease_owner: owner, lease_until: until, state: 'running', updated_at: nowIso })
          .where('id', '=', id)
          .where('state', 'in', ['queued', 'running'])
          .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]))
          .executeTakeFirst()
        if (Number(result.numUpdatedRows) === 1) return batchById(q, id)
      }
      return undefined
    },
    async recordChunk(batchId, owner, { nextRow, addIssued, addFailed, errors, leaseUntil }) {
      const result = await q
        .updateTable('batches')
        .set((eb) => ({
          next_row: nextRow,
          issued: eb('issued', '+', addIssued),
          failed: eb('failed', '+', addFailed),
          lease_until: leaseUntil,
          updated_at: stamp(),
        }))
        .where('id', '=', batchId)
        .where('lease_owner', '=', owner)
        .where('state', '=', 'running')
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) return false
      for (let i = 0; i < errors.length; i += 2000) {
        const part = errors.slice(i, i + 2000).map((e) => ({ batch_id: batchId, row: e.row, email: e.email, message: e.message }))
        await q.insertInto('batch_errors').values(part).execute()
      }
      return true
    },
    async finishBatch(batchId, owner, { state, error }) {
      const result = await q
        .updateTable('batches')
        .set({ state, error, lease_owner: null, lease_until: null, updated_at: stamp() })
        .where('id', '=', batchId)
        .where('lease_owner', '=', owner)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async isFileInUse(fileDigest) {
      const row = await q.selectFrom('batches').select('id').where('file_digest', '=', fileDigest).where('state', 'in', ['queued', 'running']).executeTakeFirst()
      return row !== undefined
    },

    async idempotent(orgId, key) {
      const row = await q.selectFrom('idempotency_keys').select(['request_digest', 'status', 'body']).where('org_id', '=', orgId).where('key', '=', key).executeTakeFirst()
      return row && { requestDigest: row.request_digest, status: Number(row.status), body: row.body }
    },
    async saveIdempotent(orgId, key, { requestDigest, status, body }) {
      try {
        await q.insertInto('idempotency_keys').values({ org_id: orgId, key, request_digest: requestDigest, status, body, created_at: stamp() }).execute()
      } catch (err) {
        if (isUniqueViolation(err)) throw new PlatformError('ERR_CONFLICT', `Idempotency-Key ${key} is being used by another request`, { cause: err })
        throw err
      }
    },
  }
}

const slotsOf = (r: { id: string; length: number; allocated: number; slots: Uint8Array }): ListSlots => ({
  id: r.id,
  length: Number(r.length),
  allocated: Number(r.allocated),
  slots: fromBlob(r.slots),
})

const issuedRowOf = (r: NewIssued) => ({
  credential_id: r.credentialId,
  org_id: r.orgId,
  achievement_id: r.achievementId,
  achievement_version: r.achievementVersion,
  recipient_email: r.recipientEmail,
  recipient_name: r.recipientName,
  show_name: r.showName ? 1 : 0,
  state: 'active' as const,
  state_reason: null,
  state_changed_at: null,
  revocation_list_id: r.revocation.listId,
  revocation_index: r.revocation.index,
  suspension_list_id: r.suspension.listId,
  suspension_index: r.suspension.index,
  batch_id: r.batchId,
  batch_row: r.batchRow,
  claim_token_hash: r.claimTokenHash,
  claimed_at: null,
  issued_at: r.issuedAt,
})

type IssuedRow = Selectable<Database['issued_credentials']> & { json: string; achievement_name: string }

const issuedRecordOf = (r: IssuedRow): IssuedRecord => ({
  credentialId: r.credential_id,
  orgId: r.org_id,
  achievementId: r.achievement_id,
  achievementVersion: Number(r.achievement_version),
  achievementName: r.achievement_name,
  recipientEmail: r.recipient_email,
  recipientName: r.recipient_name,
  showName: Number(r.show_name) === 1,
  state: r.state,
  stateReason: r.state_reason,
  stateChangedAt: r.state_changed_at,
  revocation: { listId: r.revocation_list_id, index: Number(r.revocation_index) },
  suspension: { listId: r.suspension_list_id, index: Number(r.suspension_index) },
  batchId: r.batch_id,
  batchRow: r.batch_row === null ? null : Number(r.batch_row),
  claimedAt: r.claimed_at,
  issuedAt: r.issued_at,
  stored: r.json,
})

const batchRecordOf = (r: Selectable<Database['batches']>): BatchRecord => ({
  id: r.id,
  orgId: r.org_id,
  achievementId: r.achievement_id,
  fileDigest: r.file_digest,
  fileName: r.file_name,
  state: r.state,
  totalRows: Number(r.total_rows),
  nextRow: Number(r.next_row),
  issued: Number(r.issued),
  failed: Number(r.failed),
  error: r.error,
  leaseOwner: r.lease_owner,
  leaseUntil: r.lease_until,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

async function batchById(q: Kysely<Database>, id: string): Promise<BatchRecord | undefined> {
  const row = await q.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst()
  return row && batchRecordOf(row)
}
