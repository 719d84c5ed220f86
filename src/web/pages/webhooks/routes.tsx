import { Hono, type Context } from 'hono'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { PlatformError } from '../../../core/errors.js'
import { requireOrg, type OrgAccess } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readFormAll } from '../../../http/request.js'
import type { FieldErrors } from '../../components/form.js'
import { render, tOf } from '../../kit/render.js'
import { fieldErrorsOf, shellOrgOf } from '../orgs/org-parts.js'
import { WebhookDeliveryPage, WebhookEndpointView, WebhooksView } from './webhooks-view.js'

/** The endpoint form's fields: url, description and the checked events (a list). */
async function readEndpointForm(c: Context): Promise<{ url: string; description: string; events: string[] }> {
  const form = await readFormAll(c)
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v.at(-1) ?? '') : (v ?? ''))
  const events = form['events'] === undefined ? [] : Array.isArray(form['events']) ? form['events'] : [form['events']]
  return { url: one(form['url']), description: one(form['description']), events }
}

async function listPage(c: Context, { org, role }: OrgAccess, extra: { values?: Record<string, string>; events?: string[]; errors?: FieldErrors; status?: 200 | 422 } = {}) {
  const platform = c.get('platform')
  const [full, endpoints] = await Promise.all([platform.orgs.get(org.id), platform.webhooks.list(org.id)])
  const model = { shell: shellOrgOf(full, platform.publicUrl), role, endpoints, values: extra.values, events: extra.events, errors: extra.errors, done: c.req.query('done') }
  return render(c, <WebhooksView model={model} />, { title: tOf(c).t('hook.list.pageTitle', { name: org.name }), status: extra.status ?? 200 })
}

async function endpointPage(c: Context, { org, role }: OrgAccess, id: string, extra: { values?: Record<string, string>; events?: string[]; errors?: FieldErrors; status?: 200 | 422 } = {}) {
  const platform = c.get('platform')
  const endpoint = await platform.webhooks.endpoint(org.id, id)
  const [full, page] = await Promise.all([platform.orgs.get(org.id), platform.webhooks.deliveries(org.id, endpoint.id, { limit: 25, before: c.req.query('before') })])
  const model = { shell: shellOrgOf(full, platform.publicUrl), role, endpoint, deliveries: page.items, next: page.next, values: extra.values, events: extra.events, errors: extra.errors, done: c.req.query('done') }
  return render(c, <WebhookEndpointView model={model} />, { title: tOf(c).t('hook.endpoint.pageTitle', { name: org.name }), status: extra.status ?? 200 })
}

/** /orgs/:org/webhooks…: endpoints, their settings and delivery log, for admins and owners. */
export const webhookPages = (): Hono =>
  new Hono()
    .get('/orgs/:org/webhooks', async (c) => listPage(c, await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)))
    .post('/orgs/:org/webhooks', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const { url, description, events } = await readEndpointForm(c)
      try {
        const endpoint = await c.get('platform').webhooks.create(access.org.id, { url, description, events })
        return c.redirect(`/orgs/${access.org.slug}/webhooks/${endpoint.id}?done=created`, 303)
      } catch (err) {
        const errors = fieldErrorsOf(tOf(c), err) ?? (err instanceof PlatformError && err.code === 'ERR_STATE_INVALID' ? { url: err.message } : undefined)
        if (!errors) throw err
        return listPage(c, access, { values: { url, description }, events, errors: eventErrors(errors), status: 422 })
      }
    })
    .get('/orgs/:org/webhooks/:id', async (c) => endpointPage(c, await requireOrg(c, c.req.param('org'), MIN_ROLE.manage), c.req.param('id')))
    .post('/orgs/:org/webhooks/:id', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const { url, description, events } = await readEndpointForm(c)
      try {
        const endpoint = await c.get('platform').webhooks.update(access.org.id, c.req.param('id'), { url, description, events })
        return c.redirect(`/orgs/${access.org.slug}/webhooks/${endpoint.id}?done=saved`, 303)
      } catch (err) {
        const errors = fieldErrorsOf(tOf(c), err)
        if (!errors) throw err
        return endpointPage(c, access, c.req.param('id'), { values: { url, description }, events, errors: eventErrors(errors), status: 422 })
      }
    })
    .post('/orgs/:org/webhooks/:id/:action{enable|disable|rotate|test|delete}', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const id = c.req.param('id')
      const hooks = c.get('platform').webhooks
      const action = c.req.param('action')
      const to = (done: string) => c.redirect(`/orgs/${org.slug}/webhooks/${id}?done=${done}`, 303)
      if (action === 'delete') {
        await hooks.remove(org.id, id)
        return c.redirect(`/orgs/${org.slug}/webhooks?done=deleted`, 303)
      }
      if (action === 'rotate') await hooks.rotateSecret(org.id, id)
      else if (action === 'test') await hooks.sendTest(org.id, id)
      else await hooks.update(org.id, id, { enabled: action === 'enable' })
      return to({ rotate: 'rotated', test: 'tested', enable: 'enabled', disable: 'disabled' }[action] ?? 'saved')
    })
    .get('/orgs/:org/webhooks/:id/deliveries/:delivery', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const platform = c.get('platform')
      const endpoint = await platform.webhooks.endpoint(org.id, c.req.param('id'))
      const delivery = await platform.webhooks.delivery(org.id, c.req.param('delivery'))
      if (delivery.endpointId !== endpoint.id) throw new PlatformError('ERR_NOT_FOUND', 'No such webhook delivery for this endpoint')
      const full = await platform.orgs.get(org.id)
      const model = { shell: shellOrgOf(full, platform.publicUrl), role, endpoint, delivery, done: c.req.query('done') }
      return render(c, <WebhookDeliveryPage model={model} />, { title: tOf(c).t('hook.delivery.pageTitle', { name: org.name }) })
    })
    .post('/orgs/:org/webhooks/:id/deliveries/:delivery/redeliver', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const platform = c.get('platform')
      const endpoint = await platform.webhooks.endpoint(org.id, c.req.param('id'))
      const delivery = await platform.webhooks.delivery(org.id, c.req.param('delivery'))
      if (delivery.endpointId !== endpoint.id) throw new PlatformError('ERR_NOT_FOUND', 'No such webhook delivery for this endpoint')
      await platform.webhooks.redeliver(org.id, delivery.id)
      return c.redirect(`/orgs/${org.slug}/webhooks/${endpoint.id}/deliveries/${delivery.id}?done=redelivered`, 303)
    })

/** Errors of single events (`events.0`) are shown on the events fieldset. */
function eventErrors(errors: FieldErrors): FieldErrors {
  const out: Record<string, string> = {}
  for (const [path, message] of Object.entries(errors)) {
    const key = path.startsWith('events.') ? 'events' : path
    out[key] ??= message
  }
  return out
}
