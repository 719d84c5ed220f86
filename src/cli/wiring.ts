// The CLI's composition root (with src/cli/main.ts): configuration in, adapters wired, the
// services commands use out. The only CLI file besides main.ts that imports adapters. The server,
// the store and the platform are imported when a command first asks for them, so a command that
// only signs or verifies does not load them.
import { loadConfig } from '../config.js'
import { createGuardedFetcher } from '../fetch/index.js'
import { createLogger } from '../http/logger.js'
import type { MasterKey } from '../keys/master-key.js'
import type { Fetcher } from '../app/platform/fetcher.js'
import { PlatformError, isPlatformError } from '../core/errors.js'
import type { CliServices } from './services.js'

/** Where the store is, without any password a PostgreSQL URL carries. */
const describeDatabase = (url: string, isPostgres: boolean): string => (isPostgres ? url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@') : url)

/**
 * With plain http allowed (local development), an https URL that cannot be reached is tried again
 * over http: did:web always names https, but a development instance answers on http://localhost.
 */
export function withHttpFallback(fetcher: Fetcher): Fetcher {
  return async (url, options) => {
    try {
      return await fetcher(url, options)
    } catch (err) {
      const target = new URL(String(url))
      if (target.protocol !== 'https:' || !isPlatformError(err, 'ERR_FETCH_FAILED')) throw err
      target.protocol = 'http:'
      return fetcher(target, options)
    }
  }
}

/** A master key for commands that never sign or seal (skills imports): using it is a bug. */
const NO_MASTER_KEY: MasterKey = {
  seal: () => {
    throw new TypeError('This command opened the platform without its master key')
  },
  open: () => {
    throw new TypeError('This command opened the platform without its master key')
  },
}

/** The services of the `emblem` command line, from the environment (EMBLEM_*). */
export function createCliServices(): CliServices {
  return {
    async serve({ port, role }) {
      const config = loadConfig(port === undefined ? {} : { PORT: port })
      await (await import('../main.js')).serveUntilStopped(config, role)
    },
    async migrate() {
      const config = loadConfig()
      const [{ openMigratedStore }, { isPostgresUrl }] = await Promise.all([import('../main.js'), import('../store/index.js')])
      const store = await openMigratedStore(config)
      await store.close()
      return { database: describeDatabase(config.databaseUrl, isPostgresUrl(config.databaseUrl)), dialect: store.dialect }
    },
    async withPlatform(work, { workers = false, quiet = false } = {}) {
      const config = loadConfig()
      const { openMigratedStore, openServices, createApp } = await import('../main.js')
      if (workers) {
        const { localFetch } = await import('../http/routes/public-credentials.js')
        const log = createLogger(quiet ? 'error' : 'warn')
        const services = await openServices(config, log)
        try {
          const app = createApp(config, { log, transparencyLog: services.transparencyLog, platform: services.platform.platform })
          return await work({
            platform: services.platform.platform,
            fetchLocal: localFetch((path, init) => app.request(path, init)),
            settleBatches: () => services.batches.settled(),
            settleLog: async () => {
              services.checkpointer.notify()
              await services.checkpointer.settled()
            },
          })
        } finally {
          await services.close()
        }
      }
      const { createPlatform } = await import('../platform.js')
      const store = await openMigratedStore(config)
      try {
        const { platform } = createPlatform({ store, masterKey: NO_MASTER_KEY, publicUrl: config.publicUrl, dataDir: config.dataDir })
        return await work({ platform, settleBatches: async () => {}, settleLog: async () => {} })
      } finally {
        await store.close()
      }
    },
    // Made anew on each call (a command asks once), from the configuration as it is then.
    fetcher: (allow = {}) => {
      const configured = loadConfig().fetch
      const allowHttp = configured.allowHttp || allow.http === true
      const fetcher = createGuardedFetcher({ ...configured, allowHttp, allowPrivateAddresses: configured.allowPrivateAddresses || allow.privateAddresses === true })
      return allowHttp ? withHttpFallback(fetcher) : fetcher
    },
    publicUrl: () => loadConfig().publicUrl,
    async backup(file, { force }) {
      const config = loadConfig()
      const { isPostgresUrl } = await import('../store/index.js')
      if (isPostgresUrl(config.databaseUrl)) throw new PlatformError('ERR_INPUT_INVALID', POSTGRES_BACKUP)
      const { backupSqlite } = await import('../store/sqlite/backup.js')
      return backupSqlite({ databasePath: config.databaseUrl, target: file, logKeyFile: config.logKeyFile, batchDir: config.batchDir, force })
    },
    async restore(file, { force }) {
      const config = loadConfig()
      const { isPostgresUrl } = await import('../store/index.js')
      if (isPostgresUrl(config.databaseUrl)) throw new PlatformError('ERR_INPUT_INVALID', POSTGRES_BACKUP)
      const { restoreSqlite } = await import('../store/sqlite/backup.js')
      const summary = await restoreSqlite({ backup: file, databasePath: config.databaseUrl, dataDir: config.dataDir, logKeyFile: config.logKeyFile, batchDir: config.batchDir, force })
      return { ...summary, database: config.databaseUrl }
    },
    async rotateMasterKey() {
      const config = loadConfig()
      const [{ openMigratedStore }, { rotateMasterKey }, { resealSecrets }] = await Promise.all([import('../main.js'), import('../keys/rotate-master.js'), import('../store/reseal-secrets.js')])
      const store = await openMigratedStore(config)
      try {
        const result = await rotateMasterKey({
          file: config.masterKey.file,
          value: config.masterKey.value,
          logKeyFile: config.logKeyFile,
          resealStore: (reseal) => resealSecrets(store.db, reseal),
        })
        return { ...result, keyFile: config.masterKey.file }
      } finally {
        await store.close()
      }
    },
    async forgetLogHead() {
      const config = loadConfig()
      const { forgetLogHead } = await import('../keys/log-head-file.js')
      const { forgotten, checkpoint } = await forgetLogHead(config.logHeadFile)
      return { location: config.logHeadFile, forgotten, ...(checkpoint ? { checkpoint: { origin: checkpoint.origin, size: checkpoint.size } } : {}) }
    },
    async *credentialsSignedBy(org, keyId) {
      const config = loadConfig()
      const [{ openMigratedStore }, { credentialsSignedBy }] = await Promise.all([import('../main.js'), import('../store/signed-by.js')])
      const store = await openMigratedStore(config)
      try {
        yield* credentialsSignedBy(store.db, org, keyId)
      } finally {
        await store.close()
      }
    },
  }
}

/** What `emblem backup` and `emblem restore` say on PostgreSQL, where the database's own tools do it. */
export const POSTGRES_BACKUP = [
  'emblem backup and emblem restore copy a SQLite database; this instance uses PostgreSQL (EMBLEM_DATABASE_URL). Use PostgreSQL\'s own tools:',
  '  back up:  pg_dump --format=custom --file=emblem.dump "$EMBLEM_DATABASE_URL"   (consistent while Emblem runs)',
  '  also keep: the log key file (EMBLEM_LOG_KEY_FILE or <data dir>/log-signer.key) and, apart from both, the master key;',
  '             not the log\'s high-water mark <data dir>/log-head: it stays where it is, so that a restored older database is refused',
  '  restore:  createdb emblem_restored && pg_restore --no-owner --dbname=postgres://…/emblem_restored emblem.dump, then emblem migrate',
  'See docs/OPERATIONS.md#backup-and-restore.',
].join('\n')
