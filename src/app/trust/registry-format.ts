import type { RegistryEntry, RegistryFormat } from './ports.js'
import { isIssuerId, TRUST_LIMITS } from './trust-input.js'

/** The most entries one registry may list (beyond it the refresh fails rather than trusting a part). */
export const MAX_REGISTRY_ENTRIES = 20_000

/** Why a registry's document cannot be read (kept as the registry's last error). */
export class RegistryFormatError extends Error {
  override name = 'RegistryFormatError'
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const nameOf = (value: unknown, fallback: string): string => {
  const name = typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : ''
  return [...(name || fallback)].slice(0, TRUST_LIMITS.name).join('')
}

/**
 * The issuers a registry document lists, each once (the first name wins).
 * - `dcc`: the Digital Credentials Consortium's issuer registry JSON (what
 *   @digitalcredentials/issuer-registry-client reads): `{ "meta": {…}, "registry": { "<did>": { "name", "location", "url" } } }`
 *   (`entries` is accepted for `registry`).
 * - `list`: `[{ "id": "<did or url>", "name": "…" }]` or `{ "issuers": [ … ] }`.
 * Entries whose id is not a DID or an http(s) URL are skipped; a document of neither shape is a RegistryFormatError.
 */
export function registryEntries(document: unknown, format: RegistryFormat): RegistryEntry[] {
  const found = new Map<string, RegistryEntry>()
  const add = (id: unknown, name: unknown) => {
    if (typeof id !== 'string') return
    const issuerId = id.trim()
    if (issuerId.length > TRUST_LIMITS.issuerId || !isIssuerId(issuerId) || found.has(issuerId)) return
    if (found.size >= MAX_REGISTRY_ENTRIES) throw new RegistryFormatError(`The registry lists more than ${MAX_REGISTRY_ENTRIES} issuers`)
    found.set(issuerId, { issuerId, name: nameOf(name, issuerId) })
  }
  if (format === 'dcc') {
    const registry = isObject(document) ? (document.registry ?? document.entries) : undefined
    if (!isObject(registry)) throw new RegistryFormatError('Not a Digital Credentials Consortium registry: no "registry" object of DIDs')
    for (const [did, entry] of Object.entries(registry)) add(did, isObject(entry) ? entry.name : undefined)
  } else {
    const list = Array.isArray(document) ? document : isObject(document) ? document.issuers : undefined
    if (!Array.isArray(list)) throw new RegistryFormatError('Not an issuer list: expected [{ "id", "name" }] or { "issuers": [ … ] }')
    for (const item of list) if (isObject(item)) add(item.id, item.name)
  }
  return [...found.values()]
}
