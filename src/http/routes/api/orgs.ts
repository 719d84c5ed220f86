import { Hono, type Context } from 'hono'
import { z } from 'zod'
import {
  acceptInvitation,
  changeMemberRole,
  createApiKey,
  createOrg,
  inviteMember,
  listOrgKeys,
  orgDid,
  removeMember,
  removeOrgLogo,
  revokeApiKey,
  revokeInvitation,
  revokeOrgKey,
  rotateOrgKey,
  setOrgLogo,
  updateOrgProfile,
  type ApiKeyRecord,
  type InvitationRecord,
  type MemberRecord,
  type OrgActor,
  type OrgKeyView,
  type OrgRecord,
} from '../../../app/orgs/index.js'
import { MIN_ROLE, type RoleName } from '../../../app/platform/roles.js'
import { PlatformError } from '../../../core/errors.js'
import { BADGE_IMAGE_LIMITS, checkBadgeImage } from '../../../media/index.js'
import { requireOrg, requireUser, type OrgAccess } from '../../auth/require.js'
import '../../context.js'
import { formKind, readBytes, readJson, readMultipart } from '../../request.js'

/** The organization as the API shows it, with the caller's role when known. */
export const presentOrg = (org: OrgRecord, publicUrl: string, role?: RoleName) => ({
  id: org.id,
  slug: org.slug,
  name: org.name,
  description: org.description,
  url: org.url,
  email: org.email,
  country: org.country,
  logo: org.logoImageId ? `${publicUrl}/images/${org.logoImageId}` : null,
  suite: org.suite,
  did: orgDid(publicUrl, org.slug),
  createdAt: org.createdAt,
  ...(role ? { role } : {}),
})

const presentMember = (m: MemberRecord) => ({ userId: m.userId, email: m.email, name: m.name, role: m.role, createdAt: m.createdAt })

const presentInvitation = (i: InvitationRecord, now: Date) => ({
  id: i.id,
  email: i.email,
  role: i.role,
  createdAt: i.createdAt,
  expiresAt: i.expiresAt,
  state: i.expiresAt > now.toISOString() ? ('pending' as const) : ('expired' as const),
})

const presentKey = (k: OrgKeyView, did: string) => ({ ...k, verificationMethod: `${did}#${k.id}` })

const presentApiKey = (k: ApiKeyRecord) => ({
  id: k.id,
  name: k.name,
  role: k.role,
  prefix: `emb_${k.prefix}_`,
  createdAt: k.createdAt,
  lastUsedAt: k.lastUsedAt,
  revokedAt: k.revokedAt,
})

/** The request's JSON body, capped (the use cases check its fields); an empty body is `{}`. */
const jsonBody = (c: Context): Promise<unknown> => readJson(c, z.unknown(), { empty: {} })

/** The acting member: a person's id, or null for an API key. */
const actorOf = (c: Context, access: OrgAccess): OrgActor => ({ role: access.role, userId: c.var.actor?.kind === 'user' ? c.var.actor.user.id : null })

/** The signed-in person; API keys are refused with ERR_FORBIDDEN (`what` needs a person), anonymous with 401. */
function requirePerson(c: Context, what: string) {
  if (c.var.actor?.kind === 'api-key') throw new PlatformError('ERR_FORBIDDEN', `${what} needs a person: sign in instead of using an API key`)
  return requireUser(c)
}

/** A logo is sent as its bytes (PNG or SVG), read under the image cap; a form body is refused. */
async function logoOf(c: Context) {
  const type = c.req.header('content-type') ?? ''
  if (formKind(c) === 'multipart') (await readMultipart(c)).discard()
  if (formKind(c) !== undefined)
    throw new PlatformError('ERR_IMAGE_INVALID', 'Send the logo as the request body with Content-Type image/png or image/svg+xml, not as a form')
  return checkBadgeImage(await readBytes(c, { maxBytes: BADGE_IMAGE_LIMITS.maxBytes, what: 'A logo' }), type.split(';')[0]?.trim())
}

/** Organizations API (/api/v1/orgs…): profile, logo, members, invitations, keys, API keys. */
export const orgsApi = (): Hono =>
  new Hono()
    .get('/orgs', async (c) => {
      const { store, publicUrl } = c.var.platform
      const actor = c.var.actor
      if (actor?.kind === 'api-key') {
        const org = await store.repos.orgs.get(actor.orgId)
        return c.json({ items: org ? [presentOrg(org, publicUrl, actor.role)] : [] })
      }
      const user = requireUser(c)
      const mine = await store.repos.orgs.ofUser(user.id)
      return c.json({ items: mine.map(({ org, role }) => presentOrg(org, publicUrl, role)) })
    })
    .post('/orgs', async (c) => {
      const user = requirePerson(c, 'Creating an organization')
      const org = await createOrg(c.var.platform, { userId: user.id, input: await jsonBody(c) })
      c.header('Location', `/api/v1/orgs/${org.slug}`)
      return c.json(presentOrg(org, c.var.platform.publicUrl, 'owner'), 201)
    })
    .get('/orgs/:org', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const org = await c.var.platform.store.repos.orgs.get(access.org.id)
      if (!org) throw new PlatformError('ERR_NOT_FOUND', `No organization "${access.org.slug}"`)
      return c.json(presentOrg(org, c.var.platform.publicUrl, access.role))
    })
    .patch('/orgs/:org', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const org = await updateOrgProfile(c.var.platform, { orgId: access.org.id, input: await jsonBody(c) })
      return c.json(presentOrg(org, c.var.platform.publicUrl, access.role))
    })
    .put('/orgs/:org/logo', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const logo = await logoOf(c)
      const org = await setOrgLogo(c.var.platform, { orgId: access.org.id, logo })
      return c.json(presentOrg(org, c.var.platform.publicUrl, access.role))
    })
    .delete('/orgs/:org/logo', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await removeOrgLogo(c.var.platform, { orgId: access.org.id })
      return c.body(null, 204)
    })

    .get('/orgs/:org/members', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      return c.json({ items: (await c.var.platform.store.repos.members.list(org.id)).map(presentMember) })
    })
    .patch('/orgs/:org/members/:userId', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const member = await changeMemberRole(c.var.platform, { orgId: access.org.id, actor: actorOf(c, access), userId: c.req.param('userId'), input: await jsonBody(c) })
      return c.json(presentMember(member))
    })
    .delete('/orgs/:org/members/:userId', async (c) => {
      // Any member may leave; removing someone else is checked by the use case.
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      await removeMember(c.var.platform, { orgId: access.org.id, actor: actorOf(c, access), userId: c.req.param('userId') })
      return c.body(null, 204)
    })

    .get('/orgs/:org/invitations', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const now = c.var.platform.clock.now()
      return c.json({ items: (await c.var.platform.store.repos.invitations.pending(org.id)).map((i) => presentInvitation(i, now)) })
    })
    .post('/orgs/:org/invitations', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const actor = c.var.actor
      const inviterName = actor?.kind === 'user' ? actor.user.name : `An administrator of ${access.org.name}`
      const invitation = await inviteMember(c.var.platform, { org: access.org, actor: actorOf(c, access), inviterName, input: await jsonBody(c) })
      c.header('Location', `/api/v1/orgs/${access.org.slug}/invitations/${invitation.id}`)
      return c.json(presentInvitation(invitation, c.var.platform.clock.now()), 201)
    })
    .delete('/orgs/:org/invitations/:id', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await revokeInvitation(c.var.platform, { orgId: access.org.id, actor: actorOf(c, access), id: c.req.param('id') })
      return c.body(null, 204)
    })
    .post('/invitations/:token/accept', async (c) => {
      const user = requirePerson(c, 'Accepting an invitation')
      const { org, role } = await acceptInvitation(c.var.platform, { token: c.req.param('token'), user })
      return c.json(presentOrg(org, c.var.platform.publicUrl, role))
    })

    .get('/orgs/:org/keys', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const did = orgDid(c.var.platform.publicUrl, org.slug)
      return c.json({ items: (await listOrgKeys(c.var.platform, org.id)).map((k) => presentKey(k, did)) })
    })
    .post('/orgs/:org/keys/rotate', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const key = await rotateOrgKey(c.var.platform, org.id)
      c.header('Location', `/api/v1/orgs/${org.slug}/keys`)
      return c.json(presentKey(key, orgDid(c.var.platform.publicUrl, org.slug)), 201)
    })
    .post('/orgs/:org/keys/:keyId/revoke', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.own)
      const key = await revokeOrgKey(c.var.platform, { orgId: org.id, keyId: c.req.param('keyId'), input: await jsonBody(c) })
      return c.json(presentKey(key, orgDid(c.var.platform.publicUrl, org.slug)))
    })

    .get('/orgs/:org/api-keys', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      return c.json({ items: (await c.var.platform.store.repos.apiKeys.list(org.id)).map(presentApiKey) })
    })
    .post('/orgs/:org/api-keys', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const user = requirePerson(c, 'Creating an API key')
      const { key, secret } = await createApiKey(c.var.platform, { orgId: org.id, createdBy: user.id, input: await jsonBody(c) })
      c.header('Location', `/api/v1/orgs/${org.slug}/api-keys/${key.id}`)
      c.header('Cache-Control', 'no-store')
      return c.json({ ...presentApiKey(key), secret }, 201)
    })
    .delete('/orgs/:org/api-keys/:id', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await revokeApiKey(c.var.platform, { orgId: org.id, id: c.req.param('id') })
      return c.body(null, 204)
    })
