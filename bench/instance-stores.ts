// The stores a whole-instance bench (bench/batch-latency.ts, bench/load.ts) runs against: a fresh
// SQLite file, then, when EMBLEM_BENCH_DATABASE_URL or TEST_DATABASE_URL is set, a PostgreSQL database
// of its own, dropped afterwards; each with a data directory of its own, removed afterwards.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export type InstanceStore = 'sqlite' | 'postgres'

/** Runs `bench` on each store in turn (`name` tags the directories and the database) and returns its results in that order. */
export async function onEachStore<R>(name: string, bench: (store: InstanceStore, databaseUrl: string, dataDir: string) => Promise<R>): Promise<R[]> {
  const inDataDir = async (run: (dataDir: string) => Promise<R>): Promise<R> => {
    const dataDir = mkdtempSync(join(tmpdir(), `emblem-bench-${name}-`))
    try {
      return await run(dataDir)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
  const results = [await inDataDir((dataDir) => bench('sqlite', join(dataDir, 'emblem.db'), dataDir))]
  const url = process.env.EMBLEM_BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL
  if (!url) return results
  const { default: pg } = await import('pg')
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  const database = `emblem_bench_${name}_${randomBytes(4).toString('hex')}`
  await admin.query(`create database ${database}`)
  try {
    const own = new URL(url)
    own.pathname = `/${database}`
    results.push(await inDataDir((dataDir) => bench('postgres', own.toString(), dataDir)))
  } finally {
    await admin.query(`drop database if exists ${database} with (force)`)
    await admin.end()
  }
  return results
}
