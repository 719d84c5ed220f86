// Real `emblem serve` processes (bin/emblem.mjs) for the tests of roles, shutdown, several processes
// on one database and the deployment's start command: spawn one, wait for its "listening" line,
// read its log, stop it with a signal and wait for its exit.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { hash } from '@node-rs/argon2'
import { parseDefinition } from '../../src/app/achievements/definition.js'
import { newApiKeySecret } from '../../src/app/orgs/api-keys.js'
import { hashSecret } from '../../src/app/platform/secret-token.js'
import { parseMasterKey } from '../../src/keys/master-key.js'
import { createPlatform } from '../../src/platform.js'
import { openStore } from '../../src/store/index.js'
import { DEFINITION } from '../e2e/platform/issuance-fixture.js'

/** A running `emblem` process. */
export interface EmblemProcess {
  child: ChildProcess
  /** The port it listens on (from its "Emblem listening" log line). */
  port: number
  base: string
  /** Everything it wrote to stderr so far (its JSON log lines). */
  log(): string
  /** Sends `signal` (default SIGTERM) and resolves with the exit code once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
  exited: Promise<number | null>
}

/** Spawns `node [nodeArgs] bin/emblem.mjs <args>` (or `command`) with `env` over this process's, PORT=0 unless given; resolves once it listens. */
export async function startEmblem(args: string[], env: Record<string, string>, { command, cwd, timeoutMs = 60_000 }: { command?: string[]; cwd?: string; timeoutMs?: number } = {}): Promise<EmblemProcess> {
  const argv = command ?? [process.execPath, 'bin/emblem.mjs', ...args]
  const child = spawn(argv[0]!, argv.slice(1), { env: { ...process.env, PORT: '0', EMBLEM_LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'ignore', 'pipe'], ...(cwd ? { cwd } : {}) })
  let stderr = ''
  child.stderr!.setEncoding('utf8')
  child.stderr!.on('data', (text: string) => void (stderr += text))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in ${timeoutMs} ms:\n${stderr}`)), timeoutMs)
    const look = () => {
      const found = /"message":"Emblem listening".*?"port":(\d+)/.exec(stderr)
      if (found) {
        clearTimeout(timer)
        child.stderr!.off('data', look)
        resolve(Number(found[1]))
      }
    }
    child.stderr!.on('data', look)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`exited ${code} before listening:\n${stderr}`))
    })
  })
  return {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    log: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      const code = await exited
      // A failed stop says why in the test's output: the process's last log lines (and Node's warning, if any).
      if (code !== 0 && code !== null) console.error(`emblem ${args.join(' ')} exited ${code} on ${signal}; its last output:\n${stderr.slice(-3000)}`)
      return code
    },
    exited,
  }
}

/** A master key for the processes of one test instance (they must share it), as EMBLEM_MASTER_KEY. */
export const testMasterKey = (): string => randomBytes(32).toString('hex')

/** What {@link seedInstance} made: an organization with an issuer API key and a published achievement. */
export interface SeededInstance {
  orgSlug: string
  orgId: string
  apiKey: string
  achievementId: string
}

/**
 * Seeds the database at `databaseUrl` (migrated first) the way an instance's first users would
 * leave it: a confirmed owner, an organization with its signing key (sealed under `masterKey`),
 * an issuer API key and a published achievement.
 */
export async function seedInstance({ databaseUrl, masterKey, publicUrl }: { databaseUrl: string; masterKey: string; publicUrl: string }): Promise<SeededInstance> {
  const store = await openStore({ url: databaseUrl })
  try {
    await store.migrate()
    const { ports } = createPlatform({ store, masterKey: parseMasterKey(masterKey), publicUrl })
    const now = new Date().toISOString()
    const userId = ports.random.uuid()
    await store.db
      .insertInto('users')
      .values({ id: userId, email: `owner-${userId.slice(0, 8)}@example.edu`, name: 'Owner', password_hash: await hash('correct horse battery staple', { algorithm: 2 }), email_verified_at: now, created_at: now })
      .execute()
    const orgId = ports.random.uuid()
    const orgSlug = `ops-${orgId.slice(0, 6)}`
    await store.db.insertInto('organizations').values({ id: orgId, slug: orgSlug, name: 'Operations University', created_at: now }).execute()
    await store.db.insertInto('memberships').values({ org_id: orgId, user_id: userId, role: 'owner', created_at: now }).execute()
    await ports.keys.rotate(orgId)
    const { prefix, secret } = newApiKeySecret(ports.random)
    await store.db
      .insertInto('api_keys')
      .values({ id: ports.random.uuid(), org_id: orgId, name: 'ops test', role: 'issuer', prefix, secret_hash: hashSecret(secret), created_at: now })
      .execute()
    const achievementId = ports.random.uuid()
    const parsed = parseDefinition(DEFINITION)
    await store.db
      .insertInto('achievements')
      .values({ id: achievementId, org_id: orgId, state: 'published', name: parsed.name, definition: JSON.stringify(parsed), image_id: null, created_at: now, updated_at: now })
      .execute()
    return { orgSlug, orgId, apiKey: secret, achievementId }
  } finally {
    await store.close()
  }
}

/** A CSV of `rows` learners whose addresses carry `tag` (so two files never share a row). */
export const csvOf = (rows: number, tag: string): string =>
  ['email,name', ...Array.from({ length: rows }, (_, i) => `${tag}-${i}@example.org,Learner ${tag} ${i}`)].join('\n')

/** Queues a CSV batch through the API of `base`; returns the batch's id. */
export async function queueBatch(base: string, seeded: SeededInstance, csv: string, fileName = 'cohort.csv'): Promise<string> {
  const res = await fetch(`${base}/api/v1/orgs/${seeded.orgSlug}/achievements/${seeded.achievementId}/batches`, {
    method: 'POST',
    headers: { authorization: `Bearer ${seeded.apiKey}`, 'content-type': 'text/csv', 'content-disposition': `attachment; filename="${fileName}"` },
    body: csv,
  })
  if (res.status !== 201 && res.status !== 200 && res.status !== 202) throw new Error(`queueing a batch answered ${res.status}: ${await res.text()}`)
  return ((await res.json()) as { id: string }).id
}

/** The batch as the API shows it. */
export async function batchState(base: string, seeded: SeededInstance, id: string): Promise<{ state: string; issued: number; failed: number; nextRow: number; totalRows: number }> {
  const res = await fetch(`${base}/api/v1/orgs/${seeded.orgSlug}/batches/${id}`, { headers: { authorization: `Bearer ${seeded.apiKey}` } })
  if (!res.ok) throw new Error(`reading batch ${id} answered ${res.status}`)
  return (await res.json()) as { state: string; issued: number; failed: number; nextRow: number; totalRows: number }
}

/** Polls `check` every 200 ms until it returns true or `timeoutMs` passes (then throws with `what`). */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (await check().catch(() => false)) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`timed out waiting for ${what}`)
}
