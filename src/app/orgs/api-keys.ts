import { PlatformError } from '../../core/errors.js'
import { hashSecret } from '../platform/secret-token.js'
import type { PlatformPorts, RandomSource } from '../platform/ports.js'
import { apiKeySchema, parseOrgInput } from './org-input.js'
import type { ApiKeyRecord } from './ports.js'

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** A fresh API key secret, `emb_<8 alphanumerics>_<43 base64url>`, and its prefix. */
export function newApiKeySecret(random: Pick<RandomSource, 'int' | 'token'>): { prefix: string; secret: string } {
  let prefix = ''
  for (let i = 0; i < 8; i++) prefix += ALNUM[random.int(ALNUM.length)]
  return { prefix, secret: `emb_${prefix}_${random.token(32)}` }
}

/**
 * Creates an API key for the organization. The secret is returned here once and never again: the
 * store keeps its SHA-256. Keys act with their role (admin at most) and never as a person.
 */
export async function createApiKey(
  { store, clock, random }: Pick<PlatformPorts, 'store' | 'clock' | 'random'>,
  { orgId, createdBy, input }: { orgId: string; createdBy: string; input: { name: string; role: string } | unknown },
): Promise<{ key: ApiKeyRecord; secret: string }> {
  const { name, role } = parseOrgInput(apiKeySchema, input)
  const { prefix, secret } = newApiKeySecret(random)
  const key: ApiKeyRecord = { id: random.uuid(), orgId, name, role, prefix, createdBy, createdAt: clock.now().toISOString(), lastUsedAt: null, revokedAt: null }
  await store.repos.apiKeys.create({ ...key, secretHash: hashSecret(secret) })
  return { key, secret }
}

/** Revokes an API key: requests bearing it are refused from now on. Revoking a revoked key changes nothing. */
export async function revokeApiKey({ store, clock }: Pick<PlatformPorts, 'store' | 'clock'>, { orgId, id }: { orgId: string; id: string }): Promise<ApiKeyRecord> {
  const key = await store.repos.apiKeys.get(orgId, id)
  if (!key) throw new PlatformError('ERR_NOT_FOUND', `No API key ${id} in this organization`)
  if (key.revokedAt !== null) return key
  const at = clock.now()
  await store.repos.apiKeys.revoke(orgId, id, at)
  return { ...key, revokedAt: at.toISOString() }
}
