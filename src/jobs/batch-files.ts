// Where bulk issuance keeps its CSV files: `<dataDir>/batches/<sha256>.csv`, written once from an
// upload stream (hashed on the way), read by the batch runner from where a batch left off. Named by
// digest, a file is immutable, so a preview and its confirmation, or two achievements issued from
// the same file, share it.
import { createHash, randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BatchesRepo } from '../app/issuance/ports.js'
import { scanCsv, type CsvScan } from '../app/issuance/scan-csv.js'
import type { Platform } from '../app/platform/ports.js'
import { PlatformError } from '../core/errors.js'

/** Largest CSV file accepted: a million learners at ~100 bytes a row, with room to spare. */
export const MAX_BATCH_FILE_BYTES = 256 * 1024 * 1024

const DIGEST = /^[0-9a-f]{64}$/

/** The data directory batches use: the platform's, or the OS temp directory when it has none. */
export const batchDataDir = (platform: Pick<Platform, 'dataDir'>): string => platform.dataDir ?? join(tmpdir(), 'emblem-data')

/** The path of the stored file with this SHA-256 (hex). TypeError for anything but a digest. */
export function batchFilePath(dataDir: string, digest: string): string {
  if (!DIGEST.test(digest)) throw new TypeError(`Not a SHA-256 hex digest: ${digest.slice(0, 80)}`)
  return join(dataDir, 'batches', `${digest}.csv`)
}

/**
 * Streams `body` into the batch directory (mode 0600), hashing it on the way, and names the file by
 * its SHA-256. ERR_INPUT_TOO_LARGE past `maxBytes` (nothing is kept). Returns the digest and size.
 */
export async function saveBatchFile(dataDir: string, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, maxBytes = MAX_BATCH_FILE_BYTES): Promise<{ digest: string; bytes: number }> {
  const dir = join(dataDir, 'batches')
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const temp = join(dir, `upload-${randomUUID()}.part`)
  const hash = createHash('sha256')
  const file = await open(temp, 'wx', 0o600)
  let bytes = 0
  try {
    for await (const chunk of body) {
      bytes += chunk.byteLength
      if (bytes > maxBytes) throw new PlatformError('ERR_INPUT_TOO_LARGE', `A CSV file is at most ${maxBytes / 1024 / 1024} MB`)
      hash.update(chunk)
      await file.write(chunk)
    }
    await file.sync()
  } catch (err) {
    await file.close()
    await rm(temp, { force: true })
    throw err
  }
  await file.close()
  const digest = hash.digest('hex')
  await rename(temp, batchFilePath(dataDir, digest))
  return { digest, bytes }
}

/** Whether the file with this digest is stored. */
export const hasBatchFile = async (dataDir: string, digest: string): Promise<boolean> =>
  stat(batchFilePath(dataDir, digest)).then(
    (s) => s.isFile(),
    () => false,
  )

/** The stored file as a stream of bytes. */
export const readBatchFile = (dataDir: string, digest: string): AsyncIterable<Uint8Array> => createReadStream(batchFilePath(dataDir, digest), { highWaterMark: 256 * 1024 })

/** Deletes a stored file (once no batch needs it). */
export const removeBatchFile = (dataDir: string, digest: string): Promise<void> => rm(batchFilePath(dataDir, digest), { force: true })

/** An uploaded CSV file, stored and scanned. */
export interface StoredUpload {
  digest: string
  name: string
  bytes: number
  scan: CsvScan
}

/**
 * Stores an uploaded CSV body (streamed, never held whole) and scans it: its recipient rows, the
 * first rows and the rows that would fail. ERR_CSV_INVALID for a missing body or a file that is not
 * a recipient list (the file is then dropped unless a batch uses it).
 */
export async function storeCsvUpload(
  platform: Pick<Platform, 'dataDir' | 'clock' | 'store'>,
  body: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array> | null,
  { name, previewRows }: { name: string; previewRows?: number },
): Promise<StoredUpload> {
  if (!body) throw new PlatformError('ERR_CSV_INVALID', 'Send the CSV file as the request body')
  const dataDir = batchDataDir(platform)
  const { digest, bytes } = await saveBatchFile(dataDir, body as AsyncIterable<Uint8Array>)
  try {
    const scan = await scanCsv(readBatchFile(dataDir, digest), { now: platform.clock.now(), ...(previewRows === undefined ? {} : { previewRows }) })
    if (scan.totalRows === 0) throw new PlatformError('ERR_CSV_INVALID', 'The file has a header but no recipient rows')
    return { digest, name: name.slice(0, 200), bytes, scan }
  } catch (err) {
    if (!(await platform.store.repos.batches.isFileInUse(digest))) await removeBatchFile(dataDir, digest)
    throw err
  }
}

/**
 * Deletes stored files no batch still needs: previews never confirmed and uploads cut off, once they
 * are older than `olderThanMs` (default a day). A file a queued or running batch reads is kept.
 */
export async function pruneBatchFiles(
  dataDir: string,
  repo: Pick<BatchesRepo, 'isFileInUse'>,
  { now, olderThanMs = 86_400_000 }: { now: Date; olderThanMs?: number },
): Promise<number> {
  const dir = join(dataDir, 'batches')
  const names = await readdir(dir).catch(() => [] as string[])
  let removed = 0
  for (const name of names) {
    const path = join(dir, name)
    const info = await stat(path).catch(() => undefined)
    if (!info?.isFile() || now.getTime() - info.mtimeMs < olderThanMs) continue
    const digest = /^([0-9a-f]{64})\.csv$/.exec(name)?.[1]
    if (digest ? await repo.isFileInUse(digest) : !name.endsWith('.part')) continue
    await rm(path, { force: true })
    removed++
  }
  return removed
}
