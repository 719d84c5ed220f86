import type { Kysely } from 'kysely'
import type { CredentialViewsRepo, IssuedCredentialView } from '../../app/credentials/ports.js'
import { signedDocumentOf } from '../../app/credentials/signed-document.js'
import { compiledOnce } from '../prepared.js'
import type { Database } from '../schema.js'

/** Counted looks written per INSERT statement (7 values a row: far within SQLite's and PostgreSQL's parameter limits). */
const LOOKS_PER_STATEMENT = 100

/** Issued credentials as their public faces read them, over `q` (a connection or a transaction). */
export function credentialViewsRepo(q: Kysely<Database>): CredentialViewsRepo {
  const views = () =>
    q
      .selectFrom('issued_credentials as i')
      .innerJoin('credentials as c', 'c.id', 'i.credential_id')
      .innerJoin('organizations as o', 'o.id', 'i.org_id')
      .select([
        'i.credential_id',
        'c.json',
        'o.id as org_id',
        'o.slug as org_slug',
        'o.name as org_name',
        'o.url as org_url',
        'o.logo_image_id as org_logo_image_id',
        'i.achievement_id',
        'i.recipient_name',
        'i.show_name',
        'i.state',
        'i.state_reason',
        'i.state_changed_at',
        'i.claimed_at',
        'i.issued_at',
        'i.declined_at',
      ])
  // The public pages' and documents' reads, compiled once (src/store/prepared.ts).
  const storedTextOf = compiledOnce(q, 1, (id) => q.selectFrom('issued_credentials as i').innerJoin('credentials as c', 'c.id', 'i.credential_id').select('c.json').where('i.credential_id', '=', id))
  const viewById = compiledOnce(q, 1, (id) => views().where('i.credential_id', '=', id))
  return {
    async storedText(id) {
      const [row] = await storedTextOf(id)
      return row?.json
    },
    async byId(id) {
      const [row] = await viewById(id)
      return row && viewOf(row)
    },
    async byClaimTokenHash(tokenHash) {
      const row = await views().where('i.claim_token_hash', '=', tokenHash).executeTakeFirst()
      return row && viewOf(row)
    },
    async claim(tokenHash, { showName, at }) {
      const result = await q
        .updateTable('issued_credentials')
        .set({ claimed_at: at, show_name: showName ? 1 : 0 })
        .where('claim_token_hash', '=', tokenHash)
        .where('claimed_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async bySupersededClaimTokenHash(tokenHash) {
      const row = await views()
        .innerJoin('superseded_claim_tokens as s', 's.credential_id', 'i.credential_id')
        .where('s.token_hash', '=', tokenHash)
        .executeTakeFirst()
      return row && viewOf(row)
    },
    async replaceClaimToken(credentialId, tokenHash, at) {
      const current = await q.selectFrom('issued_credentials').select('claim_token_hash').where('credential_id', '=', credentialId).executeTakeFirst()
      if (!current) return false
      if (current.claim_token_hash) {
        await q
          .insertInto('superseded_claim_tokens')
          .values({ token_hash: current.claim_token_hash, credential_id: credentialId, superseded_at: at })
          .onConflict((oc) => oc.column('token_hash').doNothing())
          .execute()
      }
      const result = await q.updateTable('issued_credentials').set({ claim_token_hash: tokenHash }).where('credential_id', '=', credentialId).executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async recordVerification({ credentialId, orgId, kind, verified, at, channel, count }) {
      await q.insertInto('verification_events').values({ credential_id: credentialId, org_id: orgId, kind, verified: verified ? 1 : 0, at, channel: channel ?? null, count: count ?? 1 }).execute()
    },
    async recordVerifications(events) {
      for (let i = 0; i < events.length; i += LOOKS_PER_STATEMENT) {
        const rows = events.slice(i, i + LOOKS_PER_STATEMENT).map((e) => ({ credential_id: e.credentialId, org_id: e.orgId, kind: e.kind, verified: e.verified ? 1 : 0, at: e.at, channel: e.channel ?? null, count: e.count ?? 1 }))
        await q.insertInto('verification_events').values(rows).execute()
      }
    },
  }
}

type ViewRow = {
  credential_id: string
  json: string
  org_id: string
  org_slug: string
  org_name: string
  org_url: string | null
  org_logo_image_id: string | null
  achievement_id: string
  recipient_name: string
  show_name: number
  state: IssuedCredentialView['state']
  state_reason: string | null
  state_changed_at: string | null
  claimed_at: string | null
  issued_at: string
  declined_at: string | null
}

const viewOf = (r: ViewRow): IssuedCredentialView => ({
  id: r.credential_id,
  document: signedDocumentOf(JSON.parse(r.json)),
  org: { id: r.org_id, slug: r.org_slug, name: r.org_name, url: r.org_url, logoImageId: r.org_logo_image_id },
  achievementId: r.achievement_id,
  recipientName: r.recipient_name,
  showName: Number(r.show_name) === 1,
  state: r.state,
  stateReason: r.state_reason,
  stateChangedAt: r.state_changed_at,
  claimedAt: r.claimed_at,
  issuedAt: r.issued_at,
  declinedAt: r.declined_at,
})
