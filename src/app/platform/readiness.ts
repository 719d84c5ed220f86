// Readiness for load balancers: the database answers and its schema is the one this code expects.
import { PlatformError } from '../../core/errors.js'
import type { PlatformPorts } from './ports.js'

/** Resolves when the instance can serve: the database is reachable and every migration is applied; ERR_STORE_UNAVAILABLE otherwise. */
export async function checkReadiness({ store }: Pick<PlatformPorts, 'store'>): Promise<void> {
  let pending: string[]
  try {
    pending = await store.pendingMigrations()
  } catch (err) {
    if (err instanceof PlatformError && err.code === 'ERR_STORE_UNAVAILABLE') throw err
    throw new PlatformError('ERR_STORE_UNAVAILABLE', `The ${store.dialect} database cannot be reached`, { cause: err })
  }
  if (pending.length > 0)
    throw new PlatformError('ERR_STORE_UNAVAILABLE', `The database schema is not current: ${pending.length} migration(s) pending (${pending.join(', ')}); run \`emblem migrate\``)
}
