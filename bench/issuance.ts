// Bulk issuance end to end: a CSV of N learners (100,000 by default) uploaded, scanned and issued by
// the batch runner on a SQLite file (and PostgreSQL when EMBLEM_BENCH_DATABASE_URL or
// TEST_DATABASE_URL is set): every credential signed, stored, given a status entry, logged and its
// e-mail queued. Reports credentials per second and the peak RSS, against a baseline measured in
// the same run on the same store: Emblem's own issueCredential called once per learner (what an
// API client issuing one at a time gets). On PostgreSQL it then issues as many rows again in worker
// processes of their own that share the batch part by part: one process, then two (issue #9 item 3).
// Run alone for a clean RSS figure:
//   npx tsx bench/issuance.ts [--rows 100000] [--json] [--threads N]
// `npm run bench -- --only issuance` runs it in a child process of its own.
import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawn } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseDefinition } from '../src/app/achievements/definition.js'
import { startBatch } from '../src/app/issuance/start-batch.js'
import { issueCredential } from '../src/app/issuance/issue-credential.js'
import { startBatchRunner } from '../src/jobs/batch-runner.js'
import { masterKeyFrom } from '../src/keys/master-key.js'
import type { PlatformPorts } from '../src/app/platform/ports.js'
import { createPlatform } from '../src/platform.js'
import { openPostgresStore, openStore, type Store } from '../src/store/index.js'
import { defaultSigningThreads } from '../src/jobs/signing-pool.js'
import type { Row, Target } from './report.js'

/** One store's figures. */
export interface IssuanceBenchResult {
  store: 'sqlite' | 'postgres'
  rows: number
  /** Credentials issued by the batch runner per second (upload and scan excluded). */
  credentialsPerSecond: number
  /** Upload, scan and issuance together, per second. */
  endToEndPerSecond: number
  issueSeconds: number
  uploadSeconds: number
  /** The baseline: issueCredential once per learner, per second. */
  singlePerSecond: number
  ratio: number
  peakRssMb: number
  signingThreads: number
  /**
   * PostgreSQL only: the same number of rows issued by worker processes of their own sharing the
   * batch (each with its default signing threads), one process and then two, credentials per second
   * from their start to the last one's exit (issue #9 item 3).
   */
  processes?: { one: number; two: number }
}

/** What a worker process of this bench needs: the database, the files and the key of the seeded platform. */
interface WorkerConfig {
  url: string
  schema: string
  dataDir: string
  masterKey: string
  chunkSize: number
}

const PUBLIC_URL = 'https://badges.example.edu'

const DEFINITION = {
  name: 'Research Data Management',
  description: 'Plan, document, publish and preserve research data.',
  criteria: { narrative: 'Complete the four assignments and the final project.' },
  achievementType: 'MicroCredential',
  tag: ['FAIR', 'open science'],
  ects: 3,
  eqfLevel: 6,
  workloadHours: 75,
  learningOutcomes: ['Write a data management plan', 'Publish a dataset with a persistent identifier'],
  alignment: [
    {
      targetName: 'manage findable accessible interoperable and reusable data',
      targetUrl: 'http://data.europa.eu/esco/skill/4f5c1208-62fd-4e5a-a51e-306c06947e11',
      targetFramework: 'ESCO',
      targetType: 'ext:ESCOSkill',
    },
  ],
  validityMonths: 60,
}

/** A platform over `store` with an organization (with its key) and a published achievement. */
async function seed(store: Store): Promise<{ platform: PlatformPorts; orgId: string; achievementId: string; dataDir: string; masterKey: Buffer }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'emblem-bench-issuance-'))
  const masterKey = randomBytes(32)
  const { ports: platform } = createPlatform({ store, masterKey: masterKeyFrom(masterKey), publicUrl: PUBLIC_URL, dataDir })
  const now = new Date().toISOString()
  const orgId = platform.random.uuid()
  await store.db.insertInto('organizations').values({ id: orgId, slug: `bench-${orgId.slice(0, 8)}`, name: 'Bench University', created_at: now }).execute()
  await platform.keys.rotate(orgId)
  const achievementId = platform.random.uuid()
  const definition = parseDefinition(DEFINITION)
  await store.db
    .insertInto('achievements')
    .values({ id: achievementId, org_id: orgId, state: 'published', name: definition.name, definition: JSON.stringify(definition), image_id: null, created_at: now, updated_at: now })
    .execute()
  return { platform, orgId, achievementId, dataDir, masterKey }
}

/** Writes a CSV of `rows` learners (with a DID column most files lack, to be realistic about width). */
async function writeCsv(path: string, rows: number, tag: string): Promise<void> {
  const out = createWriteStream(path)
  out.write('email,name,evidence_url\r\n')
  for (let i = 0; i < rows; i++) {
    const line = `learner${i}.${tag}@example.org,Learner ${i} ${tag},https://lms.example.edu/submissions/${i}\r\n`
    if (!out.write(line)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

/** Runs the bench on one store. */
export async function benchIssuance(
  store: Store,
  kind: 'sqlite' | 'postgres',
  rows: number,
  options: { threads?: number; baselineRows?: number; chunkSize?: number; /** Also run worker processes on this database and schema. */ processesOn?: { url: string; schema: string } } = {},
): Promise<IssuanceBenchResult> {
  const { platform, orgId, achievementId, dataDir, masterKey } = await seed(store)
  const threads = options.threads ?? defaultSigningThreads()
  try {
    // Baseline: one credential per call, the same organization and achievement.
    const baselineRows = options.baselineRows ?? 500
    const started = performance.now()
    for (let i = 0; i < baselineRows; i++)
      await issueCredential(platform, { orgId, achievementId, input: { recipient: { email: `single${i}@example.org`, name: `Single ${i}` }, evidence: [{ id: `https://lms.example.edu/submissions/s${i}` }] } })
    const singlePerSecond = baselineRows / ((performance.now() - started) / 1000)

    const csv = join(dataDir, 'learners.csv')
    await writeCsv(csv, rows, randomBytes(3).toString('hex'))
    const uploadStart = performance.now()
    const { batch } = await startBatch(platform, { orgId, achievementId, body: createReadStream(csv), fileName: 'learners.csv', createdBy: null })
    const issueStart = performance.now()
    const runner = startBatchRunner({ platform, chunkSize: options.chunkSize ?? 1000, signingThreads: threads })
    await runner.settled()
    await runner.stop()
    const issueSeconds = (performance.now() - issueStart) / 1000
    const done = await store.repos.batches.get(orgId, batch.id)
    if (done?.state !== 'done' || done.issued !== rows) throw new Error(`Bench batch ended ${done?.state} with ${done?.issued}/${rows} issued: ${done?.error}`)
    const credentialsPerSecond = rows / issueSeconds
    // Measured here, before any worker-process runs below, which are not part of this batch.
    const endToEndSeconds = (performance.now() - uploadStart) / 1000
    let processes: IssuanceBenchResult['processes']
    if (options.processesOn) {
      const config: WorkerConfig = { ...options.processesOn, dataDir, masterKey: masterKey.toString('hex'), chunkSize: options.chunkSize ?? 1000 }
      const inProcesses = async (count: number) => {
        const path = join(dataDir, `learners-${count}.csv`)
        await writeCsv(path, rows, randomBytes(3).toString('hex'))
        const { batch: shared } = await startBatch(platform, { orgId, achievementId, body: createReadStream(path), fileName: `learners-${count}.csv`, createdBy: null })
        const seconds = await runWorkerProcesses(config, count)
        const ended = await store.repos.batches.get(orgId, shared.id)
        const distinct = await store.db.selectFrom('issued_credentials').select((eb) => eb.fn.count<number | string>('batch_row').distinct().as('n')).where('batch_id', '=', shared.id).executeTakeFirstOrThrow()
        if (ended?.state !== 'done' || ended.issued !== rows || Number(distinct.n) !== rows) throw new Error(`${count} worker processes ended the batch ${ended?.state} with ${ended?.issued}/${rows} issued (${distinct.n} distinct rows): ${ended?.error}`)
        return Math.round(rows / seconds)
      }
      processes = { one: await inProcesses(1), two: await inProcesses(2) }
    }
    return {
      store: kind,
      rows,
      credentialsPerSecond: Math.round(credentialsPerSecond),
      endToEndPerSecond: Math.round(rows / endToEndSeconds),
      issueSeconds: Math.round(issueSeconds * 100) / 100,
      uploadSeconds: Math.round(((issueStart - uploadStart) / 1000) * 100) / 100,
      singlePerSecond: Math.round(singlePerSecond),
      ratio: Math.round((credentialsPerSecond / singlePerSecond) * 10) / 10,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      signingThreads: threads,
      ...(processes ? { processes } : {}),
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/**
 * Starts `count` worker processes (this file with `--worker`, as compiled) that share the queued
 * batch part by part, each a batch runner of its own; resolves the seconds from their start to the
 * last one's exit.
 */
async function runWorkerProcesses(config: WorkerConfig, count: number): Promise<number> {
  const started = performance.now()
  const file = fileURLToPath(import.meta.url)
  const args = file.endsWith('.ts') ? ['--import', 'tsx', file] : [file]
  await Promise.all(
    Array.from({ length: count }, async () => {
      const child = spawn(process.execPath, [...args, '--worker', JSON.stringify(config)], { stdio: ['ignore', 'ignore', 'inherit'] })
      const [code] = (await once(child, 'exit')) as [number | null]
      if (code !== 0) throw new Error(`a bench worker process exited with ${code}`)
    }),
  )
  return (performance.now() - started) / 1000
}

/** A bench worker process: a batch runner on the configured database until no part is left to run. */
async function runAsWorker(config: WorkerConfig): Promise<void> {
  const store = await openPostgresStore({ url: config.url, schema: config.schema, allowExitOnIdle: true })
  try {
    const { ports: platform } = createPlatform({ store, masterKey: masterKeyFrom(Buffer.from(config.masterKey, 'hex')), publicUrl: PUBLIC_URL, dataDir: config.dataDir })
    const runner = startBatchRunner({ platform, chunkSize: config.chunkSize })
    await runner.settled()
    await runner.stop()
  } finally {
    await store.close()
  }
}

/** Runs the bench on SQLite, then on PostgreSQL when a URL is configured. */
export async function runIssuanceBench({ rows = 100_000, threads, chunkSize }: { rows?: number; threads?: number; chunkSize?: number } = {}): Promise<IssuanceBenchResult[]> {
  const results: IssuanceBenchResult[] = []
  const dir = mkdtempSync(join(tmpdir(), 'emblem-bench-sqlite-'))
  const sqlite = await openStore({ url: join(dir, 'bench.db') })
  try {
    await sqlite.migrate()
    results.push(await benchIssuance(sqlite, 'sqlite', rows, { ...(threads === undefined ? {} : { threads }), ...(chunkSize === undefined ? {} : { chunkSize }) }))
  } finally {
    await sqlite.close()
    rmSync(dir, { recursive: true, force: true })
  }
  const url = process.env.EMBLEM_BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL
  if (url) {
    const schema = `emblem_bench_${randomBytes(4).toString('hex')}`
    const { default: pg } = await import('pg')
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create schema ${schema}`)
    const postgres = await openPostgresStore({ url, schema, allowExitOnIdle: true })
    try {
      await postgres.migrate()
      results.push(await benchIssuance(postgres, 'postgres', rows, { ...(threads === undefined ? {} : { threads }), ...(chunkSize === undefined ? {} : { chunkSize }), processesOn: { url, schema } }))
    } finally {
      await postgres.close()
      await admin.query(`drop schema ${schema} cascade`)
      await admin.end()
    }
  }
  return results
}

/** Issue #9's targets: at least this many credentials per second on SQLite… */
export const TARGET_PER_SECOND = 5000
/** …in at most this much memory (peak RSS)… */
export const TARGET_PEAK_RSS_MB = 500
/** …and at least this many on PostgreSQL… */
export const TARGET_POSTGRES_PER_SECOND = 3000
/** …and two worker processes sharing a batch at least this many times one (issue #9 item 3). */
export const TARGET_TWO_PROCESSES_RATIO = 1.6

/** The figures as bench rows (bulk against one-at-a-time) and as lines saying whether the targets were met. */
export function issuanceReport(results: readonly IssuanceBenchResult[]): { rows: Row[]; targets: Target[]; lines: string[] } {
  const rows: Row[] = results.flatMap((r) => [
    { name: `issuance-single-${r.store}`, ops_per_s: r.singlePerSecond, baseline: null, baseline_ops_per_s: null, ratio: null },
    { name: `issuance-bulk-${r.store}`, ops_per_s: r.credentialsPerSecond, baseline: `issuance-single-${r.store}`, baseline_ops_per_s: r.singlePerSecond, ratio: r.ratio },
    ...(r.processes
      ? [
          { name: `issuance-bulk-${r.store}-1-process`, ops_per_s: r.processes.one, baseline: null, baseline_ops_per_s: null, ratio: null },
          {
            name: `issuance-bulk-${r.store}-2-processes`,
            ops_per_s: r.processes.two,
            baseline: `issuance-bulk-${r.store}-1-process`,
            baseline_ops_per_s: r.processes.one,
            ratio: Math.round((r.processes.two / r.processes.one) * 100) / 100,
          },
        ]
      : []),
  ])
  const lines = results.flatMap((r) => {
    const mark = (ok: boolean) => (ok ? 'met    ' : 'NOT MET')
    const out = [
      `issuance ${r.store}: ${r.rows.toLocaleString('en-US')} credentials in ${r.issueSeconds} s (${r.endToEndPerSecond}/s with upload and scan), ${r.signingThreads} signing thread(s), peak RSS ${r.peakRssMb} MB`,
    ]
    if (r.store === 'sqlite') {
      out.push(`${mark(r.credentialsPerSecond >= TARGET_PER_SECOND)}  issuance-bulk-sqlite >= ${TARGET_PER_SECOND} credentials/s (${r.credentialsPerSecond})`)
      out.push(`${mark(r.peakRssMb <= TARGET_PEAK_RSS_MB)}  peak RSS <= ${TARGET_PEAK_RSS_MB} MB (${r.peakRssMb} MB)`)
    } else {
      out.push(`${mark(r.credentialsPerSecond >= TARGET_POSTGRES_PER_SECOND)}  issuance-bulk-postgres >= ${TARGET_POSTGRES_PER_SECOND} credentials/s (${r.credentialsPerSecond})`)
      if (r.processes) {
        const ratio = r.processes.two / r.processes.one
        out.push(`issuance postgres in worker processes sharing the batch: one ${r.processes.one}/s, two ${r.processes.two}/s (${ratio.toFixed(2)}x)`)
        out.push(`${mark(ratio >= TARGET_TWO_PROCESSES_RATIO)}  two worker processes >= ${TARGET_TWO_PROCESSES_RATIO}x one (${ratio.toFixed(2)}x)`)
      }
    }
    return out
  })
  return { rows, targets: [], lines }
}

/** Runs this file, compiled against dist/ (as `emblem serve` runs), in a child process (its peak RSS its own) and returns its results. */
export async function runIssuanceChild(say: (line: string) => void = () => {}): Promise<IssuanceBenchResult[]> {
  say('issuance: 100,000 learners end to end, in a child process running dist/')
  const { compiledAgainstDist } = await import('./compiled.js')
  const child = spawn(process.execPath, [await compiledAgainstDist(fileURLToPath(import.meta.url)), '--json'], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const [code] = (await once(child, 'exit')) as [number | null]
  if (code !== 0) throw new Error(`bench/issuance.ts exited with ${code}`)
  return (JSON.parse(out.trim().split('\n').at(-1)!) as { results: IssuanceBenchResult[] }).results
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name)
    return i > 0 ? process.argv[i + 1] : undefined
  }
  const worker = arg('--worker')
  if (worker !== undefined) {
    await runAsWorker(JSON.parse(worker) as WorkerConfig)
    process.exit(0)
  }
  const results = await runIssuanceBench({ rows: Number(arg('--rows') ?? 100_000), ...(arg('--threads') ? { threads: Number(arg('--threads')) } : {}), ...(arg('--chunk') ? { chunkSize: Number(arg('--chunk')) } : {}) })
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({ results })}\n`)
  else process.stdout.write(`${issuanceReport(results).lines.join('\n')}\n`)
}
