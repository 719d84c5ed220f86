import type { Profile } from '../../core/credential/index.js'
import { PlatformError } from '../../core/errors.js'
import type { PlatformPorts } from '../platform/ports.js'
import type { RoleName } from '../platform/roles.js'
import { acceptInvitation, openInvitation } from './accept-invitation.js'
import { createApiKey, revokeApiKey } from './api-keys.js'
import { changeMemberRole } from './change-member-role.js'
import { createOrg } from './create-org.js'
import { didDocument, type OrgDidDocument } from './did-document.js'
import { inviteMember } from './invite-member.js'
import { issuerProfile } from './issuer-profile.js'
import type { OrgActor } from './member-rules.js'
import { listOrgKeys, revokeOrgKey, rotateOrgKey, type OrgKeyView } from './org-keys.js'
import type { ApiKeyRecord, InvitationRecord, MemberRecord, OrgRecord } from './ports.js'
import { publicOrgPage, type PublicOrgPage } from './public-org-page.js'
import { removeMember } from './remove-member.js'
import { revokeInvitation } from './revoke-invitation.js'
import { removeOrgLogo, setOrgLogo } from './set-org-logo.js'
import { updateOrgProfile } from './update-org-profile.js'

/** Organizations: profile and logo, members, invitations, signing keys, API keys, and their public documents. */
export interface OrgsUseCases {
  /** Creates an organization with the user as owner and its first signing key. OrgInputError / ERR_CONFLICT (taken slug). */
  create(request: { userId: string; input: unknown }): Promise<OrgRecord>
  /** The organization with this id; ERR_NOT_FOUND otherwise. */
  get(orgId: string): Promise<OrgRecord>
  /** The user's organizations with their role, by name. */
  ofUser(userId: string): Promise<Array<{ org: OrgRecord; role: RoleName }>>
  /** A public organization by slug with the OB 3.0 issuer Profile its credentials embed; ERR_NOT_FOUND otherwise. */
  publicProfile(slug: string): Promise<{ org: OrgRecord; profile: Profile }>
  /** What a public organization's page shows: profile, DID, logo, published achievements, issued count; ERR_NOT_FOUND otherwise. */
  publicPage(slug: string): Promise<PublicOrgPage>
  /** The did:web DID document of the organization's keys (revoked ones left out); ERR_NOT_FOUND for an unknown slug. */
  didDocument(slug: string): Promise<OrgDidDocument>
  /** Changes profile fields. OrgInputError naming each field. */
  updateProfile(request: { orgId: string; input: unknown }): Promise<OrgRecord>
  /** Checks an uploaded logo (PNG or SVG, sanitized) and makes it the organization's. ERR_IMAGE_INVALID otherwise. */
  setLogo(request: { orgId: string; bytes: Uint8Array; mediaType?: string | undefined }): Promise<OrgRecord>
  /** Removes the logo (the image stays for credentials that show it). */
  removeLogo(orgId: string): Promise<OrgRecord>
  /** The members: owners first, then by name. */
  members(orgId: string): Promise<MemberRecord[]>
  /** Gives a member another role within what the actor may manage; never demotes the last owner. */
  changeMemberRole(request: { orgId: string; actor: OrgActor; userId: string; input: unknown }): Promise<MemberRecord>
  /** Removes a member (or lets one leave); never the last owner. */
  removeMember(request: { orgId: string; actor: OrgActor; userId: string }): Promise<void>
  /** Invitations not accepted yet, newest first. */
  invitations(orgId: string): Promise<InvitationRecord[]>
  /** Invites an address with a role and mails the link. */
  invite(request: { org: Pick<OrgRecord, 'id' | 'name'>; actor: OrgActor; inviterName: string; input: unknown }): Promise<InvitationRecord>
  /** Withdraws a pending invitation. */
  revokeInvitation(request: { orgId: string; actor: OrgActor; id: string }): Promise<void>
  /** The invitation of a live link and its organization; ERR_TOKEN_INVALID otherwise. */
  openInvitation(token: string): Promise<{ invitation: InvitationRecord; org: OrgRecord }>
  /** Accepts an invitation for the signed-in user (whose e-mail must be the invited one). */
  acceptInvitation(request: { token: string; user: { id: string; email: string } }): Promise<{ org: OrgRecord; role: RoleName }>
  /** The signing keys, newest first. */
  keys(orgId: string): Promise<OrgKeyView[]>
  /** A new active key; the previous one is retired. */
  rotateKey(orgId: string): Promise<OrgKeyView>
  /** Revokes a retired key with a reason. */
  revokeKey(request: { orgId: string; keyId: string; input: unknown }): Promise<OrgKeyView>
  /** The API keys, revoked ones included, newest first. */
  apiKeys(orgId: string): Promise<ApiKeyRecord[]>
  /** A new API key; its secret is returned once. */
  createApiKey(request: { orgId: string; createdBy: string; input: unknown }): Promise<{ key: ApiKeyRecord; secret: string }>
  /** Revokes an API key. */
  revokeApiKey(request: { orgId: string; id: string }): Promise<ApiKeyRecord>
}

/** The organization use cases bound to `ports`. */
export function orgsUseCases(ports: PlatformPorts): OrgsUseCases {
  const bySlug = async (slug: string) => {
    const org = await ports.store.repos.orgs.bySlug(slug)
    if (!org) throw new PlatformError('ERR_NOT_FOUND', `No organization "${slug.slice(0, 100)}" on this instance`)
    return org
  }
  return {
    create: (request) => createOrg(ports, request),
    async get(orgId) {
      const org = await ports.store.repos.orgs.get(orgId)
      if (!org) throw new PlatformError('ERR_NOT_FOUND', `No organization ${orgId}`)
      return org
    },
    ofUser: (userId) => ports.store.repos.orgs.ofUser(userId),
    async publicProfile(slug) {
      const org = await bySlug(slug)
      return { org, profile: issuerProfile(org, ports.publicUrl) }
    },
    publicPage: async (slug) => publicOrgPage(ports, await bySlug(slug)),
    async didDocument(slug) {
      const org = await bySlug(slug)
      return didDocument(org, await ports.store.repos.orgKeys.keysOf(org.id), ports.publicUrl)
    },
    updateProfile: (request) => updateOrgProfile(ports, request),
    setLogo: ({ orgId, bytes, mediaType }) => setOrgLogo(ports, { orgId, logo: ports.media.checkImage(bytes, mediaType) }),
    removeLogo: (orgId) => removeOrgLogo(ports, { orgId }),
    members: (orgId) => ports.store.repos.members.list(orgId),
    changeMemberRole: (request) => changeMemberRole(ports, request),
    removeMember: (request) => removeMember(ports, request),
    invitations: (orgId) => ports.store.repos.invitations.pending(orgId),
    invite: (request) => inviteMember(ports, request),
    revokeInvitation: (request) => revokeInvitation(ports, request),
    openInvitation: (token) => openInvitation(ports, token),
    acceptInvitation: (request) => acceptInvitation(ports, request),
    keys: (orgId) => listOrgKeys(ports, orgId),
    rotateKey: (orgId) => rotateOrgKey(ports, orgId),
    revokeKey: (request) => revokeOrgKey(ports, request),
    apiKeys: (orgId) => ports.store.repos.apiKeys.list(orgId),
    createApiKey: (request) => createApiKey(ports, request),
    revokeApiKey: (request) => revokeApiKey(ports, request),
  }
}
