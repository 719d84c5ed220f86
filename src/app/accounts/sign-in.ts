import { normalizeEmail } from '../../core/credential/index.js'
import { PlatformError } from '../../core/errors.js'
import type { AccountDeps } from './deps.js'
import { RateLimitedError, waitPhrase } from './errors.js'
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

/**
 * Checks the password and opens a new session. Failures are counted per (IP, e-mail) and per IP;
 * past the limits every attempt, right or wrong, is RateLimitedError until the window frees one.
 * A wrong password and an unknown e-mail fail alike (same message, same argon2 work).
 */
export async function signIn(deps: AccountDeps, { email, password, ip, replacing }: SignInRequest): Promise<{ user: UserRecord; session: NewSession }> {
  const { store, limits } = deps
  const address = normalizeEmail(email)
  const accountKey = `${ip}\n${address}`
  const blocked = [limits.signInPerAccount.check(accountKey), limits.signInPerIp.check(ip)].filter((d) => !d.allowed)
  if (blocked.length > 0) {
    const wait = Math.max(...blocked.map((d) => ('retryAfterSeconds' in d ? d.retryAfterSeconds : 0)))
    throw new RateLimitedError(`Too many failed sign-ins. Try again ${waitPhrase(wait)}, or reset your password.`, wait)
  }
  const user = address === '' ? undefined : await store.repos.accounts.userByEmail(address)
  const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyDummyPassword(password)
  if (!user || !ok) {
    limits.signInPerAccount.hit(accountKey)
    limits.signInPerIp.hit(ip)
    throw new PlatformError('ERR_UNAUTHENTICATED', 'That e-mail address and password do not match an account')
  }
  limits.signInPerAccount.reset(accountKey)
  const session = await store.transaction((tx) => startSession(deps, tx.repos, user.id, { replacing }))
  return { user, session }
}
