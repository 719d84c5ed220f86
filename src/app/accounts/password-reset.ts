import { PlatformError } from '../../core/errors.js'
import { resetPasswordMessage } from '../mail/templates.js'
import { parseEmail } from './account-input.js'
import { ACCOUNT_MAIL_FROM_NAME, type AccountDeps } from './deps.js'
import { AccountInputError } from './errors.js'
import { hashPassword } from './password-hash.js'
import { passwordIssue } from './password-policy.js'
import type { UserRecord } from './ports.js'
import { hashSecret, isTokenShaped, newSecret } from '../platform/secret-token.js'
import { startSession, type NewSession } from './sessions.js'

/** Reset links work for 1 hour. */
export const RESET_PASSWORD_TTL_MS = 3_600_000

/** The page a reset link opens. */
export const resetPasswordUrl = (publicUrl: string, token: string): string => `${publicUrl}/reset-password?token=${encodeURIComponent(token)}`

const invalidLink = () =>
  new PlatformError('ERR_TOKEN_INVALID', 'This password reset link has expired or was already used. Ask for a new one; links work once, for one hour.')

/**
 * Mails a one-time reset link when the address has an account (at most 5 account e-mails an hour
 * per address). Says nothing either way: the caller answers "if an account exists, we sent a link".
 * A malformed address is AccountInputError (that reveals nothing about accounts).
 */
export async function requestPasswordReset(deps: AccountDeps, { email }: { email: string }): Promise<void> {
  const parsed = parseEmail(email)
  if ('problem' in parsed) throw new AccountInputError({ email: { code: parsed.code, message: parsed.problem } })
  const { store, clock, random, publicUrl, smtpConfigured, limits } = deps
  if (!(await limits.mailPerAddress.check(parsed.email)).allowed) return
  const user = await store.repos.accounts.userByEmail(parsed.email)
  if (!user) return
  const { token, hash } = newSecret(random)
  await store.transaction(async (tx) => {
    await tx.repos.accounts.createToken({ tokenHash: hash, userId: user.id, purpose: 'reset-password', expiresAt: new Date(clock.now().getTime() + RESET_PASSWORD_TTL_MS) })
    const content = resetPasswordMessage({ name: user.name, resetUrl: resetPasswordUrl(publicUrl, token) })
    await tx.repos.outbox.enqueue({ to: user.email, fromName: ACCOUNT_MAIL_FROM_NAME, ...content }, { smtpConfigured, id: random.uuid() })
  })
  await limits.mailPerAddress.hit(parsed.email)
  deps.wake('mail')
}

/** Whether a reset link can still be used (without using it): the form is shown only for one that can. */
export async function checkResetToken({ store, clock }: Pick<AccountDeps, 'store' | 'clock'>, token: string): Promise<void> {
  if (!isTokenShaped(token) || !(await store.repos.accounts.peekToken(hashSecret(token), 'reset-password', clock.now()))) throw invalidLink()
}

/**
 * Uses a reset link: sets the new password, ends every session of the account, kills its other
 * reset links, marks the address verified (the link proved the mailbox) and opens a fresh session.
 */
export async function resetPassword(deps: AccountDeps, { token, password }: { token: string; password: string }): Promise<{ user: UserRecord; session: NewSession }> {
  const { store, clock } = deps
  if (!isTokenShaped(token)) throw invalidLink()
  const hash = hashSecret(token)
  const ownerId = await store.repos.accounts.peekToken(hash, 'reset-password', clock.now())
  const owner = ownerId ? await store.repos.accounts.userById(ownerId) : undefined
  if (!owner) throw invalidLink()
  const weak = passwordIssue(password, { email: owner.email })
  if (weak) throw new AccountInputError({ password: weak })
  const passwordHash = await hashPassword(password)
  return store.transaction(async (tx) => {
    const now = clock.now()
    const userId = await tx.repos.accounts.useToken(hash, 'reset-password', now)
    if (userId !== owner.id) throw invalidLink()
    await tx.repos.accounts.setPasswordHash(userId, passwordHash)
    await tx.repos.accounts.deleteSessions(userId)
    await tx.repos.accounts.deleteTokens(userId, 'reset-password')
    await tx.repos.accounts.markEmailVerified(userId, now)
    const session = await startSession(deps, tx.repos, userId)
    return { user: { ...owner, passwordHash }, session }
  })
}
