// Issue #11 item 7 (high): `emblem serve` on PostgreSQL died of an unhandled 'error' event
// (BoundPool, 57P01) when the database restarted. A real process, on a database of its own in the
// shared cluster: its backends are terminated as a shutdown would, and it must live on and serve.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASE_URL } from '../store/postgres-schema.js'

const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.skipIf(!TEST_DATABASE_URL)('emblem serve when PostgreSQL terminates its connections', () => {
  const database = `emblem_r1_restart_${randomBytes(4).toString('hex')}`
  const dataDir = mkdtempSync(join(tmpdir(), 'emblem-pg-restart-'))
  let child: ChildProcess
  let port = 0
  let stderr = ''

  beforeAll(async () => {
    await admin((c) => c.query(`create database ${database}`))
    const url = new URL(TEST_DATABASE_URL!)
    url.pathname = `/${database}`
    child = spawn(process.execPath, ['bin/emblem.mjs', 'serve'], {
      env: { ...process.env, PORT: '0', EMBLEM_DATABASE_URL: url.toString(), EMBLEM_DATA_DIR: dataDir, EMBLEM_LOG_LEVEL: 'info', EMBLEM_PUBLIC_URL: 'http://localhost:3000' },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    child.stderr!.setEncoding('utf8')
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line in 60 s:\n${stderr}`)), 60_000)
      child.stderr!.on('data', (text: string) => {
        stderr += text
        const found = /"message":"Emblem listening".*?"port":(\d+)/.exec(stderr)
        if (found) {
          clearTimeout(timer)
          resolve(Number(found[1]))
        }
      })
      child.once('exit', (code) => reject(new Error(`exited ${code}:\n${stderr}`)))
    })
  }, 90_000)
  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
    }
    await admin((c) => c.query(`drop database if exists ${database} with (force)`))
    rmSync(dataDir, { recursive: true, force: true })
  }, 60_000)

  /** A request that reads the database: the DID document of an organization that does not exist (404 after the lookup). */
  const lookup = () => fetch(`http://127.0.0.1:${port}/orgs/no-such-org/did.json`)

  it('lives on, logs a warning, and serves the next requests', { timeout: 60_000 }, async () => {
    // Several pooled connections, idle afterwards.
    const before = await Promise.all(Array.from({ length: 5 }, () => lookup()))
    expect(before.map((r) => r.status)).toEqual([404, 404, 404, 404, 404])
    const terminated = await admin(async (c) => (await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database])).rowCount)
    expect(terminated).toBeGreaterThan(0)
    await sleep(1000)
    expect(child.exitCode).toBeNull()
    expect(stderr).toMatch(/database connection lost/)
    for (let i = 0; i < 5; i++) expect((await lookup()).status).toBe(404)
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200)
    expect(child.exitCode).toBeNull()
  })
})
