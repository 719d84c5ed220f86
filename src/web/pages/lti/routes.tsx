import { Hono, type Context } from 'hono'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { PlatformError } from '../../../core/errors.js'
import { requireOrg, type OrgAccess } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'
import type { FieldErrors } from '../../components/form.js'
import { render, tOf } from '../../kit/render.js'
import { fieldErrorsOf, shellOrgOf } from '../orgs/org-parts.js'
import { LtiPlatformsView } from './lti-view.js'

const FIELDS = ['name', 'issuer', 'clientId', 'authLoginUrl', 'tokenUrl', 'jwksUrl', 'deploymentIds'] as const

async function platformsPage(c: Context, { org, role }: OrgAccess, extra: { values?: Record<string, string>; errors?: FieldErrors; status?: 200 | 409 | 422 } = {}) {
  const platform = c.get('platform')
  const [full, platforms, contexts] = await Promise.all([platform.orgs.get(org.id), platform.lti.listPlatforms(org.id), platform.lti.contexts(org.id)])
  const model = { shell: shellOrgOf(full, platform.publicUrl), role, platforms, courses: contexts.length, config: platform.lti.toolConfig(), values: extra.values, errors: extra.errors, done: c.req.query('done') }
  return render(c, <LtiPlatformsView model={model} />, { title: tOf(c).t('lti.platforms.pageTitle', { name: org.name }), status: extra.status ?? 200 })
}

/** /orgs/:org/lti: the learning platforms (Moodle, Canvas…) that launch Emblem, for admins and owners. */
export const ltiPages = (): Hono =>
  new Hono()
    .get('/orgs/:org/lti', async (c) => platformsPage(c, await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)))
    .post('/orgs/:org/lti', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const form = await readForm(c)
      const values = Object.fromEntries(FIELDS.map((f) => [f, form[f] ?? '']))
      const input = { ...values, name: values['name'] === '' ? undefined : values['name'] }
      try {
        await c.get('platform').lti.registerPlatform(access.org.id, input)
        return c.redirect(`/orgs/${access.org.slug}/lti?done=created`, 303)
      } catch (err) {
        const errors = fieldErrorsOf(tOf(c), err) ?? (err instanceof PlatformError && (err.code === 'ERR_CONFLICT' || err.code === 'ERR_STATE_INVALID') ? { clientId: err.message } : undefined)
        if (!errors) throw err
        return platformsPage(c, access, { values, errors, status: 422 })
      }
    })
    .post('/orgs/:org/lti/:id/delete', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await c.get('platform').lti.removePlatform(org.id, c.req.param('id'))
      return c.redirect(`/orgs/${org.slug}/lti?done=deleted`, 303)
    })
