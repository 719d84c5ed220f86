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
  /** 1 when the account wants e-mail reminders before its wallet credentials expire (0009). */
  expiry_reminders: Generated<number>
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
  /** The address a verify-email link confirms (0009); null: the account's sign-up address. */
  email: Generated<string | null>
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
  status_entries: Generated<'revocation' | 'revocation-and-suspension'>
  created_at: string
  /** issuer (default) or employer (0016: searches learners, never issues). */
  kind: Generated<'issuer' | 'employer'>
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

/** The badge image of a credential a learner imported (migration 0015), kept for that learner; the id is the SHA-256 hex of the bytes. */
export interface UserImagesTable {
  id: string
  user_id: string
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

/** A CSV bulk issuance: a durable job run in parts (batch_parts); `next_row` counts the rows handled so far. */
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
  created_by: string | null
  created_at: string
  updated_at: string
}

/** A range [first_row, end_row) of a batch's recipient rows: leased by one runner at a time, resumable from `next_row`. */
export interface BatchPartsTable {
  batch_id: string
  first_row: number
  end_row: number
  next_row: number
  /** 1 once every row of the part was handled. */
  done: Generated<number>
  lease_owner: string | null
  lease_until: string | null
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
  /** When the learner declined the credential offered by its claim link (0009). */
  declined_at: Generated<string | null>
}

export interface VerificationEventsTable {
  credential_id: string
  org_id: string | null
  verified: number
  at: string
  /** 'view' (the public page) or 'verification' (a verification report); 0007. */
  kind: Generated<'view' | 'verification'>
  /** 'browser' for a verification a visitor's browser made and reported (0025), else null. */
  channel: Generated<'browser' | null>
  /** How many looks the row stands for (0027: looks are written aggregated per flush); 1 before. */
  count: Generated<number>
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

/** An account's holder key (migration 0011): did:key of the public half, the private half sealed under the master key. */
export interface HolderKeysTable {
  user_id: string
  did: string
  public_key_multibase: string
  sealed_private_key: string
  created_at: string
}

/** An account's e-mail choices beyond direct answers (migration 0011). */
export interface NotificationSettingsTable {
  user_id: string
  product_news: Generated<number>
  updated_at: string
}

/** An address of an account (0009): normalized, one account each; the sign-up address is one. */
export interface AccountEmailsTable {
  user_id: string
  email: string
  verified_at: string | null
  created_at: string
}

/** A credential a learner keeps in their wallet (0009): claimed here or imported; one per (user, digest). */
export interface WalletItemsTable {
  id: string
  user_id: string
  /** SHA-256 hex of `document`. */
  digest: string
  /** The credential's own `id`, when it has one. */
  credential_id: string | null
  /** This instance's issued credential, when the item was claimed here. */
  issued_credential_id: string | null
  source: 'claim' | 'import'
  format: 'vc-json' | 'vc-jwt' | 'ob2'
  /** The document as received (JSON text or a compact JWT). */
  document: string
  verified: number
  /** JSON text of the latest VerificationReport. */
  report: string
  checked_at: string
  name: string
  description: Generated<string>
  image_url: string | null
  issuer_id: string | null
  issuer_name: string
  issued_at: string | null
  expires_at: string | null
  /** JSON text: [{ label, code?, framework?, uri? }]. */
  skills: Generated<string>
  hidden: Generated<number>
  public: Generated<number>
  show_name: Generated<number>
  added_at: string
}

export interface WalletCollectionsTable {
  id: string
  user_id: string
  name: string
  description: Generated<string>
  position: number
  created_at: string
  /** Shown on the public profile (migration 0010). */
  public: Generated<number>
}

export interface WalletCollectionItemsTable {
  collection_id: string
  item_id: string
  position: number
}

/** An expiry reminder already sent: once per wallet item and threshold (days before expiry). */
export interface WalletRemindersTable {
  item_id: string
  threshold_days: number
  sent_at: string
}

/** A learner's public profile `/u/<handle>` (migration 0010); shown only while `public` is 1. */
export interface LearnerProfilesTable {
  user_id: string
  handle: string
  display_name: string
  headline: Generated<string>
  bio: Generated<string>
  public: Generated<number>
  open_to_employers: Generated<number>
  created_at: string
  updated_at: string
}

/** A link to one wallet credential or collection, by the SHA-256 of its token (migration 0010). */
export interface ShareLinksTable {
  token_hash: string
  user_id: string
  item_id: string | null
  collection_id: string | null
  expires_at: string | null
  revoked_at: string | null
  views: Generated<number>
  created_at: string
}

/** A trust registry an administrator subscribed to (migration 0012): fetched and its entries replaced on a schedule. */
export interface TrustRegistriesTable {
  id: string
  name: string
  url: string
  format: 'dcc' | 'list'
  refreshed_at: string | null
  last_error: string | null
  created_at: string
}

/** A trusted external issuer (a DID or Profile URL): added by hand, or an entry of a registry. */
export interface TrustedIssuersTable {
  id: string
  issuer_id: string
  name: string
  note: Generated<string>
  source: 'manual' | 'registry'
  registry_id: string | null
  created_at: string
}

/** One organization's signed endorsement of another's achievement or of the organization itself. */
export interface EndorsementsTable {
  id: string
  org_id: string
  subject_kind: 'achievement' | 'organization'
  /** The endorsed achievement's or profile's id (URL or DID). */
  subject_id: string
  subject_org_id: string
  comment: string
  /** The signed EndorsementCredential (JSON). */
  document: string
  state: 'active' | 'withdrawn'
  created_at: string
  withdrawn_at: string | null
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
  batch_parts: BatchPartsTable
  batch_errors: BatchErrorsTable
  batch_files: BatchFilesTable
  batch_uploads: BatchUploadsTable
  issued_credentials: IssuedCredentialsTable
  verification_events: VerificationEventsTable
  superseded_claim_tokens: SupersededClaimTokensTable
  idempotency_keys: IdempotencyKeysTable
  outbox: OutboxTable
  sign_in_throttle: SignInThrottleTable
  holder_keys: HolderKeysTable
  notification_settings: NotificationSettingsTable
  account_emails: AccountEmailsTable
  wallet_items: WalletItemsTable
  wallet_collections: WalletCollectionsTable
  wallet_collection_items: WalletCollectionItemsTable
  wallet_reminders: WalletRemindersTable
  learner_profiles: LearnerProfilesTable
  share_links: ShareLinksTable
  trust_registries: TrustRegistriesTable
  trusted_issuers: TrustedIssuersTable
  endorsements: EndorsementsTable
  rate_limit_events: RateLimitEventsTable
  user_images: UserImagesTable
}

/** One counted event of a rate limit (migration 0014): `key` is the limit's name and the hash of what it counts; times in ms. */
export interface RateLimitEventsTable {
  key: string
  at: number
  expires_at: number
}
