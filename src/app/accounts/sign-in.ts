import { normalizeEmail } from '../../core/credential/index.js'
import { PlatformError } from '../../core/errors.js'
import { hashSecret } from '../platform/secret-token.js'
import type { AccountDeps } from './deps.js'
import { RateLimitedError, waitPhrase } from './errors.js'
import { ACCOUNT_THROTTLE, accountLockMs } from './limits.js'
import { verifyDummyPassword, verifyPassword } from './password-hash.js'
import type { UserRecord } from './ports.js'
import { startSession, type NewSession } from './sessions.js'

/** A sign-in attempt; `ip` is the client's address as the server saw it ('unknown' when it has none). */
export interface SignInRequest {
  email: string
  password: string
  ip: string
  /** The session the request came with, replaced by the new one. */
  replacing?: string | undefined
}

/** The throttle's key of an account: the SHA-256 of its normalized e-mail (unknown addresses are counted alike). */
export const signInThrottleKey = (address: string): string => hashSecret(`sign-in\n${address}`)

/**
 * Checks the password and opens a new session. Failures are counted per (IP, e-mail) and per IP in
 * this process, and per account in the database (every process and source address alike, with a
 * growing lock: {@link ACCOUNT_THROTTLE}); past a limit or while the account is locked every
 * attempt, right or wrong, is RateLimitedError without checking the password.
 * A wrong password and an unknown e-mail fail alike (same message, same argon2 work, same throttle).
 */
export async function signIn(deps: AccountDeps, { email, password, ip, replacing }: SignInRequest): Promise<{ user: UserRecord; session: NewSession }> {
  const { store, limits, clock } = deps
  const accounts = store.repos.accounts
  const address = normalizeEmail(email)
  const accountKey = `${ip}\n${address}`
  const throttleKey = address === '' ? undefined : signInThrottleKey(address)
  const now = clock.now()
  const blocked = (await Promise.all([limits.signInPerAccount.check(accountKey), limits.signInPerIp.check(ip)])).filter((d) => !d.allowed)
  const lockedUntil = throttleKey ? await accounts.signInLockedUntil(throttleKey) : undefined
  const lockedFor = lockedUntil ? Date.parse(lockedUntil) - now.getTime() : 0
  if (blocked.length > 0 || lockedFor > 0) {
    const wait = Math.max(Math.ceil(lockedFor / 1000), ...blocked.map((d) => ('retryAfterSeconds' in d ? d.retryAfterSeconds : 0)))
    throw new RateLimitedError(`Too many failed sign-ins. Try again ${waitPhrase(wait)}, or reset your password.`, wait)
  }
  const user = address === '' ? undefined : await accounts.userByEmail(address)
  const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyDummyPassword(password)
  if (!user || !ok) {
    await Promise.all([limits.signInPerAccount.hit(accountKey), limits.signInPerIp.hit(ip)])
    if (throttleKey) {
      const failures = await accounts.recordSignInFailure(throttleKey, now.toISOString(), new Date(now.getTime() - ACCOUNT_THROTTLE.quietMs).toISOString())
      const lockMs = accountLockMs(failures)
      if (lockMs > 0) await accounts.lockSignIn(throttleKey, new Date(now.getTime() + lockMs).toISOString())
    }
    throw new PlatformError('ERR_UNAUTHENTICATED', 'That e-mail address and password do not match an account')
  }
  await limits.signInPerAccount.reset(accountKey)
  await accounts.clearSignInFailures(throttleKey!)
  const session = await store.transaction((tx) => startSession(deps, tx.repos, user.id, { replacing }))
  return { user, session }
}
