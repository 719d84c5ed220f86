import { generateKeyPairSync } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { appendToLog } from '../../src/app/log-append.js'
import { signCheckpoint } from '../../src/app/log-checkpoint.js'
import type { LogReader, StoredCheckpoint } from '../../src/app/ports.js'
import { createNoteSigner, verifierKeyOf, type LoggableCredential } from '../../src/core/transparency-log/index.js'
import { openSqliteStore, type Store } from '../../src/store/index.js'

/** The origin (and note key name) of the log under test. */
export const ORIGIN = 'emblem.test/log'

/** A credential as the log needs it (id, issuer, validFrom), numbered `n`. */
export const loggable = (n: number, issuer = 'did:web:example.edu:orgs:demo'): LoggableCredential => ({
  id: `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  issuer: { id: issuer },
  validFrom: `2026-01-01T00:00:${String(n % 60).padStart(2, '0')}Z`,
  name: `credential ${n}`,
})

/** The verifier key of another key with the log's name: one that signed nothing here. */
export const strangerKey = (): string => verifierKeyOf(ORIGIN, generateKeyPairSync('ed25519').privateKey)

/** A log under test over the real SQLite store: append credentials, sign checkpoints, tamper with rows. */
export interface LogFixture {
  store: Store
  reader: LogReader
  verifierKey: string
  /** Stores the credentials and appends their log entries, in one transaction, as issuance does. */
  append(credentials: readonly LoggableCredential[]): Promise<void>
  /** Signs a checkpoint of everything appended so far. */
  signCheckpoint(at?: string): Promise<StoredCheckpoint>
  /** Rewrites leaf `index`'s entry bytes in SQLite (not its hash), as someone with database access could. Needs `{ file: true }`. */
  tamperEntry(index: number, entry: Uint8Array): Promise<void>
  close(): Promise<void>
}

/** Opens a fresh log: SQLite :memory:, or a file in a temporary directory when it is to be tampered with. */
export async function openLogFixture({ file = false }: { file?: boolean } = {}): Promise<LogFixture> {
  const dir = file ? await mkdtemp(join(tmpdir(), 'emblem-log-')) : undefined
  const path = dir ? join(dir, 'emblem.sqlite') : ':memory:'
  const store = await openSqliteStore({ path, now: () => new Date('2026-01-01T00:00:00Z') })
  await store.migrate()
  const { privateKey } = generateKeyPairSync('ed25519')
  const signer = createNoteSigner(ORIGIN, privateKey)
  let signed = 0
  return {
    store,
    reader: store.log,
    verifierKey: verifierKeyOf(ORIGIN, privateKey),
    append: async (credentials) => {
      await appendToLog({ store }, credentials)
    },
    signCheckpoint: async (at = `2026-01-01T${String(signed++).padStart(2, '0')}:00:00Z`) =>
      (await signCheckpoint({ store, signer, origin: ORIGIN, clock: { now: () => new Date(at) } })).stored,
    tamperEntry: async (index, entry) => {
      if (!dir) throw new TypeError('tamperEntry needs openLogFixture({ file: true })')
      const db = new BetterSqlite3(path)
      try {
        db.prepare('update log_leaves set entry = ? where idx = ?').run(Buffer.from(entry), index)
      } finally {
        db.close()
      }
    },
    close: async () => {
      await store.close()
      if (dir) await rm(dir, { recursive: true, force: true })
    },
  }
}
