// An OAuth 2.0 client for the OB 3.0 API written from the specifications (RFC 6749, 7636, 7591,
// 7009; 1EdTech Security Framework), without any OAuth library: what another wallet or host does.
import { createHash, randomBytes } from 'node:crypto'

/** The cookies of one browser (names only; paths ignored: sending one cookie too many changes nothing here). */
export class CookieJar {
  readonly cookies = new Map<string, string>()
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split('=')[1] ?? '').getTime() < Date.now()))
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }
}

export const pkcePair = () => {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

export const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`

export interface Discovery {
  registrationUrl: string
  authorizationUrl: string
  tokenUrl: string
  document: Record<string, unknown>
}

/** Reads the service description's OAuth endpoints. */
export async function discover(base: string): Promise<Discovery> {
  const res = await fetch(`${base}/ims/ob/v3p0/discovery`)
  if (res.status !== 200) throw new Error(`discovery: ${res.status}`)
  const document = (await res.json()) as Record<string, any>
  const scheme = document.components.securitySchemes.OAuth2ACG
  return { registrationUrl: scheme['x-imssf-registrationUrl'], authorizationUrl: scheme.flows.authorizationCode.authorizationUrl, tokenUrl: scheme.flows.authorizationCode.tokenUrl, document }
}

export interface Registered {
  client_id: string
  client_secret: string
  [key: string]: unknown
}

export async function register(url: string, metadata: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(metadata) })
  return { status: res.status, body: await res.json() }
}

/** Follows redirects by hand with the jar until a response that is not a redirect, or a URL outside `base`. */
export async function follow(jar: CookieJar, url: string, init: RequestInit & { base: string }): Promise<{ res: Response; url: string }> {
  let current = url
  let req: RequestInit = init
  for (let i = 0; i < 10; i++) {
    const headers = new Headers(req.headers)
    if (jar.cookies.size > 0) headers.set('cookie', jar.header())
    const res = await fetch(current, { ...req, headers, redirect: 'manual' })
    jar.take(res)
    const location = res.headers.get('location')
    if (res.status < 300 || res.status >= 400 || !location) return { res, url: current }
    current = new URL(location, current).href
    if (!current.startsWith(init.base)) return { res, url: current }
    req = { method: 'GET' }
  }
  throw new Error('too many redirects')
}

export async function tokenRequest(tokenUrl: string, client: Registered, params: Record<string, string>): Promise<{ status: number; body: any }> {
  const res = await fetch(tokenUrl, { method: 'POST', headers: { authorization: basic(client.client_id, client.client_secret), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params) })
  return { status: res.status, body: await res.json().catch(() => ({})) }
}
