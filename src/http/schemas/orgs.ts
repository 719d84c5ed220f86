// The organizations API's schemas and operations (routes/api/orgs.ts): the organization and its
// logo, members and invitations. Request bodies are the app's own schemas (the use cases check
// them), annotated here for the document.
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { createOrgSchema, invitationSchema, memberRoleSchema, orgProfileSchema } from '../../app/orgs/org-input.js'
import { SIGNING_SUITES, STATUS_ENTRIES } from '../../app/orgs/ports.js'
import { ROLES } from '../../app/platform/roles.js'
import { annotate } from '../openapi/annotate.js'
import { ACCESS, bytes, header, json, jsonBody, needs } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { binary, idParam, listOf, orgParam, timestamp } from './common.js'

const PROFILE_FIELDS = {
  name: "The organization's name as credentials and pages show it (at most 100 characters)",
  description: 'What the organization is (plain text, at most 2000 characters); empty or null clears it',
  url: 'Its website, http(s); empty or null clears it',
  email: 'A contact address; empty or null clears it',
  country: 'ISO 3166-1 alpha-2 country code (FI, DE, …); empty or null clears it',
  suite: 'How its credentials are signed: Data Integrity `eddsa-rdfc-2022` (default) or `eddsa-jcs-2022`, or `vc-jwt`',
  statusEntries:
    'Which status entries new credentials carry: `revocation` (default; one entry, as the official OB 3.0 schema allows; a suspension is then enforced only by this instance) or `revocation-and-suspension` (both, as VC 2.0 allows; every Bitstring Status List verifier sees a suspension)',
  brandColor:
    'The accent of its pages and e-mails, `#rrggbb` (or `#rgb`); it must read as text on white (contrast at least 4.5:1, else `low_contrast` with a darker shade to try); empty or null clears it',
}

const { brandColor: _brandColor, statusEntries: _statusEntries, ...PROFILE_FIELDS_NEW } = PROFILE_FIELDS

annotate(createOrgSchema, {
  id: 'NewOrganization',
  description: 'A new organization. The slug becomes part of its URLs and its did:web DID and never changes.',
  fields: { ...PROFILE_FIELDS_NEW, slug: 'Lower-case letters, digits and hyphens; suggested from the name when left out' },
})
annotate(orgProfileSchema, { id: 'OrganizationChange', description: 'The profile fields to change (the slug cannot change).', fields: PROFILE_FIELDS })
annotate(memberRoleSchema, { id: 'RoleChange', fields: { role: 'The new role (only an owner makes or demotes owners; the last owner stays)' } })
annotate(invitationSchema, { id: 'NewInvitation', fields: { email: 'The address the invitation link is e-mailed to', role: 'The role they join with' } })

/** An organization as the API shows it, with the caller's role when known. */
export const orgSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    url: z.string().nullable(),
    email: z.string().nullable(),
    country: z.string().nullable(),
    logo: z.string().nullable().describe('URL of the logo image, if any'),
    brandColor: z.string().nullable().describe('The accent of its pages and e-mails, `#rrggbb`, or null for the default'),
    suite: z.enum(SIGNING_SUITES),
    statusEntries: z.enum(STATUS_ENTRIES).describe(PROFILE_FIELDS.statusEntries),
    did: z.string().describe('Its did:web DID, the issuer id of its credentials'),
    createdAt: timestamp,
    role: z.enum(ROLES).optional().describe("The caller's role (an API key's role for API keys)"),
  })
  .meta({ id: 'Organization' })

const memberSchema = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES), createdAt: timestamp }).meta({ id: 'Member' })

const invitationView = z
  .object({ id: z.string(), email: z.string(), role: z.enum(ROLES), createdAt: timestamp, expiresAt: timestamp, state: z.enum(['pending', 'expired']) })
  .meta({ id: 'Invitation' })

const org = z.object({ org: orgParam })
const tags = { orgs: ['Organizations'], members: ['Members'] }
const orgExample = { name: 'Acme Academy', slug: 'acme-academy', country: 'FI', url: 'https://acme.example' }

export const listOrgs = createRoute({
  method: 'get',
  path: '/api/v1/orgs',
  operationId: 'listOrganizations',
  tags: tags.orgs,
  summary: 'Your organizations',
  description: "A person's organizations with their role in each; an API key sees its own organization.",
  security: ACCESS.read,
  responses: { 200: json(listOf(orgSchema), 'The organizations'), ...problems(401) },
})

export const createOrg = createRoute({
  method: 'post',
  path: '/api/v1/orgs',
  operationId: 'createOrganization',
  tags: tags.orgs,
  summary: 'Create an organization',
  description: 'Creates the organization with its first signing key; the person creating it becomes its owner and must have confirmed their e-mail address. API keys cannot create organizations.',
  security: ACCESS.personWrite,
  request: { body: jsonBody(createOrgSchema, { example: orgExample }) },
  responses: {
    201: { ...json(orgSchema, 'Created'), headers: { Location: header('The new organization') } },
    ...problems(400, 401, [403, 'An unconfirmed e-mail address, an API key, or a missing CSRF token'], [409, 'The slug is taken'], 413),
  },
})

export const getOrg = createRoute({
  method: 'get',
  path: '/api/v1/orgs/{org}',
  operationId: 'getOrganization',
  tags: tags.orgs,
  summary: 'An organization',
  description: needs('viewer'),
  security: ACCESS.read,
  request: { params: org },
  responses: { 200: json(orgSchema, 'The organization'), ...problems(401, 404) },
})

export const patchOrg = createRoute({
  method: 'patch',
  path: '/api/v1/orgs/{org}',
  operationId: 'updateOrganization',
  tags: tags.orgs,
  summary: 'Change the profile',
  description: `${needs('admin')} Credentials already issued keep the profile they embed.`,
  security: ACCESS.write,
  request: { params: org, body: jsonBody(orgProfileSchema, { example: { description: 'Short courses in data and software.' } }) },
  responses: { 200: json(orgSchema, 'The organization, changed'), ...problems(400, 401, 403, 404, 413) },
})

export const putLogo = createRoute({
  method: 'put',
  path: '/api/v1/orgs/{org}/logo',
  operationId: 'setOrganizationLogo',
  tags: tags.orgs,
  summary: 'Set the logo',
  description: `${needs('admin')} Send the image itself as the body (not a form). SVG is sanitized; the image cap applies.`,
  security: ACCESS.write,
  request: { params: org, body: { required: true, ...bytes(binary, ['image/png', 'image/svg+xml'], 'The logo') } },
  responses: { 200: json(orgSchema, 'The organization with its logo'), ...problems(401, 403, 404, 413, [422, 'Not a PNG or SVG image this instance accepts']) },
})

export const deleteLogo = createRoute({
  method: 'delete',
  path: '/api/v1/orgs/{org}/logo',
  operationId: 'removeOrganizationLogo',
  tags: tags.orgs,
  summary: 'Remove the logo',
  description: `${needs('admin')} The image stays available for credentials that show it.`,
  security: ACCESS.write,
  request: { params: org },
  responses: { 204: { description: 'Removed' }, ...problems(401, 403, 404) },
})

export const listMembers = createRoute({
  method: 'get',
  path: '/api/v1/orgs/{org}/members',
  operationId: 'listMembers',
  tags: tags.members,
  summary: 'Members',
  description: `${needs('viewer')} Owners first, then by name.`,
  security: ACCESS.read,
  request: { params: org },
  responses: { 200: json(listOf(memberSchema), 'The members'), ...problems(401, 404) },
})

const member = z.object({ org: orgParam, userId: idParam('The member’s user id') })

export const patchMember = createRoute({
  method: 'patch',
  path: '/api/v1/orgs/{org}/members/{userId}',
  operationId: 'changeMemberRole',
  tags: tags.members,
  summary: "Change a member's role",
  description: `${needs('admin')} Only owners make or demote owners, and the last owner keeps the role.`,
  security: ACCESS.write,
  request: { params: member, body: jsonBody(memberRoleSchema, { example: { role: 'issuer' } }) },
  responses: { 200: json(memberSchema, 'The member'), ...problems(400, 401, 403, 404, [409, 'The last owner cannot be demoted'], 413) },
})

export const deleteMember = createRoute({
  method: 'delete',
  path: '/api/v1/orgs/{org}/members/{userId}',
  operationId: 'removeMember',
  tags: tags.members,
  summary: 'Remove a member, or leave',
  description: 'Any member may leave (their own user id); removing someone else needs the **admin** role (owners for owners). The last owner stays.',
  security: ACCESS.write,
  request: { params: member },
  responses: { 204: { description: 'Removed' }, ...problems(401, 403, 404, [409, 'The last owner cannot leave']) },
})

export const listInvitations = createRoute({
  method: 'get',
  path: '/api/v1/orgs/{org}/invitations',
  operationId: 'listInvitations',
  tags: tags.members,
  summary: 'Open invitations',
  description: `${needs('admin')} Invitations not accepted yet, newest first.`,
  security: ACCESS.read,
  request: { params: org },
  responses: { 200: json(listOf(invitationView), 'The invitations'), ...problems(401, 403, 404) },
})

export const createInvitation = createRoute({
  method: 'post',
  path: '/api/v1/orgs/{org}/invitations',
  operationId: 'inviteMember',
  tags: tags.members,
  summary: 'Invite someone',
  description: `${needs('admin')} E-mails a one-time link; whoever opens it signs in or signs up with that address and joins with the role.`,
  security: ACCESS.write,
  request: { params: org, body: jsonBody(invitationSchema, { example: { email: 'grace@example.org', role: 'issuer' } }) },
  responses: {
    201: { ...json(invitationView, 'Invited'), headers: { Location: header('The invitation') } },
    ...problems(400, 401, 403, 404, [409, 'Already a member, or already invited'], 413),
  },
})

export const deleteInvitation = createRoute({
  method: 'delete',
  path: '/api/v1/orgs/{org}/invitations/{id}',
  operationId: 'revokeInvitation',
  tags: tags.members,
  summary: 'Withdraw an invitation',
  description: `${needs('admin')} Its link stops working.`,
  security: ACCESS.write,
  request: { params: z.object({ org: orgParam, id: idParam('The invitation id') }) },
  responses: { 204: { description: 'Withdrawn' }, ...problems(401, 403, 404) },
})

export const acceptInvitationRoute = createRoute({
  method: 'post',
  path: '/api/v1/invitations/{token}/accept',
  operationId: 'acceptInvitation',
  tags: tags.members,
  summary: 'Accept an invitation',
  description: 'Joins the organization as the signed-in person, whose e-mail address must be the invited one.',
  security: ACCESS.personWrite,
  request: { params: z.object({ token: idParam('The token of the invitation link') }) },
  responses: { 200: json(orgSchema, 'The organization joined, with your role'), ...problems(400, 401, 403) },
})

/** The organization, member and invitation operations. */
export const orgOperations = [listOrgs, createOrg, getOrg, patchOrg, putLogo, deleteLogo, listMembers, patchMember, deleteMember, listInvitations, createInvitation, deleteInvitation, acceptInvitationRoute]
