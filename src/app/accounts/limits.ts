import type { Clock } from '../platform/ports.js'
import { sharedRateLimiter, type RateLimitStore, type SharedRateLimiter } from '../platform/rate-limits.js'

/** The account limits: failed sign-ins, and account e-mails sent to one address. */
export interface AccountLimits {
  /** Failed sign-ins per (IP, e-mail): 5 per 15 minutes. */
  signInPerAccount: SharedRateLimiter
  /** Failed sign-ins per IP: 50 per 15 minutes. */
  signInPerIp: SharedRateLimiter
  /** Verification, reset and sign-up-attempt e-mails per address: 5 per hour (no mail bombing through our forms). */
  mailPerAddress: SharedRateLimiter
  /** Wrong current passwords when changing the password, per account: 5 per 15 minutes. */
  passwordChange: SharedRateLimiter
}

const FIFTEEN_MINUTES = 15 * 60_000

/**
 * The account limits over the shared rate-limit store (the database, or Redis): every process of
 * the instance counts toward the same limits.
 */
export const createAccountLimits = (ports: { rateLimits: RateLimitStore; clock: Clock }): AccountLimits => ({
  signInPerAccount: sharedRateLimiter(ports, 'sign-in-account', { limit: 5, windowMs: FIFTEEN_MINUTES }),
  signInPerIp: sharedRateLimiter(ports, 'sign-in-ip', { limit: 50, windowMs: FIFTEEN_MINUTES }),
  mailPerAddress: sharedRateLimiter(ports, 'account-mail', { limit: 5, windowMs: 60 * 60_000 }),
  passwordChange: sharedRateLimiter(ports, 'password-change', { limit: 5, windowMs: FIFTEEN_MINUTES }),
})

/**
 * The per-account sign-in throttle, kept in the database so every process and every source address
 * counts toward it: the first `free` failures of an account cost nothing more than the limits above;
 * each further one locks the account's sign-ins (right password or not) for `baseMs`, doubling up to
 * `maxMs`. The count restarts after `quietMs` without a failure, and a successful sign-in clears it.
 */
export const ACCOUNT_THROTTLE = Object.freeze({ free: 10, baseMs: 15_000, maxMs: FIFTEEN_MINUTES, quietMs: 24 * 60 * 60_000 })

/** How long the account is locked after its `failures`-th failure in a row (0: not locked). */
export const accountLockMs = (failures: number, { free, baseMs, maxMs } = ACCOUNT_THROTTLE): number =>
  failures <= free ? 0 : Math.min(maxMs, baseMs * 2 ** Math.min(failures - free - 1, 30))
