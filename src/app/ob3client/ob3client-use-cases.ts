// Emblem as a client of other OB 3.0 hosts (issue #13 item 2): a learner connects a host by its base
// URL (its Service Description is read, Emblem registers itself there once, RFC 7591), authorizes
// Emblem on the host (authorization code with PKCE S256 and a state), then imports every credential
// the host keeps for them (paged by Link rel="next") into the wallet, verified and deduplicated, or
// sends one wallet credential there (POST /credentials). The OAuth protocol is oauth4webapi's, over
// the guarded fetcher (timeouts, size caps, private addresses refused unless configured); tokens,
// client secrets and the PKCE verifier are sealed under the master key, access tokens refreshed.
import * as oauth from 'oauth4webapi'
import { z } from 'zod'
import { PlatformError } from '../../core/errors.js'
import type { InspectContext, IntakeUseCases } from '../intake/intake-use-cases.js'
import type { FetchedResource, Fetcher } from '../platform/fetcher.js'
import { InputError, parseInput } from '../platform/input-error.js'
import type { PlatformPorts } from '../platform/ports.js'
import { hashSecret } from '../platform/secret-token.js'
import { OB3_CALLBACK_PATH, OB3_CLIENT_SCOPES, authorizationRequestUrl, authorizationServerOf, discoverHost, ensureRegistration, fetcherOf, hostClient, httpUrl, oauthHttp } from './host-client.js'
import type { Ob3HostRecord, Ob3HostState } from './ports.js'

export { OB3_CALLBACK_PATH, OB3_CLIENT_SCOPES, discoveryUrlOf, parseDiscovery, type Ob3Discovery } from './host-client.js'
/** How long an authorization may take before its state is forgotten. */
const PENDING_MS = 10 * 60_000
/** A token this close to its end is refreshed first. */
const REFRESH_MARGIN_MS = 30_000
/** An import reads at most this many pages and credentials (a host that pages forever is cut off). */
export const IMPORT_LIMITS = Object.freeze({ pages: 100, credentials: 2000 })
/** A learner connects at most this many hosts. */
const MAX_HOSTS = 20

/** What an import did: counted per credential. */
export interface Ob3ImportResult {
  /** What the host said it holds (X-Total-Count), else what was read. */
  total: number
  /** Read from the host. */
  read: number
  imported: number
  /** Kept already: the wallet held the same document. */
  duplicates: number
  /** Imported but not verified (kept, marked so, like any import). */
  unverified: number
  failed: number
  pages: number
  /** Why credentials failed (the first ten). */
  failures: string[]
  at: string
}

/** A connected host as its learner sees it. */
export interface Ob3HostView {
  id: string
  name: string
  apiUrl: string
  state: Ob3HostState
  scopes: string[]
  connectedAt: string | null
  lastImport: Ob3ImportResult | null
  lastError: string | null
  createdAt: string
}

export interface Ob3ClientUseCases {
  /** The learner's hosts, oldest first. */
  hosts(userId: string): Promise<Ob3HostView[]>
  host(userId: string, id: string): Promise<Ob3HostView>
  /**
   * Reads the host's Service Description at `<baseUrl>/ims/ob/v3p0/discovery`, registers Emblem there
   * (once per host), and starts an authorization: the URL to send the learner's browser to. InputError
   * on `baseUrl` when the host is not an OB 3.0 host (no valid discovery, no OAuth endpoints).
   */
  connect(userId: string, input: unknown): Promise<{ host: Ob3HostView; authorizationUrl: string }>
  /** Finishes the authorization the host redirected back with: the code exchanged for tokens. */
  callback(userId: string, query: Record<string, string>): Promise<Ob3HostView>
  /** Forgets the host and its tokens (404 when the learner has no such host). */
  remove(userId: string, id: string): Promise<void>
  /** Imports every credential the host keeps for the learner into the wallet. */
  importAll(userId: string, id: string, context: InspectContext): Promise<Ob3ImportResult>
  /** Sends one wallet credential (`{ credentialId }`: the wallet item's id) to the host. */
  push(userId: string, id: string, input: unknown): Promise<{ status: 'created' | 'existing'; credentialId: string; host: string }>
}

const connectInput = z.strictObject({ baseUrl: z.string('Enter the host\'s address').trim().min(1, 'Enter the host\'s address').max(2000, 'At most 2000 characters') })
const pushInput = z.strictObject({ credentialId: z.string('Choose a credential').trim().min(1, 'Choose a credential').max(200) })

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const noHost = () => new PlatformError('ERR_NOT_FOUND', 'No such connected host')
const text = (r: FetchedResource) => new TextDecoder().decode(r.body)

/** The parts of a Link header: rel → URL. */
export function linkRels(header: string | undefined, base: string): Map<string, string> {
  const out = new Map<string, string>()
  if (!header) return out
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part)
    if (!m) continue
    const rel = /;\s*rel="?([^";]+)"?/i.exec(m[2] ?? '')?.[1]
    if (!rel) continue
    try {
      for (const r of rel.split(/\s+/)) out.set(r.toLowerCase(), new URL(m[1]!, base).href)
    } catch {
      // not a URL: ignored
    }
  }
  return out
}

export function ob3ClientUseCases(
  ports: Pick<PlatformPorts, 'store' | 'clock' | 'random' | 'secrets' | 'fetcher' | 'publicUrl'>,
  intake: Pick<IntakeUseCases, 'importToWallet'>,
  options: { pageSize?: number } = {},
): Ob3ClientUseCases {
  const repo = ports.store.repos.ob3Hosts
  const { secrets, clock } = ports
  const redirectUri = `${ports.publicUrl}${OB3_CALLBACK_PATH}`
  const fetcher = (): Fetcher => fetcherOf(ports)
  const seal = (h: Pick<Ob3HostRecord, 'id'>, what: string, value: string) => secrets.seal(value, `ob3-host:${h.id}:${what}`)
  const open = (h: Pick<Ob3HostRecord, 'id'>, what: string, value: string) => secrets.open(value, `ob3-host:${h.id}:${what}`)

  const httpOptions = (url: string) => oauthHttp(ports, url)

  const viewOf = (h: Ob3HostRecord): Ob3HostView => ({
    id: h.id,
    name: h.name,
    apiUrl: h.apiUrl,
    state: h.state,
    scopes: h.scopes.split(' ').filter(Boolean),
    connectedAt: h.connectedAt,
    lastImport: h.lastImport ? (JSON.parse(h.lastImport) as Ob3ImportResult) : null,
    lastError: h.lastError,
    createdAt: h.createdAt,
  })
  const find = async (userId: string, id: string) => {
    const h = UUID.test(id) ? await repo.host(userId, id.toLowerCase()) : undefined
    if (!h) throw noHost()
    return h
  }
  const asOf = (h: Ob3HostRecord): oauth.AuthorizationServer => authorizationServerOf(h)
  const clientOf = (h: Ob3HostRecord) => hostClient(ports, h.apiUrl, h.name)
  const save = async (h: Ob3HostRecord) => {
    await repo.save({ ...h, updatedAt: clock.now().toISOString() })
    return h
  }
  const withdrawn = async (h: Ob3HostRecord, detail?: string) => {
    const message = `${h.name} no longer lets Emblem in: the access was withdrawn there or has expired. Connect the host again.`
    await save({ ...h, state: 'revoked', accessTokenSealed: null, refreshTokenSealed: null, accessExpiresAt: null, lastError: detail ? `${message} (${detail})` : message })
    return new PlatformError('ERR_STATE_INVALID', message)
  }
  const keepTokens = (h: Ob3HostRecord, tokens: oauth.TokenEndpointResponse): Ob3HostRecord => {
    const now = clock.now().getTime()
    return {
      ...h,
      accessTokenSealed: seal(h, 'access', tokens.access_token),
      refreshTokenSealed: tokens.refresh_token ? seal(h, 'refresh', tokens.refresh_token) : h.refreshTokenSealed,
      accessExpiresAt: tokens.expires_in ? new Date(now + tokens.expires_in * 1000).toISOString() : null,
      scopes: tokens.scope ?? h.scopes,
    }
  }

  /** Refreshes the access token; a refused refresh (invalid_grant) marks the host withdrawn. */
  const refresh = async (h: Ob3HostRecord): Promise<Ob3HostRecord> => {
    if (!h.refreshTokenSealed) throw await withdrawn(h, 'no refresh token')
    const { client, auth } = await clientOf(h)
    try {
      const res = await oauth.refreshTokenGrantRequest(asOf(h), client, auth, open(h, 'refresh', h.refreshTokenSealed), httpOptions(h.tokenUrl))
      const tokens = await oauth.processRefreshTokenResponse(asOf(h), client, res)
      return await save({ ...keepTokens(h, tokens), lastError: null })
    } catch (err) {
      if (err instanceof oauth.ResponseBodyError && (err.error === 'invalid_grant' || err.error === 'invalid_client' || err.error === 'unauthorized_client')) throw await withdrawn(h, err.error)
      throw upstream(h, err)
    }
  }
  const upstream = (h: Ob3HostRecord, err: unknown): PlatformError =>
    err instanceof PlatformError ? err : new PlatformError('ERR_FETCH_FAILED', `${h.name} did not answer as an OB 3.0 host should: ${err instanceof Error ? err.message : String(err)}`, { cause: err })

  /** One API request with the host's access token: refreshed first when due, and once more after a 401. */
  const call = async (h0: Ob3HostRecord, url: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {}): Promise<{ host: Ob3HostRecord; res: FetchedResource }> => {
    let h = h0
    if (h.state !== 'connected' || !h.accessTokenSealed) throw new PlatformError('ERR_STATE_INVALID', `${h.name} is not connected: authorize Emblem there first`)
    if (h.accessExpiresAt && Date.parse(h.accessExpiresAt) - REFRESH_MARGIN_MS <= clock.now().getTime() && h.refreshTokenSealed) h = await refresh(h)
    for (let attempt = 0; ; attempt++) {
      const res = await fetcher()(url, { ...init, accept: 'application/json', headers: { ...init.headers, authorization: `Bearer ${open(h, 'access', h.accessTokenSealed!)}` } })
      if (res.status !== 401) return { host: h, res }
      if (attempt > 0) throw await withdrawn(h, 'HTTP 401')
      h = await refresh(h)
    }
  }

  return {
    async hosts(userId) {
      return (await repo.hosts(userId)).map(viewOf)
    },
    async host(userId, id) {
      return viewOf(await find(userId, id))
    },
    async connect(userId, input) {
      const { baseUrl } = parseInput(connectInput, input)
      const disco = await discoverHost(ports, baseUrl, 'baseUrl')
      const existing = (await repo.hosts(userId)).find((h) => h.apiUrl === disco.apiUrl)
      if (!existing && (await repo.hosts(userId)).length >= MAX_HOSTS) throw new PlatformError('ERR_STATE_INVALID', `You can connect at most ${MAX_HOSTS} hosts`)
      const now = clock.now()
      const id = existing?.id ?? ports.random.uuid()
      let host: Ob3HostRecord = {
        ...(existing ?? { accessTokenSealed: null, refreshTokenSealed: null, accessExpiresAt: null, lastImport: null, lastError: null, createdAt: now.toISOString(), connectedAt: null, issuer: null, state: 'pending' as const }),
        id,
        userId,
        apiUrl: disco.apiUrl,
        name: disco.name,
        authorizationUrl: disco.authorizationUrl,
        tokenUrl: disco.tokenUrl,
        registrationUrl: disco.registrationUrl,
        scopes: existing?.scopes ?? '',
        pendingStateHash: null,
        pendingVerifierSealed: null,
        pendingExpiresAt: null,
        updatedAt: now.toISOString(),
      }
      // One registration per host, shared by every learner (and organization) that uses it.
      await ensureRegistration(ports, disco, 'baseUrl')
      const { client } = await clientOf(host)
      const state = oauth.generateRandomState()
      const verifier = oauth.generateRandomCodeVerifier()
      host = { ...host, pendingStateHash: hashSecret(state), pendingVerifierSealed: seal(host, 'verifier', verifier), pendingExpiresAt: new Date(now.getTime() + PENDING_MS).toISOString() }
      await save(host)
      const authorizationUrl = await authorizationRequestUrl(ports, disco.authorizationUrl, client.client_id, OB3_CLIENT_SCOPES, state, verifier)
      return { host: viewOf(host), authorizationUrl }
    },
    async callback(userId, query) {
      const state = query.state ?? ''
      const pending = state ? await repo.byPendingState(userId, hashSecret(state)) : undefined
      if (!pending || !pending.pendingVerifierSealed || !pending.pendingExpiresAt || Date.parse(pending.pendingExpiresAt) < clock.now().getTime())
        throw new PlatformError('ERR_TOKEN_INVALID', 'This authorization is unknown or has expired: connect the host again')
      const verifier = open(pending, 'verifier', pending.pendingVerifierSealed)
      let h: Ob3HostRecord = { ...pending, pendingStateHash: null, pendingVerifierSealed: null, pendingExpiresAt: null }
      if (query.error) {
        const denied = query.error === 'access_denied'
        const message = denied ? `You did not allow Emblem at ${h.name}` : `${h.name} refused the authorization: ${query.error_description ?? query.error}`
        await save({ ...h, lastError: message })
        throw new PlatformError(denied ? 'ERR_FORBIDDEN' : 'ERR_STATE_INVALID', message)
      }
      // The server names itself (RFC 9207): it must be on the token endpoint's origin (no mix-up).
      const iss = query.iss
      if (iss !== undefined) {
        if (httpUrl(iss) === undefined || new URL(iss).origin !== new URL(h.tokenUrl).origin) throw new PlatformError('ERR_TOKEN_INVALID', `The authorization came from another server than ${h.name}`)
        h = { ...h, issuer: iss }
      }
      const { client, auth } = await clientOf(h)
      const as = asOf(h)
      let tokens: oauth.TokenEndpointResponse
      try {
        const params = oauth.validateAuthResponse(as, client, new URLSearchParams(query), state)
        const res = await oauth.authorizationCodeGrantRequest(as, client, auth, params, redirectUri, verifier, httpOptions(h.tokenUrl))
        tokens = await oauth.processAuthorizationCodeResponse(as, client, res)
      } catch (err) {
        await save({ ...h, lastError: `The authorization could not be completed: ${err instanceof Error ? err.message : String(err)}` })
        if (err instanceof PlatformError) throw err
        throw new PlatformError('ERR_TOKEN_INVALID', `${h.name} did not accept the authorization: ${err instanceof Error ? err.message : String(err)}`)
      }
      const now = clock.now().toISOString()
      h = await save({ ...keepTokens(h, tokens), state: 'connected', connectedAt: now, lastError: null })
      return viewOf(h)
    },
    async remove(userId, id) {
      const h = await find(userId, id)
      await repo.remove(userId, h.id)
    },
    async importAll(userId, id, context) {
      let h = await find(userId, id)
      const result: Ob3ImportResult = { total: 0, read: 0, imported: 0, duplicates: 0, unverified: 0, failed: 0, pages: 0, failures: [], at: clock.now().toISOString() }
      const first = new URL(`${h.apiUrl}/credentials`)
      if (options.pageSize) first.searchParams.set('limit', String(options.pageSize))
      let next: string | undefined = first.href
      const origin = new URL(h.apiUrl).origin
      const fail = (reason: string) => {
        result.failed++
        if (result.failures.length < 10) result.failures.push(reason)
      }
      while (next && result.pages < IMPORT_LIMITS.pages && result.read < IMPORT_LIMITS.credentials) {
        const got = await call(h, next)
        h = got.host
        const { res } = got
        if (res.status === 403) throw new PlatformError('ERR_FORBIDDEN', `${h.name} does not let Emblem read your credentials (scope credential.readonly)`)
        if (res.status !== 200) throw upstream(h, new Error(`GET /credentials answered HTTP ${res.status}`))
        let body: { credential?: unknown; compactJwsString?: unknown }
        try {
          body = JSON.parse(text(res)) as typeof body
        } catch {
          throw upstream(h, new Error('GET /credentials did not return JSON'))
        }
        result.pages++
        const total = Number(res.headers?.['x-total-count'])
        if (Number.isInteger(total) && total >= 0) result.total = total
        const docs: string[] = [
          ...(Array.isArray(body.credential) ? body.credential.map((c) => JSON.stringify(c)) : []),
          ...(Array.isArray(body.compactJwsString) ? body.compactJwsString.filter((s): s is string => typeof s === 'string') : []),
        ]
        for (const doc of docs) {
          if (result.read >= IMPORT_LIMITS.credentials) break
          result.read++
          try {
            const { duplicate, item } = await intake.importToWallet(userId, { text: doc }, context)
            if (duplicate) result.duplicates++
            else {
              result.imported++
              if (!item.verified) result.unverified++
            }
          } catch (err) {
            fail(err instanceof Error ? err.message : String(err))
          }
        }
        // Only a next page on the host's own origin: the token never goes anywhere else.
        const rel = linkRels(res.headers?.link, next).get('next')
        next = rel && new URL(rel).origin === origin && rel !== next && docs.length > 0 ? rel : undefined
      }
      if (result.total < result.read) result.total = result.read
      await save({ ...h, lastImport: JSON.stringify(result), lastError: null })
      return result
    },
    async push(userId, id, input) {
      const h = await find(userId, id)
      const { credentialId } = parseInput(pushInput, input)
      const item = await ports.store.repos.walletItems.get(userId, credentialId)
      if (!item) throw new InputError([{ path: 'credentialId', code: 'invalid_choice', message: 'No such credential in your wallet' }], { code: 'ERR_NOT_FOUND' })
      if (item.format === 'ob2') throw new InputError([{ path: 'credentialId', code: 'invalid_choice', message: 'An Open Badges 2.0 assertion cannot be sent to an Open Badges 3.0 host' }])
      const doc = item.document.trim()
      const jwt = item.format === 'vc-jwt'
      const body = jwt ? (doc.startsWith('"') ? (JSON.parse(doc) as string) : doc) : doc
      const { res } = await call(h, `${h.apiUrl}/credentials`, { method: 'POST', headers: { 'content-type': jwt ? 'text/plain' : 'application/json' }, body })
      if (res.status === 201 || res.status === 200) return { status: res.status === 201 ? 'created' : 'existing', credentialId: item.id, host: h.name }
      if (res.status === 403) throw new PlatformError('ERR_FORBIDDEN', `${h.name} does not let Emblem keep credentials for you (scope credential.upsert): connect it again`)
      let reason = `HTTP ${res.status}`
      try {
        const info = JSON.parse(text(res)) as { imsx_description?: unknown }
        if (typeof info.imsx_description === 'string') reason = `${reason}: ${info.imsx_description.slice(0, 300)}`
      } catch {
        // not JSON: the status says enough
      }
      if (res.status >= 400 && res.status < 500) throw new PlatformError('ERR_CONFLICT', `${h.name} refused the credential (${reason})`)
      throw upstream(h, new Error(reason))
    },
  }
}
