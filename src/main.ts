import { sealStoredWebhookSecrets } from './app/webhooks/webhooks-use-cases.js'
import { constants } from 'node:fs'
import { access, mkdir } from 'node:fs/promises'
import type { Server } from 'node:http'
import { dirname } from 'node:path'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import { isMainThread, Worker as WorkerThread } from 'node:worker_threads'
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { securityHeaders, securityHeadersMiddleware } from './http/security-headers.js'
import { loadConfig, type Config } from './config.js'
import { createErrorHandler, notFound, setHtmlProblemRenderer } from './http/error-response.js'
import { htmlProblemPage } from './web/pages/problem/problem-page.js'
import { createLogger, type Logger } from './http/logger.js'
import { healthRoutes } from './http/routes/health.js'
import { logCosignatureRoutes, logRoutes, type PublishedLog } from './http/routes/log.js'
import { parseCosignerKey } from './core/transparency-log/index.js'
import { addCosignature, checkpointNoteAt, cosignaturesOf } from './store/cosignatures.js'
import { webRoutes } from './web/routes.js'
import { setRenderVersion, setNavUserLoader } from './web/kit/render.js'
import { assetRoutes } from './web/kit/asset-routes.js'
import { languageRoutes } from './web/pages/language/routes.js'
import { platformPages } from './web/platform-pages.js'
import { authenticate, csrfProtection } from './http/auth/authenticate.js'
import { apiRoutes } from './http/routes/api/index.js'
import { OB3_BASE, ob3Routes } from './http/ob3/routes.js'
import { ltiToolRoutes } from './web/pages/lti/tool-routes.js'
import { publicOrgRoutes } from './http/routes/public-orgs.js'
import { localFetch, publicCredentialRoutes } from './http/routes/public-credentials.js'
import { publicPresentationRoutes } from './http/routes/public-presentations.js'
import { publicImageRoutes } from './http/routes/public-images.js'
import { publicStatusRoutes } from './http/routes/public-status.js'
import { publicEndorsementRoutes } from './http/routes/public-endorsements.js'
import { openApiDocument, type OpenApiJson } from './http/openapi/document.js'
import { openApiRoutes } from './http/openapi/openapi-routes.js'
import { apiDocsRoutes } from './web/pages/api-docs/routes.js'
import type { Platform } from './app/platform/platform.js'
import { createPlatform, type PlatformHandle } from './platform.js'
import { loadOrCreateMasterKey } from './keys/master-key.js'
import { logOrigin } from './app/log-checkpoint.js'
import { startCheckpointer, type Checkpointer } from './jobs/checkpointer.js'
import { chunkRowsFor, startBatchRunner, type BatchRunner } from './jobs/batch-runner.js'
import { startDevMailLog } from './jobs/dev-mail-log.js'
import { startMailDelivery } from './jobs/mail-delivery.js'
import { startWebhookDelivery } from './jobs/webhook-delivery.js'
import { createWebhookSender } from './fetch/index.js'
import { startExpiryReminders } from './jobs/expiry-reminders.js'
import { startTrustRefresher } from './jobs/trust-refresher.js'
import { startLtiGradeSync } from './jobs/lti-grade-sync.js'
import { createSmtpTransport } from './mail/smtp-transport.js'
import { loadOrCreateLogSigner } from './keys/log-signer-key.js'
import { logHeadFile } from './keys/log-head-file.js'
import { createLogHead, type LogHead } from './app/log-head.js'
import { PlatformError, type ErrorCode } from './core/errors.js'
import type { FromJobsThread, ToJobsThread } from './jobs-thread.js'
import { storageFailureOf } from './core/storage-failure.js'
import { isPostgresUrl, openStore, type Store } from './store/index.js'
import { createMetrics, type Metrics } from './metrics/index.js'
import { metricsRoutes, requestMetrics, type HttpMetrics } from './http/routes/metrics.js'
import type { Worker } from './jobs/coalescing-worker.js'
import { createRedisRateLimits } from './limits/redis-rate-limits.js'

/**
 * What a serving process does (`emblem serve --role`): `web` serves HTTP and runs no background job;
 * `worker` runs the jobs (batches, checkpoints, e-mail) and serves only /healthz, /readyz and
 * /metrics; `all` does both (one process, the default).
 */
export type ServeRole = 'web' | 'worker' | 'all'

/** A request path for the log, with the one-time tokens some paths carry (claim and invitation links) left out. */
export const redactPath = (path: string): string => path.replace(/^\/(claim|invitations)\/[^/]+/, '/$1/[token]').replace(/^(\/api\/v1\/invitations)\/[^/]+/, '$1/[token]')

/** What the app is built from besides its configuration. */
export interface AppDeps {
  log?: Logger
  /** The transparency log this instance publishes under /log; without it, /log answers 503. */
  transparencyLog?: PublishedLog
  /** The issuer platform's use cases (accounts, organizations, issuance); without it only the engine's routes exist. */
  platform?: Platform
  /** Request metrics; with `config.metricsToken` they are served at GET /metrics. */
  metrics?: HttpMetrics
}

/**
 * The whole HTTP surface as a Hono app, testable in-process with `app.request(path)`.
 * Composition root: configuration in, routes wired, no port opened.
 */
export function createApp(config: Config, { log = createLogger(config.logLevel), transparencyLog, platform, metrics }: AppDeps = {}): Hono {
  const app = new Hono()
  // The OpenAPI document of the routes mounted below, built on first use.
  let document: OpenApiJson | undefined
  const openapi = () => (document ??= openApiDocument({ version: config.version, publicUrl: config.publicUrl }))
  setRenderVersion(config.version)
  setNavUserLoader(async (c) => {
    const actor = c.get('actor')
    if (actor?.kind !== 'user' || !platform) return undefined
    const [memberships, employers] = await Promise.all([platform.orgs.ofUser(actor.user.id), platform.talent.employerOrgs(actor.user.id)])
    const employerIds = new Set(employers.map((e) => e.id))
    return { name: actor.user.name, email: actor.user.email, orgs: memberships.map((m) => ({ slug: m.org.slug, name: m.org.name, role: m.role, employer: employerIds.has(m.org.id) })) }
  })
  setHtmlProblemRenderer(platform ? htmlProblemPage : undefined)
  // A route's own header wins (e.g. /images/:id: CSP for SVG, cross-origin embedding of badges).
  app.use(
    securityHeadersMiddleware(
      securityHeaders({
        // HSTS only where the instance is served over https: over plain http it means nothing, and a
        // local instance on a name later served over https must not be pinned to it by accident.
        strictTransportSecurity: config.publicUrl.startsWith('https:') ? 'max-age=15552000; includeSubDomains' : false,
        contentSecurityPolicy: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
        },
      }),
    ),
  )
  // One debug line per request, only where debug lines are written (it costs a busy route ~2%).
  if (log.isEnabled?.('debug') ?? true)
    app.use(async (c, next) => {
      const started = performance.now()
      await next()
      log.debug('request', { method: c.req.method, path: redactPath(c.req.path), status: c.res.status, ms: Math.round(performance.now() - started) })
    })
  if (metrics) app.use(requestMetrics(metrics))
  const fetchLocal = platform ? localFetch((path, init) => app.request(path, init)) : undefined
  // What every handler reads from the context, set in one step (each middleware is a turn of await).
  app.use(async (c, next) => {
    c.set('proxyHops', config.trustedProxyHops)
    if (platform) {
      c.set('platform', platform)
      c.set('fetchLocal', fetchLocal!)
    }
    await next()
  })
  app.route('/', healthRoutes(config.version, platform ? () => platform.ready() : undefined))
  if (metrics && config.metricsToken) app.route('/', metricsRoutes(metrics, config.metricsToken))
  app.route('/', assetRoutes())
  if (platform) {
    // Public credential documents, verification and the API description need no session: served before authentication.
    app.route('/', publicCredentialRoutes())
    app.route('/', publicPresentationRoutes())
    app.route('/', openApiRoutes(openapi))
    // The 1EdTech OB 3.0 API: bearer tokens of its own OAuth server, no session or CSRF.
    app.route(OB3_BASE, ob3Routes(platform, { trustProxy: config.trustedProxyHops > 0 }))
    // The LTI 1.3 tool: platforms post cross-site; its own state cookie, session and CSRF token per launch.
    app.route('/lti', ltiToolRoutes())
    // Witnesses' cosignatures carry their own signature: no session or CSRF token.
    app.route('/log', logCosignatureRoutes(transparencyLog))
    app.use(authenticate(), csrfProtection())
    app.route('/api/v1', apiRoutes())
    app.route('/', publicOrgRoutes())
    app.route('/', publicImageRoutes())
    app.route('/', publicStatusRoutes())
    app.route('/', publicEndorsementRoutes())
    app.route('/', languageRoutes())
    app.route('/', apiDocsRoutes(openapi, config.publicUrl))
    app.route('/', platformPages())
  }
  app.route('/log', logRoutes(transparencyLog))
  app.route('/', webRoutes(config.publicUrl, transparencyLog))
  app.notFound(notFound)
  app.onError(createErrorHandler(log))
  return app
}

/**
 * What a worker process serves (`emblem serve --role worker`): /healthz, /readyz and, with a token,
 * /metrics; everything else is 404.
 */
export function createWorkerApp(config: Config, { log = createLogger(config.logLevel), platform, metrics }: Pick<AppDeps, 'log' | 'platform' | 'metrics'> = {}): Hono {
  const app = new Hono()
  app.use(secureHeaders({ strictTransportSecurity: false, contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } }))
  if (metrics) app.use(requestMetrics(metrics))
  app.route('/', healthRoutes(config.version, platform ? () => platform.ready() : undefined))
  if (metrics && config.metricsToken) app.route('/', metricsRoutes(metrics, config.metricsToken))
  app.notFound(notFound)
  app.onError(createErrorHandler(log))
  return app
}

/** A listening server and how to stop it. */
export interface RunningServer {
  server: ServerType
  /** The port actually bound (useful with PORT=0). */
  port: number
  /** Stops accepting connections, lets requests in flight finish (up to `graceMs`), then closes. Idempotent. */
  close(): Promise<void>
  /** Settles once the server has closed, whoever closed it. */
  closed: Promise<void>
}

/**
 * Serves `createApp(config)` with @hono/node-server. With `handleSignals` (default), SIGINT and
 * SIGTERM shut it down gracefully.
 */
export async function startServer(
  config: Config,
  {
    log = createLogger(config.logLevel),
    transparencyLog,
    platform,
    metrics,
    handleSignals = true,
    graceMs = 10_000,
    app = createApp(config, { log, ...(transparencyLog ? { transparencyLog } : {}), ...(platform ? { platform } : {}), ...(metrics ? { metrics } : {}) }),
  }: AppDeps & { handleSignals?: boolean; graceMs?: number; app?: Hono } = {},
): Promise<RunningServer> {
  let server!: ServerType
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port: config.port }, (info: AddressInfo) => resolve(info.port))
    server.once('error', reject)
  })
  log.info('Emblem listening', { port, publicUrl: config.publicUrl, version: config.version })

  let closing: Promise<void> | undefined
  let markClosed!: () => void
  const closed = new Promise<void>((resolve) => (markClosed = resolve))
  const onSignal = (signal: NodeJS.Signals) => {
    log.info('Shutting down', { signal })
    void close()
  }
  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve) => {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal)
      const http = server as Server // serve() without createServer options makes a node:http server
      const force = setTimeout(() => http.closeAllConnections(), graceMs)
      force.unref()
      http.close(() => {
        clearTimeout(force)
        log.info('Emblem stopped')
        markClosed()
        resolve()
      })
      http.closeIdleConnections()
    })
    return closing
  }
  if (handleSignals) process.on('SIGINT', onSignal).on('SIGTERM', onSignal)
  return { server, port, close, closed }
}

/** The adapters a serving instance runs on: the store, the log it publishes, its checkpoint signer. */
export interface Services {
  store: Store
  transparencyLog: PublishedLog
  /** The checkpoint signer (idle in a `web` process: workers sign). */
  checkpointer: Checkpointer
  /** The issuer platform over the store, its keys sealed by the master key: the bound use cases and the ports. */
  platform: PlatformHandle
  /** The bulk issuance worker (CSV batches; idle in a `web` process). */
  batches: BatchRunner
  /** This process's metrics (Prometheus). */
  metrics: Metrics
  /**
   * Stops the workers (after the chunk, message and signing in flight; a batch stopped midway gives
   * its lease back), writes what is counted in memory, and closes the store.
   */
  close(): Promise<void>
}

/** The background jobs another thread (or process) runs, which a `web` side wakes when it queues work for them. */
export type JobName = 'checkpointer' | 'batches' | 'mail' | 'webhooks'

/** How {@link openServices} opens: the role, and for role `all` on SQLite, its two threads' links. */
export interface OpenServicesOptions {
  role?: ServeRole
  /** With role `web`: wakes the jobs run on another thread (a log append wakes `checkpointer`, a queued batch `batches`, …). */
  nudge?: (job: JobName) => void
  /** The role `emblem_process_info` reports (default `role`): `all` for both threads of role `all`. */
  metricsRole?: ServeRole
  /** The metrics to count into (default a new registry): the jobs thread forwards its counts to the HTTP thread's. */
  metrics?: Metrics
}

/** A worker that never runs: what a `web` process has instead of the background jobs. */
const idleWorker: Worker = Object.freeze({ notify: () => {}, settled: async () => {}, stop: async () => {} })

/**
 * Opens the store named by the configuration (SQLite under the data directory by default, or
 * PostgreSQL), brings its schema up to date, loads or creates the master key and the log's signing
 * key, and starts the background workers: the checkpointer (signs the log after each batch and
 * every 5 s while entries are pending), the batch runner (CSV issuance, resuming unfinished
 * batches), the trust registry refresher and, with EMBLEM_SMTP_URL, e-mail delivery.
 * key, and, unless `role` is `web`, starts the background workers: the checkpointer (signs the log
 * after each batch and every 5 s while entries are pending, here or appended by another process),
 * the batch runner (CSV issuance, resuming unfinished batches) and, with EMBLEM_SMTP_URL, e-mail
 * delivery. Several processes may run them on one PostgreSQL: checkpoints are signed under the log's
 * writer lock (one signer at a time, each checking consistency with the last), batches and e-mails
 * are leased. Before any of it, every role compares the database's log with the high-water mark in
 * the data directory (app/log-head.ts) and refuses (ERR_LOG_INCONSISTENT) a log behind or forked
 * from the last checkpoint this instance signed: a database restored from an older backup.
 */
export async function openServices(config: Config, log: Logger = createLogger(config.logLevel), { role = 'all', nudge, metricsRole = role, metrics: givenMetrics }: OpenServicesOptions = {}): Promise<Services> {
  const store = await openMigratedStore(config, log)
  try {
    const jobs = role !== 'web'
    const origin = logOrigin(config.publicUrl)
    const metrics = givenMetrics ?? createMetrics({
      role: metricsRole,
      version: config.version,
      checkpointSize: async () => (await store.log.latestCheckpoint())?.checkpoint.size ?? 0,
    })
    const observe = (job: string) => (run: { ok: boolean; seconds: number }) => metrics.observeJob(job, run)
    const masterKey = await loadOrCreateMasterKey(config.masterKey)
    const { signer, verifierKey } = await loadOrCreateLogSigner(config.logKeyFile, origin, masterKey)
    // Fail closed (RELIABILITY.md §2.15): a database whose log is behind, or beside, the last checkpoint
    // this instance signed (kept outside the database) is not served, whatever the role.
    const head = logHeadOf(config, origin, store, log)
    await head?.checkAtStart()
    const checkpointer: Checkpointer = jobs
      ? startCheckpointer({
          store,
          signer,
          origin,
          ...(head ? { head } : {}),
          observe: observe('checkpointer'),
          onSigned: ({ checkpoint }) => log.debug('checkpoint signed', { size: checkpoint.size }),
          onError: (err) => log.error('checkpoint signing failed', { error: err instanceof Error ? err.message : String(err) }),
        })
      : idleWorker
    // Rate limits count across processes: in the database, or in Redis when configured.
    const redisLimits = config.redisUrl
      ? createRedisRateLimits(config.redisUrl, { onError: (err) => log.warn('rate-limit store (Redis) unavailable', { error: err.message }) })
      : undefined
    const platform = createPlatform({
      store,
      masterKey,
      publicUrl: config.publicUrl,
      dataDir: config.dataDir,
      batchDir: config.batchDir,
      ...(redisLimits ? { rateLimits: redisLimits } : {}),
      ...(head ? { logHead: head } : {}),
      fetch: config.fetch,
      smtpConfigured: config.smtpUrl !== undefined,
      adminEmails: config.adminEmails,
      devMailLog: config.dev && config.smtpUrl === undefined,
      onLogAppended: (count = 1) => {
        metrics.credentialsIssued(count)
        checkpointer.notify()
        nudge?.('checkpointer')
      },
    })
    const errorOf = (err: unknown) => (err instanceof Error ? err.message : String(err))
    // Webhook secrets stored plain before migration 0023 are sealed under the master key (it needs the key: not a migration step).
    const sealedSecrets = await sealStoredWebhookSecrets(platform.ports)
    if (sealedSecrets > 0) log.info('webhook secrets sealed under the master key', { count: sealedSecrets })
    const batches: BatchRunner = jobs
      ? startBatchRunner({
          platform: platform.ports,
          leaseMs: config.batchLeaseMs,
          // A batch left by a dead process is looked for again once its lease can have expired.
          pollMs: Math.min(5_000, config.batchLeaseMs),
          chunkSize: config.batchChunkRows ?? chunkRowsFor(store.dialect),
          observe: observe('batches'),
          onChunk: (outcome) => metrics.batchRows(outcome),
          onError: (err) => log.error('batch runner failed', { error: errorOf(err) }),
        })
      : idleWorker
    platform.onWake('batches', batches.notify)
    batches.notify() // resumes batches a previous process left unfinished
    const trustRefresher: Worker = jobs
      ? startTrustRefresher({
          platform: platform.ports,
          onRun: (result) => log.info('trust registries refreshed', result),
          onError: (err) => log.error('trust registry refresh failed', { error: errorOf(err) }),
        })
      : idleWorker
    const ltiGradeSync: Worker = jobs
      ? startLtiGradeSync({
          platform: platform.ports,
          onRun: (result) => log.info('LTI grades synced', result),
          onError: (err) => log.error('LTI grade sync failed', { error: errorOf(err) }),
        })
      : idleWorker
    const transport = jobs && config.smtpUrl ? createSmtpTransport(config.smtpUrl) : undefined
    const mail = transport
      ? startMailDelivery({
          platform: platform.ports,
          transport,
          from: config.mailFrom,
          // A worker hears of nothing web processes queue: it looks every 5 s instead of every 30 s.
          ...(role === 'worker' ? { intervalMs: 5_000 } : {}),
          observe: observe('mail'),
          onFailure: (entry, error, final) => log.warn('e-mail delivery failed', { id: entry.id, error, final }),
          onError: (err) => log.error('e-mail delivery stopped', { error: errorOf(err) }),
        })
      : undefined
    if (mail) {
      platform.onWake('mail', mail.notify)
      mail.notify() // sends what was queued before a restart
    }
    // Development without SMTP: the instance's own e-mail (confirmation and reset links) in the log too.
    const devMail =
      jobs && !mail && config.dev
        ? startDevMailLog({
            platform: platform.ports,
            print: (entry, links) => log.info('e-mail held (no SMTP; EMBLEM_DEV prints it here)', { to: entry.to, subject: entry.subject, links, text: entry.text }),
            onError: (err) => log.error('printing held e-mail failed', { error: errorOf(err) }),
          })
        : undefined
    if (devMail) platform.onWake('mail', devMail.notify)
    // Webhooks: deliveries queued with their events, sent through the guarded fetcher's rules (EMBLEM_FETCH_*).
    const webhooks: Worker = jobs
      ? startWebhookDelivery({
          platform: platform.ports,
          sender: createWebhookSender({ allowHttp: config.fetch.allowHttp, allowPrivateAddresses: config.fetch.allowPrivateAddresses }),
          observe: observe('webhooks'),
          onFailure: (delivery, error, final) => log.warn('webhook delivery failed', { id: delivery.id, endpoint: delivery.endpointId, error, final }),
          onError: (err) => log.error('webhook delivery stopped', { error: errorOf(err) }),
        })
      : idleWorker
    platform.onWake('webhooks', webhooks.notify)
    // The jobs run on another thread (role `all` on SQLite): what is queued here wakes them there.
    if (nudge && !jobs) for (const job of ['batches', 'mail', 'webhooks'] as const) platform.onWake(job, () => nudge(job))
    // Wallet credentials about to expire: their owners are reminded 30 and 7 days before, once each.
    const reminders: Worker = jobs
      ? startExpiryReminders({ platform: platform.ports, onError: (err) => log.error('expiry reminders failed', { error: errorOf(err) }) })
      : idleWorker
    return {
      store,
      checkpointer,
      platform,
      batches,
      metrics,
      transparencyLog: {
        reader: store.log,
        verifierKey,
        witnessing: {
          witnesses: config.logWitnesses.map(parseCosignerKey),
          noteAt: (size) => checkpointNoteAt(store.db, size),
          add: (row) => addCosignature(store.db, row),
          linesFor: (size) => cosignaturesOf(store.db, size),
          now: () => new Date(),
        },
      },
      async close() {
        await batches.stop()
        await trustRefresher.stop()
        await ltiGradeSync.stop()
        await mail?.stop()
        await devMail?.stop()
        await reminders.stop()
        await webhooks.stop()
        transport?.close()
        await checkpointer.stop()
        await platform.platform.flush() // the page views and verifications counted since the last batch
        await redisLimits?.close()
        await store.close()
      },
    }
  } catch (err) {
    await store.close()
    throw err
  }
}

/** The log's high-water mark in the data directory; none for an in-memory database (nothing of it outlives the process). */
function logHeadOf(config: Config, origin: string, store: Store, log: Logger): LogHead | undefined {
  if (config.databaseUrl === ':memory:') return undefined
  return createLogHead({
    file: logHeadFile(config.logHeadFile),
    origin,
    store,
    onWriteError: (err) => log.warn("the log's high-water mark could not be written (it stays behind the database until it can)", { file: config.logHeadFile, error: err instanceof Error ? err.message : String(err) }),
  })
}

/**
 * The store named by the configuration with its schema brought up to date (what `emblem migrate`
 * does on its own): a SQLite file's directory is created (mode 0700) when missing.
 */
export async function openMigratedStore(config: Config, log?: Logger): Promise<Store> {
  if (!isPostgresUrl(config.databaseUrl) && config.databaseUrl !== ':memory:') await writableDirectory(dirname(config.databaseUrl))
  const store = await openStore({
    url: config.databaseUrl,
    ...(log ? { onConnectionError: (err: Error) => log.warn('database connection lost', { error: err.message }) } : {}),
  })
  try {
    await store.migrate()
    return store
  } catch (err) {
    await store.close()
    throw storageFailureOf(err) ?? err
  }
}

/** Creates `dir` (mode 0700) when missing and checks it can be written: SQLite writes its journal beside the database. */
async function writableDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 })
    await access(dir, constants.W_OK)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error'
    const why = code === 'EROFS' ? 'it is on a read-only file system' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOSPC' ? 'no space left on the device' : code
    throw new PlatformError(code === 'ENOSPC' ? 'ERR_STORAGE_FULL' : 'ERR_STORE_READ_ONLY', `the data directory ${dir} cannot be written (${why}); Emblem needs a writable directory for its SQLite database (EMBLEM_DATA_DIR, EMBLEM_DATABASE_URL)`, { cause: err })
  }
}

/**
 * Serves until SIGINT/SIGTERM: what `emblem serve` and `npm start` run. `role` (default `all`) says
 * whether this process serves the site, runs the background jobs, or both (see {@link ServeRole}).
 * Role `all` on a SQLite file runs the jobs on a thread of their own with their own connection
 * (jobs-thread.ts), so that a batch's writes and the checkpointer's never hold HTTP requests; the
 * HTTP thread wakes it when it appends to the log or queues work. On SIGTERM it stops accepting
 * connections, lets requests in flight finish (up to 10 s), stops the jobs (a batch stopped midway
 * gives its lease back, so another worker resumes it at once), writes what is counted in memory and
 * closes the store. A jobs thread that dies makes the process stop too, and fail (exit non-zero),
 * for its supervisor to restart it.
 */
export async function serveUntilStopped(config: Config, role: ServeRole = 'all'): Promise<void> {
  const log = createLogger(config.logLevel)
  if (role === 'all' && hasJobsThread(config)) return serveWithJobsThread(config, log)
  const services = await openServices(config, log, { role })
  const platform = services.platform.platform
  const metrics = services.metrics
  const running = await startServer(config, {
    log,
    ...(role === 'worker'
      ? { app: createWorkerApp(config, { log, platform, metrics }) }
      : { transparencyLog: services.transparencyLog, platform, metrics }),
  })
  log.info('Emblem role', { role, jobs: role !== 'web' })
  await running.closed
  await closeHeld(log, () => services.close())
  log.info('Emblem closed', { role })
}

/** Longest a stopping process waits for its services to close before it exits 1. */
const CLOSE_MS = 60_000

/**
 * Keeps the process alive while its services close, up to CLOSE_MS. What they wait for — a batch's
 * chunk on the signing threads, the WAL checkpointer's answer, a lease given back — runs on threads
 * and timers that do not hold the process, so with the server closed nothing else might: Node then
 * ends with the close unfinished (exit code 13, "unsettled top-level await") and the lease is not
 * given back.
 */
async function closeHeld(log: Logger, close: () => Promise<void>): Promise<void> {
  const timer = setTimeout(() => {
    log.error(`the services did not close within ${CLOSE_MS / 1000} s; exiting`)
    process.exit(1)
  }, CLOSE_MS)
  try {
    await close()
  } finally {
    clearTimeout(timer)
  }
}

/** Whether role `all` runs its jobs on a thread of their own: on a SQLite file (PostgreSQL's driver does not hold the thread; an in-memory database has one connection). */
const hasJobsThread = (config: Config): boolean => !isPostgresUrl(config.databaseUrl) && config.databaseUrl !== ':memory:'

/** Longest wait for the jobs thread to stop (the chunk, message or signing in flight) before it is ended. */
const JOBS_THREAD_STOP_MS = 30_000

/** Role `all` on SQLite: the site here (role `web`, its nudges sent to the jobs thread), the jobs on a worker thread. */
async function serveWithJobsThread(config: Config, log: Logger): Promise<void> {
  let thread: JobsThread | undefined
  const services = await openServices(config, log, { role: 'web', metricsRole: 'all', nudge: (job) => thread?.nudge(job) })
  let running: RunningServer | undefined
  try {
    thread = startJobsThread(config, services.metrics, log)
    const platform = services.platform.platform
    running = await startServer(config, { log, transparencyLog: services.transparencyLog, platform, metrics: services.metrics })
    await thread.ready
    log.info('Emblem role', { role: 'all', jobs: 'thread' })
    const crashed = await Promise.race([running.closed.then(() => undefined), thread.died])
    if (crashed) {
      log.error('the jobs thread stopped; stopping the server (exit non-zero, for a supervisor to restart it)', { error: crashed.message })
      await running.close()
      throw crashed
    }
  } catch (err) {
    await closeHeld(log, async () => {
      await running?.close()
      await thread?.stop()
      await services.close()
    })
    throw err
  }
  await closeHeld(log, async () => {
    await thread.stop()
    await services.close()
  })
  log.info('Emblem closed', { role: 'all' })
}

/** The HTTP thread's handle on the jobs thread. */
interface JobsThread {
  /** Settles once the thread's services are open; rejects with why they could not be. */
  ready: Promise<void>
  /** Settles with the error when the thread dies unasked (never when stopped). */
  died: Promise<Error>
  nudge(job: JobName): void
  /** Asks the thread to stop its jobs and close its store, and waits for it (up to JOBS_THREAD_STOP_MS, then ends it). Idempotent. */
  stop(): Promise<void>
}

/** Starts jobs-thread.ts on a worker thread: the compiled .js, or the .ts through tsx (jobs-thread-entry.mjs) from sources. Its counts go to `metrics`. */
function startJobsThread(config: Config, metrics: Metrics, log: Logger): JobsThread {
  const here = import.meta.url
  const worker = new WorkerThread(new URL(here.endsWith('.ts') ? './jobs-thread-entry.mjs' : './jobs-thread.js', here), { workerData: { jobsThread: { config } } })
  let isStopping = false
  let markReady!: () => void
  let failReady!: (err: Error) => void
  const ready = new Promise<void>((resolve, reject) => ((markReady = resolve), (failReady = reject)))
  ready.catch(() => {}) // awaited by the caller while it waits; a failure after that is `died`'s
  let markDied!: (err: Error) => void
  const died = new Promise<Error>((resolve) => (markDied = resolve))
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  worker.on('message', (message: FromJobsThread) => {
    switch (message.type) {
      case 'ready':
        return markReady()
      case 'failed':
        return failReady(message.code ? new PlatformError(message.code as ErrorCode, message.message) : new Error(`the jobs thread could not start: ${message.message}`))
      case 'job':
        return metrics.observeJob(message.job, message.run)
      case 'issued':
        return metrics.credentialsIssued(message.count)
      case 'batch-rows':
        return metrics.batchRows(message.outcome)
      case 'stopped':
        return
    }
  })
  worker.on('error', (err) => {
    log.error('the jobs thread failed', { error: err.message })
    failReady(err)
    markDied(err)
  })
  worker.on('exit', (code) => {
    const err = new Error(`the jobs thread exited (code ${code})`)
    failReady(err)
    if (!isStopping) markDied(err)
  })
  let stopping: Promise<void> | undefined
  return {
    ready,
    died,
    nudge: (job) => worker.postMessage({ type: 'nudge', job } satisfies ToJobsThread),
    stop() {
      stopping ??= (async () => {
        isStopping = true
        worker.postMessage({ type: 'stop' } satisfies ToJobsThread)
        const timer = setTimeout(() => {
          log.warn('the jobs thread did not stop in time; ending it', { ms: JOBS_THREAD_STOP_MS })
          void worker.terminate()
        }, JOBS_THREAD_STOP_MS)
        await exited
        clearTimeout(timer)
      })()
      return stopping
    },
  }
}

// `tsx src/main.ts` (npm run dev) serves directly; the CLI's `emblem serve` is the usual way.
if (isMainThread && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await serveUntilStopped(loadConfig())
}
