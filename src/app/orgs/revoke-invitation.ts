import { PlatformError } from '../../core/errors.js'
import type { PlatformPorts } from '../platform/ports.js'
import { assertMayManage, type OrgActor } from './member-rules.js'

/** Withdraws a pending invitation: its link stops working. An owner invitation takes an owner. */
export async function revokeInvitation({ store }: Pick<PlatformPorts, 'store'>, { orgId, actor, id }: { orgId: string; actor: OrgActor; id: string }): Promise<void> {
  const invitation = await store.repos.invitations.get(orgId, id)
  if (!invitation || invitation.acceptedAt !== null) throw new PlatformError('ERR_NOT_FOUND', `No pending invitation ${id} in this organization`)
  assertMayManage(actor, undefined, invitation.role)
  await store.repos.invitations.delete(orgId, id)
}
