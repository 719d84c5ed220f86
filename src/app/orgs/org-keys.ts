import { PlatformError } from '../../core/errors.js'
import type { PlatformPorts, StoredOrgKey } from '../platform/ports.js'
import { keyRevocationSchema, parseOrgInput } from './org-input.js'

/** A signing key as members see it: never the sealed secret. */
export interface OrgKeyView {
  id: string
  publicKeyMultibase: string
  state: StoredOrgKey['state']
  createdAt: string
  retiredAt: string | null
  revokedAt: string | null
  revocationReason: string | null
}

const viewOf = (k: StoredOrgKey): OrgKeyView => ({
  id: k.id,
  publicKeyMultibase: k.publicKeyMultibase,
  state: k.state,
  createdAt: k.createdAt,
  retiredAt: k.retiredAt,
  revokedAt: k.revokedAt ?? null,
  revocationReason: k.revocationReason ?? null,
})

const STATE_ORDER = { active: 0, retired: 1, revoked: 2 } as const

/** The organization's signing keys, newest first (the active key first among keys made in the same instant). */
export async function listOrgKeys({ store }: Pick<PlatformPorts, 'store'>, orgId: string): Promise<OrgKeyView[]> {
  const keys = (await store.repos.orgKeys.keysOf(orgId)).map(viewOf)
  return keys.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || STATE_ORDER[a.state] - STATE_ORDER[b.state] || (b.retiredAt ?? '').localeCompare(a.retiredAt ?? ''))
}

/** Makes a new active key; the previous one is retired and stays in the DID document, so what it signed still verifies. */
export async function rotateOrgKey({ store, keys }: Pick<PlatformPorts, 'store' | 'keys'>, orgId: string): Promise<OrgKeyView> {
  const { keyId } = await keys.rotate(orgId)
  const key = (await store.repos.orgKeys.keysOf(orgId)).find((k) => k.id === keyId)
  if (!key) throw new PlatformError('ERR_KEY_UNAVAILABLE', `The new key ${keyId} was not stored`)
  return viewOf(key)
}

/**
 * Revokes a retired key with a reason: it leaves the DID document, so credentials it signed no
 * longer verify. The active key cannot be revoked before a rotation replaces it (ERR_STATE_INVALID).
 */
export async function revokeOrgKey(
  { store, clock }: Pick<PlatformPorts, 'store' | 'clock'>,
  { orgId, keyId, input }: { orgId: string; keyId: string; input: { reason: string } | unknown },
): Promise<OrgKeyView> {
  const { reason } = parseOrgInput(keyRevocationSchema, input)
  const key = (await store.repos.orgKeys.keysOf(orgId)).find((k) => k.id === keyId)
  if (!key) throw new PlatformError('ERR_NOT_FOUND', `No key ${keyId} in this organization`)
  if (key.state === 'active') throw new PlatformError('ERR_STATE_INVALID', `Key ${keyId} is the active signing key: rotate to a new key first, then revoke this one`)
  if (key.state === 'revoked') throw new PlatformError('ERR_STATE_INVALID', `Key ${keyId} is already revoked`)
  const at = clock.now()
  if (!(await store.repos.orgKeys.revoke(orgId, keyId, at, reason))) throw new PlatformError('ERR_STATE_INVALID', `Key ${keyId} changed while it was being revoked; reload and try again`)
  return { ...viewOf(key), state: 'revoked', revokedAt: at.toISOString(), revocationReason: reason }
}
