import type { Kysely } from 'kysely'
import { PlatformError } from '../core/errors.js'
import type { Database } from './schema.js'

/** One credential signed with a given organization key. */
export interface SignedByRow {
  id: string
  issuer: string
  verificationMethod: string
  issued: string
  recipient: string | null
  state: string | null
  logIndex: number | null
}

const PAGE = 500

/** The verification method of a stored credential's (first) Data Integrity proof, or undefined. */
function verificationMethodOf(json: string): string | undefined {
  try {
    const proof = (JSON.parse(json) as { proof?: unknown }).proof
    const first = (Array.isArray(proof) ? proof[0] : proof) as { verificationMethod?: unknown } | undefined
    return typeof first?.verificationMethod === 'string' ? first.verificationMethod : undefined
  } catch {
    return undefined
  }
}

/**
 * The credentials an organization (by slug) issued whose proof names key `keyId` (`…#<keyId>`),
 * oldest first, read a page at a time: what to re-issue or announce after that key was compromised.
 * ERR_NOT_FOUND when the organization or the key does not exist.
 */
export async function* credentialsSignedBy(db: Kysely<Database>, orgSlug: string, keyId: string): AsyncIterable<SignedByRow> {
  const org = await db.selectFrom('organizations').select(['id']).where('slug', '=', orgSlug).executeTakeFirst()
  if (!org) throw new PlatformError('ERR_NOT_FOUND', `There is no organization ${orgSlug}`)
  const key = await db.selectFrom('org_keys').select(['id']).where('org_id', '=', org.id).where('id', '=', keyId).executeTakeFirst()
  if (!key) throw new PlatformError('ERR_NOT_FOUND', `Organization ${orgSlug} has no key ${keyId} (its keys are listed at /orgs/${orgSlug}/keys)`)
  let after: { issued: string; id: string } | undefined
  for (;;) {
    const rows = await db
      .selectFrom('credentials')
      .innerJoin('issued_credentials', 'issued_credentials.credential_id', 'credentials.id')
      .leftJoin('log_leaves', 'log_leaves.credential_id', 'credentials.id')
      .select(['credentials.id', 'credentials.issuer', 'credentials.json', 'issued_credentials.issued_at', 'issued_credentials.recipient_email', 'issued_credentials.state', 'log_leaves.idx'])
      .where('issued_credentials.org_id', '=', org.id)
      .$if(after !== undefined, (q) =>
        q.where((eb) =>
          eb.or([eb('issued_credentials.issued_at', '>', after!.issued), eb.and([eb('issued_credentials.issued_at', '=', after!.issued), eb('credentials.id', '>', after!.id)])]),
        ),
      )
      .orderBy('issued_credentials.issued_at')
      .orderBy('credentials.id')
      .limit(PAGE)
      .execute()
    for (const row of rows) {
      const method = verificationMethodOf(row.json)
      if (method === undefined || !method.endsWith(`#${keyId}`)) continue
      yield ({ id: row.id, issuer: row.issuer, verificationMethod: method, issued: row.issued_at, recipient: row.recipient_email, state: row.state, logIndex: row.idx === null ? null : Number(row.idx) })
    }
    if (rows.length < PAGE) return
    const last = rows.at(-1)!
    after = { issued: last.issued_at, id: last.id }
  }
}
