import { PlatformError } from '../../core/errors.js'

/** ERR_RATE_LIMITED with when to try again (the edge sends it as Retry-After). */
export class RateLimitedError extends PlatformError {
  readonly retryAfterSeconds: number
  constructor(message: string, retryAfterSeconds: number) {
    super('ERR_RATE_LIMITED', message)
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/** ERR_INPUT_INVALID with a message per form field, so pages can show each next to its field. */
export class AccountInputError extends PlatformError {
  readonly fields: Readonly<Record<string, string>>
  constructor(fields: Record<string, string>) {
    super('ERR_INPUT_INVALID', Object.entries(fields).map(([field, message]) => `${field}: ${message}`).join('; '))
    this.fields = fields
  }
}

/** "in 3 minutes", "in 40 seconds": a wait as people say it. */
export function waitPhrase(seconds: number): string {
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? '' : 's'}`
  const minutes = Math.ceil(seconds / 60)
  return `in ${minutes} minute${minutes === 1 ? '' : 's'}`
}
