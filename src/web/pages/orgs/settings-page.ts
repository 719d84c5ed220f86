import { Hono, type Context } from 'hono'
import { html } from 'hono/html'
import { countryName, countryOptions, orgDid, ORG_LIMITS, type OrgRecord } from '../../../app/orgs/index.js'
import { MIN_ROLE, hasRole, type RoleName } from '../../../app/platform/roles.js'
import { PlatformError } from '../../../core/errors.js'
import { requireOrg } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readForm, readUploadedBytes } from '../../../http/request.js'
import { orgNav } from '../../components/org-nav.js'
import { renderPage } from '../../page.js'
import { csrfField, errorSummary, fieldErrorsOf, inputField, notice, radioField, selectField, textAreaField, type FieldErrors } from './form-parts.js'

const LABELS = { name: 'Name', description: 'Description', url: 'Website', email: 'Contact e-mail', country: 'Country', suite: 'How credentials are signed', logo: 'Logo' }

const SUITES = [
  { value: 'eddsa-rdfc-2022', label: 'Data Integrity, eddsa-rdfc-2022 (recommended)', hint: 'The Open Badges 3.0 default: an Ed25519 proof over the RDF-canonicalized credential.' },
  { value: 'eddsa-jcs-2022', label: 'Data Integrity, eddsa-jcs-2022', hint: 'An Ed25519 proof over the JSON-canonicalized credential; faster, understood by fewer verifiers.' },
  { value: 'vc-jwt', label: 'VC-JWT', hint: 'A compact JWS (EdDSA), for wallets and verifiers that expect JWTs.' },
]

const NOTICES: Record<string, string> = {
  created: 'Your organization is ready, with its signing key. Add a description, website and logo: they appear on every credential.',
  saved: 'The profile was saved. Credentials issued from now on carry it.',
  logo: 'The logo was saved.',
  'logo-removed': 'The logo was removed.',
}

const profileValues = (org: OrgRecord): Record<string, string> => ({
  name: org.name,
  description: org.description,
  url: org.url ?? '',
  email: org.email ?? '',
  country: org.country ?? '',
  suite: org.suite,
})

const loadOrg = (c: Context, id: string): Promise<OrgRecord> => c.var.platform.orgs.get(id)

function settingsPage(
  c: Context,
  org: OrgRecord,
  role: RoleName,
  { values = profileValues(org), errors, status = 200 }: { values?: Record<string, string>; errors?: FieldErrors; status?: 200 | 422 } = {},
) {
  const canEdit = hasRole(role, MIN_ROLE.manage)
  const did = orgDid(c.var.platform.publicUrl, org.slug)
  const base = `/orgs/${org.slug}/settings`
  const countries = [['', '— Not given —'] as const, ...countryOptions().map((o) => [o.code, o.name] as const)]
  const profile = canEdit
    ? html`<form method="post" action="${base}" novalidate>
        ${csrfField(c)}
        ${inputField({ name: 'name', label: LABELS.name, value: values['name'], autocomplete: 'organization', maxlength: ORG_LIMITS.name, required: true, errors })}
        ${textAreaField({ name: 'description', label: LABELS.description, value: values['description'], maxlength: ORG_LIMITS.description, errors, hint: 'Who you are, in a few sentences. Blank lines separate paragraphs.' })}
        ${inputField({ name: 'url', label: LABELS.url, type: 'url', value: values['url'], autocomplete: 'url', errors, hint: 'Starting with https:// or http://.' })}
        ${inputField({ name: 'email', label: LABELS.email, type: 'email', value: values['email'], autocomplete: 'email', errors, hint: 'Shown on credentials, for questions about them.' })}
        ${selectField({ name: 'country', label: LABELS.country, value: values['country'], options: countries, errors })}
        ${radioField({ name: 'suite', label: LABELS.suite, value: values['suite'], options: SUITES, errors })}
        <p class="actions"><button type="submit">Save profile</button></p>
      </form>`
    : html`<dl>
        <dt>Name</dt><dd>${org.name}</dd>
        <dt>Description</dt><dd>${org.description || '—'}</dd>
        <dt>Website</dt><dd>${org.url ?? '—'}</dd>
        <dt>Contact e-mail</dt><dd>${org.email ?? '—'}</dd>
        <dt>Country</dt><dd>${org.country ? countryName(org.country) : '—'}</dd>
        <dt>Signing</dt><dd>${org.suite}</dd>
      </dl>
      <p class="muted">You are ${role}: admins and owners can change the profile.</p>`
  return renderPage(c, {
    title: `${org.name} settings`,
    status,
    main: html`<h1>${org.name}</h1>
      ${orgNav(org, 'settings')}
      ${notice(NOTICES[c.req.query('done') ?? ''])}
      ${errorSummary(errors, LABELS)}
      <h2>Profile</h2>
      ${profile}
      <h2>Logo</h2>
      ${org.logoImageId ? html`<p><img class="badge-image" src="/images/${org.logoImageId}" alt="Current logo of ${org.name}" /></p>` : html`<p class="muted">No logo yet.</p>`}
      ${canEdit
        ? html`<form method="post" action="${base}/logo" enctype="multipart/form-data">
              ${csrfField(c)}
              <div class="field">
                <label for="field-logo">Upload a logo</label>
                <span class="hint" id="field-logo-hint">PNG or SVG, at most 2 MB, roughly square, ${c.var.platform.achievements.imageLimits.minSide} to ${c.var.platform.achievements.imageLimits.maxSide} pixels a side.</span>
                ${errors?.['logo'] ? html`<span class="error" id="field-logo-error"><span class="sr-only">Error: </span>${errors['logo']}</span>` : ''}
                <input id="field-logo" name="logo" type="file" accept="image/png,image/svg+xml" required
                  aria-describedby="field-logo-hint${errors?.['logo'] ? ' field-logo-error' : ''}" ${errors?.['logo'] ? html`aria-invalid="true"` : ''} />
              </div>
              <p class="actions"><button type="submit">Upload logo</button></p>
            </form>
            ${org.logoImageId
              ? html`<form method="post" action="${base}/logo/remove">${csrfField(c)}<button type="submit" class="secondary">Remove the logo</button></form>`
              : ''}`
        : ''}
      <h2>Identity</h2>
      <dl>
        <dt>Issuer identifier</dt><dd><code>${did}</code></dd>
        <dt>DID document</dt><dd><a href="/orgs/${org.slug}/did.json">/orgs/${org.slug}/did.json</a></dd>
        <dt>Public page</dt><dd><a href="/orgs/${org.slug}">/orgs/${org.slug}</a></dd>
      </dl>`,
  })
}

/** /orgs/:org/settings: the profile (admins and owners edit, every member reads), the logo, the identity. */
export const settingsRoutes = (): Hono =>
  new Hono()
    .get('/orgs/:org/settings', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      return settingsPage(c, await loadOrg(c, org.id), role)
    })
    .post('/orgs/:org/settings', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const fields = await readForm(c)
      const values = { name: '', description: '', url: '', email: '', country: '', suite: '', ...fields }
      try {
        const { name, description, url, email, country, suite } = values
        await c.var.platform.orgs.updateProfile({ orgId: org.id, input: { name, description, url, email, country, suite } })
        return c.redirect(`/orgs/${org.slug}/settings?done=saved`, 303)
      } catch (err) {
        const errors = fieldErrorsOf(err)
        if (!errors) throw err
        return settingsPage(c, await loadOrg(c, org.id), role, { values, errors, status: 422 })
      }
    })
    // The CSRF check read the form's fields before the file; the file is read here, under the image cap.
    .post('/orgs/:org/settings/logo', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      try {
        const file = await readUploadedBytes(c, { field: 'logo', maxBytes: c.var.platform.achievements.imageLimits.maxBytes, what: 'The logo' })
        if (!file) throw new PlatformError('ERR_IMAGE_INVALID', 'Choose a PNG or SVG file to upload')
        await c.var.platform.orgs.setLogo({ orgId: org.id, bytes: file.bytes, mediaType: file.mimeType || undefined })
        return c.redirect(`/orgs/${org.slug}/settings?done=logo`, 303)
      } catch (err) {
        if (!(err instanceof PlatformError) || (err.code !== 'ERR_IMAGE_INVALID' && err.code !== 'ERR_INPUT_TOO_LARGE')) throw err
        const message = err.message.replace(/^badge image/, 'The logo')
        return settingsPage(c, await loadOrg(c, org.id), role, { errors: { logo: message }, status: 422 })
      }
    })
    .post('/orgs/:org/settings/logo/remove', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await c.var.platform.orgs.removeLogo(org.id)
      return c.redirect(`/orgs/${org.slug}/settings?done=logo-removed`, 303)
    })
