import { PlatformError } from '../../core/errors.js'
import { verifyEmailMessage } from '../mail/templates.js'
import type { PlatformTransaction } from '../platform/ports.js'
import { ACCOUNT_MAIL_FROM_NAME, type AccountDeps } from './deps.js'
import { RateLimitedError, waitPhrase } from './errors.js'
import { hashSecret, isTokenShaped, newSecret } from '../platform/secret-token.js'

/** Verification links work for 24 hours. */
export const VERIFY_EMAIL_TTL_MS = 24 * 3_600_000

/** The page a verification link opens. */
export const verifyEmailUrl = (publicUrl: string, token: string): string => `${publicUrl}/verify-email?token=${encodeURIComponent(token)}`

/**
 * Stores a fresh verification token and queues its e-mail, inside the caller's transaction.
 * The caller wakes the mail worker after commit.
 */
export async function queueVerificationEmail(
  tx: PlatformTransaction,
  { clock, random, publicUrl, smtpConfigured }: Pick<AccountDeps, 'clock' | 'random' | 'publicUrl' | 'smtpConfigured'>,
  user: { id: string; email: string; name: string },
): Promise<void> {
  const { token, hash } = newSecret(random)
  await tx.repos.accounts.createToken({ tokenHash: hash, userId: user.id, purpose: 'verify-email', expiresAt: new Date(clock.now().getTime() + VERIFY_EMAIL_TTL_MS) })
  const content = verifyEmailMessage({ name: user.name, verifyUrl: verifyEmailUrl(publicUrl, token) })
  await tx.repos.outbox.enqueue({ to: user.email, fromName: ACCOUNT_MAIL_FROM_NAME, ...content }, { smtpConfigured, id: random.uuid() })
}

/** Sends a new verification link to a signed-in user whose address is not verified yet (at most 5 an hour). */
export async function resendVerificationEmail(deps: AccountDeps, userId: string): Promise<'sent' | 'already-verified'> {
  const user = await deps.store.repos.accounts.userById(userId)
  if (!user) throw new PlatformError('ERR_NOT_FOUND', 'This account no longer exists')
  if (user.emailVerifiedAt) return 'already-verified'
  const decision = deps.limits.mailPerAddress.check(user.email)
  if (!decision.allowed) {
    throw new RateLimitedError(`We sent several links in the last hour; check your inbox and spam folder, or ask again ${waitPhrase(decision.retryAfterSeconds)}`, decision.retryAfterSeconds)
  }
  await deps.store.transaction((tx) => queueVerificationEmail(tx, deps, user))
  deps.limits.mailPerAddress.hit(user.email)
  deps.wake('mail')
  return 'sent'
}

/**
 * Uses a verification link: the address is verified and the user's other links stop working.
 * A link already used by a now-verified account answers 'already-verified' (mail scanners open
 * links before people do); an unknown or expired one is ERR_TOKEN_INVALID.
 */
export async function verifyEmail({ store, clock }: Pick<AccountDeps, 'store' | 'clock'>, token: string): Promise<{ userId: string; outcome: 'verified' | 'already-verified' }> {
  const invalid = () => new PlatformError('ERR_TOKEN_INVALID', 'This confirmation link has expired or is not valid. Sign in and ask for a new one from your account page.')
  if (!isTokenShaped(token)) throw invalid()
  const hash = hashSecret(token)
  const now = clock.now()
  const used = await store.transaction(async (tx) => {
    const userId = await tx.repos.accounts.useToken(hash, 'verify-email', now)
    if (!userId) return undefined
    // A link for another address of the account (0009) confirms that address only.
    const email = await tx.repos.accountEmails.tokenEmail(hash)
    if (email) {
      await tx.repos.accountEmails.markVerified(userId, email, now.toISOString())
      return userId
    }
    await tx.repos.accounts.markEmailVerified(userId, now)
    await tx.repos.accounts.deleteTokens(userId, 'verify-email')
    return userId
  })
  if (used) return { userId: used, outcome: 'verified' }
  const owner = await store.repos.accounts.tokenOwner(hash, 'verify-email')
  const user = owner ? await store.repos.accounts.userById(owner) : undefined
  const email = owner ? await store.repos.accountEmails.tokenEmail(hash) : undefined
  if (email) {
    if ((await store.repos.accountEmails.byEmail(email))?.verifiedAt && user) return { userId: user.id, outcome: 'already-verified' }
    throw invalid()
  }
  if (user?.emailVerifiedAt) return { userId: user.id, outcome: 'already-verified' }
  throw invalid()
}
