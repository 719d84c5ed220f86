import { Hono, type Context } from 'hono'
import { AccountInputError, RateLimitedError } from '../../../app/accounts/index.js'
import { PlatformError } from '../../../core/errors.js'
import { requireUser } from '../../../http/auth/require.js'
import { clearSessionCookie, clientIp, currentSessionHash, setSessionCookie, withRetryAfter } from '../../../http/auth/session-cookie.js'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'
import { accountNotice, accountPage, type AccountFormState } from './account-page.js'
import { afterSignIn, localPath } from './next-path.js'
import { forgotPasswordPage, resetLinkInvalidPage, resetLinkSentPage, resetPasswordPage } from './password-reset-pages.js'
import { signInNotice, signInPage } from './sign-in-page.js'
import { checkEmailPage, signUpPage } from './sign-up-page.js'
import { verifyEmailInvalidPage, verifyEmailResultPage } from './verify-email-page.js'

const isSignedIn = (c: Context) => c.var.actor?.kind === 'user'
const nextOf = (c: Context) => localPath(c.req.query('next'))

/** The account page again with one form's problems next to its fields. */
async function accountPageWith(c: Context, userId: string, failed: AccountFormState, status: 422 | 429) {
  return accountPage(c, await c.var.platform.accounts.overview(userId), { failed, status })
}

/** Account pages: sign up, sign in and out, verify e-mail, reset password, the account page. */
export const accountPages = (): Hono =>
  new Hono()
    .get('/sign-up', (c) => (isSignedIn(c) ? c.redirect(afterSignIn(c.req.query('next')), 303) : signUpPage(c, { next: nextOf(c) })))
    .post('/sign-up', async (c) => {
      const next = nextOf(c)
      const values = await readForm(c)
      try {
        await c.var.platform.accounts.signUp({ name: values['name'] ?? '', email: values['email'] ?? '', password: values['password'] ?? '' })
      } catch (err) {
        if (err instanceof AccountInputError) return signUpPage(c, { values, errors: err.fields, next })
        throw err
      }
      return c.redirect(next ? `/sign-up/check-email?next=${encodeURIComponent(next)}` : '/sign-up/check-email', 303)
    })
    .get('/sign-up/check-email', (c) => checkEmailPage(c, nextOf(c)))

    .get('/sign-in', (c) =>
      isSignedIn(c) ? c.redirect(afterSignIn(c.req.query('next')), 303) : signInPage(c, { next: nextOf(c), notice: signInNotice(c.req.query('notice')) }),
    )
    .post('/sign-in', async (c) => {
      const next = nextOf(c)
      const { email = '', password = '' } = await readForm(c)
      const errors: Record<string, string> = {}
      if (email.trim() === '') errors['email'] = 'Enter your e-mail address'
      if (password === '') errors['password'] = 'Enter your password'
      if (Object.keys(errors).length > 0) return signInPage(c, { email, errors, next, status: 422 })
      try {
        const { session } = await c.var.platform.accounts.signIn({ email, password, ip: clientIp(c), replacing: currentSessionHash(c) })
        setSessionCookie(c, session)
        return c.redirect(afterSignIn(next), 303)
      } catch (err) {
        if (err instanceof RateLimitedError) {
          c.header('Retry-After', String(err.retryAfterSeconds))
          return signInPage(c, { email, alert: err.message, next, status: 429 })
        }
        if (err instanceof PlatformError && err.code === 'ERR_UNAUTHENTICATED') return signInPage(c, { email, alert: err.message, next, status: 401 })
        throw err
      }
    })
    .post('/sign-out', async (c) => {
      const current = currentSessionHash(c)
      if (current) await c.var.platform.accounts.signOut(current)
      clearSessionCookie(c)
      return c.redirect('/sign-in?notice=signed-out', 303)
    })

    .get('/verify-email', async (c) => {
      try {
        const { outcome } = await c.var.platform.accounts.verifyEmail(c.req.query('token') ?? '')
        return verifyEmailResultPage(c, outcome)
      } catch (err) {
        if (err instanceof PlatformError && err.code === 'ERR_TOKEN_INVALID') return verifyEmailInvalidPage(c, err.message)
        throw err
      }
    })
    .post('/verify-email/resend', async (c) => {
      const user = requireUser(c)
      const outcome = await c.var.platform.accounts.resendVerificationEmail(user.id).catch((err) => withRetryAfter(c, err))
      return c.redirect(outcome === 'sent' ? '/account?notice=verification-sent' : '/account?notice=already-verified', 303)
    })

    .get('/forgot-password', (c) => forgotPasswordPage(c))
    .post('/forgot-password', async (c) => {
      const { email = '' } = await readForm(c)
      try {
        await c.var.platform.accounts.requestPasswordReset({ email })
      } catch (err) {
        if (err instanceof AccountInputError) return forgotPasswordPage(c, { email, errors: err.fields })
        throw err
      }
      return c.redirect('/forgot-password/sent', 303)
    })
    .get('/forgot-password/sent', (c) => resetLinkSentPage(c))
    .get('/reset-password', async (c) => {
      const token = c.req.query('token') ?? ''
      try {
        await c.var.platform.accounts.checkResetToken(token)
      } catch (err) {
        if (err instanceof PlatformError && err.code === 'ERR_TOKEN_INVALID') return resetLinkInvalidPage(c, err.message)
        throw err
      }
      return resetPasswordPage(c, { token })
    })
    .post('/reset-password', async (c) => {
      const { token = '', password = '' } = await readForm(c)
      try {
        const { session } = await c.var.platform.accounts.resetPassword({ token, password })
        setSessionCookie(c, session)
        return c.redirect('/account?notice=password-reset', 303)
      } catch (err) {
        if (err instanceof AccountInputError) return resetPasswordPage(c, { token, errors: err.fields })
        if (err instanceof PlatformError && err.code === 'ERR_TOKEN_INVALID') return resetLinkInvalidPage(c, err.message)
        throw err
      }
    })

    .get('/account', async (c) => {
      const user = requireUser(c)
      return accountPage(c, await c.var.platform.accounts.overview(user.id), { notice: accountNotice(c.req.query('notice')) })
    })
    .post('/account/name', async (c) => {
      const user = requireUser(c)
      const values = await readForm(c)
      try {
        await c.var.platform.accounts.changeName(user.id, values['name'] ?? '')
      } catch (err) {
        if (err instanceof AccountInputError) return accountPageWith(c, user.id, { form: 'name', errors: err.fields, values }, 422)
        throw err
      }
      return c.redirect('/account?notice=name-changed', 303)
    })
    .post('/account/password', async (c) => {
      const user = requireUser(c)
      const { currentPassword = '', newPassword = '' } = await readForm(c)
      try {
        await c.var.platform.accounts.changePassword({ userId: user.id, currentPassword, newPassword, keepSession: currentSessionHash(c)! })
      } catch (err) {
        if (err instanceof AccountInputError) return accountPageWith(c, user.id, { form: 'password', errors: err.fields }, 422)
        if (err instanceof RateLimitedError) {
          c.header('Retry-After', String(err.retryAfterSeconds))
          return accountPageWith(c, user.id, { form: 'password', alert: err.message }, 429)
        }
        throw err
      }
      return c.redirect('/account?notice=password-changed', 303)
    })
    .post('/account/sign-out-everywhere', async (c) => {
      const user = requireUser(c)
      await c.var.platform.accounts.signOutEverywhere(user.id)
      clearSessionCookie(c)
      return c.redirect('/sign-in?notice=signed-out-everywhere', 303)
    })
