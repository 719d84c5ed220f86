// A batch runner killed with SIGKILL mid-batch (a child process on a SQLite file), then resumed by
// another runner in this process: every row is issued exactly once, and the rest of the store
// (credentials, log leaves, e-mails, status entries) agrees with it.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { parseDefinition } from '../../../src/app/achievements/definition.js'
import { startBatch } from '../../../src/app/issuance/start-batch.js'
import { RESERVE_ROWS } from '../../../src/app/issuance/status-slots.js'
import { StatusList } from '../../../src/core/status-list/index.js'
import { startBatchRunner } from '../../../src/jobs/batch-runner.js'
import { masterKeyFrom } from '../../../src/keys/master-key.js'
import { createPlatform } from '../../../src/platform.js'
import { openStore } from '../../../src/store/index.js'
import { DEFINITION } from './issuance-fixture.js'

const dir = mkdtempSync(join(tmpdir(), 'emblem-batch-crash-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const ROWS = 12_000
const PUBLIC_URL = 'http://localhost:3000'
const src = (path: string) => JSON.stringify(pathToFileURL(resolve(path)).href)

/** The child: a runner over the same database and files, printing the batch's committed progress. */
const CHILD = `
const { openStore } = await import(${src('src/store/index.ts')})
const { createPlatform } = await import(${src('src/platform.ts')})
const { masterKeyFrom } = await import(${src('src/keys/master-key.ts')})
const { startBatchRunner } = await import(${src('src/jobs/batch-runner.ts')})
const [dbPath, dataDir, master] = process.argv.slice(-3)
const store = await openStore({ url: dbPath })
const { ports } = createPlatform({ store, masterKey: masterKeyFrom(Buffer.from(master, 'hex')), publicUrl: ${JSON.stringify(PUBLIC_URL)}, dataDir })
startBatchRunner({ platform: ports, chunkSize: 250, signingThreads: 0, leaseMs: 1500, workerId: 'doomed-child' })
setInterval(async () => {
  const batch = await store.db.selectFrom('batches').select('next_row').executeTakeFirst()
  process.stdout.write('progress ' + (batch?.next_row ?? 0) + '\\n')
}, 25)
`

/** Runs the child until it has committed at least `rows` rows, then SIGKILLs it. */
function runThenKill(args: string[], rows: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  let seen = 0
  let buffered = ''
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (buffered + chunk.toString()).split('\n')
      buffered = lines.pop()!
      for (const line of lines) if (line.startsWith('progress ')) seen = Math.max(seen, Number(line.slice(9)))
      if (seen >= rows) child.kill('SIGKILL')
    })
    child.on('error', reject)
    child.on('exit', (_code, signal) => {
      clearTimeout(timer)
      if (signal === 'SIGKILL' && seen >= rows) resolvePromise(seen)
      else reject(new Error(`runner child ended with ${signal ?? _code} after ${seen} rows`))
    })
  })
}

describe('a batch runner killed with SIGKILL mid-batch', () => {
  it('resumes from the last committed chunk in another runner and issues every row exactly once', async () => {
    const dbPath = join(dir, 'emblem.db')
    const dataDir = join(dir, 'data')
    const master = randomBytes(32)
    const store = await openStore({ url: dbPath })
    await store.migrate()
    const { ports: platform } = createPlatform({ store, masterKey: masterKeyFrom(master), publicUrl: PUBLIC_URL, dataDir })
    const now = new Date().toISOString()
    const orgId = platform.random.uuid()
    await store.db.insertInto('organizations').values({ id: orgId, slug: 'crash-test', name: 'Crash Test University', created_at: now }).execute()
    await platform.keys.rotate(orgId)
    const achievementId = platform.random.uuid()
    const definition = parseDefinition(DEFINITION)
    await store.db.insertInto('achievements').values({ id: achievementId, org_id: orgId, state: 'published', name: definition.name, definition: JSON.stringify(definition), image_id: null, created_at: now, updated_at: now }).execute()

    // Every 97th row is a bad e-mail, every 101st repeats an earlier address: errors must survive the crash too.
    const lines = ['email,name']
    const expected = new Map<number, string>()
    const taken = new Set<string>()
    for (let i = 0; i < ROWS; i++) {
      const row = i + 2
      if (i % 97 === 50) {
        lines.push(`broken-${i},Broken ${i}`)
        continue
      }
      const email = i % 101 === 100 ? `learner${i - 50}@example.org` : `learner${i}@example.org`
      lines.push(`${email},Learner ${i}`)
      if (!taken.has(email)) expected.set(row, email)
      taken.add(email)
    }
    const csvPath = join(dir, 'cohort.csv')
    writeFileSync(csvPath, `${lines.join('\r\n')}\r\n`)
    const { batch } = await startBatch(platform, { orgId, achievementId, body: createReadStream(csvPath), fileName: 'cohort.csv', createdBy: null })

    const seen = await runThenKill([dbPath, dataDir, master.toString('hex')], 1000)
    const killed = (await store.repos.batches.get(orgId, batch.id))!
    expect(killed.state).toBe('running')
    expect(killed.leaseOwner).toBe('doomed-child')
    expect(killed.nextRow).toBeGreaterThanOrEqual(seen)
    expect(killed.nextRow).toBeLessThan(ROWS)
    // What the child committed is whole: every handled row is either issued or an error.
    const issuedBefore = await store.db.selectFrom('issued_credentials').select('batch_row').where('batch_id', '=', batch.id).execute()
    expect(issuedBefore.length).toBe(killed.issued)
    expect(issuedBefore.every((r) => r.batch_row! < killed.nextRow + 2)).toBe(true)

    // Resume here once the dead runner's lease has expired.
    const runner = startBatchRunner({ platform, chunkSize: 500, signingThreads: 0, pollMs: 100, workerId: 'rescuer' })
    const deadline = Date.now() + 120_000
    let done = killed
    while (done.state !== 'done' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100))
      done = (await store.repos.batches.get(orgId, batch.id))!
    }
    await runner.stop()
    expect(done).toMatchObject({ state: 'done', nextRow: ROWS, issued: expected.size, failed: ROWS - expected.size, leaseOwner: null })

    const issued = await store.db.selectFrom('issued_credentials').select(['batch_row', 'recipient_email', 'credential_id']).where('batch_id', '=', batch.id).orderBy('batch_row').execute()
    expect(issued.length).toBe(expected.size)
    expect(new Set(issued.map((r) => r.batch_row)).size).toBe(expected.size)
    for (const r of issued) expect(r.recipient_email).toBe(expected.get(r.batch_row!))
    const errors = await store.repos.batches.errors(batch.id, { limit: ROWS })
    expect(errors.length).toBe(ROWS - expected.size)
    expect(new Set([...errors.map((e) => e.row), ...issued.map((r) => r.batch_row!)]).size).toBe(ROWS)
    const ids = issued.map((r) => r.credential_id)
    const count = async (table: 'credentials' | 'log_leaves', column: 'id' | 'credential_id') => {
      let n = 0
      for (let i = 0; i < ids.length; i += 500) n += (await store.db.selectFrom(table).select(column).where(column, 'in', ids.slice(i, i + 500)).execute()).length
      return n
    }
    expect(await count('credentials', 'id')).toBe(expected.size)
    expect(await count('log_leaves', 'credential_id')).toBe(expected.size)
    const mails = await store.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('org_id', '=', orgId).executeTakeFirstOrThrow()
    expect(Number(mails.n)).toBe(expected.size)
    // Every credential has status entries of its own, allocated in their lists. A runner claims its
    // part's entries before signing, up to RESERVE_ROWS at a time: what the killed one had not handed
    // out, and those of refused rows, stay allocated and unused (never more than that).
    const entries = await store.db
      .selectFrom('issued_credentials')
      .select(['revocation_list_id', 'revocation_index', 'suspension_list_id', 'suspension_index'])
      .where('batch_id', '=', batch.id)
      .execute()
    const lists = new Map((await store.db.selectFrom('status_lists').select(['id', 'allocated', 'slots']).where('org_id', '=', orgId).execute()).map((l) => [l.id, l]))
    for (const [list, index] of [
      ...entries.map((e) => [e.revocation_list_id, Number(e.revocation_index)] as const),
      ...entries.map((e) => [e.suspension_list_id, Number(e.suspension_index)] as const),
    ])
      expect(StatusList.fromBytes(new Uint8Array(lists.get(list)!.slots)).isSet(index)).toBe(true)
    expect(new Set(entries.map((e) => `${e.revocation_list_id}#${e.revocation_index}`)).size).toBe(expected.size)
    expect(new Set(entries.map((e) => `${e.suspension_list_id}#${e.suspension_index}`)).size).toBe(expected.size)
    for (const list of lists.values()) {
      expect(Number(list.allocated)).toBeGreaterThanOrEqual(expected.size)
      expect(Number(list.allocated)).toBeLessThanOrEqual(expected.size + RESERVE_ROWS + (ROWS - expected.size))
    }
    await store.close()
  }, 180_000)
})
