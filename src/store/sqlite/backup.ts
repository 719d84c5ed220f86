// `emblem backup` and `emblem restore` on SQLite: SQLite's online backup API (consistent while the
// server writes), the files of the data directory the database needs (the sealed log key, the CSV
// files of unfinished batches) carried inside the backup file itself, and a restore that checks the
// copy before it becomes the instance's database. The log's high-water mark (`log-head`) is never
// carried nor replaced: a backup holding its own old mark would hide the rollback it exists to catch.
import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { PlatformError } from '../../core/errors.js'
import { migrationsFor } from '../migrations.js'

/** The table a backup carries the data directory's files in; removed again on restore. */
const FILES_TABLE = 'emblem_backup_files'

/** A file of the data directory carried in a backup: where it goes back (its role) and its bytes. */
interface CarriedFile {
  /** `log-key`, or `batch/<name>` for an uploaded CSV file. */
  role: string
  content: Uint8Array
}

/** What was backed up. */
export interface BackupSummary {
  bytes: number
  credentials: number
  logEntries: number
  files: string[]
  migration: string
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

const temporaryBeside = (path: string) => join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)

async function readIfPresent(path: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(path)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
}

/** The last applied migration's name (the schema version), or undefined for a file Emblem never migrated. */
function schemaVersion(db: BetterSqlite3.Database): string[] | undefined {
  const table = db.prepare(`select name from sqlite_master where type = 'table' and name = 'kysely_migration'`).get()
  if (table === undefined) return undefined
  return (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name)
}

const count = (db: BetterSqlite3.Database, table: string): number => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n

/**
 * Copies the SQLite database at `databasePath` to `target` with SQLite's online backup API (a
 * consistent snapshot while the server keeps writing: the copy restarts from the pages a writer
 * changed), adds the sealed log key file and the batch CSV files, checks the copy, and only then
 * renames it to `target`. Refuses an existing `target` unless `force`.
 */
export async function backupSqlite({ databasePath, target, logKeyFile, batchDir, force }: { databasePath: string; target: string; logKeyFile: string; batchDir: string; force: boolean }): Promise<BackupSummary> {
  const destination = resolve(target)
  if (resolve(databasePath) === destination) throw new PlatformError('ERR_INPUT_INVALID', 'The backup file cannot be the database itself')
  if (!force && (await stat(destination).catch(() => undefined))) throw new PlatformError('ERR_INPUT_INVALID', `${target} already exists; use --force to replace it`)
  if (!(await stat(databasePath).catch(() => undefined))) throw new PlatformError('ERR_INPUT_INVALID', `There is no database at ${databasePath} to back up (is EMBLEM_DATA_DIR right?)`)
  const temporary = temporaryBeside(destination)
  const source = new BetterSqlite3(databasePath, { readonly: true, fileMustExist: true })
  try {
    source.pragma('busy_timeout = 5000')
    await source.backup(temporary)
  } catch (err) {
    await rm(temporary, { force: true })
    throw new PlatformError('ERR_INPUT_INVALID', `Cannot write the backup ${target}: ${(err as Error).message}`, { cause: err })
  } finally {
    source.close()
  }
  try {
    const carried: CarriedFile[] = []
    const logKey = await readIfPresent(logKeyFile)
    if (logKey) carried.push({ role: 'log-key', content: logKey })
    const copy = new BetterSqlite3(temporary)
    try {
      // The uploaded CSV files unfinished batches and staged uploads still read (kept a day at most).
      for (const name of await readdir(batchDir).catch(() => [] as string[])) {
        if (name.startsWith('.') || !(await stat(join(batchDir, name))).isFile()) continue
        const content = await readIfPresent(join(batchDir, name))
        if (content) carried.push({ role: `batch/${name}`, content })
      }
      copy.exec(`create table ${FILES_TABLE} (role text primary key, content blob not null)`)
      const insert = copy.prepare(`insert into ${FILES_TABLE} (role, content) values (?, ?)`)
      copy.transaction(() => carried.forEach((f) => insert.run(f.role, Buffer.from(f.content))))()
      const integrity = copy.pragma('integrity_check', { simple: true })
      if (integrity !== 'ok') throw new PlatformError('ERR_STORE_UNAVAILABLE', `The backup copy fails SQLite's integrity check: ${String(integrity)}`)
      const versions = schemaVersion(copy) ?? []
      const summary = {
        credentials: count(copy, 'credentials'),
        logEntries: count(copy, 'log_leaves'),
        files: carried.map((f) => f.role),
        migration: versions.at(-1) ?? 'none',
      }
      copy.close()
      await fsyncPath(temporary)
      await rename(temporary, destination)
      await fsyncPath(dirname(destination))
      return { ...summary, bytes: (await stat(destination)).size }
    } finally {
      if (copy.open) copy.close()
    }
  } catch (err) {
    await rm(temporary, { force: true })
    throw err
  }
}

/** What was restored. */
export interface RestoreSummary {
  credentials: number
  logEntries: number
  files: string[]
  migration: string
}

/**
 * Files of a data directory that do not make it "non-empty" for a restore: the master key the
 * operator put back first, and the log's high-water mark (never in a backup, never touched by a
 * restore: a restored database older than it is refused by the next start).
 */
const KEPT = new Set(['master.key', 'log-head'])

/**
 * Restores a backup made by {@link backupSqlite} as the database at `databasePath`: the file must
 * pass `PRAGMA integrity_check` and carry a schema this version knows (not one made by a newer
 * Emblem); the data directory must be empty (but for `master.key` and `log-head`) unless `force`. The
 * copy is checked and unpacked beside the database, then renamed into place; `log-head` stays as it is.
 */
export async function restoreSqlite({ backup, databasePath, dataDir, logKeyFile, batchDir, force }: { backup: string; databasePath: string; dataDir: string; logKeyFile: string; batchDir: string; force: boolean }): Promise<RestoreSummary> {
  if (!(await stat(backup).catch(() => undefined))) throw new PlatformError('ERR_INPUT_INVALID', `There is no backup file ${backup}`)
  let checked: BetterSqlite3.Database
  try {
    checked = new BetterSqlite3(backup, { readonly: true, fileMustExist: true })
    checked.pragma('schema_version')
  } catch (err) {
    throw new PlatformError('ERR_INPUT_INVALID', `${backup} is not a SQLite database: ${(err as Error).message}`, { cause: err })
  }
  try {
    let integrity: unknown
    try {
      integrity = checked.pragma('integrity_check', { simple: true })
    } catch (err) {
      throw new PlatformError('ERR_INPUT_INVALID', `${backup} is not a readable SQLite database: ${(err as Error).message}`, { cause: err })
    }
    if (integrity !== 'ok') throw new PlatformError('ERR_INPUT_INVALID', `${backup} fails SQLite's integrity check: ${String(integrity)}`)
    const versions = schemaVersion(checked)
    if (versions === undefined || versions.length === 0) throw new PlatformError('ERR_INPUT_INVALID', `${backup} is not an Emblem database (it has no schema version)`)
    const known = new Set(Object.keys(await migrationsFor('sqlite').getMigrations()))
    const unknown = versions.filter((v) => !known.has(v))
    if (unknown.length > 0) throw new PlatformError('ERR_INPUT_INVALID', `${backup} was made by a newer Emblem (schema ${unknown.join(', ')}); restore it with that version`)
    const hasFiles = checked.prepare(`select 1 from sqlite_master where type = 'table' and name = ?`).get(FILES_TABLE) !== undefined
    if (!hasFiles) throw new PlatformError('ERR_INPUT_INVALID', `${backup} is not a backup made by emblem backup (it carries no log key); copy a database file by hand only with the server stopped`)
  } finally {
    checked.close()
  }

  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  const present = (await readdir(dataDir)).filter((name) => !KEPT.has(name) && !name.startsWith('.'))
  if (present.length > 0 && !force) {
    throw new PlatformError('ERR_INPUT_INVALID', `The data directory ${dataDir} is not empty (${present.slice(0, 5).join(', ')}${present.length > 5 ? ', …' : ''}); restore into an empty one, or pass --force to replace its database`)
  }

  await mkdir(dirname(databasePath), { recursive: true, mode: 0o700 })
  const temporary = temporaryBeside(databasePath)
  try {
    await writeFile(temporary, await readFile(backup), { mode: 0o600, flag: 'wx' })
    const db = new BetterSqlite3(temporary)
    let summary: RestoreSummary
    try {
      const files = db.prepare(`select role, content from ${FILES_TABLE} order by role`).all() as { role: string; content: Buffer }[]
      for (const file of files) {
        if (file.role === 'log-key') {
          await writeAtomically(logKeyFile, file.content)
        } else if (file.role.startsWith('batch/')) {
          const path = resolve(batchDir, file.role.slice('batch/'.length))
          if (relative(resolve(batchDir), path).startsWith('..') || path.slice(resolve(batchDir).length + 1).includes(sep)) continue
          await mkdir(batchDir, { recursive: true, mode: 0o700 })
          await writeAtomically(path, file.content)
        }
      }
      db.exec(`drop table ${FILES_TABLE}`)
      const versions = schemaVersion(db) ?? []
      summary = { credentials: count(db, 'credentials'), logEntries: count(db, 'log_leaves'), files: files.map((f) => f.role), migration: versions.at(-1) ?? 'none' }
    } finally {
      db.close()
    }
    await fsyncPath(temporary)
    if (force) await Promise.all(['-wal', '-shm'].map((suffix) => rm(`${databasePath}${suffix}`, { force: true })))
    await rename(temporary, databasePath)
    await fsyncPath(dirname(databasePath))
    return summary
  } catch (err) {
    await rm(temporary, { force: true })
    throw err
  }
}

/** Writes `content` with mode 0600 to a temporary file, fsyncs it and renames it over `path`. */
async function writeAtomically(path: string, content: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  const temporary = temporaryBeside(path)
  try {
    await writeFile(temporary, content, { mode: 0o600, flag: 'wx' })
    await fsyncPath(temporary)
    await rename(temporary, path)
  } catch (err) {
    await rm(temporary, { force: true })
    throw err
  }
}
