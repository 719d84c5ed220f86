import { Hono } from 'hono'
import type { AccountOverview, UserRecord } from '../../../app/accounts/index.js'
import { requireUser } from '../../auth/require.js'
import { clearSessionCookie, clientIp, currentSessionHash, setSessionCookie, withRetryAfter } from '../../auth/session-cookie.js'
import '../../context.js'
import { readJson } from '../../request.js'
import { credentialsBody, mePatch } from '../../schemas/account.js'

/** A user as the API shows it (never the password hash). */
export const presentUser = (u: UserRecord) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  emailVerified: u.emailVerifiedAt !== null,
  emailVerifiedAt: u.emailVerifiedAt,
  createdAt: u.createdAt,
})

const presentMe = ({ user, memberships }: AccountOverview) => ({
  user: presentUser(user),
  organizations: memberships.map((m) => ({ id: m.org.id, slug: m.org.slug, name: m.org.name, role: m.role })),
})

/**
 * Account API: GET/PATCH /me; sessions for scripts and single-page clients: GET /sessions/csrf
 * (the anonymous CSRF token a cookie-less client echoes), POST /sessions, DELETE /sessions/current.
 * Described in schemas/account.ts.
 */
export const accountApi = (): Hono =>
  new Hono()
    .get('/me', async (c) => c.json(presentMe(await c.get('platform').accounts.overview(requireUser(c).id))))
    .patch('/me', async (c) => {
      const userId = requireUser(c).id
      const { name } = await readJson(c, mePatch)
      await c.get('platform').accounts.changeName(userId, name)
      return c.json(presentMe(await c.get('platform').accounts.overview(userId)))
    })
    .get('/sessions/csrf', (c) => {
      c.header('Cache-Control', 'no-store')
      return c.json({ csrfToken: c.get('csrfToken') })
    })
    .post('/sessions', async (c) => {
      const { email, password } = await readJson(c, credentialsBody, { maxBytes: 16 * 1024 })
      const { user, session } = await c.get('platform').accounts.signIn({ email, password, ip: clientIp(c), replacing: currentSessionHash(c) }).catch((err) => withRetryAfter(c, err))
      setSessionCookie(c, session)
      c.header('Location', '/api/v1/sessions/current')
      c.header('Cache-Control', 'no-store')
      return c.json({ user: presentUser(user), csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() }, 201)
    })
    .delete('/sessions/current', async (c) => {
      requireUser(c)
      await c.get('platform').accounts.signOut(currentSessionHash(c)!)
      clearSessionCookie(c)
      return c.body(null, 204)
    })
