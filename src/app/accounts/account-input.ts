import { normalizeEmail } from '../../core/credential/index.js'
import type { InputIssueCode } from '../platform/input-error.js'

/** Names are 1 to 100 characters after trimming, without control characters. */
export const NAME_MAX = 100
/** RFC 5321 caps a forward path at 256 octets, so an address at 254 characters. */
export const EMAIL_MAX = 254

// Deliberately simple (WHATWG's input[type=email] rule): one @, no spaces, a dot-free or dotted domain.
const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/

/** Why an account field cannot be used: its input code and the English message. */
export type AccountProblem = { problem: string; code: InputIssueCode }

/** The normalized address (trimmed, lower-cased), or why it is not one. */
export function parseEmail(raw: string): { email: string } | AccountProblem {
  const email = normalizeEmail(raw)
  if (email === '') return { problem: 'Enter your e-mail address', code: 'required' }
  if (email.length > EMAIL_MAX) return { problem: `An e-mail address has at most ${EMAIL_MAX} characters`, code: 'too_long' }
  if (!EMAIL.test(email)) return { problem: 'Enter an e-mail address like name@example.org', code: 'invalid_email' }
  return { email }
}

/** The trimmed name, or why it cannot be one. */
export function parseName(raw: string): { name: string } | AccountProblem {
  const name = raw.trim().replace(/\s+/g, ' ')
  if (name === '') return { problem: 'Enter your name', code: 'required' }
  if ([...name].length > NAME_MAX) return { problem: `Use at most ${NAME_MAX} characters`, code: 'too_long' }
  if ([...name].some((ch) => ch < ' ' || ch === '\u007f')) return { problem: 'Remove the control characters from your name', code: 'invalid_characters' }
  return { name }
}
