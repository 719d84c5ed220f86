// What trust reads and writes: trusted external issuers and the registries an administrator
// subscribed to (implemented by src/store/platform/trust.ts).

/** Where a registry's entries come from: the Digital Credentials Consortium's registry JSON, or a plain list. */
export type RegistryFormat = 'dcc' | 'list'

/** A registry an administrator subscribed to. */
export interface TrustRegistryRecord {
  id: string
  name: string
  url: string
  format: RegistryFormat
  /** When its entries were last replaced from the registry, or null before the first refresh. */
  refreshedAt: string | null
  /** Why the last refresh failed, or null when it succeeded (the entries of the last success are kept). */
  lastError: string | null
  /** When the last refresh failed, or null. */
  lastErrorAt: string | null
  createdAt: string
  /** How many issuers it lists. */
  issuerCount: number
}

/** A trusted external issuer: added by hand, or an entry of a registry. */
export interface TrustedIssuerRecord {
  id: string
  /** The issuer's DID or Profile URL, as credentials name it. */
  issuerId: string
  name: string
  note: string
  source: 'manual' | 'registry'
  registryId: string | null
  /** The registry's name, for entries of a registry. */
  registryName: string | null
  createdAt: string
}

/** An entry a registry lists. */
export interface RegistryEntry {
  issuerId: string
  name: string
}

export interface TrustRepo {
  /** Trusted issuers added by hand and, with `registryId`, that registry's entries; newest first, at most `limit`. */
  listIssuers(filter: { source?: 'manual' | 'registry'; registryId?: string; limit: number }): Promise<TrustedIssuerRecord[]>
  /** Every trusted entry of `issuerId` (by hand first, then registries by name). */
  issuersWithId(issuerId: string): Promise<TrustedIssuerRecord[]>
  /** Adds a trusted issuer by hand. */
  addManual(issuer: { id: string; issuerId: string; name: string; note: string; createdAt: string }): Promise<void>
  /** Removes a trusted issuer added by hand; false when there is none with `id`. */
  removeManual(id: string): Promise<boolean>
  registries(): Promise<TrustRegistryRecord[]>
  registry(id: string): Promise<TrustRegistryRecord | undefined>
  registryByUrl(url: string): Promise<TrustRegistryRecord | undefined>
  addRegistry(registry: { id: string; name: string; url: string; format: RegistryFormat; createdAt: string }): Promise<void>
  /** Removes a registry and its entries; false when there is none. */
  removeRegistry(id: string): Promise<boolean>
  /** Replaces the registry's entries with `entries` and marks it refreshed at `at` (call inside a transaction). */
  replaceEntries(registryId: string, entries: readonly (RegistryEntry & { id: string })[], at: string): Promise<void>
  /** Keeps the registry's entries and records why its refresh failed. */
  recordError(registryId: string, error: string, at: string): Promise<void>
}
