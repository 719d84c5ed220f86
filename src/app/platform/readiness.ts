// Readiness for load balancers: the database answers, its schema is the one this code expects, and its
// log is not behind the last checkpoint this instance signed (the high-water mark outside the database).
import { PlatformError } from '../../core/errors.js'
import type { PlatformPorts } from './ports.js'

/**
 * Resolves when the instance can serve: the database is reachable and every migration is applied
 * (ERR_STORE_UNAVAILABLE otherwise), and its log was not refused as rewound or forked (ERR_LOG_UNAVAILABLE).
 */
export async function checkReadiness({ store, logHead }: Pick<PlatformPorts, 'store' | 'logHead'>): Promise<void> {
  let pending: string[]
  try {
    pending = await store.pendingMigrations()
  } catch (err) {
    if (err instanceof PlatformError && err.code === 'ERR_STORE_UNAVAILABLE') throw err
    throw new PlatformError('ERR_STORE_UNAVAILABLE', `The ${store.dialect} database cannot be reached`, { cause: err })
  }
  if (pending.length > 0)
    throw new PlatformError('ERR_STORE_UNAVAILABLE', `The database schema is not current: ${pending.length} migration(s) pending (${pending.join(', ')}); run \`emblem migrate\``)
  await logHead?.ready()
}
