import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readJson, startTestPlatform, type TestPlatform } from '../../support/platform.js'

// Creating organizations, listing them, the profile, and the public organization page and Profile.
let t: TestPlatform
beforeAll(async () => {
  t = await startTestPlatform()
})
afterAll(() => t.close())

const PNG_1x1_TOO_SMALL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
const SVG_LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128"><circle cx="64" cy="64" r="60" fill="#1d4ed8"/></svg>'

describe('creating an organization', () => {
  it('makes the creator its owner, gives it a signing key, and suggests the slug from the name', async () => {
    const alice = await t.seedUser()
    const res = await t.request('/api/v1/orgs', { as: alice, method: 'POST', json: { name: 'Université de Genève – Faculté des Sciences' } })
    expect(res.status).toBe(201)
    const org = await readJson(res)
    expect(org).toMatchObject({ slug: 'universite-de-geneve-faculte-des', role: 'owner', suite: 'eddsa-rdfc-2022', did: 'did:web:localhost%3A3000:orgs:universite-de-geneve-faculte-des' })
    expect(res.headers.get('location')).toBe(`/api/v1/orgs/${org.slug}`)
    const keys = await readJson(await t.request(`/api/v1/orgs/${org.slug}/keys`, { as: alice }))
    expect(keys.items).toHaveLength(1)
    expect(keys.items[0]).toMatchObject({ state: 'active', verificationMethod: `${org.did}#${keys.items[0].id}` })
    const mine = await readJson(await t.request('/api/v1/orgs', { as: alice }))
    expect(mine.items.map((o: any) => o.slug)).toEqual([org.slug])
  })

  it('refuses reserved and malformed slugs, and a taken one with 409', async () => {
    const bob = await t.seedUser()
    const reserved = await t.request('/api/v1/orgs', { as: bob, method: 'POST', json: { name: 'New', slug: 'new' } })
    expect(reserved.status).toBe(400)
    expect((await readJson(reserved)).detail).toMatch(/slug: "new" is reserved/)
    const malformed = await t.request('/api/v1/orgs', { as: bob, method: 'POST', json: { name: 'Acme', slug: 'Acme Inc' } })
    expect((await readJson(malformed)).detail).toMatch(/^slug: use 2 to 40 lower-case/)
    expect((await t.request('/api/v1/orgs', { as: bob, method: 'POST', json: { name: 'Taken', slug: 'taken-slug' } })).status).toBe(201)
    const taken = await t.request('/api/v1/orgs', { as: bob, method: 'POST', json: { name: 'Taken again', slug: 'taken-slug' } })
    expect(taken.status).toBe(409)
    expect((await readJson(taken)).code).toBe('ERR_CONFLICT')
  })

  it('reports every invalid field by its name, and malformed JSON as ERR_JSON_PARSE', async () => {
    const carol = await t.seedUser()
    const res = await t.request('/api/v1/orgs', { as: carol, method: 'POST', json: { name: ' ', url: 'javascript:alert(1)', country: 'XX', email: 'nope', suite: 'rsa', colour: 'red' } })
    expect(res.status).toBe(400)
    const { code, detail } = await readJson(res)
    expect(code).toBe('ERR_INPUT_INVALID')
    for (const field of ['name:', 'url:', 'country:', 'email:', 'suite:', 'colour']) expect(detail).toContain(field)
    const broken = await t.request('/api/v1/orgs', { as: carol, method: 'POST', body: '{"name":', headers: { 'content-type': 'application/json' } })
    expect(broken.status).toBe(400)
    expect((await readJson(broken)).code).toBe('ERR_JSON_PARSE')
  })

  it('leaves no organization behind when its first key cannot be made', async () => {
    const dave = await t.seedUser()
    const rotate = t.ports.keys.rotate
    t.ports.keys.rotate = async () => {
      throw new Error('key store unavailable')
    }
    try {
      const res = await t.request('/api/v1/orgs', { as: dave, method: 'POST', json: { name: 'Keyless', slug: 'keyless' } })
      expect(res.status).toBe(500)
    } finally {
      t.ports.keys.rotate = rotate
    }
    expect(await t.store.repos.orgs.bySlug('keyless')).toBeUndefined()
    expect((await t.request('/api/v1/orgs', { as: dave, method: 'POST', json: { name: 'Keyless', slug: 'keyless' } })).status).toBe(201)
  })
})

describe('the profile', () => {
  it('is changed by PATCH, field by field, with null or "" clearing optional fields', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    const patched = await t.request(`/api/v1/orgs/${org.slug}`, {
      as: owner,
      method: 'PATCH',
      json: { description: 'Physics and more.\n\nSince 1559.', url: 'https://unige.example', email: 'Badges@UniGe.example', country: 'ch', suite: 'eddsa-jcs-2022' },
    })
    expect(patched.status).toBe(200)
    expect(await readJson(patched)).toMatchObject({ name: org.name, url: 'https://unige.example', email: 'badges@unige.example', country: 'CH', suite: 'eddsa-jcs-2022' })
    const cleared = await readJson(await t.request(`/api/v1/orgs/${org.slug}`, { as: owner, method: 'PATCH', json: { url: null, email: '' } }))
    expect(cleared).toMatchObject({ url: null, email: null, country: 'CH' })
    const slugChange = await t.request(`/api/v1/orgs/${org.slug}`, { as: owner, method: 'PATCH', json: { slug: 'other' } })
    expect(slugChange.status).toBe(400)
    expect((await readJson(slugChange)).detail).toMatch(/unknown field\(s\) slug/)
  })

  it('takes a PNG or SVG logo, checked, stored by the SHA-256 of its bytes, and refuses other images', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    const svg = await t.request(`/api/v1/orgs/${org.slug}/logo`, { as: owner, method: 'PUT', body: SVG_LOGO, headers: { 'content-type': 'image/svg+xml' } })
    expect(svg.status).toBe(200)
    const { logo } = await readJson(svg)
    expect(logo).toMatch(/^http:\/\/localhost:3000\/images\/[0-9a-f]{64}$/)
    const image = await t.store.db.selectFrom('images').selectAll().where('id', '=', logo.split('/').at(-1)).executeTakeFirstOrThrow()
    expect(image).toMatchObject({ org_id: org.id, media_type: 'image/svg+xml', width: 128, height: 128 })
    const tiny = await t.request(`/api/v1/orgs/${org.slug}/logo`, { as: owner, method: 'PUT', body: PNG_1x1_TOO_SMALL, headers: { 'content-type': 'image/png' } })
    expect(tiny.status).toBe(422)
    expect((await readJson(tiny)).code).toBe('ERR_IMAGE_INVALID')
    const form = new FormData()
    form.set('_csrf', owner.csrf)
    form.set('logo', new File([SVG_LOGO], 'logo.svg', { type: 'image/svg+xml' }))
    const asForm = await t.app.request(`/api/v1/orgs/${org.slug}/logo`, { method: 'PUT', headers: { cookie: owner.cookie }, body: form })
    expect(asForm.status).toBe(422)
    expect((await readJson(asForm)).detail).toMatch(/not as a form/)
    expect((await t.request(`/api/v1/orgs/${org.slug}/logo`, { as: owner, method: 'DELETE' })).status).toBe(204)
    expect((await readJson(await t.request(`/api/v1/orgs/${org.slug}`, { as: owner }))).logo).toBeNull()
  })
})

describe('the public organization page', () => {
  it('shows the name, description and a link to the DID document to anyone', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner, name: 'Hogwarts <School>' })
    await t.request(`/api/v1/orgs/${org.slug}`, { as: owner, method: 'PATCH', json: { description: 'Witchcraft & wizardry.', country: 'GB' } })
    const res = await t.request(`/orgs/${org.slug}`, { headers: { accept: 'text/html' } })
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page).toContain('<h1>Hogwarts &lt;School&gt;</h1>')
    expect(page).toContain('Witchcraft &amp; wizardry.')
    expect(page).toContain('United Kingdom')
    expect(page).toContain(`href="/orgs/${org.slug}/did.json"`)
    expect(page).toContain(org.did)
  })

  it('answers the OB 3.0 issuer Profile to JSON clients, and 404 for an unknown organization', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    const res = await t.request(`/orgs/${org.slug}`, { headers: { accept: 'application/ld+json' } })
    expect(res.headers.get('content-type')).toBe('application/ld+json')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(await readJson(res)).toMatchObject({ id: org.did, type: ['Profile'], name: org.name })
    expect((await t.request('/orgs/no-such-org', { headers: { accept: 'application/json' } })).status).toBe(404)
  })
})
