import { PlatformError } from '../../core/errors.js'
import { isTokenShaped } from '../platform/secret-token.js'
import type { PlatformPorts } from '../platform/ports.js'
import type { RoleName } from '../platform/roles.js'
import { invitationTokenHash } from './invite-member.js'
import type { InvitationRecord, OrgRecord } from './ports.js'

const invalidLink = () =>
  new PlatformError('ERR_TOKEN_INVALID', 'This invitation link has expired, was already used or was withdrawn. Ask the organization to invite you again; links work once, for 7 days.')

/** An invitation that can still be accepted, with its organization; ERR_TOKEN_INVALID otherwise. Changes nothing. */
export async function openInvitation({ store, clock }: Pick<PlatformPorts, 'store' | 'clock'>, token: string): Promise<{ invitation: InvitationRecord; org: OrgRecord }> {
  if (!isTokenShaped(token)) throw invalidLink()
  const invitation = await store.repos.invitations.byTokenHash(invitationTokenHash(token))
  if (!invitation || invitation.acceptedAt !== null || invitation.expiresAt <= clock.now().toISOString()) throw invalidLink()
  const org = await store.repos.orgs.get(invitation.orgId)
  if (!org) throw invalidLink()
  return { invitation, org }
}

/** Whether the signed-in account is the one an invitation was sent to. */
export const isInvitee = (invitation: Pick<InvitationRecord, 'email'>, user: { email: string }): boolean => invitation.email === user.email.trim().toLowerCase()

/**
 * Accepts an invitation for the signed-in user: their account's e-mail must be the invited one
 * (ERR_FORBIDDEN otherwise, naming both). The link works once; a user who already is a member
 * keeps their role. Returns the organization and the user's role there.
 */
export async function acceptInvitation(
  { store, clock }: Pick<PlatformPorts, 'store' | 'clock'>,
  { token, user }: { token: string; user: { id: string; email: string } },
): Promise<{ org: OrgRecord; role: RoleName }> {
  const { invitation, org } = await openInvitation({ store, clock }, token)
  if (!isInvitee(invitation, user))
    throw new PlatformError(
      'ERR_FORBIDDEN',
      `This invitation was sent to ${invitation.email}, but you are signed in as ${user.email}. Sign out, then sign in or create an account with ${invitation.email} to accept it.`,
    )
  return store.transaction(async (tx) => {
    if (!(await tx.repos.invitations.markAccepted(invitation.id, clock.now()))) throw invalidLink()
    if ((await tx.repos.members.add(org.id, user.id, invitation.role)) === 'added') return { org, role: invitation.role }
    const existing = await tx.repos.members.get(org.id, user.id)
    return { org, role: existing?.role ?? invitation.role }
  })
}
