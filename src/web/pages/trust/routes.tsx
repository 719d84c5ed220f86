import { Hono, type Context } from 'hono'
import { hasRole, MIN_ROLE } from '../../../app/platform/roles.js'
import { PlatformError } from '../../../core/errors.js'
import { requireOrg, requireUser } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'
import type { FieldErrors } from '../../components/form.js'
import { render, tOf } from '../../kit/render.js'
import { fieldErrorsOf } from '../orgs/org-parts.js'
import { EndorseView, type EndorseModel } from './endorse-view.js'
import { OrgEndorsementsPage } from './org-endorsements-view.js'
import { TrustAdminView, type TrustAdminModel } from './trust-admin-view.js'

type AdminExtra = Pick<TrustAdminModel, 'form' | 'values' | 'errors'> & { status?: 200 | 409 | 422 }

async function trustAdminPage(c: Context, extra: AdminExtra = {}) {
  const user = requireUser(c)
  const platform = c.get('platform')
  const { issuers, registries } = await platform.trust.overview(user.id)
  const { status = 200, ...rest } = extra
  const model: TrustAdminModel = { host: new URL(platform.publicUrl).host, issuers, registries, done: c.req.query('done'), ...rest }
  return render(c, <TrustAdminView model={model} />, { title: tOf(c).t('trust.admin.title'), status })
}

/** A refused form of the trust page: the field errors beside the fields (422), a duplicate beside its field too (409). */
async function refused(c: Context, err: unknown, form: 'issuer' | 'registry', values: Record<string, string>, rename: Record<string, string> = {}) {
  let errors: FieldErrors | undefined = fieldErrorsOf(tOf(c), err)
  let status: 409 | 422 = 422
  if (!errors && err instanceof PlatformError && err.code === 'ERR_CONFLICT') {
    errors = { [form === 'issuer' ? 'issuerId' : 'url']: tOf(c).t(form === 'issuer' ? 'trust.admin.issuerTaken' : 'trust.admin.registryTaken') }
    status = 409
  }
  if (!errors) throw err
  const renamed = Object.fromEntries(Object.entries(errors).map(([k, v]) => [rename[k] ?? k, v]))
  return trustAdminPage(c, { form, values, errors: renamed, status })
}

/** /admin/trust: trusted issuers and registries, for the instance's administrators. */
const adminRoutes = () =>
  new Hono()
    .get('/admin/trust', (c) => trustAdminPage(c))
    .post('/admin/trust/issuers', async (c) => {
      const user = requireUser(c)
      const { issuerId = '', name = '', note = '' } = await readForm(c)
      try {
        await c.get('platform').trust.addIssuer(user.id, { issuerId, name, note })
      } catch (err) {
        return refused(c, err, 'issuer', { issuerId, name, note })
      }
      return c.redirect('/admin/trust?done=issuerAdded', 303)
    })
    .post('/admin/trust/issuers/:id/remove', async (c) => {
      await c.get('platform').trust.removeIssuer(requireUser(c).id, c.req.param('id'))
      return c.redirect('/admin/trust?done=issuerRemoved', 303)
    })
    .post('/admin/trust/registries', async (c) => {
      const user = requireUser(c)
      const { registryName = '', url = '', format = '' } = await readForm(c)
      try {
        await c.get('platform').trust.addRegistry(user.id, { name: registryName, url, format })
      } catch (err) {
        return refused(c, err, 'registry', { registryName, url, format }, { name: 'registryName' })
      }
      return c.redirect('/admin/trust?done=registryAdded#registries', 303)
    })
    .post('/admin/trust/registries/:id/refresh', async (c) => {
      await c.get('platform').trust.refreshRegistry(requireUser(c).id, c.req.param('id'))
      return c.redirect('/admin/trust?done=registryRefreshed#registries', 303)
    })
    .post('/admin/trust/registries/:id/remove', async (c) => {
      await c.get('platform').trust.removeRegistry(requireUser(c).id, c.req.param('id'))
      return c.redirect('/admin/trust?done=registryRemoved#registries', 303)
    })

/** The subject an /endorse page is about, from the endorsed organization's public page (published achievements only). */
async function subjectOf(c: Context, orgSlug: string, achievementId: string | undefined): Promise<EndorseModel['subject']> {
  const page = await c.get('platform').orgs.publicPage(orgSlug)
  const { org } = page
  if (!achievementId) return { kind: 'organization', orgSlug: org.slug, orgName: org.name, name: org.name, imageUrl: page.logoUrl, description: org.description || undefined }
  const achievement = page.achievements.find((a) => a.id === achievementId)
  if (!achievement) throw new PlatformError('ERR_NOT_FOUND', `No published achievement ${achievementId.slice(0, 100)} of ${org.name}`)
  return { kind: 'achievement', orgSlug: org.slug, orgName: org.name, achievementId, name: achievement.name, imageUrl: achievement.imageUrl, description: achievement.description || undefined }
}

async function endorsePage(c: Context, orgSlug: string, achievementId: string | undefined, extra: { values?: Record<string, string>; errors?: FieldErrors; status?: 200 | 409 | 422 } = {}) {
  const user = requireUser(c)
  const subject = await subjectOf(c, orgSlug.slice(0, 100), achievementId?.slice(0, 100) || undefined)
  const endorsers = (await c.get('platform').dashboard.myOrgs(user.id)).filter((o) => hasRole(o.role, MIN_ROLE.manage) && o.slug !== subject.orgSlug).map((o) => ({ slug: o.slug, name: o.name }))
  const { status = 200, ...rest } = extra
  return render(c, <EndorseView model={{ subject, endorsers, ...rest }} />, { title: tOf(c).t('trust.endorse.title', { name: subject.name }), status })
}

/** /endorse (the form, from another organization's public page) and an organization's endorsements. */
const endorsementRoutes = () =>
  new Hono()
    .get('/endorse', (c) => endorsePage(c, c.req.query('organization') ?? '', c.req.query('achievement')))
    .post('/endorse', async (c) => {
      requireUser(c)
      const { endorser = '', subjectKind = '', organization = '', achievementId = '', comment = '' } = await readForm(c)
      const values = { endorser, comment }
      if (endorser === '') return endorsePage(c, organization, achievementId, { values, errors: { endorser: tOf(c).t('trust.endorse.chooseEndorser') }, status: 422 })
      const access = await requireOrg(c, endorser, MIN_ROLE.manage)
      try {
        await c.get('platform').endorsements.endorse(access, { subjectKind, organization, achievementId, comment })
      } catch (err) {
        if (err instanceof PlatformError && err.code === 'ERR_CONFLICT') return endorsePage(c, organization, achievementId, { values, errors: { endorser: tOf(c).t('trust.endorse.already') }, status: 409 })
        const errors = fieldErrorsOf(tOf(c), err)
        if (!errors) throw err
        return endorsePage(c, organization, achievementId, { values, errors, status: 422 })
      }
      return c.redirect(`/orgs/${access.org.slug}/endorsements?done=endorsed#given`, 303)
    })
    .get('/orgs/:org/endorsements', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const { endorsements } = c.get('platform')
      const [received, given] = await Promise.all([endorsements.list(access, 'received'), endorsements.list(access, 'given')])
      const shell = { slug: access.org.slug, name: access.org.name, logoImageId: access.org.logoImageId }
      const model = { shell, role: access.role, received, given, done: c.req.query('done') }
      return render(c, <OrgEndorsementsPage model={model} />, { title: tOf(c).t('trust.org.pageTitle', { name: access.org.name }) })
    })
    .post('/orgs/:org/endorsements/:id/withdraw', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await c.get('platform').endorsements.withdraw(access, c.req.param('id'))
      return c.redirect(`/orgs/${access.org.slug}/endorsements?done=withdrawn#given`, 303)
    })

/** Trust pages: /admin/trust, /endorse and /orgs/:org/endorsements. */
export const trustPages = (): Hono => new Hono().route('/', adminRoutes()).route('/', endorsementRoutes())
