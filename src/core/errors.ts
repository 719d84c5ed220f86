/** Stable codes for operations that cannot proceed. HTTP status and CLI exit codes are decided at the edges. */
export type ErrorCode =
  | 'ERR_INPUT_INVALID'
  | 'ERR_INPUT_TOO_LARGE'
  | 'ERR_INPUT_TOO_DEEP'
  | 'ERR_ARRAY_TOO_LONG'
  | 'ERR_JSON_PARSE'
  | 'ERR_CONTEXT_UNKNOWN'
  | 'ERR_CONTEXT_INTEGRITY'
  | 'ERR_JSONLD'
  | 'ERR_KEY_INVALID'
  | 'ERR_KEY_UNAVAILABLE'
  | 'ERR_PROOF_INVALID'
  | 'ERR_DID_UNSUPPORTED'
  | 'ERR_DID_RESOLUTION'
  | 'ERR_FETCH_FAILED'
  | 'ERR_FETCH_BLOCKED'
  | 'ERR_STATUS_LIST_INVALID'
  | 'ERR_STATUS_INDEX_OUT_OF_RANGE'
  | 'ERR_STATUS_LIST_MULTIBASE'
  | 'ERR_STATUS_LIST_BASE64URL'
  | 'ERR_STATUS_LIST_GZIP'
  | 'ERR_STATUS_LIST_TOO_LARGE'
  | 'ERR_STATUS_LIST_LENGTH'
  | 'ERR_UNSUPPORTED_SUITE'
  | 'ERR_LOG_INCONSISTENT'
  | 'ERR_STORE_UNAVAILABLE'
  | 'ERR_STORAGE_FULL'
  | 'ERR_STORE_READ_ONLY'
  | 'ERR_NOTE_INVALID'
  | 'ERR_LOG_UNAVAILABLE'
  | 'ERR_CREDENTIAL_EXISTS'
  | 'ERR_UNAUTHENTICATED'
  | 'ERR_FORBIDDEN'
  | 'ERR_NOT_FOUND'
  | 'ERR_CONFLICT'
  | 'ERR_RATE_LIMITED'
  | 'ERR_CSRF'
  | 'ERR_IMAGE_INVALID'
  | 'ERR_CSV_INVALID'
  | 'ERR_IDEMPOTENCY_CONFLICT'
  | 'ERR_STATE_INVALID'
  | 'ERR_MAIL_FAILED'
  | 'ERR_TOKEN_INVALID'

/** An operation that cannot proceed: bad input, a missing resource, a failed dependency. */
export class PlatformError extends Error {
  override name = 'PlatformError'
  readonly code: ErrorCode
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }
}

/** True when `err` is a PlatformError, optionally with the given code. */
export const isPlatformError = (err: unknown, code?: ErrorCode): err is PlatformError =>
  err instanceof PlatformError && (code === undefined || err.code === code)
