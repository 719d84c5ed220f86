import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { orgDid, type ApiKeyRecord, type InvitationRecord, type MemberRecord, type OrgKeyView, type OrgRecord } from '../../../app/orgs/index.js'
import { MIN_ROLE, type RoleName } from '../../../app/platform/roles.js'
import { PlatformError } from '../../../core/errors.js'
import { actorOf, requireOrg, requirePerson, requireUser } from '../../auth/require.js'
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
  brandColor: org.brandColor,
  suite: org.suite,
  statusEntries: org.statusEntries,
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

/** A logo is sent as its bytes (PNG or SVG), read under the image cap; a form body is refused. */
async function logoOf(c: Context): Promise<{ bytes: Uint8Array; mediaType: string | undefined }> {
  const kind = formKind(c)
  if (kind === 'multipart') (await readMultipart(c)).discard()
  if (kind !== undefined) throw new PlatformError('ERR_IMAGE_INVALID', 'Send the logo as the request body with Content-Type image/png or image/svg+xml, not as a form')
  const bytes = await readBytes(c, { maxBytes: c.get('platform').achievements.imageLimits.maxBytes, what: 'A logo' })
  return { bytes, mediaType: c.req.header('content-type')?.split(';')[0]?.trim() }
}

/** Organizations API (/api/v1/orgs…): profile, logo, members, invitations, keys, API keys. */
export const orgsApi = (): Hono =>
  new Hono()
    .get('/orgs', async (c) => {
      const { orgs, publicUrl } = c.get('platform')
      const actor = c.get('actor')
      if (actor?.kind === 'api-key') return c.json({ items: [presentOrg(await orgs.get(actor.orgId), publicUrl, actor.role)] })
      const user = requireUser(c)
      const mine = await orgs.ofUser(user.id)
      return c.json({ items: mine.map(({ org, role }) => presentOrg(org, publicUrl, role)) })
    })
    .post('/orgs', async (c) => {
      const user = requirePerson(c, 'Creating an organization')
      const org = await c.get('platform').orgs.create({ userId: user.id, input: await jsonBody(c) })
      c.header('Location', `/api/v1/orgs/${org.slug}`)
      return c.json(presentOrg(org, c.get('platform').publicUrl, 'owner'), 201)
    })
    .get('/orgs/:org', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      return c.json(presentOrg(await c.get('platform').orgs.get(access.org.id), c.get('platform').publicUrl, access.role))
    })
    .patch('/orgs/:org', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const org = await c.get('platform').orgs.updateProfile({ orgId: access.org.id, input: await jsonBody(c) })
      return c.json(presentOrg(org, c.get('platform').publicUrl, access.role))
    })
    .put('/orgs/:org/logo', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const org = await c.get('platform').orgs.setLogo({ orgId: access.org.id, ...(await logoOf(c)) })
      return c.json(presentOrg(org, c.get('platform').publicUrl, access.role))
    })
    .delete('/orgs/:org/logo', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await c.get('platform').orgs.removeLogo(access.org.id)
      return c.body(null, 204)
    })

    .get('/orgs/:org/members', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      return c.json({ items: (await c.get('platform').orgs.members(org.id)).map(presentMember) })
    })
    .patch('/orgs/:org/members/:userId', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const member = await c.get('platform').orgs.changeMemberRole({ orgId: access.org.id, actor: actorOf(c, access), userId: c.req.param('userId'), input: await jsonBody(c) })
      return c.json(presentMember(member))
    })
    .delete('/orgs/:org/members/:userId', async (c) => {
      // Any member may leave; removing someone else is checked by the use case.
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      await c.get('platform').orgs.removeMember({ orgId: access.org.id, actor: actorOf(c, access), userId: c.req.param('userId') })
      return c.body(null, 204)
    })

    .get('/orgs/:org/invitations', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const now = c.get('platform').now()
      return c.json({ items: (await c.get('platform').orgs.invitations(org.id)).map((i) => presentInvitation(i, now)) })
    })
    .post('/orgs/:org/invitations', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const actor = c.get('actor')
      const inviterName = actor?.kind === 'user' ? actor.user.name : `An administrator of ${access.org.name}`
      const invitation = await c.get('platform').orgs.invite({ org: access.org, actor: actorOf(c, access), inviterName, input: await jsonBody(c) })
      c.header('Location', `/api/v1/orgs/${access.org.slug}/invitations/${invitation.id}`)
      return c.json(presentInvitation(invitation, c.get('platform').now()), 201)
    })
    .delete('/orgs/:org/invitations/:id', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await c.get('platform').orgs.revokeInvitation({ orgId: access.org.id, actor: actorOf(c, access), id: c.req.param('id') })
      return c.body(null, 204)
    })
    .post('/invitations/:token/accept', async (c) => {
      const user = requirePerson(c, 'Accepting an invitation')
      const { org, role } = await c.get('platform').orgs.acceptInvitation({ token: c.req.param('token'), user })
      return c.json(presentOrg(org, c.get('platform').publicUrl, role))
    })

    .get('/orgs/:org/keys', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const did = orgDid(c.get('platform').publicUrl, org.slug)
      return c.json({ items: (await c.get('platform').orgs.keys(org.id)).map((k) => presentKey(k, did)) })
    })
    .post('/orgs/:org/keys/rotate', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const key = await c.get('platform').orgs.rotateKey(org.id)
      c.header('Location', `/api/v1/orgs/${org.slug}/keys`)
      return c.json(presentKey(key, orgDid(c.get('platform').publicUrl, org.slug)), 201)
    })
    .post('/orgs/:org/keys/:keyId/revoke', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.own)
      const key = await c.get('platform').orgs.revokeKey({ orgId: org.id, keyId: c.req.param('keyId'), input: await jsonBody(c) })
      return c.json(presentKey(key, orgDid(c.get('platform').publicUrl, org.slug)))
    })

    .get('/orgs/:org/api-keys', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      return c.json({ items: (await c.get('platform').orgs.apiKeys(org.id)).map(presentApiKey) })
    })
    .post('/orgs/:org/api-keys', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const user = requirePerson(c, 'Creating an API key')
      const { key, secret } = await c.get('platform').orgs.createApiKey({ orgId: org.id, createdBy: user.id, input: await jsonBody(c) })
      c.header('Location', `/api/v1/orgs/${org.slug}/api-keys/${key.id}`)
      c.header('Cache-Control', 'no-store')
      return c.json({ ...presentApiKey(key), secret }, 201)
    })
    .delete('/orgs/:org/api-keys/:id', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await c.get('platform').orgs.revokeApiKey({ orgId: org.id, id: c.req.param('id') })
      return c.body(null, 204)
    })
