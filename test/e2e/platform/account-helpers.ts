// Browser-like helpers for the account tests: forms posted from a given IP with the cookies a
// browser would hold, the cookies a response sets, and the links in the e-mails the outbox holds.
import { randomBytes } from 'node:crypto'
import { CSRF_COOKIE, SESSION_COOKIE } from '../../../src/http/auth/tokens.js'
import type { TestPlatform, TestSession } from '../../support/platform.js'

/** A browser: its cookies and the CSRF token its forms echo. */
export interface Browser {
  cookie: string
  csrf: string
  ip: string
}

/** A fresh anonymous browser at `ip` (holding only the anonymous CSRF cookie). */
export function anonymousBrowser(ip = '198.51.100.7'): Browser {
  const csrf = randomBytes(24).toString('base64url')
  return { cookie: `${CSRF_COOKIE}=${csrf}`, csrf, ip }
}

/** The socket address @hono/node-server would give the app. */
export const fromIp = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } })

/** POSTs a form the way a browser does, from the browser's IP. */
export function postForm(t: TestPlatform, path: string, fields: Record<string, string>, browser: Browser): Promise<Response> {
  return Promise.resolve(
    t.app.request(
      path,
      {
        method: 'POST',
        headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        body: new URLSearchParams({ _csrf: browser.csrf, ...fields }).toString(),
      },
      fromIp(browser.ip),
    ),
  )
}

/** GETs a page as the browser. */
export const getPage = (t: TestPlatform, path: string, browser?: Pick<Browser, 'cookie'>): Promise<Response> =>
  Promise.resolve(t.app.request(path, { headers: { accept: 'text/html', ...(browser ? { cookie: browser.cookie } : {}) } }))

/** The Set-Cookie line of `name`, or undefined. */
export const setCookieLine = (res: Response, name: string): string | undefined => res.headers.getSetCookie().find((line) => line.startsWith(`${name}=`))

/** The session token a response set, or undefined. */
export function sessionTokenOf(res: Response): string | undefined {
  const line = setCookieLine(res, SESSION_COOKIE)
  const value = line?.slice(SESSION_COOKIE.length + 1).split(';')[0]
  return value ? value : undefined
}

/**
 * Signs in through the form and returns the signed-in browser: the session cookie and, read from
 * the account page, the session's CSRF token.
 */
export async function signInWithForm(t: TestPlatform, email: string, password: string, ip = '198.51.100.7'): Promise<Browser & { session: TestSession }> {
  const res = await postForm(t, '/sign-in', { email, password }, anonymousBrowser(ip))
  const token = sessionTokenOf(res)
  if (res.status !== 303 || !token) throw new Error(`sign-in failed: ${res.status}`)
  const cookie = `${SESSION_COOKIE}=${token}`
  const page = await (await getPage(t, '/account', { cookie })).text()
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1]
  if (!csrf) throw new Error('no CSRF token on the account page')
  return { cookie, csrf, ip, session: { userId: '', email, password, cookie, csrf } }
}

/** Every outbox message to `to`, oldest first. */
export const mailTo = (t: TestPlatform, to: string) => t.store.db.selectFrom('outbox').selectAll().where('to_address', '=', to).orderBy('created_at').orderBy('id').execute()

/** The path (and query) of the first link to `page` in a message's text. */
export function linkIn(text: string, page: string): string {
  const match = new RegExp(`https?://[^\\s]+/${page}\\?token=[A-Za-z0-9_%-]+`).exec(text)
  if (!match) throw new Error(`no ${page} link in:\n${text}`)
  const url = new URL(match[0])
  return url.pathname + url.search
}
