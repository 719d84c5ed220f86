import { randomBytes, randomFillSync, randomInt, randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BatchFileStore } from './app/issuance/batch-file-store.js'
import type { LogHead } from './app/log-head.js'
import type { MediaPort } from './app/media/ports.js'
import type { Fetcher } from './app/platform/fetcher.js'
import { bindPlatform, type Platform } from './app/platform/platform.js'
import type { Clock, KeyRing, PlatformPorts, RandomSource, SecretBox } from './app/platform/ports.js'
import type { RateLimitStore } from './app/platform/rate-limits.js'
import { createGuardedFetcher, type GuardedFetcherOptions } from './fetch/index.js'
import { createBatchFileStore } from './files/index.js'
import { createKeyRing } from './keys/org-key-ring.js'
import { createHolderKeyRing } from './keys/holder-key-ring.js'
import { createLtiKeyRing } from './keys/lti-key-ring.js'
import type { MasterKey } from './keys/master-key.js'
import { createMediaAdapter } from './media/index.js'
import type { Store } from './store/index.js'

/** Randomness from node's CSPRNG. */
export const systemRandom: RandomSource = Object.freeze({
  uuid: () => randomUUID(),
  token: (bytes = 32) => randomToken(bytes),
  int: (max: number) => randomInt(max),
})

/** Bytes drawn from the CSPRNG at a time for tokens (as node's randomUUID buffers its own). */
const TOKEN_POOL_BYTES = 4096
const tokenPool = Buffer.alloc(TOKEN_POOL_BYTES)
let tokenPoolUsed = TOKEN_POOL_BYTES

/**
 * `bytes` random bytes from the CSPRNG as base64url. A call into the system generator costs several
 * microseconds however few bytes it returns, and bulk issuance draws two tokens per credential (salt
 * and claim token), so tokens come from a pool filled 4 KB at a time. Bytes are handed out once and
 * zeroed as they are, so the pool never holds a token already given out.
 */
export function randomToken(bytes: number): string {
  if (!Number.isInteger(bytes) || bytes < 1) throw new RangeError(`A token needs a whole number of bytes, at least 1; got ${bytes}`)
  if (bytes > TOKEN_POOL_BYTES) return randomBytes(bytes).toString('base64url')
  if (tokenPoolUsed + bytes > TOKEN_POOL_BYTES) {
    randomFillSync(tokenPool)
    tokenPoolUsed = 0
  }
  const start = tokenPoolUsed
  tokenPoolUsed += bytes
  const token = tokenPool.toString('base64url', start, tokenPoolUsed)
  tokenPool.fill(0, start, tokenPoolUsed)
  return token
}

/** The system clock. */
export const systemClock: Clock = Object.freeze({ now: () => new Date() })

/** What a platform is built from: the adapters (the store and master key at least) and its facts. */
export interface PlatformParts {
  store: Store
  masterKey: MasterKey
  publicUrl: string
  smtpConfigured?: boolean
  /** The instance's administrators (EMBLEM_ADMIN_EMAILS, lower-cased): they read held instance e-mail at /admin/outbox. */
  adminEmails?: readonly string[]
  /** Development (EMBLEM_DEV): held instance e-mail is also printed to the server log. */
  devMailLog?: boolean
  /** Where uploaded CSV files live (`<dataDir>/batches`); default: the OS temp directory. Ignored with `batchFiles`. */
  dataDir?: string
  /** Where uploaded CSV files live instead of `<dataDir>/batches` (EMBLEM_BATCH_DIR: shared by every process). */
  batchDir?: string
  clock?: Clock
  random?: RandomSource
  /** Called after credentials were appended to the log, with how many (the checkpointer's notify, metrics). */
  onLogAppended?: (count?: number) => void
  /** Default: src/media. */
  media?: MediaPort
  /** Default: src/files under `dataDir`. */
  batchFiles?: BatchFileStore
  /** Where rate limits are counted; default: the database (Redis with EMBLEM_REDIS_URL, wired in main.ts). */
  rateLimits?: RateLimitStore
  /** The log's high-water mark (app/log-head.ts): readiness answers 503 once it refused the database's log. */
  logHead?: Pick<LogHead, 'ready'>
  /** The guarded fetcher's options (EMBLEM_FETCH_*), or a fetcher; without either, verification never reaches other hosts. */
  fetch?: GuardedFetcherOptions | Fetcher
}

/** What the composition roots get: the bound Platform for the edges, the ports for jobs and tests, and the workers' wake-up hook. */
export interface PlatformHandle {
  /** The use cases and read queries, bound: all an edge (route, page, command) may touch. */
  platform: Platform
  /** The ports the use cases are bound to (background jobs and tests use them; edges never do). */
  ports: PlatformPorts
  /** Registers the function `wake(name)` calls (one per worker name; the last one wins). */
  onWake(worker: 'batches' | 'mail' | 'webhooks', wake: () => void): void
}

/**
 * Builds the platform's ports over the adapters (the store, a key ring over the store's org keys
 * sealed by the master key, media, the file store, the guarded fetcher, the clock and randomness)
 * and binds the use cases to them. The server, the CLI, the jobs and the tests all build it here.
 */
export function createPlatform(parts: PlatformParts): PlatformHandle {
  const { store, masterKey, publicUrl, smtpConfigured = false, dataDir, clock = systemClock, random = systemRandom, onLogAppended = () => {} } = parts
  const keys: KeyRing = createKeyRing({
    store: {
      keysOf: (orgId) => store.repos.orgKeys.keysOf(orgId),
      addActiveKey: (key) => store.transaction((tx) => tx.repos.orgKeys.addActiveKey(key)),
      revoke: (orgId, keyId, at, reason) => store.repos.orgKeys.revoke(orgId, keyId, at, reason),
    },
    masterKey,
    clock,
    random,
  })
  const holderKeys = createHolderKeyRing({
    store: { keyOf: (userId) => store.repos.holder.keyOf(userId), addKey: (key) => store.repos.holder.addKey(key) },
    masterKey,
    clock,
  })
  const secrets: SecretBox = {
    seal: (text, context) => masterKey.seal(new TextEncoder().encode(text), context),
    open: (sealed, context) => new TextDecoder().decode(masterKey.open(sealed, context)),
  }
  const ltiKeys = createLtiKeyRing({ store: { toolKey: () => store.repos.lti.toolKey(), addToolKey: (k) => store.repos.lti.addToolKey(k) }, masterKey, clock })
  const fetcher = typeof parts.fetch === 'function' ? parts.fetch : parts.fetch ? createGuardedFetcher(parts.fetch) : undefined
  const wakers = new Map<'batches' | 'mail' | 'webhooks', () => void>()
  const ports: PlatformPorts = {
    store,
    clock,
    random,
    keys,
    holderKeys,
    secrets,
    ltiKeys,
    media: parts.media ?? createMediaAdapter(),
    batchFiles: parts.batchFiles ?? createBatchFileStore(dataDir ?? join(tmpdir(), 'emblem-data'), parts.batchDir),
    rateLimits: parts.rateLimits ?? store.repos.rateLimits,
    ...(fetcher ? { fetcher } : {}),
    ...(parts.logHead ? { logHead: parts.logHead } : {}),
    publicUrl: publicUrl.replace(/\/+$/, ''),
    smtpConfigured,
    adminEmails: (parts.adminEmails ?? []).map((a) => a.toLowerCase()),
    devMailLog: parts.devMailLog ?? false,
    onLogAppended,
    wake: (worker) => wakers.get(worker)?.(),
  }
  return { platform: bindPlatform(ports), ports, onWake: (worker, wake) => void wakers.set(worker, wake) }
}
