import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { REASON_MAX, type StatusAction } from '../../../app/issuance/change-status.js'
import type { IssuedFilter } from '../../../app/issuance/find-issued.js'
import { MIN_ROLE, hasRole } from '../../../app/platform/roles.js'
import { InputError } from '../../../app/platform/input-error.js'
import { PlatformError } from '../../../core/errors.js'
import { requireOrg } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { cursorParam, readForm } from '../../../http/request.js'
import { render, tOf } from '../../kit/render.js'
import { CredentialDetailView, CredentialsView, RevokeConfirmView, type CredentialDetailModel, type CredentialFilter, type RevokeModel } from './credentials-view.js'

const FILTER_KEYS = ['q', 'achievement', 'state', 'issuedFrom', 'issuedTo', 'batch'] as const

/** A status change as the forms send it: the reason (optional) and, for revoking, the confirmation step's mark. */
const statusForm = z.object({ reason: z.string().trim().default(''), confirm: z.string().default('') })

/** One credential's page, with the pushes to learners' hosts made for it. */
const detailPage = async (c: Context, model: Omit<CredentialDetailModel, 'pushes'>, status: 200 | 400 | 409 | 422 = 200) => {
  const { org } = await requireOrg(c, c.req.param('org') ?? '', MIN_ROLE.read)
  const pushes = await c.get('platform').issuerPush.list(org.id, model.view.id)
  if (model.pushLink) c.header('Cache-Control', 'no-store')
  return render(c, <CredentialDetailView model={{ ...model, pushes }} />, { title: tOf(c).t('iss.detail.pageTitle', { name: model.view.recipient.name, achievement: model.view.achievementName }), status })
}

const revokePage = (c: Context, model: RevokeModel, status: 200 | 422 = 200) => render(c, <RevokeConfirmView model={model} />, { title: tOf(c).t('iss.revoke.title', { name: model.view.recipient.name }), status })

/** The issued credentials: search and filter, one credential with its actions, the confirmation before revoking. */
export const credentialsRoutes = (): Hono =>
  new Hono()
    .get('/orgs/:org/credentials', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const filter = Object.fromEntries(FILTER_KEYS.map((key) => [key, c.req.query(key)?.trim().slice(0, 200) ?? ''])) as unknown as CredentialFilter
      const query: IssuedFilter = {
        q: filter.q,
        achievementId: filter.achievement || undefined,
        state: filter.state || undefined,
        batchId: filter.batch || undefined,
        issuedFrom: filter.issuedFrom || undefined,
        issuedTo: filter.issuedTo || undefined,
        cursor: cursorParam(c),
      }
      const { items: all } = await c.get('platform').achievements.list(org.id, { limit: 200 })
      const achievements = all.map((a) => [a.id, a.name] as const)
      const t = tOf(c)
      const title = t.t('iss.list.pageTitle', { org: org.name })
      try {
        const { items, nextCursor } = await c.get('platform').issuance.list(org.id, query)
        const kept = Object.fromEntries(Object.entries(filter).filter(([, v]) => v))
        const next = nextCursor ? `/orgs/${org.slug}/credentials?${new URLSearchParams({ ...kept, cursor: nextCursor })}` : undefined
        return render(c, <CredentialsView model={{ org, role, items, filter, achievements, next }} />, { title })
      } catch (err) {
        if (!(err instanceof PlatformError) || err.code !== 'ERR_INPUT_INVALID') throw err
        return render(c, <CredentialsView model={{ org, role, items: [], filter, achievements, alert: err.message }} />, { title, status: 400 })
      }
    })
    .get('/orgs/:org/credentials/:id', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const view = await c.get('platform').issuance.get(org.id, c.req.param('id'))
      return detailPage(c, { org, role, view, canIssue: hasRole(role, MIN_ROLE.issue), done: c.req.query('done') })
    })
    // Revoking is permanent: a page of its own says so and takes the reason; only its form revokes.
    .get('/orgs/:org/credentials/:id/revoke', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const view = await c.get('platform').issuance.get(org.id, c.req.param('id'))
      if (view.state === 'revoked') return c.redirect(`/orgs/${org.slug}/credentials/${c.req.param('id')}`, 303)
      return revokePage(c, { org, role, view })
    })
    // A push link for the learner's wallet host: shown once on the page, with the pushes made so far.
    .post('/orgs/:org/credentials/:id/push', async (c) => {
      const actor = c.get('actor')
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const view = await c.get('platform').issuance.get(org.id, c.req.param('id'))
      const form = await readForm(c)
      const hostUrl = (form['hostUrl'] ?? '').trim()
      try {
        const created = await c.get('platform').issuerPush.create(org.id, view.id, hostUrl ? { hostUrl } : {}, actor?.kind === 'user' ? actor.user.id : null)
        return await detailPage(c, { org, role, view, canIssue: true, pushLink: created.claimUrl })
      } catch (err) {
        if (err instanceof InputError) return detailPage(c, { org, role, view, canIssue: true, pushHost: hostUrl, errors: { ...err.fields } }, 400)
        if (!(err instanceof PlatformError) || err.code !== 'ERR_STATE_INVALID') throw err
        return detailPage(c, { org, role, view, canIssue: true, alert: err.message }, 409)
      }
    })
    .post('/orgs/:org/credentials/:id/:action{revoke|suspend|unsuspend}', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const t = tOf(c)
      const action = c.req.param('action') as StatusAction
      const view = await c.get('platform').issuance.get(org.id, c.req.param('id'))
      const fields = await readForm(c)
      const { reason, confirm } = statusForm.parse({ reason: fields[`${action}-reason`], confirm: fields['confirm'] })
      const field = `${action}-reason`
      const tooLong = reason.length > REASON_MAX ? { [field]: t.t('iss.detail.reasonTooLong', { max: REASON_MAX }) } : undefined
      if (action === 'revoke' && (confirm !== 'yes' || tooLong)) return revokePage(c, { org, role, view, reason, errors: tooLong }, tooLong ? 422 : 200)
      if (tooLong) return detailPage(c, { org, role, view, canIssue: true, reason, errors: tooLong }, 422)
      try {
        await c.get('platform').issuance.changeStatus({ orgId: org.id, credentialId: view.id, action, reason })
      } catch (err) {
        if (!(err instanceof PlatformError) || err.code !== 'ERR_STATE_INVALID') throw err
        return detailPage(c, { org, role, view: await c.get('platform').issuance.get(org.id, view.id), canIssue: true, alert: err.message }, 409)
      }
      return c.redirect(`/orgs/${org.slug}/credentials/${view.id.slice('urn:uuid:'.length)}?done=${action}`, 303)
    })
