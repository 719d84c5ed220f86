import { sql, type Kysely, type Selectable } from 'kysely'
import type { IssuedCredentialsRepo, IssuedRecord, NewIssued } from '../../app/issuance/ports.js'
import { insertRows } from '../insert-rows.js'
import type { Database } from '../schema.js'
import { refreshTalentVisibility } from './talent.js'

// Rows per multi-row insert on SQLite: issued_credentials has 19 columns, so 400 rows bind 7,600 values,
// well under SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const ROWS_PER_INSERT = 400

/** The issued credentials repository over `q` (a connection or a transaction). */
export function issuedCredentialsRepo(q: Kysely<Database>): IssuedCredentialsRepo {
  const issuedRows = () =>
    q
      .selectFrom('issued_credentials as i')
      .innerJoin('credentials as c', 'c.id', 'i.credential_id')
      .innerJoin('achievements as a', 'a.id', 'i.achievement_id')
      .selectAll('i')
      .select(['c.json', 'a.name as achievement_name'])

  return {
    async insert(rows) {
      await insertRows(q, 'issued_credentials', rows.map(issuedRowOf), ROWS_PER_INSERT)
    },
    async get(orgId, credentialId) {
      const row = await issuedRows().where('i.org_id', '=', orgId).where('i.credential_id', '=', credentialId).executeTakeFirst()
      return row && issuedRecordOf(row)
    },
    async search(orgId, query) {
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
      // A revoked or suspended credential leaves the talent search at once (its wallet copies here).
      await refreshTalentVisibility(q, { issuedCredentialId: credentialId })
    },
    async rowsOfBatch(batchId, fromRow, toRow) {
      const rows = await q
        .selectFrom('issued_credentials')
        .select('batch_row')
        .where('batch_id', '=', batchId)
        .where('batch_row', '>=', fromRow)
        .where('batch_row', '<=', toRow)
        .execute()
      return rows.map((r) => Number(r.batch_row))
    },
    async emailsOfBatch(batchId, emails) {
      if (emails.length === 0) return []
      const found: { email: string; row: number }[] = []
      // By e-mail only (the recipient_email index), the batch checked here: with `batch_id = ?` in the
      // query, PostgreSQL read every row of the batch so far whenever its statistics did not know the
      // batch yet (a new batch, or one growing faster than autovacuum analyzes), once per chunk: a
      // cost that grew with the square of the batch's size.
      for (let i = 0; i < emails.length; i += 500) {
        const rows = await q.selectFrom('issued_credentials').select(['recipient_email', 'batch_row', 'batch_id']).where('recipient_email', 'in', emails.slice(i, i + 500)).execute()
        for (const r of rows) if (r.batch_id === batchId) found.push({ email: r.recipient_email, row: Number(r.batch_row) })
      }
      return found
    },
  }
}

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
  declinedAt: r.declined_at,
  stored: r.json,
})
