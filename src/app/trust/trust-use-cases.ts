// Trusted issuers: this instance's organizations always; external issuers an administrator
// (EMBLEM_ADMIN_EMAILS, address confirmed) adds by hand or through registries it subscribes to,
// fetched through the guarded fetcher and refreshed on a schedule (jobs/trust-refresher.ts).
import { PlatformError } from '../../core/errors.js'
import { parseInput } from '../platform/input-error.js'
import type { PlatformPorts } from '../platform/ports.js'
import type { TrustedIssuerRecord, TrustRegistryRecord } from './ports.js'
import { registryEntries } from './registry-format.js'
import { trustedIssuerInput, trustRegistryInput } from './trust-input.js'
import { trustOf, type TrustVerdict } from './trust-check.js'

/** How often registries are fetched again (the refresher's interval). */
export const REGISTRY_REFRESH_MS = 6 * 60 * 60 * 1000

/** The most issuers added by hand the administration lists. */
const MANUAL_LIMIT = 1000

/** What the administration page and API show. */
export interface TrustOverview {
  issuers: TrustedIssuerRecord[]
  registries: TrustRegistryRecord[]
}

export interface TrustUseCases {
  /** Whether the user may manage trust: an administrator of the instance whose address is confirmed. */
  isAdmin(userId: string): Promise<boolean>
  /** The issuers added by hand and the registries; ERR_FORBIDDEN for anyone but an administrator. */
  overview(userId: string): Promise<TrustOverview>
  /** A registry's entries as last fetched (at most `limit`); ERR_NOT_FOUND for an unknown registry. */
  registryIssuers(userId: string, registryId: string, limit: number): Promise<{ registry: TrustRegistryRecord; issuers: TrustedIssuerRecord[] }>
  /** Trusts an issuer by hand (its DID or Profile URL, a name, a note); ERR_CONFLICT when it is already added by hand. */
  addIssuer(userId: string, input: unknown): Promise<TrustedIssuerRecord>
  removeIssuer(userId: string, id: string): Promise<void>
  /** Subscribes to a registry and fetches it at once (a failed first fetch is kept as its last error). ERR_CONFLICT for a URL already subscribed. */
  addRegistry(userId: string, input: unknown): Promise<TrustRegistryRecord>
  removeRegistry(userId: string, id: string): Promise<void>
  /** Fetches a registry now and replaces its entries (its error kept when it fails). */
  refreshRegistry(userId: string, id: string): Promise<TrustRegistryRecord>
  /** Fetches every registry not refreshed within `REGISTRY_REFRESH_MS` (the scheduled job); errors are recorded per registry. */
  refreshDue(): Promise<{ refreshed: number; failed: number }>
  /** Whether an issuer (DID or Profile URL) is trusted, and by which list. */
  trustOf(issuerId: string): Promise<TrustVerdict>
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 500)

export function trustUseCases(ports: PlatformPorts): TrustUseCases {
  const { store, clock, random, adminEmails = [] } = ports
  const isAdmin = async (userId: string) => {
    const user = await store.repos.accounts.userById(userId)
    return Boolean(user && user.emailVerifiedAt && adminEmails.includes(user.email.toLowerCase()))
  }
  const requireAdmin = async (userId: string) => {
    if (!(await isAdmin(userId))) throw new PlatformError('ERR_FORBIDDEN', 'Only the instance’s administrators (EMBLEM_ADMIN_EMAILS, address confirmed) manage trusted issuers')
  }
  const registryOr404 = async (id: string) => {
    const registry = id.length <= 100 ? await store.repos.trust.registry(id) : undefined
    if (!registry) throw new PlatformError('ERR_NOT_FOUND', `No trust registry ${id.slice(0, 100)}`)
    return registry
  }

  /** Fetches and reads a registry, then replaces its entries in one transaction; records the error instead when it fails. */
  const refresh = async (registry: TrustRegistryRecord): Promise<boolean> => {
    const at = clock.now().toISOString()
    try {
      if (!ports.fetcher) throw new PlatformError('ERR_FETCH_BLOCKED', 'This instance fetches no remote documents')
      const { status, body } = await ports.fetcher(registry.url, { accept: 'application/json' })
      if (status !== 200) throw new PlatformError('ERR_FETCH_FAILED', `${registry.url} answered HTTP ${status}`)
      let document: unknown
      try {
        document = JSON.parse(new TextDecoder().decode(body))
      } catch {
        throw new PlatformError('ERR_FETCH_FAILED', `${registry.url} did not return JSON`)
      }
      const entries = registryEntries(document, registry.format).map((e) => ({ ...e, id: random.uuid() }))
      await store.transaction((tx) => tx.repos.trust.replaceEntries(registry.id, entries, at))
      return true
    } catch (err) {
      await store.repos.trust.recordError(registry.id, errorText(err), at)
      return false
    }
  }

  return {
    isAdmin,
    async overview(userId) {
      await requireAdmin(userId)
      const [issuers, registries] = await Promise.all([store.repos.trust.listIssuers({ source: 'manual', limit: MANUAL_LIMIT }), store.repos.trust.registries()])
      return { issuers, registries }
    },
    async registryIssuers(userId, registryId, limit) {
      await requireAdmin(userId)
      const registry = await registryOr404(registryId)
      return { registry, issuers: await store.repos.trust.listIssuers({ registryId, limit }) }
    },
    async addIssuer(userId, input) {
      await requireAdmin(userId)
      const { issuerId, name, note } = parseInput(trustedIssuerInput, input)
      const existing = await store.repos.trust.issuersWithId(issuerId)
      if (existing.some((e) => e.source === 'manual')) throw new PlatformError('ERR_CONFLICT', `${issuerId} is already a trusted issuer`)
      const id = random.uuid()
      await store.repos.trust.addManual({ id, issuerId, name, note, createdAt: clock.now().toISOString() })
      const [added] = (await store.repos.trust.issuersWithId(issuerId)).filter((e) => e.id === id)
      return added!
    },
    async removeIssuer(userId, id) {
      await requireAdmin(userId)
      if (id.length > 100 || !(await store.repos.trust.removeManual(id))) throw new PlatformError('ERR_NOT_FOUND', `No trusted issuer ${id.slice(0, 100)} added by hand`)
    },
    async addRegistry(userId, input) {
      await requireAdmin(userId)
      const { name, url, format } = parseInput(trustRegistryInput, input)
      if (await store.repos.trust.registryByUrl(url)) throw new PlatformError('ERR_CONFLICT', `Already subscribed to ${url}`)
      const id = random.uuid()
      await store.repos.trust.addRegistry({ id, name, url, format, createdAt: clock.now().toISOString() })
      await refresh(await registryOr404(id))
      return registryOr404(id)
    },
    async removeRegistry(userId, id) {
      await requireAdmin(userId)
      await registryOr404(id)
      await store.transaction(async (tx) => void (await tx.repos.trust.removeRegistry(id)))
    },
    async refreshRegistry(userId, id) {
      await requireAdmin(userId)
      await refresh(await registryOr404(id))
      return registryOr404(id)
    },
    async refreshDue() {
      const due = new Date(clock.now().getTime() - REGISTRY_REFRESH_MS).toISOString()
      let refreshed = 0
      let failed = 0
      for (const registry of await store.repos.trust.registries()) {
        // A registry that failed is tried again at the next run; one refreshed recently waits its turn.
        if (registry.refreshedAt !== null && registry.refreshedAt > due && registry.lastError === null) continue
        if (await refresh(registry)) refreshed += 1
        else failed += 1
      }
      return { refreshed, failed }
    },
    trustOf: (issuerId) => trustOf(ports, issuerId),
  }
}
