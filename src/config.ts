import { join, resolve } from 'node:path'
import { z } from 'zod'
import { packageVersion } from './package-version.js'

import { LOG_LEVELS, type LogLevel } from './http/logger.js'

export { LOG_LEVELS, type LogLevel }

/** Everything the process learns from its environment, read once at start. Frozen. */
export interface Config {
  readonly version: string
  readonly port: number
  /** The origin this instance is reached at, without a trailing slash (used in DIDs and links). */
  readonly publicUrl: string
  /** Absolute path of the data directory (SQLite file, generated master key). */
  readonly dataDir: string
  /** Where the store lives: a `postgres://` URL, or a SQLite file (default `<dataDir>/emblem.db`). */
  readonly databaseUrl: string
  /** The file holding the transparency log's checkpoint signing key (C2SP signer key string). */
  readonly logKeyFile: string
  /**
   * The log's high-water mark: the latest checkpoint this instance signed, kept outside the database
   * (and its backups) so that a restored older database is refused (`<dataDir>/log-head`).
   */
  readonly logHeadFile: string
  readonly logLevel: LogLevel
  /** The master key sealing organizations' private keys: from EMBLEM_MASTER_KEY, else this file (created 0600). */
  readonly masterKey: { readonly value: string | undefined; readonly file: string }
  /** Outgoing e-mail: an smtp(s):// URL, or undefined to hold messages in the outbox. */
  readonly smtpUrl: string | undefined
  /** The From address of outgoing e-mail (the organization's name is the display name). */
  readonly mailFrom: string
  /** The instance's administrators (lower-cased addresses): they read the instance's own held e-mail at /admin/outbox. */
  readonly adminEmails: readonly string[]
  /** Development mode (EMBLEM_DEV): held instance e-mail (confirmations, resets) is also printed to the server log. */
  readonly dev: boolean
  /** Where uploaded CSV files live; every process of one instance must see the same directory (default `<dataDir>/batches`). */
  readonly batchDir: string
  /** How long a worker's lease on a batch lasts without a committed chunk; a batch whose worker died is resumed by another after it. */
  readonly batchLeaseMs: number
  /** Rows a worker signs and commits in one transaction of a batch; undefined: the store's default (jobs/batch-runner.ts chunkRowsFor). */
  readonly batchChunkRows: number | undefined
  /** The witnesses whose cosignatures the log accepts (C2SP tlog-cosignature verifier keys), from EMBLEM_LOG_WITNESSES. */
  readonly logWitnesses: readonly string[]
  /** The bearer token of GET /metrics; undefined: /metrics does not exist (404). */
  readonly metricsToken: string | undefined
  /** A redis:// URL: rate limits are counted in Redis instead of the database. */
  readonly redisUrl: string | undefined
  /** Reverse proxies in front of the server that append the client's address to X-Forwarded-For (0: the socket's address counts). */
  readonly trustedProxyHops: number
  readonly fetch: {
    readonly allowHttp: boolean
    readonly allowPrivateAddresses: boolean
    readonly timeoutMs: number
    readonly maxBytes: number
  }
}

/** The environment is invalid; `problems` lists every problem, one line each. */
export class ConfigError extends Error {
  override name = 'ConfigError'
  readonly problems: readonly string[]
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.problems = problems
  }
}

/** Environment variables Emblem reads, with their defaults; the README's table mirrors this. */
export const ENV_VARS = {
  PORT: 'HTTP port (default 3000)',
  EMBLEM_PUBLIC_URL: 'public origin of this instance (default http://localhost:PORT)',
  EMBLEM_DATA_DIR: 'data directory (default ./data)',
  EMBLEM_DATABASE_URL: 'postgres://… for PostgreSQL, or a SQLite file path (default <data dir>/emblem.db)',
  EMBLEM_LOG_KEY_FILE: 'checkpoint signing key of the transparency log (default <data dir>/log-signer.key, created with mode 0600)',
  EMBLEM_LOG_LEVEL: 'debug | info | warn | error | silent (default info)',
  EMBLEM_MASTER_KEY: 'master key sealing signing keys at rest: 64 hex or 43 base64url characters (default: generated into <data dir>/master.key, mode 0600)',
  EMBLEM_SMTP_URL: 'smtp:// or smtps:// URL for outgoing e-mail (default: none; messages are held in the outbox admins read in the UI)',
  EMBLEM_MAIL_FROM: 'From address of outgoing e-mail (default no-reply@<public host>)',
  EMBLEM_ADMIN_EMAILS: "the instance's administrators, comma separated: they read the instance's own e-mail (confirmations, password resets) at /admin/outbox while no SMTP is configured (default: none)",
  EMBLEM_DEV: 'development mode: e-mail held without SMTP that is not tied to an organization is also printed to the server log, links included (default false)',
  EMBLEM_BATCH_DIR: 'directory of uploaded CSV files, shared by every process of the instance (default <data dir>/batches)',
  EMBLEM_BATCH_LEASE_SECONDS: "how long a worker holds a batch without committing a chunk; a batch whose process died (kill -9, lost host) resumes in another process after this (default 60)",
  EMBLEM_BATCH_CHUNK_ROWS: 'rows of a batch signed and committed in one transaction: a process killed mid-batch loses at most one chunk of work (default 250 on SQLite, whose commits hold the process while they write; 1000 on PostgreSQL)',
  EMBLEM_LOG_WITNESSES: 'witnesses whose cosignatures POST /log/cosignatures accepts: their verifier keys <name>+<key ID>+<base64>, comma-separated (default: none)',
  EMBLEM_METRICS_TOKEN: 'bearer token of GET /metrics (Prometheus); unset: /metrics answers 404 (default: unset)',
  EMBLEM_REDIS_URL: 'redis:// or rediss:// URL: rate limits are counted in Redis instead of the database (default: the database)',
  EMBLEM_TRUSTED_PROXY_HOPS: 'how many reverse proxies in front of Emblem append the client address to X-Forwarded-For; rate limits then key on the address the outermost one saw (default 0: the connection\'s address)',
  EMBLEM_FETCH_ALLOW_HTTP: 'let the guarded fetcher use plain http (default false)',
  EMBLEM_FETCH_ALLOW_PRIVATE: 'let the guarded fetcher reach loopback/private addresses (default false)',
  EMBLEM_FETCH_TIMEOUT_MS: 'timeout of one remote fetch in ms (default 5000)',
  EMBLEM_FETCH_MAX_BYTES: 'largest remote response body in bytes (default 1048576)',
} as const

const flag = z.stringbool({ truthy: ['true', '1', 'yes', 'on'], falsy: ['false', '0', 'no', 'off'], error: 'must be true or false' })
const integer = (min: number, max: number) => {
  const error = `must be an integer from ${min} to ${max}`
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error })
}

const envSchema = z.object({
  PORT: integer(0, 65_535).default(3000),
  EMBLEM_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://badges.example.edu' })
    .optional(),
  EMBLEM_DATA_DIR: z.string().default('./data'),
  EMBLEM_DATABASE_URL: z.string().optional(),
  EMBLEM_LOG_KEY_FILE: z.string().optional(),
  EMBLEM_LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  EMBLEM_MASTER_KEY: z
    .string()
    .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9_-]{43}=?)$/, { error: 'must be 32 bytes as 64 hex or 43 base64url characters' })
    .optional(),
  EMBLEM_SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.edu:587' }).optional(),
  EMBLEM_MAIL_FROM: z.email({ error: 'must be an e-mail address' }).optional(),
  EMBLEM_ADMIN_EMAILS: z
    .string()
    .transform((value) => [...new Set(value.split(',').map((a) => a.trim().toLowerCase()).filter(Boolean))])
    .pipe(z.array(z.email({ error: 'must be e-mail addresses separated by commas' })))
    .optional(),
  EMBLEM_DEV: flag.default(false),
  EMBLEM_BATCH_DIR: z.string().optional(),
  EMBLEM_BATCH_LEASE_SECONDS: integer(1, 3600).default(60),
  EMBLEM_BATCH_CHUNK_ROWS: integer(10, 10_000).optional(),
  EMBLEM_LOG_WITNESSES: z
    .string()
    .transform((value) => value.split(/[\s,]+/).filter(Boolean))
    .refine((keys) => keys.every((key) => /^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]{43,44}=?$/.test(key)), { error: 'must be witness verifier keys <name>+<8 hex digits>+<base64 key>, comma-separated' })
    .optional(),
  EMBLEM_METRICS_TOKEN: z.string().regex(/^[\x21-\x7e]{16,}$/, { error: 'must be at least 16 printable characters without spaces' }).optional(),
  EMBLEM_REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379' }).optional(),
  EMBLEM_TRUSTED_PROXY_HOPS: integer(0, 5).default(0),
  EMBLEM_FETCH_ALLOW_HTTP: flag.default(false),
  EMBLEM_FETCH_ALLOW_PRIVATE: flag.default(false),
  EMBLEM_FETCH_TIMEOUT_MS: integer(1, 300_000).default(5000),
  EMBLEM_FETCH_MAX_BYTES: integer(1, 1024 ** 3).default(1024 * 1024),
})

// In a module of its own, so that `emblem --help` reads the version without loading the configuration schema.
export { packageVersion }

/** The name of a variable Emblem reads. */
export type EnvVar = keyof typeof ENV_VARS

/**
 * Reads and validates the environment once; command-line `flags` (same names) take precedence.
 * Empty values count as unset. Throws a ConfigError listing every problem, not just the first.
 */
export function loadConfig(
  flags: Partial<Record<EnvVar, string>> = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): Config {
  const present = Object.fromEntries(
    (Object.keys(ENV_VARS) as EnvVar[]).flatMap((name) => {
      const value = (flags[name] ?? env[name])?.trim()
      return value ? [[name, value]] : []
    }),
  )
  const parsed = envSchema.safeParse(present)
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`))
  }
  const e = parsed.data
  const publicUrl = (e.EMBLEM_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '')
  const dataDir = resolve(e.EMBLEM_DATA_DIR)
  const databaseUrl = e.EMBLEM_DATABASE_URL ?? join(dataDir, 'emblem.db')
  return deepFreeze({
    version: packageVersion(),
    port: e.PORT,
    publicUrl,
    dataDir,
    databaseUrl: /^postgres(ql)?:\/\//i.test(databaseUrl) || databaseUrl === ':memory:' ? databaseUrl : resolve(databaseUrl),
    logKeyFile: resolve(e.EMBLEM_LOG_KEY_FILE ?? join(dataDir, 'log-signer.key')),
    logHeadFile: join(dataDir, 'log-head'),
    logLevel: e.EMBLEM_LOG_LEVEL,
    masterKey: { value: e.EMBLEM_MASTER_KEY, file: join(dataDir, 'master.key') },
    smtpUrl: e.EMBLEM_SMTP_URL,
    mailFrom: e.EMBLEM_MAIL_FROM ?? `no-reply@${new URL(publicUrl).hostname}`,
    adminEmails: e.EMBLEM_ADMIN_EMAILS ?? [],
    dev: e.EMBLEM_DEV,
    batchDir: resolve(e.EMBLEM_BATCH_DIR ?? join(dataDir, 'batches')),
    batchLeaseMs: e.EMBLEM_BATCH_LEASE_SECONDS * 1000,
    batchChunkRows: e.EMBLEM_BATCH_CHUNK_ROWS,
    logWitnesses: e.EMBLEM_LOG_WITNESSES ?? [],
    metricsToken: e.EMBLEM_METRICS_TOKEN,
    redisUrl: e.EMBLEM_REDIS_URL,
    trustedProxyHops: e.EMBLEM_TRUSTED_PROXY_HOPS,
    fetch: {
      allowHttp: e.EMBLEM_FETCH_ALLOW_HTTP,
      allowPrivateAddresses: e.EMBLEM_FETCH_ALLOW_PRIVATE,
      timeoutMs: e.EMBLEM_FETCH_TIMEOUT_MS,
      maxBytes: e.EMBLEM_FETCH_MAX_BYTES,
    },
  })
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) deepFreeze(child)
  return Object.freeze(value)
}
