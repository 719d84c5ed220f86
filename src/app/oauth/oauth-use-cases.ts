// The OB 3.0 API (issue #13): the OAuth server's storage (oidc-provider's adapter calls these), the
// learner's authorizations (grants) and what the API serves: wallet credentials and the Profile.
import { PlatformError } from '../../core/errors.js'
import type { PlatformPorts } from '../platform/ports.js'
import type { OAuthClientInfo } from './consent-gate.js'
import type { OAuthRecord } from './ports.js'
import { isObScope } from './scopes.js'

/** A client the learner connected: the authorizations (OAuth grants) they gave it, together. */
export interface OAuthGrantView {
  /** The client's id (what disconnecting names). */
  id: string
  client: OAuthClientInfo
  scopes: string[]
  grantedAt: string
  expiresAt: string | null
}

/** A page of the learner's wallet credentials as the API serves them. */
export interface ObCredentialPage {
  total: number
  /** JSON credentials (embedded proofs) as objects. */
  credentials: Record<string, unknown>[]
  /** VC-JWTs as compact strings. */
  compactJws: string[]
}

export interface OAuthUseCases {
  /** The adapter's storage (oidc-provider models), with the platform's clock. */
  readonly records: {
    upsert(model: string, id: string, payload: Record<string, unknown>, expiresInSeconds: number | undefined): Promise<void>
    find(model: string, id: string): Promise<OAuthRecord | undefined>
    findByUid(model: string, uid: string): Promise<OAuthRecord | undefined>
    findByUserCode(model: string, userCode: string): Promise<OAuthRecord | undefined>
    consume(model: string, id: string): Promise<void>
    destroy(model: string, id: string): Promise<void>
    revokeByGrantId(grantId: string): Promise<void>
  }
  /** The keys the OAuth server signs its cookies with: made once, shared by every process of the instance. */
  cookieKeys(): Promise<string[]>
  /** A registered client as a learner sees it, or undefined. */
  client(clientId: string): Promise<OAuthClientInfo | undefined>
  /** The clients the learner authorized (one entry per client, its grants' scopes together), newest first. */
  grants(userId: string): Promise<OAuthGrantView[]>
  /** Disconnects the client: withdraws every authorization the learner gave it and every token made under them (404 when there is none). */
  revokeGrant(userId: string, clientId: string): Promise<void>
  /** The learner's wallet credentials (OB 3.0 / VC, not OB 2.0 assertions), newest first, `offset`..`offset + limit`. */
  credentials(userId: string, page: { limit: number; offset: number; since?: Date | undefined }): Promise<ObCredentialPage>
  /** The learner's OB 3.0 Profile: the one kept by PUT /profile, else one made from the account. */
  profile(userId: string): Promise<Record<string, unknown> | undefined>
  /** Keeps the learner's Profile (a JSON object whose `type` includes `Profile`). */
  putProfile(userId: string, profile: unknown): Promise<Record<string, unknown>>
}

const SWEEP_EVERY = 100
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)

export const clientInfoOf = (clientId: string, p: Record<string, unknown>): OAuthClientInfo => ({
  clientId,
  name: str(p.client_name) ?? clientId,
  clientUri: str(p.client_uri),
  logoUri: str(p.logo_uri),
  policyUri: str(p.policy_uri),
  tosUri: str(p.tos_uri),
  redirectUris: Array.isArray(p.redirect_uris) ? p.redirect_uris.filter((u): u is string => typeof u === 'string') : [],
})

/** The scopes a grant payload holds (OB scopes of its resources, then its OAuth scopes). */
export const grantScopes = (p: Record<string, unknown>): string[] => {
  const out = new Set<string>()
  const resources = p.resources
  if (resources && typeof resources === 'object') for (const s of Object.values(resources)) if (typeof s === 'string') for (const x of s.split(' ')) if (x) out.add(x)
  const openid = p.openid as { scope?: unknown } | undefined
  if (typeof openid?.scope === 'string') for (const x of openid.scope.split(' ')) if (x) out.add(x)
  return [...out].sort((a, b) => Number(isObScope(b)) - Number(isObScope(a)) || a.localeCompare(b))
}

export function oauthUseCases(ports: Pick<PlatformPorts, 'store' | 'clock' | 'random' | 'holderKeys'>): OAuthUseCases {
  const repo = ports.store.repos.oauth
  const now = () => ports.clock.now().getTime()
  let writes = 0
  let cookieKeys: Promise<string[]> | undefined
  const client = async (clientId: string) => {
    const record = await repo.find('Client', clientId, now())
    return record ? clientInfoOf(clientId, record.payload) : undefined
  }
  return {
    records: {
      async upsert(model, id, payload, expiresIn) {
        const at = now()
        await repo.upsert(model, id, payload, expiresIn === undefined ? null : at + expiresIn * 1000, at)
        if (++writes >= SWEEP_EVERY) {
          writes = 0
          await repo.sweep(at, 500)
        }
      },
      find: (model, id) => repo.find(model, id, now()),
      findByUid: (model, uid) => repo.findByUid(model, uid, now()),
      findByUserCode: (model, code) => repo.findByUserCode(model, code, now()),
      consume: (model, id) => repo.consume(model, id, now()),
      destroy: (model, id) => repo.destroy(model, id),
      revokeByGrantId: (grantId) => repo.revokeByGrantId(grantId),
    },
    cookieKeys() {
      cookieKeys ??= (async () => {
        const existing = await repo.find('Secret', 'cookie-keys', now())
        const keys = existing?.payload.keys
        if (Array.isArray(keys) && keys.every((k) => typeof k === 'string') && keys.length > 0) return keys as string[]
        // Two processes may race to make them: the first insert wins, and both read it back.
        await repo.insertNew('Secret', 'cookie-keys', { keys: [ports.random.token(32)] }, now())
        const kept = (await repo.find('Secret', 'cookie-keys', now()))?.payload.keys
        if (!Array.isArray(kept)) throw new PlatformError('ERR_STORE_UNAVAILABLE', 'The OAuth cookie keys could not be stored')
        return kept as string[]
      })()
      return cookieKeys
    },
    client,
    async grants(userId) {
      // One connection per client: the authorizations the learner gave it, their scopes together.
      const records = await repo.byAccount('Grant', userId, now())
      const byClient = new Map<string, OAuthGrantView>()
      for (const r of records) {
        const clientId = str(r.payload.clientId)
        if (!clientId) continue
        const iat = typeof r.payload.iat === 'number' ? new Date(r.payload.iat * 1000).toISOString() : new Date(0).toISOString()
        const expiresAt = r.expiresAt === null ? null : new Date(r.expiresAt).toISOString()
        const seen = byClient.get(clientId)
        if (seen) {
          seen.scopes = [...new Set([...seen.scopes, ...grantScopes(r.payload)])].sort((a, b) => Number(isObScope(b)) - Number(isObScope(a)) || a.localeCompare(b))
          if (iat < seen.grantedAt) seen.grantedAt = iat
          if (expiresAt && (!seen.expiresAt || expiresAt > seen.expiresAt)) seen.expiresAt = expiresAt
          continue
        }
        const info = await client(clientId)
        if (!info) continue
        byClient.set(clientId, { id: clientId, client: info, scopes: grantScopes(r.payload), grantedAt: iat, expiresAt })
      }
      return [...byClient.values()]
    },
    async revokeGrant(userId, clientId) {
      const records = (await repo.byAccount('Grant', userId, now())).filter((r) => r.payload.clientId === clientId)
      if (records.length === 0) throw new PlatformError('ERR_NOT_FOUND', 'No such connection')
      for (const r of records) {
        await repo.revokeByGrantId(r.id)
        await repo.destroy('Grant', r.id)
      }
    },
    async credentials(userId, { limit, offset, since }) {
      const items = (await ports.store.repos.walletItems.list(userId)).filter((i) => i.format !== 'ob2' && (!since || new Date(i.addedAt) >= since))
      const page = items.slice(offset, offset + limit)
      const credentials: Record<string, unknown>[] = []
      const compactJws: string[] = []
      for (const item of page) {
        const doc = item.document.trim()
        if (item.format === 'vc-jwt') {
          compactJws.push(doc.startsWith('"') ? (JSON.parse(doc) as string) : doc)
        } else {
          credentials.push(JSON.parse(doc) as Record<string, unknown>)
        }
      }
      return { total: items.length, credentials, compactJws }
    },
    async profile(userId) {
      const kept = await ports.store.repos.obProfiles.get(userId)
      if (kept) return kept
      const user = await ports.store.repos.accounts.userById(userId)
      if (!user) return undefined
      const { did } = await ports.holderKeys.ensure(userId)
      return { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'], id: did, type: ['Profile'], name: user.name, email: user.email }
    },
    async putProfile(userId, profile) {
      if (!profile || typeof profile !== 'object' || Array.isArray(profile)) throw new PlatformError('ERR_INPUT_INVALID', 'The Profile must be a JSON object')
      const p = profile as Record<string, unknown>
      const type = p.type
      const types = Array.isArray(type) ? type : [type]
      if (!types.includes('Profile')) throw new PlatformError('ERR_INPUT_INVALID', 'The Profile\'s type must include "Profile"')
      if (typeof p.id !== 'string' || p.id === '') throw new PlatformError('ERR_INPUT_INVALID', 'The Profile needs an id (a URI)')
      if (JSON.stringify(p).length > 65_536) throw new PlatformError('ERR_INPUT_TOO_LARGE', 'The Profile is larger than 64 KiB')
      await ports.store.repos.obProfiles.put(userId, p, ports.clock.now().toISOString())
      return p
    },
  }
}
