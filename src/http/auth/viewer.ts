import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import type { Viewer } from '../../app/credentials/verify-issued-credential.js'
import type { Actor } from '../../app/platform/access-ports.js'
import '../context.js'
import { API_KEY_PATTERN, SESSION_COOKIE } from './tokens.js'

/** Who looks at a credential, for the issuer's statistics: the actor's user, or its API key's organization. */
export const viewerOf = (actor: Actor | undefined): Viewer | undefined =>
  actor?.kind === 'user' ? { userId: actor.user.id } : actor?.kind === 'api-key' ? { orgId: actor.orgId } : undefined

/**
 * The viewer of a request on a public route mounted before authentication: its session cookie's
 * user or its bearer API key's organization, when live; anonymous otherwise (never an error: the
 * route is public, this only keeps the issuer's own looks out of its statistics).
 */
export async function publicViewer(c: Context): Promise<Viewer | undefined> {
  const { access } = c.get('platform')
  const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
  if (bearer && API_KEY_PATTERN.test(bearer)) return viewerOf(await access.apiKey(bearer))
  const token = getCookie(c, SESSION_COOKIE)
  return token ? viewerOf(await access.session(token)) : undefined
}
