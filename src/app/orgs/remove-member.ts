import { PlatformError } from '../../core/errors.js'
import type { PlatformPorts } from '../platform/ports.js'
import { assertMayManage, assertNotLastOwner, type OrgActor } from './member-rules.js'

/**
 * Removes a member. Anyone may leave (remove themselves); removing someone else takes the admin
 * role, and an owner takes an owner. The last owner cannot be removed (ERR_STATE_INVALID).
 */
export async function removeMember({ store }: Pick<PlatformPorts, 'store'>, { orgId, actor, userId }: { orgId: string; actor: OrgActor; userId: string }): Promise<void> {
  await store.transaction(async (tx) => {
    const { orgs, members } = tx.repos
    await orgs.lock(orgId)
    const member = await members.get(orgId, userId)
    if (!member) throw new PlatformError('ERR_NOT_FOUND', `No member ${userId} in this organization`)
    if (actor.userId !== userId) assertMayManage(actor, member.role, undefined)
    if (member.role === 'owner') assertNotLastOwner(await members.countOwners(orgId), 'remove')
    await members.remove(orgId, userId)
  })
}
