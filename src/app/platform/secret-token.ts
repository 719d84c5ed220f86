import { createHash } from 'node:crypto'
import type { RandomSource } from '../platform/ports.js'

/** SHA-256 hex of a secret token: all the store keeps of sessions, e-mail links, API keys, invitations and claim links. */
export const hashSecret = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex')

/** A fresh 32-byte base64url secret and its hash. */
export function newSecret(random: Pick<RandomSource, 'token'>): { token: string; hash: string } {
  const token = random.token(32)
  return { token, hash: hashSecret(token) }
}

/** Whether a string can be one of our tokens (32 bytes base64url), before spending a query on it. */
export const isTokenShaped = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value)
