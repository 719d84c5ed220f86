import { PlatformError } from '../../core/errors.js'
import { InputError, type InputIssueCode } from '../platform/input-error.js'

/** ERR_RATE_LIMITED with when to try again (the edge sends it as Retry-After). */
export class RateLimitedError extends PlatformError {
  readonly retryAfterSeconds: number
  constructor(message: string, retryAfterSeconds: number) {
    super('ERR_RATE_LIMITED', message)
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/** An account form's InputError (ERR_INPUT_INVALID), one issue per field, so pages can show each next to its field. */
export class AccountInputError extends InputError {
  override name = 'AccountInputError'
  /** `problems` by field name: the message and its input code. */
  constructor(problems: Record<string, { code: InputIssueCode; message: string }>) {
    super(Object.entries(problems).map(([path, { code, message }]) => ({ path, code, message })))
  }
}

/** "in 3 minutes", "in 40 seconds": a wait as people say it. */
export function waitPhrase(seconds: number): string {
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? '' : 's'}`
  const minutes = Math.ceil(seconds / 60)
  return `in ${minutes} minute${minutes === 1 ? '' : 's'}`
}
