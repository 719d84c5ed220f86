import { randomBytes, randomInt, randomUUID } from 'node:crypto'
import type { Clock, KeyRing, Platform, RandomSource } from './app/platform/ports.js'
import { createKeyRing } from './keys/org-key-ring.js'
import type { MasterKey } from './keys/master-key.js'
import type { Store } from './store/index.js'

/** Randomness from node's CSPRNG. */
export const systemRandom: RandomSource = Object.freeze({
  uuid: () => randomUUID(),
  token: (bytes = 32) => randomBytes(bytes).toString('base64url'),
  int: (max: number) => randomInt(max),
})

/** The system clock. */
export const systemClock: Clock = Object.freeze({ now: () => new Date() })

/** What a Platform is built from. */
export interface PlatformParts {
  store: Store
  masterKey: MasterKey
  publicUrl: string
  smtpConfigured?: boolean
  /** Where the platform keeps files (Config.dataDir); see Platform.dataDir. */
  dataDir?: string
  clock?: Clock
  random?: RandomSource
  onLogAppended?: () => void
}

/** A Platform plus the hook background workers register their wake-up call with. */
export interface PlatformHandle extends Platform {
  /** Registers the function `wake(name)` calls (one per worker name; the last one wins). */
  onWake(worker: 'batches' | 'mail', wake: () => void): void
}

/**
 * Binds the platform's ports to adapters: the store, a key ring over the store's org keys sealed
 * by the master key, the clock and randomness. The server, CLI, jobs and tests all build it here.
 */
export function createPlatform({ store, masterKey, publicUrl, smtpConfigured = false, dataDir, clock = systemClock, random = systemRandom, onLogAppended = () => {} }: PlatformParts): PlatformHandle {
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
  const wakers = new Map<'batches' | 'mail', () => void>()
  return {
    store,
    clock,
    random,
    keys,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    smtpConfigured,
    ...(dataDir === undefined ? {} : { dataDir }),
    onLogAppended,
    wake: (worker) => wakers.get(worker)?.(),
    onWake: (worker, wake) => void wakers.set(worker, wake),
  }
}
