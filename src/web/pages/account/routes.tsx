import { Hono, type Context } from 'hono'
import { AccountInputError, RateLimitedError } from '../../../app/accounts/index.js'
import type { InstanceMailRoute } from '../../../app/mail/instance-outbox.js'
import { PlatformError } from '../../../core/errors.js'
import { requireUser } from '../../../http/auth/require.js'
import { clearSessionCookie, clientIp, currentSessionHash, setSessionCookie } from '../../../http/auth/session-cookie.js'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'
import { render, tOf } from '../../kit/render.js'
import { accountNotice, AccountView, type AccountFormState, type AccountNotice } from './account-view.js'
import { fieldErrorsOf } from './field-errors.js'
import { afterSignIn, localPath } from './next-path.js'
import { ForgotPasswordView, ResetLinkSentView, ResetPasswordView } from './password-reset-view.js'
import { signInNotice, SignInView, type SignInModel } from './sign-in-view.js'
import { CheckEmailView, SignUpView, type SignUpModel } from './sign-up-view.js'
import { InvalidLinkView, VerifyEmailView } from './verify-email-view.js'

const isSignedIn = (c: Context) => c.get('actor')?.kind === 'user'
const nextOf = (c: Context) => localPath(c.req.query('next'))
const isTokenInvalid = (err: unknown) => err instanceof PlatformError && err.code === 'ERR_TOKEN_INVALID'

/** A rate limit as the page says it, with Retry-After set. */
function rateLimited(c: Context, err: RateLimitedError, key: 'acct.error.rateLimited' | 'acct.error.resendLimited'): string {
  c.header('Retry-After', String(err.retryAfterSeconds))
  return tOf(c).t(key, { minutes: Math.max(1, Math.ceil(err.retryAfterSeconds / 60)) })
}

/** The account page's notice after a new confirmation link: where the link went. */
const VERIFICATION_NOTICE: Record<InstanceMailRoute, AccountNotice> = {
  email: 'verification-sent',
  'admin-outbox': 'verification-outbox',
  'server-log': 'verification-log',
  held: 'verification-held',
}

const signInPage = (c: Context, model: SignInModel, status: 200 | 401 | 422 | 429 = 200) => render(c, <SignInView model={model} />, { title: tOf(c).t('acct.signIn.title'), status })
const signUpPage = (c: Context, model: SignUpModel, status: 200 | 422 = 200) => render(c, <SignUpView model={model} />, { title: tOf(c).t('acct.signUp.title'), status })

/** The account page, with one form's problems next to its fields when it failed. */
async function accountPage(c: Context, userId: string, options: { notice?: AccountNotice | undefined; failed?: AccountFormState; status?: 200 | 422 | 429 } = {}) {
  const { accounts, instanceOutbox, holder } = c.get('platform')
  const [overview, scope, { did }] = await Promise.all([accounts.overview(userId), instanceOutbox.scopeOf(userId), holder.did(userId)])
  return render(c, <AccountView model={{ overview, notice: options.notice, failed: options.failed, admin: scope !== undefined, did }} />, {
    title: tOf(c).t('acct.account.title'),
    status: options.status ?? 200,
  })
}

/** Account pages: sign up, sign in and out, confirm the e-mail address, reset the password, the account page. */
export const accountPages = (): Hono =>
  new Hono()
    .get('/sign-up', (c) => (isSignedIn(c) ? c.redirect(afterSignIn(c.req.query('next')), 303) : signUpPage(c, { next: nextOf(c) })))
    .post('/sign-up', async (c) => {
      const next = nextOf(c)
      const values = await readForm(c)
      try {
        await c.get('platform').accounts.signUp({ name: values['name'] ?? '', email: values['email'] ?? '', password: values['password'] ?? '' })
      } catch (err) {
        if (err instanceof AccountInputError) return signUpPage(c, { values: { name: values['name'] ?? '', email: values['email'] ?? '' }, errors: fieldErrorsOf(tOf(c), err.issues), next }, 422)
        throw err
      }
      return c.redirect(next ? `/sign-up/check-email?next=${encodeURIComponent(next)}` : '/sign-up/check-email', 303)
    })
    .get('/sign-up/check-email', (c) => render(c, <CheckEmailView model={{ route: c.get('platform').instanceOutbox.route, next: nextOf(c) }} />, { title: tOf(c).t('acct.checkEmail.title') }))

    .get('/sign-in', (c) => (isSignedIn(c) ? c.redirect(afterSignIn(c.req.query('next')), 303) : signInPage(c, { next: nextOf(c), notice: signInNotice(c.req.query('notice')) })))
    .post('/sign-in', async (c) => {
      const t = tOf(c)
      const next = nextOf(c)
      const { email = '', password = '' } = await readForm(c)
      const errors: Record<string, string> = {}
      if (email.trim() === '') errors['email'] = t.t('acct.error.email.required')
      if (password === '') errors['password'] = t.t('acct.error.password.required')
      if (Object.keys(errors).length > 0) return signInPage(c, { email, errors, next }, 422)
      try {
        const { session } = await c.get('platform').accounts.signIn({ email, password, ip: clientIp(c), replacing: currentSessionHash(c) })
        setSessionCookie(c, session)
        return c.redirect(afterSignIn(next), 303)
      } catch (err) {
        if (err instanceof RateLimitedError) return signInPage(c, { email, alert: rateLimited(c, err, 'acct.error.rateLimited'), next }, 429)
        if (err instanceof PlatformError && err.code === 'ERR_UNAUTHENTICATED') return signInPage(c, { email, alert: t.t('acct.error.wrongPassword'), next }, 401)
        throw err
      }
    })
    .post('/sign-out', async (c) => {
      const current = currentSessionHash(c)
      if (current) await c.get('platform').accounts.signOut(current)
      clearSessionCookie(c)
      return c.redirect('/sign-in?notice=signed-out', 303)
    })

    .get('/verify-email', async (c) => {
      const signedIn = isSignedIn(c)
      try {
        const { outcome } = await c.get('platform').accounts.verifyEmail(c.req.query('token') ?? '')
        return render(c, <VerifyEmailView model={{ outcome, signedIn }} />, { title: tOf(c).t('acct.verify.title') })
      } catch (err) {
        if (isTokenInvalid(err)) return render(c, <InvalidLinkView model={{ kind: 'verify', signedIn }} />, { title: tOf(c).t('acct.link.invalidTitle'), status: 400 })
        throw err
      }
    })
    .post('/verify-email/resend', async (c) => {
      const user = requireUser(c)
      try {
        const outcome = await c.get('platform').accounts.resendVerificationEmail(user.id)
        const notice = outcome === 'sent' ? VERIFICATION_NOTICE[c.get('platform').instanceOutbox.route] : 'already-verified'
        return c.redirect(`/account?notice=${notice}`, 303)
      } catch (err) {
        if (err instanceof RateLimitedError) return accountPage(c, user.id, { failed: { form: 'resend', alert: rateLimited(c, err, 'acct.error.resendLimited') }, status: 429 })
        throw err
      }
    })

    .get('/forgot-password', (c) => render(c, <ForgotPasswordView model={{}} />, { title: tOf(c).t('acct.forgot.title') }))
    .post('/forgot-password', async (c) => {
      const { email = '' } = await readForm(c)
      try {
        await c.get('platform').accounts.requestPasswordReset({ email })
      } catch (err) {
        if (err instanceof AccountInputError) return render(c, <ForgotPasswordView model={{ email, errors: fieldErrorsOf(tOf(c), err.issues) }} />, { title: tOf(c).t('acct.forgot.title'), status: 422 })
        throw err
      }
      return c.redirect('/forgot-password/sent', 303)
    })
    .get('/forgot-password/sent', (c) => render(c, <ResetLinkSentView model={{ route: c.get('platform').instanceOutbox.route }} />, { title: tOf(c).t('acct.forgot.sentTitle') }))
    .get('/reset-password', async (c) => {
      const token = c.req.query('token') ?? ''
      try {
        await c.get('platform').accounts.checkResetToken(token)
      } catch (err) {
        if (isTokenInvalid(err)) return render(c, <InvalidLinkView model={{ kind: 'reset', signedIn: isSignedIn(c) }} />, { title: tOf(c).t('acct.link.invalidTitle'), status: 400 })
        throw err
      }
      return render(c, <ResetPasswordView model={{ token }} />, { title: tOf(c).t('acct.reset.title') })
    })
    .post('/reset-password', async (c) => {
      const { token = '', password = '' } = await readForm(c)
      try {
        const { session } = await c.get('platform').accounts.resetPassword({ token, password })
        setSessionCookie(c, session)
        return c.redirect('/account?notice=password-reset', 303)
      } catch (err) {
        if (err instanceof AccountInputError) return render(c, <ResetPasswordView model={{ token, errors: fieldErrorsOf(tOf(c), err.issues) }} />, { title: tOf(c).t('acct.reset.title'), status: 422 })
        if (isTokenInvalid(err)) return render(c, <InvalidLinkView model={{ kind: 'reset', signedIn: isSignedIn(c) }} />, { title: tOf(c).t('acct.link.invalidTitle'), status: 400 })
        throw err
      }
    })

    .get('/account', (c) => accountPage(c, requireUser(c).id, { notice: accountNotice(c.req.query('notice')) }))
    .post('/account/name', async (c) => {
      const user = requireUser(c)
      const values = await readForm(c)
      try {
        await c.get('platform').accounts.changeName(user.id, values['name'] ?? '')
      } catch (err) {
        if (err instanceof AccountInputError) return accountPage(c, user.id, { failed: { form: 'name', errors: fieldErrorsOf(tOf(c), err.issues), values: { name: values['name'] ?? '' } }, status: 422 })
        throw err
      }
      return c.redirect('/account?notice=name-changed', 303)
    })
    .post('/account/password', async (c) => {
      const user = requireUser(c)
      const { currentPassword = '', newPassword = '' } = await readForm(c)
      try {
        await c.get('platform').accounts.changePassword({ userId: user.id, currentPassword, newPassword, keepSession: currentSessionHash(c)! })
      } catch (err) {
        if (err instanceof AccountInputError) return accountPage(c, user.id, { failed: { form: 'password', errors: fieldErrorsOf(tOf(c), err.issues) }, status: 422 })
        if (err instanceof RateLimitedError) return accountPage(c, user.id, { failed: { form: 'password', alert: rateLimited(c, err, 'acct.error.rateLimited') }, status: 429 })
        throw err
      }
      return c.redirect('/account?notice=password-changed', 303)
    })
    .post('/account/sign-out-everywhere', async (c) => {
      const user = requireUser(c)
      await c.get('platform').accounts.signOutEverywhere(user.id)
      clearSessionCookie(c)
      return c.redirect('/sign-in?notice=signed-out-everywhere', 303)
    })
