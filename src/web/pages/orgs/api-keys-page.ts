import { Hono, type Context } from 'hono'
import { html } from 'hono/html'
import { ORG_LIMITS } from '../../../app/orgs/index.js'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { requireOrg, requireUser, type OrgAccess } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'
import { orgNav } from '../../components/org-nav.js'
import { renderPage } from '../../page.js'
import { csrfField, errorSummary, fieldErrorsOf, inputField, notice, selectField, when, type FieldErrors } from './form-parts.js'

const KEY_ROLES = [
  ['issuer', 'Issuer: issue, revoke and suspend credentials'],
  ['viewer', 'Viewer: read only'],
  ['admin', 'Admin: also achievements, members and keys'],
] as const

async function apiKeysPage(
  c: Context,
  { org }: OrgAccess,
  { created, values = {}, errors, status = 200 }: { created?: { name: string; secret: string }; values?: Record<string, string>; errors?: FieldErrors; status?: 200 | 201 | 422 } = {},
) {
  const keys = await c.var.platform.orgs.apiKeys(org.id)
  const base = `/orgs/${org.slug}/api-keys`
  return renderPage(c, {
    title: `${org.name} API keys`,
    status,
    main: html`<h1>${org.name}</h1>
      ${orgNav(org, 'api-keys')}
      ${notice(c.req.query('done') === 'revoked' ? 'The API key was revoked; requests that send it are refused.' : undefined)}
      ${created
        ? html`<div class="alert ok" role="status" aria-labelledby="new-key-title">
            <h2 id="new-key-title">Your new API key “${created.name}”</h2>
            <p><strong>Copy it now: it is shown only once.</strong> Emblem keeps only a hash of it.</p>
            <p><label for="new-key-secret">Secret</label><input id="new-key-secret" readonly value="${created.secret}" spellcheck="false" /></p>
            <p class="muted">Send it as <code>Authorization: Bearer ${created.secret.slice(0, 13)}…</code></p>
          </div>`
        : ''}
      <p>API keys let other systems (a learning platform, a script) call the Emblem JSON API (<code>/api/v1</code>) for ${org.name}, with a role. They cannot create organizations or other keys.</p>
      ${errorSummary(errors, { name: 'Name', role: 'Role' })}
      <h2>Create an API key</h2>
      <form method="post" action="${base}" novalidate>
        ${csrfField(c)}
        ${inputField({ name: 'name', label: 'Name', value: values['name'], maxlength: ORG_LIMITS.apiKeyName, required: true, errors, hint: 'What uses it, e.g. “Moodle integration”.' })}
        ${selectField({ name: 'role', label: 'Role', value: values['role'] ?? 'issuer', options: KEY_ROLES, errors })}
        <p class="actions"><button type="submit">Create API key</button></p>
      </form>
      <h2>Keys</h2>
      ${keys.length === 0
        ? html`<p class="muted">No API keys yet.</p>`
        : html`<div class="table-wrap"><table>
            <caption class="sr-only">API keys, newest first</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Key</th><th scope="col">Role</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Status</th></tr></thead>
            <tbody>
              ${keys.map(
                (k) => html`<tr>
                  <th scope="row">${k.name}</th>
                  <td><code>emb_${k.prefix}_…</code></td>
                  <td>${k.role}</td>
                  <td>${when(k.createdAt)}</td>
                  <td>${when(k.lastUsedAt)}</td>
                  <td>${k.revokedAt
                    ? html`<span class="pill bad">revoked</span> ${when(k.revokedAt)}`
                    : html`<span class="pill ok">active</span>
                        <form class="inline" method="post" action="${base}/${k.id}/revoke">${csrfField(c)}<button type="submit" class="link">Revoke<span class="sr-only"> ${k.name}</span></button></form>`}</td>
                </tr>`,
              )}
            </tbody>
          </table></div>`}`,
  })
}

/** /orgs/:org/api-keys: create (the secret shown once), list and revoke API keys. Admins and owners. */
export const apiKeysRoutes = (): Hono =>
  new Hono()
    .get('/orgs/:org/api-keys', async (c) => apiKeysPage(c, await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)))
    .post('/orgs/:org/api-keys', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const user = requireUser(c)
      const { name = '', role = '' } = await readForm(c)
      try {
        const { key, secret } = await c.var.platform.orgs.createApiKey({ orgId: access.org.id, createdBy: user.id, input: { name, role } })
        // Shown in this response only (no redirect): the secret is never stored or shown again.
        return apiKeysPage(c, access, { created: { name: key.name, secret }, status: 201 })
      } catch (err) {
        const errors = fieldErrorsOf(err)
        if (!errors) throw err
        return apiKeysPage(c, access, { values: { name, role }, errors, status: 422 })
      }
    })
    .post('/orgs/:org/api-keys/:id/revoke', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await c.var.platform.orgs.revokeApiKey({ orgId: org.id, id: c.req.param('id') })
      return c.redirect(`/orgs/${org.slug}/api-keys?done=revoked`, 303)
    })
