// The platform's tables as Kysely sees them (migration 0002). Optional-on-insert columns are
// `Generated<>`; nullable ones `| null`. Timestamps are ISO 8601 text; JSON documents are text.
import type { Generated } from 'kysely'
import type { RoleName } from '../../app/platform/roles.js'

export interface UsersTable {
  id: string
  /** Normalized (trimmed, lower-cased) e-mail. */
  email: string
  name: string
  /** argon2id PHC string. */
  password_hash: string
  email_verified_at: string | null
  created_at: string
}

/** A session: the SHA-256 (hex) of its cookie token, never the token itself. */
export interface SessionsTable {
  id_hash: string
  user_id: string
  csrf_token: string
  created_at: string
  expires_at: string
}

/** One-time e-mail links (verify e-mail, reset password), stored as SHA-256 of the token. */
export interface UserTokensTable {
  token_hash: string
  user_id: string
  purpose: 'verify-email' | 'reset-password'
  created_at: string
  expires_at: string
  used_at: string | null
}

export interface OrganizationsTable {
  id: string
  slug: string
  name: string
  description: Generated<string>
  url: string | null
  email: string | null
  country: string | null
  logo_image_id: string | null
  brand_color: Generated<string | null>
  suite: Generated<'eddsa-rdfc-2022' | 'eddsa-jcs-2022' | 'vc-jwt'>
  created_at: string
}

export interface MembershipsTable {
  org_id: string
  user_id: string
  role: RoleName
  created_at: string
}

export interface InvitationsTable {
  id: string
  org_id: string
  email: string
  role: RoleName
  token_hash: string
  invited_by: string | null
  created_at: string
  expires_at: string
  accepted_at: string | null
}

/** An organization's Ed25519 key: public Multikey, and the secret sealed with AES-256-GCM under the master key. */
export interface OrgKeysTable {
  id: string
  org_id: string
  public_key_multibase: string
  secret_sealed: string
  state: 'active' | 'retired' | 'revoked'
  created_at: string
  retired_at: string | null
  revoked_at: string | null
  revocation_reason: string | null
}

/** An API key: shown once, stored as SHA-256 of its secret; `prefix` identifies it in lists. */
export interface ApiKeysTable {
  id: string
  org_id: string
  name: string
  role: Exclude<RoleName, 'owner'>
  prefix: string
  secret_hash: string
  created_by: string | null
  created_at: string
  last_used_at: string | null
  revoked_at: string | null
}

/** A checked (and for SVG, sanitized) image; the id is the SHA-256 hex of its bytes. */
export interface ImagesTable {
  id: string
  org_id: string
  media_type: 'image/png' | 'image/svg+xml'
  bytes: Uint8Array
  width: number
  height: number
  created_at: string
}

/** A skill or competency of a public framework (ESCO, O*NET) or a local one; the id is its URI. */
export interface SkillsTable {
  id: string
  framework: string
  code: string | null
  kind: Generated<string>
  preferred_label: string
  /** Alternative labels, one per line. */
  alt_labels: Generated<string>
  description: Generated<string>
  /** Lower-cased preferred and alternative labels, what search matches. */
  search_text: string
}

/** A micro-credential definition; `definition` is its JSON (OB 3.0 Achievement fields + EU elements). */
export interface AchievementsTable {
  id: string
  org_id: string
  state: 'draft' | 'published' | 'archived'
  name: string
  definition: string
  image_id: string | null
  version: Generated<number>
  created_at: string
  updated_at: string
}

/**
 * A Bitstring Status List of an organization: `bits` are the status bits (MSB first), `slots`
 * marks allocated indexes. `credential` is the signed list credential of `signed_version`; it is
 * re-signed when `version` moves past it.
 */
export interface StatusListsTable {
  id: string
  org_id: string
  purpose: 'revocation' | 'suspension'
  /** The list's place among the organization's lists of this purpose: 0, 1, 2… (unique, so two writers never both open list n). */
  seq: number
  length: number
  allocated: Generated<number>
  bits: Uint8Array
  slots: Uint8Array
  credential: string | null
  version: Generated<number>
  signed_version: Generated<number>
  updated_at: string
}

/** A CSV bulk issuance: a durable job with a lease, resumable from `next_row`. */
export interface BatchesTable {
  id: string
  org_id: string
  achievement_id: string
  file_digest: string
  file_name: Generated<string>
  state: 'queued' | 'running' | 'done' | 'failed'
  total_rows: Generated<number>
  next_row: Generated<number>
  issued: Generated<number>
  failed: Generated<number>
  error: string | null
  lease_owner: string | null
  lease_until: string | null
  created_by: string | null
  created_at: string
  updated_at: string
}

export interface BatchErrorsTable {
  batch_id: string
  row: number
  email: Generated<string>
  message: string
}

/** What the platform knows about a credential it issued, beside the signed JSON in `credentials`. */
export interface IssuedCredentialsTable {
  credential_id: string
  org_id: string
  achievement_id: string
  achievement_version: number
  recipient_email: string
  recipient_name: string
  show_name: Generated<number>
  state: 'active' | 'revoked' | 'suspended'
  state_reason: string | null
  state_changed_at: string | null
  revocation_list_id: string
  revocation_index: number
  suspension_list_id: string
  suspension_index: number
  batch_id: string | null
  batch_row: number | null
  claim_token_hash: string | null
  claimed_at: string | null
  issued_at: string
}

export interface VerificationEventsTable {
  credential_id: string
  org_id: string | null
  verified: number
  at: string
  /** 'view' (the public page) or 'verification' (a verification report); 0007. */
  kind: Generated<'view' | 'verification'>
}

export interface SupersededClaimTokensTable {
  token_hash: string
  credential_id: string
  superseded_at: string
}

export interface IdempotencyKeysTable {
  org_id: string
  key: string
  request_digest: string
  status: number
  body: string
  created_at: string
}

/** Outgoing e-mail: queued for SMTP, or held for admins to read when no SMTP is configured. */
export interface OutboxTable {
  id: string
  org_id: string | null
  to_address: string
  from_name: string
  subject: string
  text: string
  html: string
  state: 'queued' | 'sent' | 'failed' | 'held'
  attempts: Generated<number>
  last_error: string | null
  next_attempt_at: string
  created_at: string
  sent_at: string | null
}

/** A stored CSV file's lock row: taken (upserted) by every transaction that keeps or removes the file. */
export interface BatchFilesTable {
  digest: string
  locked_at: string
}

/** A scanned upload waiting to become a batch (its preview's URL), until it expires. */
export interface BatchUploadsTable {
  id: string
  org_id: string
  achievement_id: string
  file_digest: string
  file_name: string
  total_rows: number
  /** JSON: the scan's first rows and problems. */
  scan: string
  created_by: string | null
  created_at: string
  expires_at: string
  batch_id: string | null
}

/**
 * Failed sign-ins of one account (by the SHA-256 of its normalized e-mail, known or not), counted
 * across every process and source address: past a few, the account is locked with a growing backoff.
 */
export interface SignInThrottleTable {
  account_hash: string
  /** Failures since the count last started (it restarts after a quiet window). */
  failures: number
  last_failure_at: string
  /** No sign-in of this account is tried before this instant (ISO), right password or not. */
  locked_until: string | null
}

/** Every platform table. */
export interface PlatformTables {
  users: UsersTable
  sessions: SessionsTable
  user_tokens: UserTokensTable
  organizations: OrganizationsTable
  memberships: MembershipsTable
  invitations: InvitationsTable
  org_keys: OrgKeysTable
  api_keys: ApiKeysTable
  images: ImagesTable
  skills: SkillsTable
  achievements: AchievementsTable
  status_lists: StatusListsTable
  batches: BatchesTable
  batch_errors: BatchErrorsTable
  batch_files: BatchFilesTable
  batch_uploads: BatchUploadsTable
  issued_credentials: IssuedCredentialsTable
  verification_events: VerificationEventsTable
  superseded_claim_tokens: SupersededClaimTokensTable
  idempotency_keys: IdempotencyKeysTable
  outbox: OutboxTable
  sign_in_throttle: SignInThrottleTable
  rate_limit_events: RateLimitEventsTable
}

/** One counted event of a rate limit (migration 0014): `key` is the limit's name and the hash of what it counts; times in ms. */
export interface RateLimitEventsTable {
  key: string
  at: number
  expires_at: number
}
