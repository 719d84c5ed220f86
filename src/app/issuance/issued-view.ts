import { signedDocumentOf } from '../credentials/signed-document.js'
import type { CredentialState } from '../credentials/ports.js'
import { uuidOf } from './commit-issued.js'
import type { IssuedRecord } from './ports.js'

/** An issued credential as the issuer's API returns it (one shape for create, read and list). */
export interface IssuedView {
  /** The credential's id, `urn:uuid:…`. */
  id: string
  achievementId: string
  achievementName: string
  recipient: { email: string; name: string }
  state: CredentialState
  stateReason: string | null
  stateChangedAt: string | null
  claimed: boolean
  claimedAt: string | null
  /** When the learner declined it (its claim link no longer works). */
  declinedAt: string | null
  issuedAt: string
  batchId: string | null
  batchRow: number | null
  /** `json`: a credential with an embedded Data Integrity proof; `jwt`: a compact VC-JWT. */
  format: 'json' | 'jwt'
  /** The signed credential: JSON, or the compact VC-JWT text. */
  credential: Record<string, unknown> | string
  links: { document: string; page: string }
}

/** The API view of an issued credential; `publicUrl` makes its public links. */
export function issuedViewOf(record: IssuedRecord, publicUrl: string): IssuedView {
  const document = signedDocumentOf(JSON.parse(record.stored))
  const uuid = uuidOf(record.credentialId)
  return {
    id: record.credentialId,
    achievementId: record.achievementId,
    achievementName: record.achievementName,
    recipient: { email: record.recipientEmail, name: record.recipientName },
    state: record.state,
    stateReason: record.stateReason,
    stateChangedAt: record.stateChangedAt,
    claimed: record.claimedAt !== null,
    claimedAt: record.claimedAt,
    declinedAt: record.declinedAt ?? null,
    issuedAt: record.issuedAt,
    batchId: record.batchId,
    batchRow: record.batchRow,
    format: document.format,
    credential: document.format === 'jwt' ? document.compact : document.credential,
    links: { document: `${publicUrl}/credentials/${uuid}`, page: `${publicUrl}/c/${uuid}` },
  }
}
