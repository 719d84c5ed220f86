import { mkdir } from 'node:fs/promises'
import type { Server } from 'node:http'
import { dirname } from 'node:path'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { loadConfig, type Config } from './config.js'
import { createErrorHandler, notFound, setHtmlProblemRenderer } from './http/error-response.js'
import { htmlProblemPage } from './web/pages/problem/problem-page.js'
import { createLogger, type Logger } from './http/logger.js'
import { healthRoutes } from './http/routes/health.js'
import { logRoutes, type PublishedLog } from './http/routes/log.js'
import { webRoutes } from './web/routes.js'
import { setRenderVersion, setNavUserLoader } from './web/kit/render.js'
import { localeMiddleware } from './web/kit/locale.js'
import { assetRoutes } from './web/kit/asset-routes.js'
import { languageRoutes } from './web/pages/language/routes.js'
import { platformPages } from './web/platform-pages.js'
import { authenticate, csrfProtection } from './http/auth/authenticate.js'
import { apiRoutes } from './http/routes/api/index.js'
import { publicOrgRoutes } from './http/routes/public-orgs.js'
import { localFetch, publicCredentialRoutes } from './http/routes/public-credentials.js'
import { publicImageRoutes } from './http/routes/public-images.js'
import { publicStatusRoutes } from './http/routes/public-status.js'
import { openApiDocument, type OpenApiJson } from './http/openapi/document.js'
import { openApiRoutes } from './http/openapi/openapi-routes.js'
import { apiDocsRoutes } from './web/pages/api-docs/routes.js'
import type { Platform } from './app/platform/platform.js'
import { createPlatform, type PlatformHandle } from './platform.js'
import { loadOrCreateMasterKey } from './keys/master-key.js'
import { logOrigin } from './app/log-checkpoint.js'
import { startCheckpointer, type Checkpointer } from './jobs/checkpointer.js'
import { startBatchRunner, type BatchRunner } from './jobs/batch-runner.js'
import { startDevMailLog } from './jobs/dev-mail-log.js'
import { startMailDelivery } from './jobs/mail-delivery.js'
import { startExpiryReminders } from './jobs/expiry-reminders.js'
import { createSmtpTransport } from './mail/smtp-transport.js'
import { loadOrCreateLogSigner } from './keys/log-signer-key.js'
import { isPostgresUrl, openStore, type Store } from './store/index.js'

/** A request path for the log, with the one-time tokens some paths carry (claim and invitation links) left out. */
export const redactPath = (path: string): string => path.replace(/^\/(claim|invitations)\/[^/]+/, '/$1/[token]').replace(/^(\/api\/v1\/invitations)\/[^/]+/, '$1/[token]')

/** What the app is built from besides its configuration. */
export interface AppDeps {
  log?: Logger
  /** The transparency log this instance publishes under /log; without it, /log answers 503. */
  transparencyLog?: PublishedLog
  /** The issuer platform's use cases (accounts, organizations, issuance); without it only the engine's routes exist. */
  platform?: Platform
}

/**
 * The whole HTTP surface as a Hono app, testable in-process with `app.request(path)`.
 * Composition root: configuration in, routes wired, no port opened.
 */
export function createApp(config: Config, { log = createLogger(config.logLevel), transparencyLog, platform }: AppDeps = {}): Hono {
  const app = new Hono()
  // The OpenAPI document of the routes mounted below, built on first use.
  let document: OpenApiJson | undefined
  const openapi = () => (document ??= openApiDocument({ version: config.version, publicUrl: config.publicUrl }))
  setRenderVersion(config.version)
  setNavUserLoader(async (c) => {
    const actor = c.get('actor')
    if (actor?.kind !== 'user' || !platform) return undefined
    const memberships = await platform.orgs.ofUser(actor.user.id)
    return { name: actor.user.name, email: actor.user.email, orgs: memberships.map((m) => ({ slug: m.org.slug, name: m.org.name, role: m.role })) }
  })
  setHtmlProblemRenderer(platform ? htmlProblemPage : undefined)
  app.use(
    secureHeaders({
      // A route's own header wins (e.g. /images/:id: CSP for SVG, cross-origin embedding of badges).
      overwrite: false,
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
  )
  app.use(async (c, next) => {
    const started = performance.now()
    await next()
    log.debug('request', { method: c.req.method, path: redactPath(c.req.path), status: c.res.status, ms: Math.round(performance.now() - started) })
  })
  app.use(localeMiddleware())
  app.route('/', healthRoutes(config.version, platform ? () => platform.ready() : undefined))
  app.route('/', assetRoutes())
  if (platform) {
    const fetchLocal = localFetch((path, init) => app.request(path, init))
    app.use(async (c, next) => {
      c.set('platform', platform)
      c.set('fetchLocal', fetchLocal)
      await next()
    })
    // Public credential documents, verification and the API description need no session: served before authentication.
    app.route('/', publicCredentialRoutes())
    app.route('/', openApiRoutes(openapi))
    app.use(authenticate(), csrfProtection())
    app.route('/api/v1', apiRoutes())
    app.route('/', publicOrgRoutes())
    app.route('/', publicImageRoutes())
    app.route('/', publicStatusRoutes())
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
  { log = createLogger(config.logLevel), transparencyLog, platform, handleSignals = true, graceMs = 10_000 }: AppDeps & { handleSignals?: boolean; graceMs?: number } = {},
): Promise<RunningServer> {
  const app = createApp(config, { log, ...(transparencyLog ? { transparencyLog } : {}), ...(platform ? { platform } : {}) })
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
  checkpointer: Checkpointer
  /** The issuer platform over the store, its keys sealed by the master key: the bound use cases and the ports. */
  platform: PlatformHandle
  /** The bulk issuance worker (CSV batches). */
  batches: BatchRunner
  /** Stops the workers (after the chunk, message and signing in flight) and closes the store. */
  close(): Promise<void>
}

/**
 * Opens the store named by the configuration (SQLite under the data directory by default, or
 * PostgreSQL), brings its schema up to date, loads or creates the master key and the log's signing
 * key, and starts the background workers: the checkpointer (signs the log after each batch and
 * every 5 s while entries are pending), the batch runner (CSV issuance, resuming unfinished
 * batches) and, with EMBLEM_SMTP_URL, e-mail delivery.
 */
export async function openServices(config: Config, log: Logger = createLogger(config.logLevel)): Promise<Services> {
  const store = await openMigratedStore(config, log)
  try {
    const origin = logOrigin(config.publicUrl)
    const masterKey = await loadOrCreateMasterKey(config.masterKey)
    const { signer, verifierKey } = await loadOrCreateLogSigner(config.logKeyFile, origin, masterKey)
    const checkpointer = startCheckpointer({
      store,
      signer,
      origin,
      onSigned: ({ checkpoint }) => log.debug('checkpoint signed', { size: checkpoint.size }),
      onError: (err) => log.error('checkpoint signing failed', { error: err instanceof Error ? err.message : String(err) }),
    })
    const platform = createPlatform({
      store,
      masterKey,
      publicUrl: config.publicUrl,
      dataDir: config.dataDir,
      fetch: config.fetch,
      smtpConfigured: config.smtpUrl !== undefined,
      adminEmails: config.adminEmails,
      devMailLog: config.dev && config.smtpUrl === undefined,
      onLogAppended: checkpointer.notify,
    })
    const errorOf = (err: unknown) => (err instanceof Error ? err.message : String(err))
    const batches = startBatchRunner({ platform: platform.ports, onError: (err) => log.error('batch runner failed', { error: errorOf(err) }) })
    platform.onWake('batches', batches.notify)
    batches.notify() // resumes batches a previous process left unfinished
    const transport = config.smtpUrl ? createSmtpTransport(config.smtpUrl) : undefined
    const mail = transport
      ? startMailDelivery({
          platform: platform.ports,
          transport,
          from: config.mailFrom,
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
      !mail && config.dev
        ? startDevMailLog({
            platform: platform.ports,
            print: (entry, links) => log.info('e-mail held (no SMTP; EMBLEM_DEV prints it here)', { to: entry.to, subject: entry.subject, links, text: entry.text }),
            onError: (err) => log.error('printing held e-mail failed', { error: errorOf(err) }),
          })
        : undefined
    if (devMail) platform.onWake('mail', devMail.notify)
    // Wallet credentials about to expire: their owners are reminded 30 and 7 days before, once each.
    const reminders = startExpiryReminders({ platform: platform.ports, onError: (err) => log.error('expiry reminders failed', { error: errorOf(err) }) })
    return {
      store,
      checkpointer,
      platform,
      batches,
      transparencyLog: { reader: store.log, verifierKey },
      async close() {
        await batches.stop()
        await mail?.stop()
        await devMail?.stop()
        await reminders.stop()
        transport?.close()
        await checkpointer.stop()
        await platform.platform.flush() // the page views and verifications counted since the last batch
        await store.close()
      },
    }
  } catch (err) {
    await store.close()
    throw err
  }
}

/**
 * The store named by the configuration with its schema brought up to date (what `emblem migrate`
 * does on its own): a SQLite file's directory is created (mode 0700) when missing.
 */
export async function openMigratedStore(config: Config, log?: Logger): Promise<Store> {
  if (!isPostgresUrl(config.databaseUrl) && config.databaseUrl !== ':memory:')
    await mkdir(dirname(config.databaseUrl), { recursive: true, mode: 0o700 })
  const store = await openStore({
    url: config.databaseUrl,
    ...(log ? { onConnectionError: (err: Error) => log.warn('database connection lost', { error: err.message }) } : {}),
  })
  try {
    await store.migrate()
    return store
  } catch (err) {
    await store.close()
    throw err
  }
}

/** Serves the whole platform until SIGINT/SIGTERM: what `emblem serve` and `npm start` run. */
export async function serveUntilStopped(config: Config): Promise<void> {
  const log = createLogger(config.logLevel)
  const services = await openServices(config, log)
  const running = await startServer(config, { log, transparencyLog: services.transparencyLog, platform: services.platform.platform })
  await running.closed
  await services.close()
}

// `tsx src/main.ts` (npm run dev) serves directly; the CLI's `emblem serve` is the usual way.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await serveUntilStopped(loadConfig())
}
