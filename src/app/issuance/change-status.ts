import { PlatformError } from '../../core/errors.js'
import { StatusList } from '../../core/status-list/index.js'
import type { CredentialState } from '../credentials/ports.js'
import type { PlatformPorts, PlatformTransaction } from '../platform/ports.js'
import type { IssuedRecord, Slot } from './ports.js'
import { issuedViewOf, type IssuedView } from './issued-view.js'
import { credentialEventData, queueWebhookEvents } from '../webhooks/emit.js'

/** What an issuer can do to an issued credential. */
export type StatusAction = 'revoke' | 'suspend' | 'unsuspend'

/** Longest reason we keep. */
export const REASON_MAX = 500

/** Which state each action leaves, the states it applies to, and which bit it writes. */
const ACTIONS: Record<StatusAction, { from: readonly CredentialState[]; to: CredentialState; list: 'revocation' | 'suspension'; bit: 0 | 1 }> = {
  revoke: { from: ['active', 'suspended'], to: 'revoked', list: 'revocation', bit: 1 },
  suspend: { from: ['active'], to: 'suspended', list: 'suspension', bit: 1 },
  unsuspend: { from: ['suspended'], to: 'active', list: 'suspension', bit: 0 },
}

const WHY_NOT: Record<StatusAction, Partial<Record<CredentialState, string>>> = {
  revoke: { revoked: 'It is already revoked; revocation is permanent.' },
  suspend: { revoked: 'It is revoked; revocation is permanent.', suspended: 'It is already suspended.' },
  unsuspend: { revoked: 'It is revoked; revocation is permanent.', active: 'It is not suspended.' },
}

/**
 * Revokes (permanently), suspends or unsuspends one of the organization's credentials, with a
 * reason: in one transaction the bit in its status list flips, the list's version moves on (so
 * the list is re-signed on its next read) and the state, reason and time are recorded.
 * ERR_NOT_FOUND for another organization's credential; ERR_STATE_INVALID when the state does not
 * allow it (revoking twice, suspending a revoked one…); ERR_INPUT_INVALID for an overlong reason.
 */
export async function changeStatus(
  { store, clock, publicUrl }: Pick<PlatformPorts, 'store' | 'clock' | 'publicUrl'>,
  { orgId, credentialId, action, reason }: { orgId: string; credentialId: string; action: StatusAction; reason?: string | undefined },
): Promise<IssuedView> {
  const text = reason?.trim() || null
  if (text !== null && text.length > REASON_MAX) throw new PlatformError('ERR_INPUT_INVALID', `reason: at most ${REASON_MAX} characters`)
  const rule = ACTIONS[action]
  const forUpdate = store.dialect === 'postgres'
  const record = await store.transaction(async (tx) => {
    const issued = await tx.repos.issuedCredentials.get(orgId, credentialId)
    if (!issued) throw new PlatformError('ERR_NOT_FOUND', `No credential ${credentialId} in this organization`)
    // Lock the list before re-reading the state, so two concurrent changes of one credential serialise.
    const slot = action === 'revoke' ? issued.revocation : issued.suspension
    await flipBit(tx, slot, rule.bit, forUpdate)
    const current = forUpdate ? ((await tx.repos.issuedCredentials.get(orgId, credentialId)) ?? issued) : issued
    if (!rule.from.includes(current.state))
      throw new PlatformError('ERR_STATE_INVALID', `Cannot ${action} credential ${credentialId}: ${WHY_NOT[action][current.state] ?? `it is ${current.state}.`}`)
    const at = clock.now().toISOString()
    await tx.repos.issuedCredentials.setState(credentialId, { state: rule.to, reason: text, at })
    if (action === 'revoke' || action === 'suspend')
      await queueWebhookEvents(tx.repos, orgId, [{ type: action === 'revoke' ? 'credential.revoked' : 'credential.suspended', data: credentialEventData(publicUrl, current, { reason: text, at }) }], clock.now())
    return { ...current, state: rule.to, stateReason: text, stateChangedAt: at } satisfies IssuedRecord
  })
  return issuedViewOf(record, publicUrl)
}

/** Sets entry `slot.index` of its list to `bit` and bumps the list's version. */
async function flipBit(tx: PlatformTransaction, slot: Slot, bit: 0 | 1, forUpdate: boolean): Promise<void> {
  const list = await tx.repos.statusLists.get(slot.listId, { forUpdate })
  if (!list) throw new Error(`Status list ${slot.listId} of an issued credential is missing`)
  const bits = StatusList.fromBytes(list.bits)
  bits.set(slot.index, bit)
  await tx.repos.statusLists.writeBits(list.id, bits.toBytes(), list.version + 1)
}
