import { Hono, type Context } from 'hono'
import { isInvitee, orgDid, RESERVED_SLUGS, type OrgRecord } from '../../../app/orgs/index.js'
import { MIN_ROLE, type RoleName } from '../../../app/platform/roles.js'
import { PlatformError } from '../../../core/errors.js'
import { actorOf, requireOrg, requireUser, signedInUser, type OrgAccess } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readForm, readUploadedBytes } from '../../../http/request.js'
import type { FieldErrors } from '../../components/form.js'
import { render, tOf } from '../../kit/render.js'
import { ApiKeysView } from './api-keys-view.js'
import { InvitationView } from './invitation-view.js'
import { KeysView, type KeyProblem } from './keys-view.js'
import { MembersView } from './members-view.js'
import { newOrgRoutes } from './new-org-routes.js'
import { fieldErrorsOf, shellOrgOf } from './org-parts.js'
import { PublicOrgView } from './public-org-view.js'
import { SettingsView } from './settings-view.js'

const profileValues = (org: OrgRecord): Record<string, string> => ({
  name: org.name,
  description: org.description,
  url: org.url ?? '',
  email: org.email ?? '',
  country: org.country ?? '',
  brandColor: org.brandColor ?? '',
  suite: org.suite,
  statusEntries: org.statusEntries,
})

const PROFILE_FIELDS = ['name', 'description', 'url', 'email', 'country', 'brandColor', 'suite', 'statusEntries'] as const

async function settingsPage(c: Context, orgId: string, role: RoleName, { values, errors, status = 200 }: { values?: Record<string, string>; errors?: FieldErrors; status?: 200 | 422 } = {}) {
  const platform = c.get('platform')
  const org = await platform.orgs.get(orgId)
  const model = {
    org,
    shell: shellOrgOf(org, platform.publicUrl),
    role,
    did: orgDid(platform.publicUrl, org.slug),
    values: values ?? profileValues(org),
    errors,
    done: c.req.query('done'),
    imageLimits: platform.achievements.imageLimits,
  }
  return render(c, <SettingsView model={model} />, { title: tOf(c).t('org.settings.pageTitle', { name: org.name }), status })
}

async function membersPage(c: Context, access: OrgAccess, extra: { values?: Record<string, string>; errors?: FieldErrors; alert?: string; status?: 200 | 409 | 422 } = {}) {
  const platform = c.get('platform')
  const { org, role } = access
  const canManage = role === 'owner' || role === 'admin'
  const [full, members, invitations] = await Promise.all([platform.orgs.get(org.id), platform.orgs.members(org.id), canManage ? platform.orgs.invitations(org.id) : []])
  const model = {
    shell: shellOrgOf(full, platform.publicUrl),
    role,
    me: signedInUser(c)?.id,
    members,
    invitations,
    now: platform.now().toISOString(),
    values: extra.values,
    errors: extra.errors,
    alert: extra.alert,
    done: c.req.query('done'),
  }
  return render(c, <MembersView model={model} />, { title: tOf(c).t('org.members.pageTitle', { name: org.name }), status: extra.status ?? 200 })
}

async function keysPage(c: Context, { org, role }: OrgAccess, problem?: KeyProblem) {
  const platform = c.get('platform')
  const [full, keys] = await Promise.all([platform.orgs.get(org.id), platform.orgs.keys(org.id)])
  const model = { shell: shellOrgOf(full, platform.publicUrl), role, did: orgDid(platform.publicUrl, org.slug), keys, problem, done: c.req.query('done') }
  return render(c, <KeysView model={model} />, { title: tOf(c).t('org.keys.pageTitle', { name: org.name }), status: problem ? 422 : 200 })
}

async function apiKeysPage(
  c: Context,
  { org, role }: OrgAccess,
  extra: { created?: { name: string; secret: string }; values?: Record<string, string>; errors?: FieldErrors; status?: 200 | 201 | 422 } = {},
) {
  const platform = c.get('platform')
  const [full, keys] = await Promise.all([platform.orgs.get(org.id), platform.orgs.apiKeys(org.id)])
  const model = { shell: shellOrgOf(full, platform.publicUrl), role, keys, created: extra.created, values: extra.values, errors: extra.errors, done: c.req.query('done') }
  return render(c, <ApiKeysView model={model} />, { title: tOf(c).t('org.apiKeys.pageTitle', { name: org.name }), status: extra.status ?? 200 })
}

/** The last owner rule's refusal, shown on the page rather than as an error page. */
const isStateError = (err: unknown): err is PlatformError => err instanceof PlatformError && err.code === 'ERR_STATE_INVALID'

/** Settings: the profile (admins and owners edit, every member reads), the brand colour, the logo, the identity. */
const settingsRoutes = () =>
  new Hono()
    .get('/orgs/:org/settings', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      return settingsPage(c, org.id, role)
    })
    .post('/orgs/:org/settings', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const fields = await readForm(c)
      const values = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, fields[f] ?? ''])) as Record<(typeof PROFILE_FIELDS)[number], string>
      try {
        // A form without the status entries field (one rendered before it existed) keeps the stored choice.
        const { statusEntries, ...rest } = values
        await c.get('platform').orgs.updateProfile({ orgId: org.id, input: fields['statusEntries'] === undefined ? rest : { ...rest, statusEntries } })
        return c.redirect(`/orgs/${org.slug}/settings?done=saved`, 303)
      } catch (err) {
        const errors = fieldErrorsOf(tOf(c), err, values)
        if (!errors) throw err
        return settingsPage(c, org.id, role, { values, errors, status: 422 })
      }
    })
    // The CSRF check read the form's fields before the file; the file is read here, under the image cap.
    .post('/orgs/:org/settings/logo', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const t = tOf(c)
      try {
        const file = await readUploadedBytes(c, { field: 'logo', maxBytes: c.get('platform').achievements.imageLimits.maxBytes, what: 'The logo' })
        if (!file) throw new PlatformError('ERR_IMAGE_INVALID', t.t('org.settings.logoMissing'))
        await c.get('platform').orgs.setLogo({ orgId: org.id, bytes: file.bytes, mediaType: file.mimeType || undefined })
        return c.redirect(`/orgs/${org.slug}/settings?done=logo`, 303)
      } catch (err) {
        if (!(err instanceof PlatformError) || (err.code !== 'ERR_IMAGE_INVALID' && err.code !== 'ERR_INPUT_TOO_LARGE')) throw err
        const message = err.message.replace(/^badge image/, 'The logo')
        return settingsPage(c, org.id, role, { errors: { logo: message }, status: 422 })
      }
    })
    .post('/orgs/:org/settings/logo/remove', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await c.get('platform').orgs.removeLogo(org.id)
      return c.redirect(`/orgs/${org.slug}/settings?done=logo-removed`, 303)
    })

/** Members and roles, invitations; admins manage, owners manage owners. */
const membersRoutes = () =>
  new Hono()
    .get('/orgs/:org/members', async (c) => membersPage(c, await requireOrg(c, c.req.param('org'), MIN_ROLE.read)))
    .post('/orgs/:org/members/:userId/role', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const { role = '' } = await readForm(c)
      try {
        await c.get('platform').orgs.changeMemberRole({ orgId: access.org.id, actor: actorOf(c, access), userId: c.req.param('userId'), input: { role } })
      } catch (err) {
        if (!isStateError(err)) throw err
        return membersPage(c, access, { alert: err.message, status: 409 })
      }
      return c.redirect(`/orgs/${access.org.slug}/members?done=role`, 303)
    })
    .post('/orgs/:org/members/:userId/remove', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const userId = c.req.param('userId')
      try {
        await c.get('platform').orgs.removeMember({ orgId: access.org.id, actor: actorOf(c, access), userId })
      } catch (err) {
        if (!isStateError(err)) throw err
        return membersPage(c, access, { alert: err.message, status: 409 })
      }
      const left = signedInUser(c)?.id === userId
      return c.redirect(left ? '/dashboard' : `/orgs/${access.org.slug}/members?done=removed`, 303)
    })
    .post('/orgs/:org/invitations', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const { email = '', role = '' } = await readForm(c)
      const inviterName = signedInUser(c)?.name ?? access.org.name
      try {
        await c.get('platform').orgs.invite({ org: access.org, actor: actorOf(c, access), inviterName, input: { email, role } })
      } catch (err) {
        const errors = fieldErrorsOf(tOf(c), err)
        if (!errors) throw err
        return membersPage(c, access, { values: { email, role }, errors, status: 422 })
      }
      return c.redirect(`/orgs/${access.org.slug}/members?done=invited`, 303)
    })
    .post('/orgs/:org/invitations/:id/revoke', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await c.get('platform').orgs.revokeInvitation({ orgId: access.org.id, actor: actorOf(c, access), id: c.req.param('id') })
      return c.redirect(`/orgs/${access.org.slug}/members?done=revoked`, 303)
    })

/** Signing keys: every member reads, admins rotate, owners revoke retired keys. */
const keysRoutes = () =>
  new Hono()
    .get('/orgs/:org/keys', async (c) => keysPage(c, await requireOrg(c, c.req.param('org'), MIN_ROLE.read)))
    .post('/orgs/:org/keys/rotate', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await c.get('platform').orgs.rotateKey(org.id)
      return c.redirect(`/orgs/${org.slug}/keys?done=rotated`, 303)
    })
    .post('/orgs/:org/keys/:keyId/revoke', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.own)
      const keyId = c.req.param('keyId')
      const { reason = '' } = await readForm(c)
      try {
        await c.get('platform').orgs.revokeKey({ orgId: access.org.id, keyId, input: { reason } })
      } catch (err) {
        const errors = fieldErrorsOf(tOf(c), err)
        const message = errors?.['reason'] ?? (isStateError(err) ? err.message : undefined)
        if (!message) throw err
        return keysPage(c, access, { keyId, message, reason })
      }
      return c.redirect(`/orgs/${access.org.slug}/keys?done=revoked`, 303)
    })

/** API keys: create (the secret shown once), list and revoke. Admins and owners. */
const apiKeysRoutes = () =>
  new Hono()
    .get('/orgs/:org/api-keys', async (c) => apiKeysPage(c, await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)))
    .post('/orgs/:org/api-keys', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const user = requireUser(c)
      const { name = '', role = '' } = await readForm(c)
      try {
        const { key, secret } = await c.get('platform').orgs.createApiKey({ orgId: access.org.id, createdBy: user.id, input: { name, role } })
        // Shown in this response only (no redirect): the secret is never stored or shown again.
        return apiKeysPage(c, access, { created: { name: key.name, secret }, status: 201 })
      } catch (err) {
        const errors = fieldErrorsOf(tOf(c), err)
        if (!errors) throw err
        return apiKeysPage(c, access, { values: { name, role }, errors, status: 422 })
      }
    })
    .post('/orgs/:org/api-keys/:id/revoke', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await c.get('platform').orgs.revokeApiKey({ orgId: org.id, id: c.req.param('id') })
      return c.redirect(`/orgs/${org.slug}/api-keys?done=revoked`, 303)
    })

/** /invitations/:token: the invitation, accepted by the signed-in account it was sent to. */
const invitationRoutes = () =>
  new Hono()
    .get('/invitations/:token', async (c) => {
      c.header('Referrer-Policy', 'no-referrer')
      const token = c.req.param('token')
      const platform = c.get('platform')
      const { invitation, org } = await platform.orgs.openInvitation(token)
      const actor = c.get('actor')
      const viewer = actor?.kind !== 'user' ? ({ kind: 'anonymous' } as const) : isInvitee(invitation, actor.user) ? ({ kind: 'invitee' } as const) : ({ kind: 'other', email: actor.user.email } as const)
      const model = {
        org: { name: org.name, slug: org.slug, logoUrl: shellOrgOf(org, platform.publicUrl).logoUrl },
        email: invitation.email,
        role: invitation.role,
        expiresAt: invitation.expiresAt,
        here: `/invitations/${encodeURIComponent(token)}`,
        viewer,
      }
      return render(c, <InvitationView model={model} />, { title: tOf(c).t('org.invitation.title', { name: org.name }), status: viewer.kind === 'other' ? 403 : 200 })
    })
    .post('/invitations/:token', async (c) => {
      const user = requireUser(c)
      const { org } = await c.get('platform').orgs.acceptInvitation({ token: c.req.param('token'), user })
      return c.redirect(`/orgs/${org.slug}/dashboard`, 303)
    })

/** GET /orgs/:slug for browsers (the JSON Profile is the API's, http/routes/public-orgs.ts); reserved words are other pages. */
const publicOrgRoutes = () =>
  new Hono().get('/orgs/:slug', async (c, next) => {
    if (RESERVED_SLUGS.has(c.req.param('slug'))) return next()
    const platform = c.get('platform')
    const actor = c.get('actor')
    const model = await platform.orgs.publicPage(c.req.param('slug'))
    const { org } = model
    const [endorsements, mine] = await Promise.all([platform.endorsements.forOrganization(org.slug, c.get('fetchLocal')), actor?.kind === 'user' ? platform.dashboard.myOrgs(actor.user.id) : []])
    const canEndorse = mine.some((o) => o.slug !== org.slug && (o.role === 'owner' || o.role === 'admin'))
    const description = org.description.slice(0, 300) || undefined
    const head = (
      <>
        <meta property="og:title" content={org.name} />
        <meta property="og:type" content="profile" />
        {model.logoUrl && <meta property="og:image" content={model.logoUrl} />}
        <link rel="alternate" type="application/ld+json" href={`/orgs/${org.slug}`} />
      </>
    )
    return render(c, <PublicOrgView model={model} endorsements={endorsements} canEndorse={canEndorse} />, { title: org.name, description, head, cacheControl: 'no-store' })
  })

/** Organization pages: create, settings (profile, brand colour, logo), members and invitations, signing keys, API keys, the public page. */
export const orgPages = (): Hono =>
  new Hono()
    .route('/', newOrgRoutes())
    .route('/', settingsRoutes())
    .route('/', membersRoutes())
    .route('/', keysRoutes())
    .route('/', apiKeysRoutes())
    .route('/', invitationRoutes())
    .route('/', publicOrgRoutes())
