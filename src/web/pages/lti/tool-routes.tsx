// The LTI 1.3 tool's own routes (/lti/…): login initiation, launch, the tool's JWKS, the course page
// and its forms, deep linking. Platforms post here cross-site, so these routes sit before the
// session and CSRF middleware and carry their own: the state cookie of the login, then the LTI
// session cookie after a launch, and a CSRF token per LTI session in every form.
import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { LtiRefusedError, type LtiSessionView } from '../../../app/lti/lti-use-cases.js'
import { PlatformError } from '../../../core/errors.js'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'
import type { FieldErrors } from '../../components/form.js'
import { render, tOf } from '../../kit/render.js'
import { fieldErrorsOf } from '../orgs/org-parts.js'
import { LtiCourseView, LtiDeepLinkReturnView, LtiDeepLinkView, LtiRefusedView } from './lti-view.js'

export const LTI_STATE_COOKIE = 'emblem_lti_state'
export const LTI_SESSION_COOKIE = 'emblem_lti'

/** Cookies a platform's cross-site POST brings back (SameSite=None needs Secure; browsers keep Secure cookies of http://localhost too). */
const cookieOptions = (maxAge: number) => ({ path: '/lti', httpOnly: true, secure: true, sameSite: 'None' as const, maxAge })

/** The page may be framed by the platform that launched it, and its forms post to this tool (and to `formTo`, the deep-linking return). */
function frameable(c: Context, origins: readonly string[], formTo?: string) {
  const ancestors = origins.length > 0 ? origins.join(' ') : "'none'"
  c.header(
    'Content-Security-Policy',
    `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors ${ancestors}; form-action 'self'${formTo ? ` ${formTo}` : ''}`,
  )
}
const originOf = (url: string): string[] => {
  try {
    return [new URL(url).origin]
  } catch {
    return []
  }
}

const refusedStatus = (err: LtiRefusedError) => (err.reason === 'missing_parameters' ? 400 : err.reason === 'unknown_platform' ? 404 : err.reason === 'jwks_unavailable' ? 502 : 401)

async function refused(c: Context, reason: string, detail: string, status: 400 | 401 | 403 | 404 | 502) {
  return render(c, <LtiRefusedView reason={reason} detail={detail} />, { title: tOf(c).t('lti.error.title'), status, chrome: 'bare' })
}

/** The LTI session of the request, else a 401 page. */
async function withSession(c: Context, then: (session: LtiSessionView) => Promise<Response>): Promise<Response> {
  const session = await c.get('platform').lti.session(getCookie(c, LTI_SESSION_COOKIE))
  if (!session) return refused(c, 'no_session', tOf(c).t('lti.error.noSessionDetail'), 401)
  c.set('csrfToken', session.csrf)
  frameable(c, originOf(session.platform.issuer))
  return then(session)
}

/** A form of an LTI page: its fields, after the session's CSRF token is checked. */
async function sessionForm(c: Context, session: LtiSessionView): Promise<Record<string, string>> {
  const form = await readForm(c)
  const presented = form['_csrf'] ?? ''
  if (presented.length !== session.csrf.length || presented !== session.csrf) throw new PlatformError('ERR_CSRF', 'This form has expired; launch Emblem again from the course')
  return form
}

async function coursePage(c: Context, session: LtiSessionView, extra: { values?: Record<string, string>; errors?: FieldErrors; status?: 200 | 422 | 502; syncError?: string } = {}) {
  const course = await c.get('platform').lti.course(session)
  const model = { course, role: session.role, name: session.name, values: { ...extra.values, ...(c.req.query('issued') ? { issued: c.req.query('issued')! } : {}) }, errors: extra.errors, done: c.req.query('done'), syncError: extra.syncError }
  return render(c, <LtiCourseView model={model} />, { title: course.context.title, status: extra.status ?? 200, chrome: 'bare' })
}

/** /lti/…: the tool. */
export const ltiToolRoutes = (): Hono => {
  const login = async (c: Context, params: Record<string, string | undefined>) => {
    try {
      const { redirect, state } = await c.get('platform').lti.login(params)
      setCookie(c, LTI_STATE_COOKIE, state, cookieOptions(600))
      c.header('Cache-Control', 'no-store')
      return c.redirect(redirect, 302)
    } catch (err) {
      if (err instanceof LtiRefusedError) return refused(c, err.reason, err.message, refusedStatus(err))
      throw err
    }
  }
  return new Hono()
    .get('/jwks', async (c) => {
      c.header('Cache-Control', 'public, max-age=300')
      c.header('Access-Control-Allow-Origin', '*')
      return c.json(await c.get('platform').lti.jwks(), 200, { 'Content-Type': 'application/jwk-set+json' })
    })
    .get('/login', (c) => login(c, c.req.query()))
    .post('/login', async (c) => login(c, await readForm(c)))
    .post('/launch', async (c) => {
      const form = await readForm(c)
      try {
        const { token, session } = await c.get('platform').lti.launch({ idToken: form['id_token'], state: form['state'] }, getCookie(c, LTI_STATE_COOKIE))
        deleteCookie(c, LTI_STATE_COOKIE, { path: '/lti', secure: true })
        setCookie(c, LTI_SESSION_COOKIE, token, cookieOptions(8 * 3600))
        return c.redirect(session.deepLink ? '/lti/deep-link' : '/lti/course', 303)
      } catch (err) {
        if (err instanceof LtiRefusedError) return refused(c, err.reason, err.message, refusedStatus(err))
        throw err
      }
    })
    .get('/course', (c) => withSession(c, (session) => coursePage(c, session)))
    .post('/course/mappings', (c) =>
      withSession(c, async (session) => {
        const form = await sessionForm(c, session)
        const values = { achievementId: form['achievementId'] ?? '', rule: form['rule'] ?? '', threshold: form['threshold'] ?? '' }
        try {
          await c.get('platform').lti.addMapping(session, values)
          return c.redirect('/lti/course?done=mapped', 303)
        } catch (err) {
          const errors = fieldErrorsOf(tOf(c), err) ?? (err instanceof PlatformError && (err.code === 'ERR_CONFLICT' || err.code === 'ERR_NOT_FOUND') ? { achievementId: err.message } : undefined)
          if (!errors) throw err
          return coursePage(c, session, { values, errors, status: 422 })
        }
      }),
    )
    .post('/course/mappings/:id/delete', (c) =>
      withSession(c, async (session) => {
        await sessionForm(c, session)
        await c.get('platform').lti.removeMapping(session, c.req.param('id'))
        return c.redirect('/lti/course?done=unmapped', 303)
      }),
    )
    .post('/course/sync', (c) =>
      withSession(c, async (session) => {
        await sessionForm(c, session)
        if (session.role !== 'instructor') throw new PlatformError('ERR_FORBIDDEN', 'Only the course’s instructors can sync grades')
        try {
          const outcome = await c.get('platform').lti.sync(session.contextId)
          return c.redirect(`/lti/course?done=synced&issued=${outcome.issued}`, 303)
        } catch (err) {
          if (!(err instanceof PlatformError) || !['ERR_FETCH_FAILED', 'ERR_FETCH_BLOCKED'].includes(err.code)) throw err
          return coursePage(c, (await c.get('platform').lti.session(getCookie(c, LTI_SESSION_COOKIE))) ?? session, { status: 502, syncError: err.message })
        }
      }),
    )
    .get('/deep-link', (c) =>
      withSession(c, async (session) => {
        if (!session.deepLink) return c.redirect('/lti/course', 303)
        const course = await c.get('platform').lti.course(session)
        return render(c, <LtiDeepLinkView model={{ course }} />, { title: tOf(c).t('lti.deepLink.title'), chrome: 'bare' })
      }),
    )
    .post('/deep-link', (c) =>
      withSession(c, async (session) => {
        const form = await sessionForm(c, session)
        try {
          const { returnUrl, jwt } = await c.get('platform').lti.deepLinkResponse(session, form['achievementId'] ?? '')
          frameable(c, originOf(session.platform.issuer), originOf(returnUrl)[0])
          return render(c, <LtiDeepLinkReturnView returnUrl={returnUrl} jwt={jwt} />, { title: tOf(c).t('lti.deepLink.returnTitle'), chrome: 'bare' })
        } catch (err) {
          if (!(err instanceof PlatformError) || err.code !== 'ERR_NOT_FOUND') throw err
          const course = await c.get('platform').lti.course(session)
          return render(c, <LtiDeepLinkView model={{ course, errors: { achievementId: err.message } }} />, { title: tOf(c).t('lti.deepLink.title'), chrome: 'bare', status: 422 })
        }
      }),
    )
}
