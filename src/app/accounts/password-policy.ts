import type { InputIssueCode } from '../platform/input-error.js'
import { COMMON_PASSWORDS } from './common-passwords.js'

/** Passwords are 10 to 128 characters (Unicode code points). */
export const PASSWORD_MIN = 10
export const PASSWORD_MAX = 128

/**
 * Why a password may not be used, or undefined when it may: too short or long, the account's
 * e-mail address (or its part before the @), one repeated character, or a very common password.
 * NIST SP 800-63B §5.1.1.2: length and a blocklist, no composition rules.
 */
export function passwordProblem(password: string, { email }: { email: string }): string | undefined {
  return passwordIssue(password, { email })?.message
}

/** {@link passwordProblem} with its input code (too_short, too_long, too_weak), for an InputError. */
export function passwordIssue(password: string, { email }: { email: string }): { code: InputIssueCode; message: string } | undefined {
  const length = [...password].length
  if (length < PASSWORD_MIN) return { code: 'too_short', message: `Use at least ${PASSWORD_MIN} characters (this one has ${length})` }
  if (length > PASSWORD_MAX) return { code: 'too_long', message: `Use at most ${PASSWORD_MAX} characters` }
  const lower = password.trim().toLowerCase()
  const address = email.trim().toLowerCase()
  if (lower === address || (address.includes('@') && lower === address.slice(0, address.lastIndexOf('@'))))
    return { code: 'too_weak', message: 'Do not use your e-mail address as your password' }
  if (new Set(lower).size === 1) return { code: 'too_weak', message: 'Do not repeat one character; choose something harder to guess' }
  if (COMMON_PASSWORDS.has(lower)) return { code: 'too_weak', message: 'This password is one of the most common ones; choose something harder to guess' }
  return undefined
}
