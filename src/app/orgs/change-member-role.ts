import { PlatformError } from '../../core/errors.js'
import type { PlatformPorts } from '../platform/ports.js'
import { assertMayManage, assertNotLastOwner, type OrgActor } from './member-rules.js'
import { memberRoleSchema, parseOrgInput } from './org-input.js'
import type { MemberRecord } from './ports.js'

/** Gives a member another role, within what the actor may manage; the last owner keeps their role. */
export async function changeMemberRole(
  { store }: Pick<PlatformPorts, 'store'>,
  { orgId, actor, userId, input }: { orgId: string; actor: OrgActor; userId: string; input: { role: string } | unknown },
): Promise<MemberRecord> {
  const { role } = parseOrgInput(memberRoleSchema, input)
  return store.transaction(async (tx) => {
    const { orgs, members } = tx.repos
    await orgs.lock(orgId)
    const member = await members.get(orgId, userId)
    if (!member) throw new PlatformError('ERR_NOT_FOUND', `No member ${userId} in this organization`)
    assertMayManage(actor, member.role, role)
    if (member.role === role) return member
    if (member.role === 'owner') assertNotLastOwner(await members.countOwners(orgId), 'demote')
    await members.setRole(orgId, userId, role)
    return { ...member, role }
  })
}
