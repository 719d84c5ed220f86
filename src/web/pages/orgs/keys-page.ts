import { Hono, type Context } from 'hono'
import { html } from 'hono/html'
import { orgDid, ORG_LIMITS, type OrgKeyView } from '../../../app/orgs/index.js'
import { MIN_ROLE, hasRole } from '../../../app/platform/roles.js'
import { PlatformError } from '../../../core/errors.js'
import { requireOrg, type OrgAccess } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'
import { orgNav } from '../../components/org-nav.js'
import { renderPage } from '../../page.js'
import { csrfField, fieldErrorsOf, formAlert, notice, when } from './form-parts.js'

const NOTICES: Record<string, string> = {
  rotated: 'A new signing key is active. The previous key is retired: it signs nothing new, and credentials it signed still verify.',
  revoked: 'The key was revoked and left the DID document. Credentials it signed no longer verify.',
}

const STATE_PILL = { active: 'ok', retired: '', revoked: 'bad' } as const

async function keysPage(c: Context, { org, role }: OrgAccess, problem?: { keyId: string; message: string; reason: string }) {
  const keys = await c.var.platform.orgs.keys(org.id)
  const did = orgDid(c.var.platform.publicUrl, org.slug)
  const base = `/orgs/${org.slug}/keys`
  const canRotate = hasRole(role, MIN_ROLE.manage)
  const canRevoke = hasRole(role, MIN_ROLE.own)
  const revokeForm = (k: OrgKeyView) => {
    const failed = problem?.keyId === k.id
    return html`<form method="post" action="${base}/${k.id}/revoke">
      ${csrfField(c)}
      <label for="reason-${k.id}">Reason<span class="sr-only"> for revoking ${k.id}</span></label>
      ${failed ? html`<span class="error" id="reason-${k.id}-error"><span class="sr-only">Error: </span>${problem.message}</span>` : ''}
      <input id="reason-${k.id}" name="reason" required maxlength="${ORG_LIMITS.reason}" value="${failed ? problem.reason : ''}"
        ${failed ? html`aria-invalid="true" aria-describedby="reason-${k.id}-error"` : ''} />
      <button type="submit" class="danger">Revoke<span class="sr-only"> ${k.id}</span></button>
    </form>`
  }
  return renderPage(c, {
    title: `${org.name} signing keys`,
    status: problem ? 422 : 200,
    main: html`<h1>${org.name}</h1>
      ${orgNav(org, 'keys')}
      ${notice(NOTICES[c.req.query('done') ?? ''])}
      ${problem && !keys.some((k) => k.id === problem.keyId) ? formAlert(problem.message) : ''}
      <h2>Signing keys</h2>
      <p>
        Credentials are signed with the active Ed25519 key. Every key that is not revoked is listed in the
        <a href="/orgs/${org.slug}/did.json">DID document</a> of <code>${did}</code>, so credentials signed before a rotation still verify.
        Revoke a retired key only if it may have leaked: credentials it signed stop verifying.
      </p>
      <div class="table-wrap">
        <table>
          <caption class="sr-only">Signing keys, newest first</caption>
          <thead><tr><th scope="col">Key</th><th scope="col">Public key</th><th scope="col">State</th><th scope="col">Created</th><th scope="col">Retired</th><th scope="col">Revoked</th></tr></thead>
          <tbody>
            ${keys.map(
              (k) => html`<tr>
                <th scope="row"><code>${k.id}</code></th>
                <td><code>${k.publicKeyMultibase}</code></td>
                <td><span class="pill ${STATE_PILL[k.state]}">${k.state}</span></td>
                <td>${when(k.createdAt)}</td>
                <td>${when(k.retiredAt)}</td>
                <td>${k.state === 'revoked'
                  ? html`${when(k.revokedAt)}${k.revocationReason ? html`<br /><span class="muted">${k.revocationReason}</span>` : ''}`
                  : k.state === 'retired' && canRevoke
                    ? revokeForm(k)
                    : '—'}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${canRotate
        ? html`<h2>Rotate</h2>
            <p>Rotating makes a new active key and retires the current one. Do it on a schedule, or when people with access leave.</p>
            <form method="post" action="${base}/rotate">${csrfField(c)}<button type="submit">Rotate the signing key</button></form>`
        : ''}
      ${canRevoke ? '' : html`<p class="muted">Only owners can revoke keys.</p>`}`,
  })
}

/** /orgs/:org/keys: the organization's signing keys; admins rotate, owners revoke retired keys. */
export const keysRoutes = (): Hono =>
  new Hono()
    .get('/orgs/:org/keys', async (c) => keysPage(c, await requireOrg(c, c.req.param('org'), MIN_ROLE.read)))
    .post('/orgs/:org/keys/rotate', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await c.var.platform.orgs.rotateKey(org.id)
      return c.redirect(`/orgs/${org.slug}/keys?done=rotated`, 303)
    })
    .post('/orgs/:org/keys/:keyId/revoke', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.own)
      const keyId = c.req.param('keyId')
      const { reason = '' } = await readForm(c)
      try {
        await c.var.platform.orgs.revokeKey({ orgId: access.org.id, keyId, input: { reason } })
      } catch (err) {
        const errors = fieldErrorsOf(err)
        const message = errors?.['reason'] ?? (err instanceof PlatformError && err.code === 'ERR_STATE_INVALID' ? err.message : undefined)
        if (!message) throw err
        return keysPage(c, access, { keyId, message, reason })
      }
      return c.redirect(`/orgs/${access.org.slug}/keys?done=revoked`, 303)
    })
