// The server side of the HTTP bench (bench/http.ts), run in a child process of its own: a whole
// Emblem instance on a fresh SQLite file (openServices + startServer, as `emblem serve` runs it)
// with a few thousand credentials issued by a CSV batch and covered by a signed checkpoint, and, in
// the same process, a bare Hono app answering one small JSON object: the baseline. Prints one JSON
// line {"port","barePort","ids"} on stdout when both listen, and stops on SIGTERM.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import type { AddressInfo } from 'node:net'
import { parseDefinition } from '../src/app/achievements/definition.js'
import { startBatch } from '../src/app/issuance/start-batch.js'
import { loadConfig } from '../src/config.js'
import { createLogger } from '../src/http/logger.js'
import { openServices, startServer } from '../src/main.js'

const credentials = Number(process.env.EMBLEM_BENCH_CREDENTIALS ?? 3000)
const dataDir = mkdtempSync(join(tmpdir(), 'emblem-bench-http-'))
// One trusted proxy hop: the bench's POST /api/v1/verify requests each name their own client (X-Forwarded-For).
const config = loadConfig({}, { EMBLEM_DATA_DIR: dataDir, EMBLEM_PUBLIC_URL: 'https://badges.example.edu', EMBLEM_LOG_LEVEL: 'silent', EMBLEM_TRUSTED_PROXY_HOPS: '1', PORT: '0' })
const log = createLogger('silent')
const services = await openServices(config, log)
const { store, platform } = services
const ports = platform.ports

// An organization with its key, a published achievement, and a CSV batch of learners.
const now = new Date().toISOString()
const orgId = ports.random.uuid()
await store.db.insertInto('organizations').values({ id: orgId, slug: 'bench', name: 'Bench University', created_at: now }).execute()
await ports.keys.rotate(orgId)
const achievementId = ports.random.uuid()
const definition = parseDefinition({
  name: 'Research Data Management',
  description: 'Plan, document, publish and preserve research data.',
  criteria: { narrative: 'Complete the four assignments and the final project.' },
  achievementType: 'MicroCredential',
  ects: 3,
})
await store.db
  .insertInto('achievements')
  .values({ id: achievementId, org_id: orgId, state: 'published', name: definition.name, definition: JSON.stringify(definition), image_id: null, created_at: now, updated_at: now })
  .execute()
const tag = randomBytes(3).toString('hex')
const csv = ['email,name', ...Array.from({ length: credentials }, (_, i) => `learner${i}.${tag}@example.org,Learner ${i}`)].join('\r\n')
writeFileSync(join(dataDir, 'learners.csv'), csv)
const { batch } = await startBatch(ports, { orgId, achievementId, body: Readable.from([Buffer.from(csv)]), fileName: 'learners.csv', createdBy: null })
services.batches.notify()
for (;;) {
  const state = await store.repos.batches.get(orgId, batch.id)
  if (state?.state === 'done') break
  if (state?.state === 'failed') throw new Error(`The bench batch failed: ${state.error}`)
  await new Promise((resolve) => setTimeout(resolve, 100))
}
// Every credential covered by a signed checkpoint, so log inclusion is proved, not pending.
const ids = (await store.db.selectFrom('credentials').select('id').execute()).map((r) => r.id.replace(/^urn:uuid:/, ''))
for (;;) {
  const latest = await store.log.latestCheckpoint()
  if (latest && latest.checkpoint.size >= ids.length) break
  services.checkpointer.notify()
  await new Promise((resolve) => setTimeout(resolve, 100))
}

const running = await startServer(config, { log, transparencyLog: services.transparencyLog, platform: platform.platform, handleSignals: false })
const bare = new Hono().get('/bare', (c) => c.json({ ok: true, name: 'bare', version: 1 }))
const barePort = await new Promise<number>((resolve) => serve({ fetch: bare.fetch, port: 0 }, (info: AddressInfo) => resolve(info.port)))
process.stdout.write(`${JSON.stringify({ port: running.port, barePort, ids })}\n`)

process.once('SIGTERM', () => {
  void (async () => {
    await running.close()
    await services.close()
    rmSync(dataDir, { recursive: true, force: true })
    process.exit(0)
  })()
})
