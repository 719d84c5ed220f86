import { hashSecret, newSecret } from '../platform/secret-token.js'
import { invitationMessage } from '../mail/templates.js'
import { InputError } from '../platform/input-error.js'
import type { PlatformPorts } from '../platform/ports.js'
import { assertMayManage, type OrgActor } from './member-rules.js'
import { invitationSchema, parseOrgInput } from './org-input.js'
import { mailBrandOf } from './org-brand.js'
import type { InvitationRecord, OrgRecord } from './ports.js'

/** Invitation links work for 7 days. */
export const INVITATION_TTL_MS = 7 * 86_400_000

/** The page an invitation link opens. */
export const invitationUrl = (publicUrl: string, token: string): string => `${publicUrl}/invitations/${encodeURIComponent(token)}`

/** The SHA-256 (hex) the store keeps of an invitation token. */
export const invitationTokenHash = hashSecret

/**
 * Invites an e-mail address to the organization with a role and mails the link, in one transaction
 * (the outbox holds the message when SMTP is not configured). A newer invitation to the same
 * address replaces a pending one; an address that already belongs to a member is ERR_CONFLICT.
 */
export async function inviteMember(
  deps: Pick<PlatformPorts, 'store' | 'clock' | 'random' | 'publicUrl' | 'smtpConfigured' | 'wake'>,
  { org, actor, inviterName, input }: { org: Pick<OrgRecord, 'id' | 'name'>; actor: OrgActor; inviterName: string; input: { email: string; role: string } | unknown },
): Promise<InvitationRecord> {
  const { store, clock, random, publicUrl, smtpConfigured } = deps
  const { email, role } = parseOrgInput(invitationSchema, input)
  assertMayManage(actor, undefined, role)
  const { token, hash } = newSecret(random)
  const now = clock.now()
  const invitation: InvitationRecord = {
    id: random.uuid(),
    orgId: org.id,
    email,
    role,
    invitedBy: actor.userId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + INVITATION_TTL_MS).toISOString(),
    acceptedAt: null,
  }
  await store.transaction(async (tx) => {
    const user = await tx.repos.accounts.userByEmail(email)
    if (user && (await tx.repos.members.get(org.id, user.id))) throw new InputError([{ path: 'email', code: 'taken', message: `${email} is already a member of ${org.name}` }], { code: 'ERR_CONFLICT' })
    await tx.repos.invitations.deletePendingFor(org.id, email)
    await tx.repos.invitations.create({ ...invitation, tokenHash: hash })
    const stored = await tx.repos.orgs.get(org.id)
    const brand = stored ? mailBrandOf(stored, publicUrl) : { name: org.name }
    const content = invitationMessage({ orgName: org.name, inviterName, role, acceptUrl: invitationUrl(publicUrl, token) }, { brand })
    await tx.repos.outbox.enqueue({ to: email, fromName: org.name, orgId: org.id, ...content }, { smtpConfigured, id: random.uuid() })
  })
  deps.wake('mail')
  return invitation
}
