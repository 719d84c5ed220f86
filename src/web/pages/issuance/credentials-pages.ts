import { Hono, type Context } from 'hono'
import { html } from 'hono/html'
import { REASON_MAX, type StatusAction } from '../../../app/issuance/change-status.js'
import type { IssuedFilter } from '../../../app/issuance/find-issued.js'
import type { IssuedView } from '../../../app/issuance/issued-view.js'
import type { OrgRef } from '../../../app/platform/access-ports.js'
import { MIN_ROLE, hasRole } from '../../../app/platform/roles.js'
import { PlatformError } from '../../../core/errors.js'
import { requireOrg } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'
import { orgNav } from '../../components/org-nav.js'
import { renderPage } from '../../page.js'
import { CREDENTIAL_PILL, csrfField, formAlert, inputField, notice, selectField, textAreaField, when } from './parts.js'

const DONE: Record<string, string> = {
  issued: 'The credential was issued and the learner’s e-mail queued.',
  revoke: 'The credential is revoked. Verifiers see it as soon as they fetch the status list again (within a minute).',
  suspend: 'The credential is suspended.',
  unsuspend: 'The credential is active again.',
}

function listPage(
  c: Context,
  org: OrgRef,
  page: { items: IssuedView[]; nextCursor?: string },
  filter: Record<string, string>,
  achievements: (readonly [string, string])[],
  { alert, status = 200 }: { alert?: string; status?: 200 | 400 } = {},
) {
  const base = `/orgs/${org.slug}/credentials`
  const kept = Object.fromEntries(Object.entries(filter).filter(([, v]) => v))
  const next = page.nextCursor ? `${base}?${new URLSearchParams({ ...kept, cursor: page.nextCursor })}` : undefined
  const filtered = Object.keys(kept).length > 0
  return renderPage(c, {
    title: `Credentials · ${org.name}`,
    status,
    main: html`<h1>Credentials</h1>
      ${orgNav(org, 'credentials')}
      ${formAlert(alert)}
      <form method="get" action="${base}" role="search" aria-label="Find credentials">
        ${inputField({ name: 'q', label: 'E-mail or name contains', value: filter['q'], maxlength: 200 })}
        ${selectField({ name: 'achievement', label: 'Achievement', value: filter['achievement'], options: [['', 'All achievements'], ...achievements] })}
        ${selectField({ name: 'state', label: 'State', value: filter['state'], options: [['', 'All states'], ['active', 'Active'], ['suspended', 'Suspended'], ['revoked', 'Revoked']] })}
        ${inputField({ name: 'issuedFrom', label: 'Issued from (YYYY-MM-DD)', value: filter['issuedFrom'], maxlength: 30 })}
        ${inputField({ name: 'issuedTo', label: 'Issued to (YYYY-MM-DD)', value: filter['issuedTo'], maxlength: 30 })}
        ${filter['batch'] ? html`<input type="hidden" name="batch" value="${filter['batch']}" />` : ''}
        <p class="actions"><button type="submit" class="secondary">Search</button>${filtered ? html` <a href="${base}">Show all</a>` : ''}</p>
      </form>
      ${filter['batch'] ? html`<p>Showing the credentials of <a href="/orgs/${org.slug}/batches/${filter['batch']}">one batch</a>.</p>` : ''}
      ${page.items.length === 0
        ? html`<p>${filtered ? 'No credentials match.' : 'No credentials yet.'}</p>`
        : html`<div class="table-wrap"><table>
            <caption class="sr-only">Credentials of ${org.name}, newest first</caption>
            <thead><tr><th scope="col">Learner</th><th scope="col">E-mail</th><th scope="col">Achievement</th><th scope="col">State</th><th scope="col">Issued</th><th scope="col">Claimed</th></tr></thead>
            <tbody>${page.items.map(
              (i) => html`<tr>
                <th scope="row"><a href="${base}/${i.id.slice(9)}">${i.recipient.name}</a></th>
                <td>${i.recipient.email}</td><td>${i.achievementName}</td><td>${CREDENTIAL_PILL[i.state]}</td><td>${when(i.issuedAt)}</td><td>${i.claimed ? 'Yes' : 'No'}</td>
              </tr>`,
            )}</tbody>
          </table></div>`}
      ${next ? html`<p><a href="${next}" rel="next">Next page</a></p>` : ''}`,
  })
}

/** A form that changes the state, with a reason; revoking says it is for good. */
function actionForm(c: Context, base: string, action: StatusAction, { reason, errors }: { reason?: string; errors?: Record<string, string> }) {
  const labels = { revoke: 'Revoke', suspend: 'Suspend', unsuspend: 'Unsuspend' }
  const hints = {
    revoke: 'Permanent: the credential stops verifying and cannot be restored. The reason is shown on its public page.',
    suspend: 'Temporary: you can unsuspend it later. The reason is shown on its public page.',
    unsuspend: 'The credential becomes active again.',
  }
  return html`<form method="post" action="${base}/${action}" novalidate>
    ${csrfField(c)}
    <h3>${labels[action]}</h3>
    ${action === 'unsuspend'
      ? html`<p class="hint">${hints[action]}</p>`
      : textAreaField({ name: `${action}-reason`, label: 'Reason', value: reason, maxlength: REASON_MAX, rows: 2, errors, hint: hints[action] })}
    <p class="actions"><button type="submit" class="${action === 'revoke' ? 'danger' : 'secondary'}">${labels[action]} the credential</button></p>
  </form>`
}

function detailPage(c: Context, org: OrgRef, view: IssuedView, canIssue: boolean, { alert, status = 200, reason, errors }: { alert?: string; status?: 200 | 400 | 409; reason?: { action: string; text: string }; errors?: Record<string, string> } = {}) {
  const base = `/orgs/${org.slug}/credentials/${view.id.slice(9)}`
  const actions: StatusAction[] = view.state === 'active' ? ['suspend', 'revoke'] : view.state === 'suspended' ? ['unsuspend', 'revoke'] : []
  return renderPage(c, {
    title: `${view.recipient.name} · ${view.achievementName}`,
    status,
    main: html`<h1>${view.achievementName} for ${view.recipient.name}</h1>
      ${orgNav(org, 'credentials')}
      ${notice(DONE[c.req.query('done') ?? ''])} ${formAlert(alert)}
      <dl>
        <dt>State</dt><dd>${CREDENTIAL_PILL[view.state]}${view.stateReason ? html` — ${view.stateReason}` : ''}${view.stateChangedAt ? html` (${when(view.stateChangedAt)})` : ''}</dd>
        <dt>Learner</dt><dd>${view.recipient.name} &lt;${view.recipient.email}&gt;</dd>
        <dt>Issued</dt><dd>${when(view.issuedAt)}${view.batchId ? html`, row ${view.batchRow} of <a href="/orgs/${org.slug}/batches/${view.batchId}">a batch</a>` : ''}</dd>
        <dt>Claimed</dt><dd>${view.claimedAt ? when(view.claimedAt) : 'Not yet'}</dd>
        <dt>Credential id</dt><dd><code>${view.id}</code></dd>
        <dt>Format</dt><dd>${view.format === 'jwt' ? 'VC-JWT' : 'JSON with a Data Integrity proof'}</dd>
      </dl>
      <p><a href="${view.links.page}">Public page</a> · <a href="${view.links.document}">Credential document</a></p>
      ${canIssue && actions.length > 0
        ? html`<h2>Change its state</h2>
            ${actions.map((a) => actionForm(c, base, a, { ...(reason?.action === a ? { reason: reason.text } : {}), ...(errors ? { errors } : {}) }))}`
        : ''}`,
  })
}

/** The issued credentials: search and filter, one credential with its revoke / suspend / unsuspend forms. */
export const credentialsRoutes = (): Hono =>
  new Hono()
    .get('/orgs/:org/credentials', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const filter: Record<string, string> = {}
      for (const key of ['q', 'achievement', 'state', 'issuedFrom', 'issuedTo', 'batch']) filter[key] = c.req.query(key)?.trim() ?? ''
      const query: IssuedFilter = {
        q: filter['q'],
        achievementId: filter['achievement'] || undefined,
        state: filter['state'] || undefined,
        batchId: filter['batch'] || undefined,
        issuedFrom: filter['issuedFrom'] || undefined,
        issuedTo: filter['issuedTo'] || undefined,
        cursor: c.req.query('cursor') || undefined,
      }
      const { items } = await c.var.platform.achievements.list(org.id, { limit: 200 })
      const achievements = items.map((a) => [a.id, a.name] as const)
      try {
        return listPage(c, org, await c.var.platform.issuance.list(org.id, query), filter, achievements)
      } catch (err) {
        if (!(err instanceof PlatformError) || err.code !== 'ERR_INPUT_INVALID') throw err
        return listPage(c, org, { items: [] }, filter, achievements, { alert: err.message, status: 400 })
      }
    })
    .get('/orgs/:org/credentials/:id', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      return detailPage(c, org, await c.var.platform.issuance.get(org.id, c.req.param('id')), hasRole(role, MIN_ROLE.issue))
    })
    .post('/orgs/:org/credentials/:id/:action{revoke|suspend|unsuspend}', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const action = c.req.param('action') as StatusAction
      const view = await c.var.platform.issuance.get(org.id, c.req.param('id'))
      const reason = (await readForm(c))[`${action}-reason`]?.trim() ?? ''
      if (reason.length > REASON_MAX)
        return detailPage(c, org, view, true, { status: 400, reason: { action, text: reason }, errors: { [`${action}-reason`]: `At most ${REASON_MAX} characters` } })
      try {
        await c.var.platform.issuance.changeStatus({ orgId: org.id, credentialId: view.id, action, reason })
      } catch (err) {
        if (!(err instanceof PlatformError) || err.code !== 'ERR_STATE_INVALID') throw err
        return detailPage(c, org, await c.var.platform.issuance.get(org.id, view.id), true, { alert: err.message, status: 409 })
      }
      return c.redirect(`/orgs/${org.slug}/credentials/${view.id.slice(9)}?done=${action}`, 303)
    })
