import { createHash } from 'node:crypto'
import { jcs } from '../../core/canonical/index.js'
import { PlatformError } from '../../core/errors.js'
import type { IdempotencyRepo, IdempotentResponse } from './ports.js'

/** An Idempotency-Key: 1–200 printable ASCII characters (the IETF draft's opaque string). */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/

/** What identifies a request for idempotency: where it went and its JSON body, canonicalized (JCS) and hashed. */
export const requestDigest = (target: string, body: unknown): string => createHash('sha256').update(jcs({ target, body }), 'utf8').digest('hex')

/**
 * The response stored for a repeated key: undefined for a new key, the stored response for the
 * same request, ERR_IDEMPOTENCY_CONFLICT when the key was used for a different request.
 * @see https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/
 */
export async function replayOf(repo: Pick<IdempotencyRepo, 'get'>, orgId: string, key: string, digest: string): Promise<IdempotentResponse | undefined> {
  const stored = await repo.get(orgId, key)
  if (!stored) return undefined
  if (stored.requestDigest !== digest)
    throw new PlatformError('ERR_IDEMPOTENCY_CONFLICT', `Idempotency-Key "${key}" was already used with a different request; use a new key for a new request`)
  return stored
}
