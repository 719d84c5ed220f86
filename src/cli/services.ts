// What commands may use besides their arguments and the use cases: the services the CLI entry wires
// (src/cli/wiring.ts) from the configuration. Commands never open a store or a fetcher themselves.
import type { Fetcher } from '../app/platform/fetcher.js'
import type { Platform } from '../app/platform/platform.js'
import type { FetchLocal } from '../app/credentials/ports.js'

/** What a command's flags may add to the configured fetch guard (never take away). */
export interface FetchAllowance {
  /** Plain http URLs (--allow-http). */
  http?: boolean
  /** Loopback and private addresses (--allow-private). */
  privateAddresses?: boolean
}

/** The platform as a command gets it: the use cases, and, with background workers, ways to wait for them. */
export interface OpenedPlatform {
  platform: Platform
  /** Resolves once the batch runner has nothing left to do (with workers). */
  settleBatches(): Promise<void>
  /** Signs a checkpoint over what was logged and resolves once it is stored (with workers). */
  settleLog(): Promise<void>
  /** This instance's own documents (DID documents, status lists, the log key), answered in-process (with workers). */
  fetchLocal?: FetchLocal
}

/** The configured services a command may ask for; tests pass their own through `CliIo`. */
export interface CliServices {
  /** Serves until SIGINT/SIGTERM (`port` overrides PORT): the site, the background jobs, or both (`role`, default all). */
  serve(options: { port?: string; role?: 'web' | 'worker' | 'all' }): Promise<void>
  /** Brings the configured database to the latest schema; says which (without a password) and its dialect. */
  migrate(): Promise<{ database: string; dialect: string }>
  /**
   * Opens the configured store and platform, runs `work`, and closes them. With `workers`, the
   * checkpointer and batch runner run meanwhile (and the log key and master key are loaded or
   * created); without, nothing signs.
   */
  withPlatform<T>(work: (opened: OpenedPlatform) => Promise<T>, options?: { workers?: boolean; quiet?: boolean }): Promise<T>
  /**
   * The guarded fetcher as EMBLEM_FETCH_* configure it (HTTPS and public addresses unless allowed),
   * made on first use; `allow` widens it for this command (its --allow-http / --allow-private).
   */
  fetcher(allow?: FetchAllowance): Fetcher
  /** The configured public URL (what links printed by commands start with). */
  publicUrl(): string
  /** SQLite: copies the database (online backup) and the files it needs into `file`; PostgreSQL: ERR_INPUT_INVALID with the pg_dump procedure. */
  backup(file: string, options: { force: boolean }): Promise<BackupResult>
  /** SQLite: restores a backup into the configured data directory (empty unless `force`); PostgreSQL: ERR_INPUT_INVALID with the pg_restore procedure. */
  restore(file: string, options: { force: boolean }): Promise<RestoreResult>
  /** Rotates the master key: every sealed key re-sealed under a new one, then the key file swapped (src/keys/rotate-master.ts). */
  rotateMasterKey(): Promise<RotateMasterResult>
  /**
   * Removes the log's high-water mark (`<data dir>/log-head`), so that the next start accepts the
   * database's log as it is: what it held, or nothing when there was no mark.
   */
  forgetLogHead(): Promise<ForgottenLogHead>
  /** The credentials an organization's key signed (by its slug and key id), oldest first. */
  credentialsSignedBy(org: string, keyId: string): AsyncIterable<SignedByLine>
}

/** What `emblem keys rotate-master` did. */
export interface RotateMasterResult {
  orgKeys: number
  holderKeys: number
  otherSecrets: number
  logKey: 'resealed' | 'plain' | 'absent'
  newKeyForEnvironment?: string
  resumed: boolean
  keyFile: string
}

/** One credential signed with a given key: what `emblem keys signed-by` prints as a JSON line. */
export interface SignedByLine {
  id: string
  issuer: string
  verificationMethod: string
  issued: string
  recipient: string | null
  state: string | null
  logIndex: number | null
}

/** What `emblem log forget-head` did: where the mark is kept, whether one was removed, and the checkpoint it held (if readable). */
export interface ForgottenLogHead {
  location: string
  forgotten: boolean
  checkpoint?: { origin: string; size: number }
}

/** What `emblem backup` copied. */
export interface BackupResult {
  bytes: number
  credentials: number
  logEntries: number
  files: string[]
  migration: string
}

/** What `emblem restore` restored, and where. */
export interface RestoreResult {
  database: string
  credentials: number
  logEntries: number
  files: string[]
  migration: string
}
