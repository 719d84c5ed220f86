// The ports every platform use case draws from. A use case takes `Pick<PlatformPorts, …>` of exactly
// what it touches; createPlatform (src/platform.ts) builds the ports once and binds the use cases to
// them (app/platform/platform.ts): edges see only the bound Platform, jobs and tests the ports.
import type { TalentRepo } from '../talent/ports.js'
import type { Signer } from '../../core/proof/index.js'
import type { BatchFileStore } from '../issuance/batch-file-store.js'
import type { MediaPort } from '../media/ports.js'
import type { Fetcher } from './fetcher.js'
import type { LogReader } from '../ports.js'
import type { StoreTransaction } from '../log-store.js'
import type { LogHead } from '../log-head.js'
import type { AccountsRepo } from '../accounts/ports.js'
import type { AccessRepo } from './access-ports.js'
import type { AchievementsRepo } from '../achievements/ports.js'
import type { BatchesRepo, BatchUploadsRepo, IdempotencyRepo, IssuedCredentialsRepo, StatusListsRepo } from '../issuance/ports.js'
import type { ApiKeysRepo, InvitationsRepo, MembersRepo, OrgsRepo } from '../orgs/ports.js'
import type { ImagesRepo } from '../media/images.js'
import type { OutboxRepo } from '../mail/ports.js'
import type { SkillsRepo } from '../skills/ports.js'
import type { CredentialViewsRepo } from '../credentials/ports.js'
import type { StatsRepo } from '../dashboard/ports.js'
import type { HolderKeyRing, HolderRepo } from '../holder/ports.js'
import type { AccountEmailsRepo, WalletCollectionsRepo, WalletItemsRepo } from '../wallet/ports.js'
import type { LearnerProfilesRepo, ShareLinksRepo } from '../share/ports.js'
import type { TrustRepo } from '../trust/ports.js'
import type { EndorsementsRepo } from '../endorsements/ports.js'
import type { RateLimitStore } from './rate-limits.js'
import type { WebhooksRepo } from '../webhooks/ports.js'
import type { CareerTargetsRepo, OccupationsRepo } from '../occupations/ports.js'
import type { OAuthRecordsRepo, ObProfilesRepo } from '../oauth/ports.js'
import type { Ob3HostsRepo } from '../ob3client/ports.js'
import type { CredentialPushesRepo } from '../ob3client/push-ports.js'
import type { ProgramsRepo } from '../programs/ports.js'
import type { PathwaysRepo } from '../pathways/ports.js'
import type { LtiRepo, LtiToolKeys } from '../lti/ports.js'

/** The time, injected (tests fix it). */
export interface Clock {
  now(): Date
}

/** Randomness, injected: ids and secrets. */
export interface RandomSource {
  /** A random v4 UUID. */
  uuid(): string
  /** `bytes` random bytes as base64url (tokens, secrets). */
  token(bytes?: number): string
  /** A uniform integer in [0, max). */
  int(max: number): number
}

/** The platform's repositories, one per aggregate, each over the same connection or transaction. */
export interface PlatformRepos {
  /** Reads authentication and access checks need (sessions, API keys, roles). */
  access: AccessRepo
  accounts: AccountsRepo
  orgs: OrgsRepo
  members: MembersRepo
  invitations: InvitationsRepo
  apiKeys: ApiKeysRepo
  orgKeys: OrgKeyStore
  images: ImagesRepo
  achievements: AchievementsRepo
  skills: SkillsRepo
  statusLists: StatusListsRepo
  issuedCredentials: IssuedCredentialsRepo
  batches: BatchesRepo
  batchUploads: BatchUploadsRepo
  idempotency: IdempotencyRepo
  outbox: OutboxRepo
  stats: StatsRepo
  credentialViews: CredentialViewsRepo
  /** Holder keys, notification settings, account erasure. */
  holder: HolderRepo
  walletItems: WalletItemsRepo
  walletCollections: WalletCollectionsRepo
  accountEmails: AccountEmailsRepo
  learnerProfiles: LearnerProfilesRepo
  shareLinks: ShareLinksRepo
  trust: TrustRepo
  endorsements: EndorsementsRepo
  /** Learning programs, enrolments and their progress (issue #12). */
  programs: ProgramsRepo
  /** Pathways: stackable credentials and learners' standings on them (issue #12). */
  pathways: PathwaysRepo
  /** Rate-limit events in the database (the default RateLimitStore: every process counts together). */
  rateLimits: RateLimitStore
  /** Employers' talent search: opt-ins, the skills index, saved searches, views, messages, blocks. */
  talent: TalentRepo
  /** Webhook endpoints and their delivery queue. */
  webhooks: WebhooksRepo
  /** Occupations, their skills and the hierarchies (issue #12). */
  occupations: OccupationsRepo
  /** The occupations learners plan toward. */
  careerTargets: CareerTargetsRepo
  /** The OB 3.0 API's OAuth server records (migration 0020). */
  oauth: OAuthRecordsRepo
  /** The OB 3.0 Profiles learners' hosts keep. */
  obProfiles: ObProfilesRepo
  /** Other OB 3.0 hosts learners connected, and Emblem's registrations there (migration 0023). */
  ob3Hosts: Ob3HostsRepo
  credentialPushes: CredentialPushesRepo
  /** LTI 1.3 platforms, courses, mappings and awards (migration 0022). */
  lti: LtiRepo
}

/** One transaction: the log and credential writers of the engine, and every repository. */
export interface PlatformTransaction extends StoreTransaction {
  repos: PlatformRepos
}

/** The store as the platform sees it. */
export interface PlatformStore {
  readonly dialect: 'sqlite' | 'postgres'
  /** Repositories outside any transaction (each statement commits on its own). */
  repos: PlatformRepos
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. Use only `tx` inside. */
  transaction<T>(work: (tx: PlatformTransaction) => Promise<T>): Promise<T>
  /** The transparency log as readers see it. */
  log: LogReader
  credentials: { get(id: string): Promise<{ id: string; issuer: string; credential: Record<string, unknown>; createdAt: string } | undefined> }
  /** The names of the schema migrations not yet applied (a query: it fails when the database is unreachable). */
  pendingMigrations(): Promise<string[]>
  /**
   * A token that stays equal while no write that readers could see may have been made, by this
   * process or any other: it changes with every write (committed or not yet) except to the
   * write-only records no read path serves back (verification events, rate-limit events, sessions,
   * sign-in throttling). Read it BEFORE what it guards: an answer computed from reads made after a
   * token was read may be reused while the token still reads the same. Undefined where the store
   * cannot tell cheaply (PostgreSQL): read what you need.
   */
  changeToken?(): string | undefined
}

/** An organization's signing keys, private halves sealed under the master key (implemented in keys/). */
export interface KeyRing {
  /** Creates a new active key for the organization; the previous active key is retired but stays listed. Returns its key id. */
  rotate(orgId: string): Promise<{ keyId: string; publicKeyMultibase: string }>
  /** A signer for the organization's active key, citing `<did>#<key id>`. ERR_KEY_UNAVAILABLE when it has none. */
  signerFor(org: { id: string; did: string }): Promise<Signer>
}

/** Seals secrets the platform must read back (webhook signing secrets, OAuth tokens) under the master key (src/keys). */
export interface SecretBox {
  /** `text` sealed, bound to `context` (e.g. `webhook-secret:<endpoint id>`): what the database keeps. */
  seal(text: string, context: string): string
  /** What `seal` sealed for the same context; ERR_KEY_UNAVAILABLE when the key or context is wrong. */
  open(sealed: string, context: string): string
}

/** Everything the platform's use cases and jobs are built from (edges never see these: they get the bound Platform). */
export interface PlatformPorts {
  store: PlatformStore
  clock: Clock
  random: RandomSource
  keys: KeyRing
  /** Learners' holder keys (presentations), sealed under the master key like organization keys. */
  holderKeys: HolderKeyRing
  /** Seals and opens stored secrets under the master key. */
  secrets: SecretBox
  /** The LTI tool's RS256 key pair, sealed under the master key like organization keys. */
  ltiKeys: LtiToolKeys
  /** Image checks, the badge designer, OB 3.0 baking, certificates and QR codes (src/media). */
  media: MediaPort
  /** Uploaded CSV files by SHA-256 (src/files). */
  batchFiles: BatchFileStore
  /** Where rate limits are counted, shared by every process: the database (store.repos.rateLimits) or Redis (src/limits). */
  rateLimits: RateLimitStore
  /** The guarded fetcher (src/fetch) for other hosts' documents; absent: verification never reaches the network. */
  fetcher?: Fetcher
  /** The log's high-water mark outside the database (app/log-head.ts); its `ready` throws once the database's log was refused. */
  logHead?: Pick<LogHead, 'ready'>
  /** The public origin, no trailing slash (links, DIDs, e-mails). */
  publicUrl: string
  /** Whether e-mail goes out over SMTP; without it, messages are held in the outbox for admins to read. */
  smtpConfigured: boolean
  /** The instance's administrators (lower-cased addresses, EMBLEM_ADMIN_EMAILS): they read the instance's own held e-mail. */
  adminEmails?: readonly string[]
  /** Development: held instance e-mail is also printed to the server log (EMBLEM_DEV). */
  devMailLog?: boolean
  /** Call after appending `count` credentials (default 1) to the transparency log (the checkpointer's notify, metrics). */
  onLogAppended(count?: number): void
  /** Wakes the background workers (batch runner, mail delivery) after work was queued. */
  wake(worker: 'batches' | 'mail' | 'webhooks'): void
  /**
   * A credential reached a learner: issued to an address, claimed into or imported into a wallet.
   * bindPlatform sets it to the pathway check (a held set of parts issues the pathway's target); absent: nothing.
   */
  credentialReached?(who: { userId: string } | { email: string }): Promise<void>
}

/** A stored organization key: public Multikey, the sealed secret, and its state. */
export interface StoredOrgKey {
  id: string
  orgId: string
  publicKeyMultibase: string
  secretSealed: string
  state: 'active' | 'retired' | 'revoked'
  createdAt: string
  retiredAt: string | null
  /** When and why an owner revoked it (revoked keys leave the DID document). */
  revokedAt?: string | null
  revocationReason?: string | null
}

/** Where the key ring keeps keys (implemented by the store). */
export interface OrgKeyStore {
  /** Every key of the organization, oldest first (a DID document lists all but revoked ones). */
  keysOf(orgId: string): Promise<StoredOrgKey[]>
  /** Adds `key` as the active key and retires any other active key, in one transaction. */
  addActiveKey(key: StoredOrgKey): Promise<void>
  /** Revokes a retired key with a reason; false when it is not a retired key of the organization. */
  revoke(orgId: string, keyId: string, at: Date, reason: string): Promise<boolean>
}
