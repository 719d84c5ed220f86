import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_KEY_PATTERN } from '../../../src/http/auth/tokens.js'
import { startTestPlatform, type TestOrg, type TestPlatform, type TestSession } from '../../support/platform.js'

// The organization pages, as a browser without JavaScript uses them: forms, redirects, errors next to fields.
let t: TestPlatform
beforeAll(async () => {
  t = await startTestPlatform()
})
afterAll(() => t.close())

const page = (path: string, as?: TestSession) => t.request(path, { ...(as ? { as } : {}), headers: { accept: 'text/html' } })

/** The newest invitation link in the organization's outbox. */
async function invitationPath(org: { id: string }): Promise<string> {
  const [message] = await t.store.repos.outbox.listForOrg(org.id, { limit: 1 })
  const match = /http:\/\/localhost:3000(\/invitations\/[A-Za-z0-9_-]{43})/.exec(message?.text ?? '')
  if (!match) throw new Error('no invitation link in the outbox')
  return match[1]!
}

describe('creating an organization from /orgs/new', () => {
  it('sends anonymous visitors to sign in first', async () => {
    const res = await page('/orgs/new')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Forgs%2Fnew')
  })

  it('creates the organization, makes the user its owner, and goes on to its settings', async () => {
    const user = await t.seedUser()
    const form = await page('/orgs/new', user)
    expect(form.status).toBe(200)
    const body = await form.text()
    expect(body).toContain('<label for="field-name">Name</label>')
    expect(body).toContain(`name="_csrf" value="${user.csrf}"`)
    const res = await t.submitForm('/orgs/new', { name: 'Öffentliche Bibliothek', slug: '' }, user)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/orgs/offentliche-bibliothek/settings?done=created')
    const settings = await (await page(res.headers.get('location')!, user)).text()
    expect(settings).toContain('Your organization is ready')
    expect(settings).toContain('did:web:localhost%3A3000:orgs:offentliche-bibliothek')
  })

  it('keeps the input and shows the problem next to the field when the slug is reserved or taken', async () => {
    const user = await t.seedUser()
    const res = await t.submitForm('/orgs/new', { name: 'My <Org>', slug: 'admin' }, user)
    expect(res.status).toBe(422)
    const body = await res.text()
    expect(body).toContain('role="alert"')
    expect(body).toContain('<a href="#field-slug">Short name for links: &quot;admin&quot; is reserved; choose another</a>')
    expect(body).toMatch(/<input id="field-slug"[^>]*aria-describedby="field-slug-hint field-slug-error"[^>]*aria-invalid="true"/)
    expect(body).toContain('value="My &lt;Org&gt;"')
    await t.submitForm('/orgs/new', { name: 'First', slug: 'first-come' }, user)
    const taken = await t.submitForm('/orgs/new', { name: 'Second', slug: 'first-come' }, user)
    expect(taken.status).toBe(422)
    expect(await taken.text()).toContain('&quot;first-come&quot; is already taken')
  })
})

describe('the settings page', () => {
  let owner: TestSession
  let viewer: TestSession
  let org: TestOrg
  beforeAll(async () => {
    owner = await t.seedUser()
    viewer = await t.seedUser()
    org = await t.seedOrg({ owner })
    await t.seedMember(org, viewer, 'viewer')
  })

  it('saves the profile for admins and re-shows the form with the errors when a field is wrong', async () => {
    const fields = { name: org.name, description: 'We teach.', url: 'https://example.edu', email: 'office@example.edu', country: 'NL', suite: 'vc-jwt' }
    const saved = await t.submitForm(`/orgs/${org.slug}/settings`, fields, owner)
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toBe(`/orgs/${org.slug}/settings?done=saved`)
    expect(await t.store.repos.orgs.get(org.id)).toMatchObject({ url: 'https://example.edu', country: 'NL', suite: 'vc-jwt' })

    const bad = await t.submitForm(`/orgs/${org.slug}/settings`, { ...fields, url: 'example.edu', country: 'ZZ' }, owner)
    expect(bad.status).toBe(422)
    const body = await bad.text()
    expect(body).toContain('Website: enter a web address starting with https:// or http://')
    expect(body).toContain('Country: choose a country by its ISO 3166-1 alpha-2 code')
    expect(body).toContain('value="example.edu"')
    expect(await t.store.repos.orgs.get(org.id)).toMatchObject({ url: 'https://example.edu' })
  })

  it('saves a brand colour, and refuses one too light to read on white with a darker shade to try, next to the field', async () => {
    const fields = { name: org.name, description: '', url: '', email: '', country: '', suite: 'eddsa-rdfc-2022' }
    const light = await t.submitForm(`/orgs/${org.slug}/settings`, { ...fields, brandColor: '#FACC15' }, owner)
    expect(light.status).toBe(422)
    const body = await light.text()
    expect(body).toMatch(/<a href="#field-brandColor">Brand colour: #facc15 is too light to read on white \(contrast 1\.\d:1, at least 4\.5:1 needed\)\. Try the darker #[0-9a-f]{6}\.<\/a>/)
    expect(body).toMatch(/<input id="field-brandColor"[^>]*value="#FACC15"[^>]*aria-invalid="true"/)
    expect((await t.store.repos.orgs.get(org.id))!.brandColor).toBeNull()
    expect((await t.submitForm(`/orgs/${org.slug}/settings`, { ...fields, brandColor: '#0F766E' }, owner)).status).toBe(303)
    expect((await t.store.repos.orgs.get(org.id))!.brandColor).toBe('#0f766e')
    // The preview and the public page's cover take the colour (SVG attributes: the CSP allows no inline styles).
    expect(await (await page(`/orgs/${org.slug}/settings`, owner)).text()).toContain('fill="#0f766e" data-brand-fill')
    expect(await (await page(`/orgs/${org.slug}`)).text()).toContain('stop-color="#0f766e"')
  })

  it('shows viewers the profile without a form, and refuses their edits', async () => {
    const body = await (await page(`/orgs/${org.slug}/settings`, viewer)).text()
    expect(body).toContain('admins and owners can change the profile')
    expect(body).not.toContain(`action="/orgs/${org.slug}/settings"`)
    expect((await t.submitForm(`/orgs/${org.slug}/settings`, { name: 'Hijacked' }, viewer)).status).toBe(403)
  })

  it('uploads a logo as a file and explains a refused one next to the field', async () => {
    const upload = (bytes: string, type: string) => {
      const body = new FormData()
      body.set('_csrf', owner.csrf)
      body.set('logo', new File([bytes], 'logo', { type }))
      return t.app.request(`/orgs/${org.slug}/settings/logo`, { method: 'POST', headers: { cookie: owner.cookie }, body })
    }
    const ok = await upload('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100"/></svg>', 'image/svg+xml')
    expect(ok.status).toBe(303)
    const { logoImageId } = (await t.store.repos.orgs.get(org.id))!
    expect(logoImageId).toMatch(/^[0-9a-f]{64}$/)
    expect(await (await page(`/orgs/${org.slug}/settings`, owner)).text()).toMatch(new RegExp(`<img src="[^"]*/images/${logoImageId}" alt="Current logo of `))
    // Every back-office page's frame shows it, not only the pages that pass a logo URL.
    for (const section of ['achievements', 'issue', 'credentials', 'batches'])
      expect(await (await page(`/orgs/${org.slug}/${section}`, owner)).text()).toMatch(new RegExp(`<a class="org-identity"[^>]*><img src="[^"]*/images/${logoImageId}"`))
    const refused = await upload('GIF89a not really', 'image/gif')
    expect(refused.status).toBe(422)
    expect(await refused.text()).toMatch(/id="field-logo-error"/)
  })

  it('carries the sub-navigation of the organization with the current section marked', async () => {
    const body = await (await page(`/orgs/${org.slug}/settings`, owner)).text()
    for (const section of ['settings', 'members', 'keys', 'api-keys', 'outbox']) expect(body).toContain(`href="/orgs/${org.slug}/${section}"`)
    expect(body).toContain(`<a href="/orgs/${org.slug}/settings" aria-current="page">`)
  })
})

describe('the members page and invitations', () => {
  it('invites by e-mail; the invited account accepts on /invitations/:token and lands in the organization', async () => {
    const owner = await t.seedUser({ name: 'Owen' })
    const org = await t.seedOrg({ owner, name: 'Guild of Makers' })
    const sent = await t.submitForm(`/orgs/${org.slug}/invitations`, { email: 'maker@example.org', role: 'admin' }, owner)
    expect(sent.status).toBe(303)
    expect(await (await page(`/orgs/${org.slug}/members?done=invited`, owner)).text()).toContain('maker@example.org')
    const path = await invitationPath(org)

    const anonymous = await (await page(path)).text()
    expect(anonymous).toContain('You are invited to join <strong>Guild of Makers</strong>')
    expect(anonymous).toContain(`href="/sign-in?next=${encodeURIComponent(path)}"`)

    const wrong = await t.seedUser({ email: 'someone.else@example.org' })
    const mismatch = await page(path, wrong)
    expect(mismatch.status).toBe(403)
    expect(await mismatch.text()).toContain('you are signed in as <strong>someone.else@example.org</strong>')
    expect((await t.submitForm(path, {}, wrong)).status).toBe(403)

    const maker = await t.seedUser({ email: 'maker@example.org' })
    const accepted = await t.submitForm(path, {}, maker)
    expect(accepted.status).toBe(303)
    expect(accepted.headers.get('location')).toBe(`/orgs/${org.slug}/dashboard`)
    expect((await t.store.repos.members.get(org.id, maker.userId))?.role).toBe('admin')
    const used = await page(path, maker)
    expect(used.status).toBe(400)
    expect(await used.text()).toContain('expired, was already used or was withdrawn')
  })

  it('shows the last owner rule on the page instead of changing the role', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    const res = await t.submitForm(`/orgs/${org.slug}/members/${owner.userId}/role`, { role: 'viewer' }, owner)
    expect(res.status).toBe(409)
    expect(await res.text()).toContain('This is the last owner')
    expect((await t.store.repos.members.get(org.id, owner.userId))?.role).toBe('owner')
  })

  it('lets an issuer see the members but offers no controls, and refuses their invitations', async () => {
    const owner = await t.seedUser()
    const issuer = await t.seedUser()
    const org = await t.seedOrg({ owner })
    await t.seedMember(org, issuer, 'issuer')
    const body = await (await page(`/orgs/${org.slug}/members`, issuer)).text()
    expect(body).toContain(owner.email)
    expect(body).not.toContain('Send invitation')
    expect((await t.submitForm(`/orgs/${org.slug}/invitations`, { email: 'x@example.org', role: 'viewer' }, issuer)).status).toBe(403)
  })
})

describe('the keys and API keys pages', () => {
  it('rotates the signing key, and lets an owner revoke the retired one with a reason', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    const [first] = await t.store.repos.orgKeys.keysOf(org.id)
    expect((await t.submitForm(`/orgs/${org.slug}/keys/rotate`, {}, owner)).headers.get('location')).toBe(`/orgs/${org.slug}/keys?done=rotated`)
    const body = await (await page(`/orgs/${org.slug}/keys?done=rotated`, owner)).text()
    expect(body).toContain('A new signing key is active')
    expect(body).toContain(`action="/orgs/${org.slug}/keys/${first!.id}/revoke"`)
    const empty = await t.submitForm(`/orgs/${org.slug}/keys/${first!.id}/revoke`, { reason: '  ' }, owner)
    expect(empty.status).toBe(422)
    expect(await empty.text()).toContain('enter why the key is revoked')
    expect((await t.submitForm(`/orgs/${org.slug}/keys/${first!.id}/revoke`, { reason: 'Compromised' }, owner)).status).toBe(303)
    const after = await (await page(`/orgs/${org.slug}/keys`, owner)).text()
    expect(after).toContain('Compromised')
    expect(after).toMatch(/<span class="pill bad" data-state="revoked">.*Revoked<\/span>/)
  })

  it('shows a new API key once, and only its prefix afterwards', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    const created = await t.submitForm(`/orgs/${org.slug}/api-keys`, { name: 'Moodle', role: 'issuer' }, owner)
    expect(created.status).toBe(201)
    const body = await created.text()
    const secret = /id="new-key-secret">(emb_[^<]+)</.exec(body)?.[1]
    expect(secret).toMatch(API_KEY_PATTERN)
    expect(body).toContain('it is shown only once')
    const later = await (await page(`/orgs/${org.slug}/api-keys`, owner)).text()
    expect(later).not.toContain(secret)
    expect(later).toContain(`<code>${secret!.slice(0, 13)}…</code>`)
    expect((await t.request(`/api/v1/orgs/${org.slug}`, { as: secret! })).status).toBe(200)
  })

  it('keeps the API keys page from issuers', async () => {
    const owner = await t.seedUser()
    const issuer = await t.seedUser()
    const org = await t.seedOrg({ owner })
    await t.seedMember(org, issuer, 'issuer')
    expect((await page(`/orgs/${org.slug}/api-keys`, issuer)).status).toBe(403)
  })
})

describe('the public organization page', () => {
  it('leads with the logo and name, counts what it issued, and shows its published achievements with their badges', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner, name: 'Atelier Bleu' })
    const now = t.clock.now().toISOString()
    const insert = (name: string, state: 'published' | 'draft', imageId: string | null) =>
      t.store.db
        .insertInto('achievements')
        .values({ id: t.ports.random.uuid(), org_id: org.id, state, name, definition: JSON.stringify({ name, description: `About ${name}.` }), image_id: imageId, created_at: now, updated_at: now })
        .execute()
    const empty = await (await page(`/orgs/${org.slug}`)).text()
    expect(empty).toContain('No published achievements yet')
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100"/></svg>'
    const logo = await t.request(`/api/v1/orgs/${org.slug}/logo`, { as: owner, method: 'PUT', body: svg, headers: { 'content-type': 'image/svg+xml' } })
    const logoUrl = ((await logo.json()) as { logo: string }).logo
    await insert('Watercolour Basics', 'published', logoUrl.split('/').at(-1)!)
    await insert('Ink Drawing', 'published', null)
    await insert('Secret Draft', 'draft', null)
    const body = await (await page(`/orgs/${org.slug}`)).text()
    expect(body).toContain(`<img src="${logoUrl}" alt="Atelier Bleu logo"`)
    expect(body).toMatch(/<dt>Credentials issued<\/dt><dd>0<\/dd>/)
    expect(body).toMatch(/<dt>Achievements<\/dt><dd>2<\/dd>/)
    // By name, with the badge image when there is one; drafts stay private.
    expect(body.indexOf('Ink Drawing')).toBeLessThan(body.indexOf('Watercolour Basics'))
    expect(body).toContain(`<img src="${logoUrl}" alt="Badge of Watercolour Basics"`)
    expect(body).toContain('About Ink Drawing.')
    expect(body).not.toContain('Secret Draft')
  })
})
