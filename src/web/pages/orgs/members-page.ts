import { Hono, type Context } from 'hono'
import { html } from 'hono/html'
import { MIN_ROLE, ROLES, hasRole, type RoleName } from '../../../app/platform/roles.js'
import { PlatformError } from '../../../core/errors.js'
import { actorOf, requireOrg, type OrgAccess } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'
import { orgNav } from '../../components/org-nav.js'
import { renderPage } from '../../page.js'
import { csrfField, errorSummary, formAlert, fieldErrorsOf, inputField, notice, selectField, when, type FieldErrors } from './form-parts.js'

const ROLE_HINTS: Record<RoleName, string> = {
  owner: 'Owner: everything, including owners and key revocation',
  admin: 'Admin: achievements, members, keys, API keys, outbox',
  issuer: 'Issuer: issues, revokes and suspends credentials',
  viewer: 'Viewer: reads everything, changes nothing',
}

const NOTICES: Record<string, string> = {
  invited: 'The invitation is on its way. The link works once, for 7 days.',
  role: 'The role was changed.',
  removed: 'The member was removed.',
  revoked: 'The invitation was withdrawn; its link no longer works.',
}

/** The last owner rule's refusal, shown on the page rather than as an error page. */
const isStateError = (err: unknown): err is PlatformError => err instanceof PlatformError && err.code === 'ERR_STATE_INVALID'

/** The roles `role` may hand out. */
const grantable = (role: RoleName): RoleName[] => ROLES.filter((r) => hasRole(role, MIN_ROLE.own) || r !== 'owner')

async function membersPage(
  c: Context,
  access: OrgAccess,
  { values = {}, errors, alert, status = 200 }: { values?: Record<string, string>; errors?: FieldErrors; alert?: string; status?: 200 | 409 | 422 } = {},
) {
  const { org, role } = access
  const me = c.var.actor?.kind === 'user' ? c.var.actor.user.id : undefined
  const canManage = hasRole(role, MIN_ROLE.manage)
  const members = await c.var.platform.orgs.members(org.id)
  const invitations = canManage ? await c.var.platform.orgs.invitations(org.id) : []
  const now = c.var.platform.now().toISOString()
  const base = `/orgs/${org.slug}`
  const roles = grantable(role)
  const mayTouch = (target: RoleName) => canManage && (target !== 'owner' || hasRole(role, MIN_ROLE.own))

  return renderPage(c, {
    title: `${org.name} members`,
    status,
    main: html`<h1>${org.name}</h1>
      ${orgNav(org, 'members')}
      ${notice(NOTICES[c.req.query('done') ?? ''])}
      ${formAlert(alert)}
      ${errorSummary(errors, { email: 'E-mail', role: 'Role' })}
      <h2>Members</h2>
      <div class="table-wrap">
        <table>
          <caption class="sr-only">Members of ${org.name}</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Role</th><th scope="col">Member since</th>${canManage || me ? html`<th scope="col">Actions</th>` : ''}</tr></thead>
          <tbody>
            ${members.map(
              (m) => html`<tr>
                <th scope="row">${m.name}${m.userId === me ? html` <span class="muted">(you)</span>` : ''}</th>
                <td>${m.email}</td>
                <td>${mayTouch(m.role)
                  ? html`<form class="inline" method="post" action="${base}/members/${m.userId}/role">
                      ${csrfField(c)}
                      <label class="sr-only" for="role-${m.userId}">Role of ${m.name}</label>
                      <select id="role-${m.userId}" name="role">${roles.map((r) => html`<option value="${r}" ${r === m.role ? html`selected` : ''}>${r}</option>`)}</select>
                      <button type="submit" class="secondary">Change<span class="sr-only"> the role of ${m.name}</span></button>
                    </form>`
                  : m.role}</td>
                <td>${when(m.createdAt)}</td>
                ${canManage || me
                  ? html`<td>${m.userId === me || mayTouch(m.role)
                      ? html`<form class="inline" method="post" action="${base}/members/${m.userId}/remove">
                          ${csrfField(c)}
                          <button type="submit" class="link">${m.userId === me ? 'Leave the organization' : html`Remove<span class="sr-only"> ${m.name}</span>`}</button>
                        </form>`
                      : ''}</td>`
                  : ''}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${canManage
        ? html`<h2>Invite someone</h2>
            <form method="post" action="${base}/invitations" novalidate>
              ${csrfField(c)}
              ${inputField({ name: 'email', label: 'E-mail', type: 'email', value: values['email'], required: true, errors, hint: 'They get a link that works once, for 7 days, for an account with this address.' })}
              ${selectField({ name: 'role', label: 'Role', value: values['role'] ?? 'issuer', options: roles.map((r) => [r, ROLE_HINTS[r]] as const), errors })}
              <p class="actions"><button type="submit">Send invitation</button></p>
            </form>
            <h2>Pending invitations</h2>
            ${invitations.length === 0
              ? html`<p class="muted">None.</p>`
              : html`<div class="table-wrap"><table>
                  <caption class="sr-only">Invitations not accepted yet</caption>
                  <thead><tr><th scope="col">E-mail</th><th scope="col">Role</th><th scope="col">Sent</th><th scope="col">Expires</th><th scope="col">Actions</th></tr></thead>
                  <tbody>
                    ${invitations.map(
                      (i) => html`<tr>
                        <th scope="row">${i.email}</th>
                        <td>${i.role}</td>
                        <td>${when(i.createdAt)}</td>
                        <td>${i.expiresAt > now ? when(i.expiresAt) : html`<span class="pill warn">expired</span>`}</td>
                        <td>${mayTouch(i.role)
                          ? html`<form class="inline" method="post" action="${base}/invitations/${i.id}/revoke">${csrfField(c)}<button type="submit" class="link">Withdraw<span class="sr-only"> the invitation of ${i.email}</span></button></form>`
                          : ''}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table></div>`}
            <p class="muted">Invitation e-mails are in the <a href="${base}/outbox">outbox</a> when this instance sends no e-mail.</p>`
        : html`<p class="muted">You are ${role}: admins and owners invite and manage members.</p>`}`,
  })
}

/** /orgs/:org/members: members and roles, invitations; admins manage, owners manage owners. */
export const membersRoutes = (): Hono =>
  new Hono()
    .get('/orgs/:org/members', async (c) => membersPage(c, await requireOrg(c, c.req.param('org'), MIN_ROLE.read)))
    .post('/orgs/:org/members/:userId/role', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const { role = '' } = await readForm(c)
      try {
        await c.var.platform.orgs.changeMemberRole({ orgId: access.org.id, actor: actorOf(c, access), userId: c.req.param('userId'), input: { role } })
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
        await c.var.platform.orgs.removeMember({ orgId: access.org.id, actor: actorOf(c, access), userId })
      } catch (err) {
        if (!isStateError(err)) throw err
        return membersPage(c, access, { alert: err.message, status: 409 })
      }
      const left = c.var.actor?.kind === 'user' && c.var.actor.user.id === userId
      return c.redirect(left ? '/dashboard' : `/orgs/${access.org.slug}/members?done=removed`, 303)
    })
    .post('/orgs/:org/invitations', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const { email = '', role = '' } = await readForm(c)
      const inviterName = c.var.actor?.kind === 'user' ? c.var.actor.user.name : access.org.name
      try {
        await c.var.platform.orgs.invite({ org: access.org, actor: actorOf(c, access), inviterName, input: { email, role } })
      } catch (err) {
        const errors = fieldErrorsOf(err)
        if (!errors) throw err
        return membersPage(c, access, { values: { email, role }, errors, status: 422 })
      }
      return c.redirect(`/orgs/${access.org.slug}/members?done=invited`, 303)
    })
    .post('/orgs/:org/invitations/:id/revoke', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await c.var.platform.orgs.revokeInvitation({ orgId: access.org.id, actor: actorOf(c, access), id: c.req.param('id') })
      return c.redirect(`/orgs/${access.org.slug}/members?done=revoked`, 303)
    })
