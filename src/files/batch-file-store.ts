// Where bulk issuance keeps its CSV files: `<dataDir>/batches/<sha256>.csv`, written once from an
// upload stream (hashed on the way) into `upload-<random>.part`, then renamed under its digest.
// Named by digest, a file is immutable, so a preview and its confirmation, or two achievements
// issued from the same file, share it. Which file may go is the app's decision (app/issuance).
import { createHash, randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { BatchFileStore, ReceivedFile } from '../app/issuance/batch-file-store.js'
import { PlatformError } from '../core/errors.js'

const DIGEST = /^[0-9a-f]{64}$/

/** The path of the stored file with this SHA-256 (hex). TypeError for anything but a digest. */
export function batchFilePath(dataDir: string, digest: string): string {
  return fileIn(join(dataDir, 'batches'), digest)
}

function fileIn(dir: string, digest: string): string {
  if (!DIGEST.test(digest)) throw new TypeError(`Not a SHA-256 hex digest: ${digest.slice(0, 80)}`)
  return join(dir, `${digest}.csv`)
}

const readFile = (path: string): AsyncIterable<Uint8Array> => createReadStream(path, { highWaterMark: 256 * 1024 })

/**
 * The batch file store under `dir` (default `<dataDir>/batches`; directory mode 0700, files 0600).
 * Several processes of one instance (web processes receive uploads, workers read them) must share it.
 */
export function createBatchFileStore(dataDir: string, dir = join(dataDir, 'batches')): BatchFileStore {
  return {
    async receive(body, { maxBytes }): Promise<ReceivedFile> {
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
      let kept = false
      return {
        digest,
        bytes,
        read: () => readFile(kept ? fileIn(dir, digest) : temp),
        async keep() {
          await rename(temp, fileIn(dir, digest))
          kept = true
        },
        async discard() {
          if (!kept) await rm(temp, { force: true })
        },
      }
    },
    has: (digest) =>
      stat(fileIn(dir, digest)).then(
        (s) => s.isFile(),
        () => false,
      ),
    read: (digest) => readFile(fileIn(dir, digest)),
    remove: (digest) => rm(fileIn(dir, digest), { force: true }),
    async stale(olderThan) {
      const names = await readdir(dir).catch(() => [] as string[])
      const digests: string[] = []
      for (const name of names) {
        const info = await stat(join(dir, name)).catch(() => undefined)
        if (!info?.isFile() || info.mtimeMs >= olderThan.getTime()) continue
        const digest = /^([0-9a-f]{64})\.csv$/.exec(name)?.[1]
        if (digest) digests.push(digest)
        else if (name.endsWith('.part')) await rm(join(dir, name), { force: true })
      }
      return digests
    },
  }
}
