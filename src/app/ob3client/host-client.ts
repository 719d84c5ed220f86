// What a learner's connection (ob3client-use-cases.ts) and an issuer's push (issuer-push.ts) share as
// a client of another OB 3.0 host: oauth4webapi's requests through the guarded fetcher, reading the
// host's Service Description, and Emblem's one registration per host (RFC 7591), its secret sealed.
import * as oauth from 'oauth4webapi'
import { PlatformError } from '../../core/errors.js'
import { OB_SCOPES } from '../oauth/scopes.js'
import type { FetchedResource, Fetcher } from '../platform/fetcher.js'
import { InputError } from '../platform/input-error.js'
import type { PlatformPorts } from '../platform/ports.js'

/** Where the host sends the learner back after they decided (a page of web/pages/oauth). */
export const OB3_CALLBACK_PATH = '/oauth/callback/ob3'
/** The scopes Emblem registers for at a host: read everything, and keep what is sent. */
export const OB3_CLIENT_SCOPES = [OB_SCOPES.credentialRead, OB_SCOPES.credentialUpsert] as const

/** The Service Description's API base and OAuth endpoints (1EdTech Security Framework: OAuth2ACG). */
export interface Ob3Discovery {
  apiUrl: string
  name: string
  authorizationUrl: string
  tokenUrl: string
  registrationUrl: string
}

export const httpUrl = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined
  try {
    const u = new URL(value)
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined
  } catch {
    return undefined
  }
}

/** Reads a Service Description document; a readable reason when it is not one. */
export function parseDiscovery(doc: unknown, discoveryUrl: string): Ob3Discovery | string {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return 'its discovery document is not a JSON object'
  const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {})
  const d = obj(doc)
  if (typeof d.openapi !== 'string' || !d.paths || typeof d.paths !== 'object') return 'its discovery document is not an OpenAPI document'
  const schemes = obj(obj(d.components).securitySchemes)
  const scheme = Object.values(schemes).map(obj).find((s) => s.type === 'oauth2' && obj(s.flows).authorizationCode)
  if (!scheme) return 'its discovery document names no OAuth 2.0 authorization code flow'
  const flow = obj(obj(scheme.flows).authorizationCode)
  const authorizationUrl = httpUrl(flow.authorizationUrl)
  const tokenUrl = httpUrl(flow.tokenUrl)
  const registrationUrl = httpUrl(scheme['x-imssf-registrationUrl'])
  if (!authorizationUrl || !tokenUrl) return 'its discovery document lacks the authorization or token URL'
  if (!registrationUrl) return 'it offers no dynamic client registration (x-imssf-registrationUrl)'
  const server = Array.isArray(d.servers) ? httpUrl(obj(d.servers[0]).url) : undefined
  const apiUrl = (server ?? discoveryUrl.replace(/\/discovery$/, '')).replace(/\/+$/, '')
  if (!Object.keys(d.paths as object).some((p) => p === '/credentials')) return 'its API has no /credentials operation'
  return { apiUrl, name: new URL(apiUrl).host, authorizationUrl, tokenUrl, registrationUrl }
}

/** The discovery URL for what a learner typed: a host, its API base or the discovery URL itself. */
export function discoveryUrlOf(input: string): string | undefined {
  let u: URL
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input}`)
  } catch {
    return undefined
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined
  if (u.username || u.password) return undefined
  const path = u.pathname.replace(/\/+$/, '')
  if (path.endsWith('/ims/ob/v3p0/discovery')) return `${u.origin}${path}`
  if (path.endsWith('/ims/ob/v3p0')) return `${u.origin}${path}/discovery`
  return `${u.origin}${path}/ims/ob/v3p0/discovery`
}

type HostPorts = Pick<PlatformPorts, 'store' | 'clock' | 'secrets' | 'fetcher' | 'publicUrl'>

/** The guarded fetcher, or ERR_FETCH_BLOCKED when this instance reaches no other host. */
export function fetcherOf(ports: Pick<PlatformPorts, 'fetcher'>): Fetcher {
  if (!ports.fetcher) throw new PlatformError('ERR_FETCH_BLOCKED', 'This instance does not reach other hosts (no fetcher configured)')
  return ports.fetcher
}

/** oauth4webapi's requests through the guarded fetcher. */
export function oauthHttp(ports: Pick<PlatformPorts, 'fetcher'>, url: string) {
  return {
    [oauth.customFetch]: async (target: string, init: { method: string; headers: Record<string, string>; body?: unknown }) => {
      const body = init.body === undefined || init.body === null ? undefined : init.body instanceof URLSearchParams ? init.body.toString() : typeof init.body === 'string' ? init.body : undefined
      const res = await fetcherOf(ports)(target, { method: init.method as 'GET' | 'POST', headers: init.headers, ...(body !== undefined ? { body } : {}) })
      const headers = new Headers(res.headers ?? (res.contentType ? { 'content-type': res.contentType } : {}))
      return new Response(res.status === 204 || res.status === 304 ? null : res.body, { status: res.status, headers })
    },
    ...(url.startsWith('http:') ? { [oauth.allowInsecureRequests]: true } : {}),
  }
}

const text = (r: FetchedResource) => new TextDecoder().decode(r.body)

/** Reads the Service Description of what was typed (a host, its API base or the discovery URL); InputError on `field` when it is not an OB 3.0 host. */
export async function discoverHost(ports: Pick<PlatformPorts, 'fetcher'>, baseUrl: string, field: string): Promise<Ob3Discovery> {
  const bad = (message: string) => new InputError([{ path: field, code: 'invalid', message }])
  const discoveryUrl = discoveryUrlOf(baseUrl)
  if (!discoveryUrl) throw bad('Enter the host\'s web address, such as https://badges.example.org')
  let res: FetchedResource
  try {
    res = await fetcherOf(ports)(discoveryUrl, { accept: 'application/json' })
  } catch (err) {
    if (err instanceof PlatformError && (err.code === 'ERR_FETCH_BLOCKED' || err.code === 'ERR_FETCH_FAILED')) throw bad(`Emblem cannot reach ${discoveryUrl}: ${err.message}`)
    throw err
  }
  if (res.status !== 200) throw bad(`${discoveryUrl} answered HTTP ${res.status}: this is not an Open Badges 3.0 host`)
  let doc: unknown
  try {
    doc = JSON.parse(text(res))
  } catch {
    throw bad(`${discoveryUrl} did not return JSON: this is not an Open Badges 3.0 host`)
  }
  const disco = parseDiscovery(doc, discoveryUrl)
  if (typeof disco === 'string') throw bad(`This is not an Open Badges 3.0 host: ${disco}`)
  return disco
}

/** The authorization server as oauth4webapi takes it. */
export const authorizationServerOf = (h: { issuer?: string | null; authorizationUrl: string; tokenUrl: string; registrationUrl?: string }): oauth.AuthorizationServer => ({
  issuer: h.issuer ?? new URL(h.tokenUrl).origin,
  authorization_endpoint: h.authorizationUrl,
  token_endpoint: h.tokenUrl,
  ...(h.registrationUrl ? { registration_endpoint: h.registrationUrl } : {}),
})

/** Emblem's registration at the host: its client and how it authenticates (ERR_STATE_INVALID when there is none). */
export async function hostClient(ports: Pick<HostPorts, 'store' | 'secrets'>, apiUrl: string, name: string) {
  const c = await ports.store.repos.ob3Hosts.client(apiUrl)
  if (!c) throw new PlatformError('ERR_STATE_INVALID', `Emblem is not registered at ${name} any more: connect it again`)
  return { client: { client_id: c.clientId } as oauth.Client, auth: oauth.ClientSecretBasic(ports.secrets.open(c.clientSecretSealed, `ob3-client:${c.apiUrl}`)) }
}

/** Registers Emblem at the host once (shared by every learner and organization that uses it); InputError on `field` when the host refuses. */
export async function ensureRegistration(ports: HostPorts, disco: Ob3Discovery, field: string): Promise<void> {
  const repo = ports.store.repos.ob3Hosts
  if (await repo.client(disco.apiUrl)) return
  const bad = (message: string) => new InputError([{ path: field, code: 'invalid', message }])
  const as = authorizationServerOf(disco)
  let registered: Record<string, unknown>
  try {
    const reg = await oauth.dynamicClientRegistrationRequest(
      as,
      {
        client_name: `Emblem (${new URL(ports.publicUrl).host})`,
        client_uri: `${ports.publicUrl}/`,
        logo_uri: `${ports.publicUrl}/assets/favicon.svg`,
        policy_uri: `${ports.publicUrl}/account/connections`,
        redirect_uris: [`${ports.publicUrl}${OB3_CALLBACK_PATH}`],
        scope: OB3_CLIENT_SCOPES.join(' '),
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        software_id: 'emblem',
        software_version: '1',
      },
      oauthHttp(ports, disco.registrationUrl),
    )
    registered = await oauth.processDynamicClientRegistrationResponse(reg)
  } catch (err) {
    throw bad(`${disco.name} refused to register Emblem as a client: ${err instanceof Error ? err.message : String(err)}`)
  }
  const secret = registered.client_secret
  const clientId = registered.client_id
  if (typeof secret !== 'string' || typeof clientId !== 'string') throw bad(`${disco.name} registered Emblem without a client id and secret`)
  await repo.insertClient({ apiUrl: disco.apiUrl, clientId, clientSecretSealed: ports.secrets.seal(secret, `ob3-client:${disco.apiUrl}`), createdAt: ports.clock.now().toISOString() })
}

/** The URL of an authorization request with PKCE S256. */
export async function authorizationRequestUrl(ports: Pick<PlatformPorts, 'publicUrl'>, authorizationUrl: string, clientId: string, scopes: readonly string[], state: string, verifier: string): Promise<string> {
  const url = new URL(authorizationUrl)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('client_id', clientId)
  url.searchParams.set('redirect_uri', `${ports.publicUrl}${OB3_CALLBACK_PATH}`)
  url.searchParams.set('scope', scopes.join(' '))
  url.searchParams.set('state', state)
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier))
  url.searchParams.set('code_challenge_method', 'S256')
  return url.href
}
