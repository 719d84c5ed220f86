// The 1EdTech Open Badges 3.0 API at /ims/ob/v3p0 (STANDARDS.md §1.12): the service description,
// the learner's credentials and Profile behind OAuth 2.0 bearer tokens, and the OAuth server itself
// (oidc-provider under /ims/ob/v3p0/oauth, bridged onto Node's request and response).
import { once } from 'node:events'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import { Hono, type Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { PlatformError } from '../../core/errors.js'
import { registerConsentGate } from '../../app/oauth/consent-gate.js'
import { OB_SCOPES, type ObScope } from '../../app/oauth/scopes.js'
import type { Platform } from '../../app/platform/platform.js'
import { statusOf } from '../error-response.js'
import { readText } from '../request.js'
import '../context.js'
import { createObOAuthServer, OAUTH_BASE, OB3_BASE, type ObOAuthServer } from './provider.js'
import { serviceDescription } from './discovery.js'

type CodeMinor = 'forbidden' | 'invalid_data' | 'invalid_query_parameter' | 'not_found' | 'unauthorizedrequest' | 'internal_server_error' | 'server_busy'

/** An OB 3.0 error body: Imsx_StatusInfo. */
export const statusInfo = (description: string, minor: CodeMinor) => ({
  imsx_codeMajor: 'failure',
  imsx_severity: 'error',
  imsx_description: description,
  imsx_codeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: minor }] },
})

const fail = (c: Context, status: ContentfulStatusCode, description: string, minor: CodeMinor, headers: Record<string, string> = {}) => {
  for (const [k, v] of Object.entries(headers)) c.header(k, v)
  return c.json(statusInfo(description, minor), status)
}

const minorOf = (status: number): CodeMinor =>
  status === 401 ? 'unauthorizedrequest' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : status === 503 || status === 429 ? 'server_busy' : status >= 500 ? 'internal_server_error' : 'invalid_data'

const MAX_LIMIT = 100
const MAX_CREDENTIAL_BYTES = 2 * 1024 * 1024

/** A compact JWS whose header is a JSON object with `alg` and whose payload is a JSON object (a VC-JWT's shape). */
function compactJwsLooksLikeCredential(text: string): boolean {
  const [header, payload] = text.split('.')
  try {
    const h = JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8')) as unknown
    const p = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as unknown
    return typeof h === 'object' && h !== null && typeof (h as { alg?: unknown }).alg === 'string' && typeof p === 'object' && p !== null && !Array.isArray(p)
  } catch {
    return false
  }
}

interface NodeBindings {
  incoming?: IncomingMessage & { originalUrl?: string }
  outgoing?: ServerResponse
}

/** The OB 3.0 API of `platform`, to mount at /ims/ob/v3p0 (before session authentication: it takes bearer tokens only). */
export function ob3Routes(platform: Platform, { trustProxy }: { trustProxy: boolean }): Hono {
  let server: Promise<ObOAuthServer> | undefined
  const oauth = () => (server ??= createObOAuthServer(platform, { trustProxy }).catch((err: unknown) => {
    server = undefined
    throw err
  }))
  // The consent page may be the first request a process serves (another process started the
  // authorization): its gate builds the server on first use too.
  registerConsentGate(platform, {
    request: async (uid) => (await oauth()).gate.request(uid),
    allow: async (uid, userId) => (await oauth()).gate.allow(uid, userId),
    deny: async (uid) => (await oauth()).gate.deny(uid),
  })

  /** The learner a bearer token speaks for, if it carries `scope`; else the error response. */
  const authorize = async (c: Context, scope: ObScope): Promise<{ userId: string } | Response> => {
    const challenge = (error?: string) => ({ 'WWW-Authenticate': `Bearer realm="${OB3_BASE}"${error ? `, error="${error}"` : ''}, scope="${scope}"` })
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim())
    if (!match?.[1]) return fail(c, 401, 'An access token is required (Authorization: Bearer …)', 'unauthorizedrequest', challenge())
    const { provider, resource } = await oauth()
    const token = await provider.AccessToken.find(match[1])
    const audience = token ? (Array.isArray(token.aud) ? token.aud : [token.aud]) : []
    if (!token || token.isExpired || !token.accountId || !audience.includes(resource)) {
      return fail(c, 401, 'The access token is invalid, expired or revoked', 'unauthorizedrequest', challenge('invalid_token'))
    }
    if (!(token.scope ?? '').split(' ').includes(scope)) {
      return fail(c, 403, `The access token lacks the scope ${scope}`, 'forbidden', challenge('insufficient_scope'))
    }
    return { userId: token.accountId }
  }

  const app = new Hono()
  app.onError((err, c) => {
    if (err instanceof PlatformError) {
      const status = statusOf(err.code)
      return fail(c, status, err.message, minorOf(status))
    }
    return fail(c, 500, 'The request could not be completed', 'internal_server_error')
  })

  app.get('/discovery', (c) => {
    c.header('Cache-Control', 'public, max-age=300')
    return c.json(serviceDescription(platform.publicUrl))
  })

  app.get('/credentials', async (c) => {
    const who = await authorize(c, OB_SCOPES.credentialRead)
    if (who instanceof Response) return who
    const q = c.req.query()
    const limit = q.limit === undefined ? 20 : Number(q.limit)
    const offset = q.offset === undefined ? 0 : Number(q.offset)
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return fail(c, 400, `limit must be a whole number from 1 to ${MAX_LIMIT}`, 'invalid_query_parameter')
    if (!Number.isInteger(offset) || offset < 0) return fail(c, 400, 'offset must be a whole number, 0 or more', 'invalid_query_parameter')
    let since: Date | undefined
    if (q.since !== undefined) {
      since = new Date(q.since)
      if (Number.isNaN(since.getTime())) return fail(c, 400, 'since must be a date and time (ISO 8601)', 'invalid_query_parameter')
    }
    const page = await platform.oauth.credentials(who.userId, { limit, offset, since })
    c.header('X-Total-Count', String(page.total))
    const url = (o: number) => {
      const u = new URL(`${platform.publicUrl}${OB3_BASE}/credentials`)
      u.searchParams.set('limit', String(limit))
      u.searchParams.set('offset', String(o))
      if (q.since !== undefined) u.searchParams.set('since', q.since)
      return u.href
    }
    const last = page.total === 0 ? 0 : Math.floor((page.total - 1) / limit) * limit
    const links = [`<${url(0)}>; rel="first"`, `<${url(last)}>; rel="last"`]
    if (offset + limit < page.total) links.push(`<${url(offset + limit)}>; rel="next"`)
    if (offset > 0) links.push(`<${url(Math.max(0, offset - limit))}>; rel="prev"`)
    c.header('Link', links.join(', '))
    return c.json({ credential: page.credentials, compactJwsString: page.compactJws })
  })

  app.post('/credentials', async (c) => {
    const who = await authorize(c, OB_SCOPES.credentialUpsert)
    if (who instanceof Response) return who
    const type = (c.req.header('content-type') ?? '').toLowerCase()
    const text = (await readText(c, { maxBytes: MAX_CREDENTIAL_BYTES, what: 'The credential' })).trim()
    if (text === '') return fail(c, 400, 'Send the credential as the body: JSON, or a compact JWS as text/plain', 'invalid_data')
    const isJson = text.startsWith('{')
    if (type.startsWith('text/plain') && isJson) return fail(c, 400, 'A text/plain body must be a compact JWS', 'invalid_data')
    if (!isJson && !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(text)) return fail(c, 400, 'The body is neither a JSON credential nor a compact JWS', 'invalid_data')
    if (!isJson && !compactJwsLooksLikeCredential(text)) return fail(c, 400, 'The compact JWS does not carry a credential (a JSON header with alg, a JSON payload)', 'invalid_data')
    if (isJson) {
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch {
        return fail(c, 400, 'The body is not valid JSON', 'invalid_data')
      }
      const type = (value as { type?: unknown } | null)?.type
      const types = Array.isArray(type) ? type : [type]
      if (!types.some((t) => t === 'VerifiableCredential' || t === 'OpenBadgeCredential' || t === 'AchievementCredential')) {
        return fail(c, 400, 'The body is not an OB 3.0 credential (its type must include VerifiableCredential and OpenBadgeCredential)', 'invalid_data')
      }
    }
    const { duplicate } = await platform.intake.importToWallet(who.userId, { text }, { fetchLocal: c.get('fetchLocal') })
    const status = duplicate ? 200 : 201
    if (isJson) return c.body(text, status, { 'Content-Type': 'application/json' })
    return c.body(text, status, { 'Content-Type': 'text/plain' })
  })

  app.get('/profile', async (c) => {
    const who = await authorize(c, OB_SCOPES.profileRead)
    if (who instanceof Response) return who
    const profile = await platform.oauth.profile(who.userId)
    if (!profile) return fail(c, 404, 'No profile', 'not_found')
    return c.json(profile)
  })

  app.put('/profile', async (c) => {
    const who = await authorize(c, OB_SCOPES.profileUpdate)
    if (who instanceof Response) return who
    const text = await readText(c, { maxBytes: 64 * 1024, what: 'The Profile' })
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      return fail(c, 400, 'The body is not valid JSON', 'invalid_data')
    }
    return c.json(await platform.oauth.putProfile(who.userId, value))
  })

  // The OAuth server (authorize, token, registration, revocation, discovery metadata). oidc-provider
  // is a Node (Koa) handler: it takes the raw request and response, with the mount path stripped.
  app.all('/oauth/*', async (c) => {
    const env = (c.env ?? {}) as NodeBindings
    const req = env.incoming
    const res = env.outgoing
    if (!req || !res) return fail(c, 501, 'The OAuth server is served only by the Node server', 'internal_server_error')
    const { provider } = await oauth()
    const original = req.url ?? '/'
    req.originalUrl = original
    req.url = original.slice(OAUTH_BASE.length) || '/'
    await provider.callback()(req, res)
    if (!res.writableEnded) await once(res, 'finish')
    return RESPONSE_ALREADY_SENT
  })
  app.all('/*', (c) => fail(c, c.req.method === 'GET' || c.req.method === 'POST' || c.req.method === 'PUT' ? 404 : 405, 'No such operation of the OB 3.0 API', 'not_found'))
  return app
}

export { OB3_BASE }
