// Where bulk issuance keeps uploaded CSV files, by SHA-256 (implemented by src/files). The store
// only moves bytes; which file may be removed is decided by the use cases, inside the transaction
// that holds the file's lock row (start-batch.ts).

/** An upload streamed to a temporary file and hashed, not yet kept under its digest. */
export interface ReceivedFile {
  /** SHA-256 of the bytes, hex. */
  readonly digest: string
  readonly bytes: number
  /** The received bytes, from the start. */
  read(): AsyncIterable<Uint8Array>
  /** Moves the file under its digest (replacing an identical one); call it holding the file's lock row. */
  keep(): Promise<void>
  /** Drops the temporary file (nothing once kept). */
  discard(): Promise<void>
}

/** Content-addressed storage of uploaded CSV files. */
export interface BatchFileStore {
  /** Streams `body` to a temporary file, hashing it. ERR_INPUT_TOO_LARGE past `maxBytes` (nothing is kept). */
  receive(body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: { maxBytes: number }): Promise<ReceivedFile>
  /** Whether the file with this digest is stored. */
  has(digest: string): Promise<boolean>
  /** The stored file's bytes, streamed. */
  read(digest: string): AsyncIterable<Uint8Array>
  /** Deletes the stored file (none: nothing happens). Call it holding the file's lock row. */
  remove(digest: string): Promise<void>
  /**
   * Digests of stored files last written before `olderThan` (for the caller to release when nothing
   * reads them), after deleting temporary files of uploads cut off before then.
   */
  stale(olderThan: Date): Promise<string[]>
}

/** Largest CSV file accepted: a million learners at ~100 bytes a row, with room to spare. */
export const MAX_BATCH_FILE_BYTES = 256 * 1024 * 1024
