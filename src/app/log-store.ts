import type { Hash, NodeId } from '../core/transparency-log/index.js'
import type { LogReader, StoredCheckpoint } from './ports.js'

/** A new log entry (the JCS bytes of DESIGN.md §3) and the credential and issuer it records. */
export interface LogAppend {
  entry: Uint8Array
  credentialId: string
  issuer: string
}

/** Where an append landed: indexes `first` .. `size - 1`, and the log's size after it. */
export interface Appended {
  first: number
  size: number
}

/**
 * The log inside a store transaction. Every method first takes the log's single-writer lock, so
 * sizes read and indexes assigned hold until the transaction ends.
 */
export interface LogWriter {
  /**
   * Appends the entries at the next indexes, in order. Indexes start at 0 and never skip or repeat,
   * even under concurrent callers. `ERR_CREDENTIAL_EXISTS` when a credential is already in the log.
   */
  append(entries: readonly LogAppend[]): Promise<Appended>
  /** The number of leaves, signed or not. */
  size(): Promise<number>
  /** The hashes of complete subtrees of the tree of `treeSize` leaves (treeSize <= size()), in the order asked. */
  nodes(ids: readonly NodeId[], treeSize: number): Promise<Hash[]>
  /** The latest signed checkpoint, or undefined before the first one. */
  latestCheckpoint(): Promise<StoredCheckpoint | undefined>
  /** Stores a signed checkpoint. The caller has checked it against the latest one (see signCheckpoint). */
  addCheckpoint(checkpoint: StoredCheckpoint): Promise<void>
}

/** A signed credential as the credentials table keeps it: its id, its issuer's id and its stored text. */
export interface CredentialRow {
  id: string
  issuer: string
  /** The stored text: the credential's JSON, or a JSON string holding a compact VC-JWT. */
  json: string
}

/** The one writer of stored credentials, inside a store transaction (the engine's appends and issuance both use it). */
export interface CredentialWriter {
  /** Stores signed credentials by id (multi-row inserts). `ERR_CREDENTIAL_EXISTS` when an id is taken (the transaction must then roll back). */
  insert(rows: readonly CredentialRow[]): Promise<void>
}

/** What one transaction can write; it commits all of it or nothing. */
export interface StoreTransaction {
  credentials: CredentialWriter
  log: LogWriter
}

/** A store that runs work in transactions and publishes its log through a LogReader. */
export interface LogStore {
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * Requires `work` to use only `tx` (not the store itself) until it settles.
   */
  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>
  /** The log as readers see it: nothing past the latest checkpoint. */
  log: LogReader
}
