import type { Checkpoint, Hash, NodeId } from '../core/transparency-log/index.js'

/** One leaf of the transparency log as stored: its index, the entry bytes (JCS JSON) and their leaf hash. */
export interface LogLeaf {
  index: number
  entry: Uint8Array
  leafHash: Hash
  credentialId: string
  issuer: string
}

/** A signed checkpoint as stored: the parsed body and the whole signed note. */
export interface StoredCheckpoint {
  checkpoint: Checkpoint
  note: string
  createdAt: string
}

/**
 * The log as its readers see it (HTTP tiles, proofs, audits). Everything is read at a tree size that
 * a signed checkpoint committed to; nothing past the latest checkpoint is ever served.
 */
export interface LogReader {
  /** The latest signed checkpoint, or undefined before the first one. */
  latestCheckpoint(): Promise<StoredCheckpoint | undefined>
  /** Signed checkpoints, newest first, for the growth chart. */
  checkpoints(limit: number): Promise<StoredCheckpoint[]>
  /** The bytes of hash tile (level, index) of `width` hashes (C2SP tlog-tiles), or undefined if the tree has no such tile. */
  hashTile(level: number, index: number, width: number): Promise<Uint8Array | undefined>
  /** The entry bundle `index` of `width` entries (each a 2-byte big-endian length, then the bytes), or undefined. */
  entryBundle(index: number, width: number): Promise<Uint8Array | undefined>
  /** The hashes of complete subtrees, in the order asked, all within `treeSize`. */
  nodes(ids: readonly NodeId[], treeSize: number): Promise<Hash[]>
  /** The log index of a credential, or undefined when it is not (yet) in the log. */
  indexOfCredential(credentialId: string): Promise<number | undefined>
  /** The leaf at `index`, or undefined. */
  leaf(index: number): Promise<LogLeaf | undefined>
}
