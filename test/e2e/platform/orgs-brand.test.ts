import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readJson } from '../../support/platform.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

// An organization's brand colour: checked for contrast, shown by the API, carried with its logo
// into the HTML e-mails it sends (credential offers and invitations).
let p: IssuancePlatform
beforeAll(async () => {
  p = await startIssuancePlatform()
})
afterAll(() => p.close())

const SVG_LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128"><circle cx="64" cy="64" r="60" fill="#0f766e"/></svg>'
const patch = (json: unknown) => p.t.request(`/api/v1/orgs/${p.org.slug}`, { as: p.owner, method: 'PATCH', json })

describe('the brand colour', () => {
  it('is set as #rgb or #rrggbb, stored in lower case, and cleared with null', async () => {
    expect(await readJson(await patch({ brandColor: '#0F766E' }))).toMatchObject({ brandColor: '#0f766e' })
    expect(await readJson(await patch({ brandColor: '#036' }))).toMatchObject({ brandColor: '#003366' })
    expect(await readJson(await patch({ brandColor: null }))).toMatchObject({ brandColor: null })
    expect((await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}`, { as: p.owner }))).brandColor).toBeNull()
  })

  it('refuses what is not a colour, and a colour too light to read on white with a darker shade to try', async () => {
    const notColour = await patch({ brandColor: 'teal' })
    expect(notColour.status).toBe(400)
    expect((await readJson(notColour)).errors).toEqual([expect.objectContaining({ path: 'brandColor', code: 'invalid_format' })])
    const light = await patch({ brandColor: '#facc15' })
    expect(light.status).toBe(400)
    const [issue] = (await readJson(light)).errors
    expect(issue).toMatchObject({ path: 'brandColor', code: 'low_contrast' })
    expect(issue.message).toMatch(/too light to read on white \(contrast 1\.\d:1, at least 4\.5:1 needed\); try the darker #[0-9a-f]{6}/)
  })

  it("colours an issued credential's e-mail and shows the organization's logo in it", async () => {
    await patch({ brandColor: '#0f766e' })
    const logo = await p.t.request(`/api/v1/orgs/${p.org.slug}/logo`, { as: p.owner, method: 'PUT', body: SVG_LOGO, headers: { 'content-type': 'image/svg+xml' } })
    const logoUrl = (await readJson(logo)).logo as string
    const res = await p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/${p.achievementId}/credentials`, {
      as: p.owner,
      method: 'POST',
      json: { recipient: { email: 'grace.hopper@example.org', name: 'Grace Hopper' } },
    })
    expect(res.status).toBe(201)
    const mail = await p.t.store.db.selectFrom('outbox').selectAll().where('to_address', '=', 'grace.hopper@example.org').executeTakeFirstOrThrow()
    expect(mail.html).toContain('background:#0f766e')
    expect(mail.html).toContain(`<img src="${logoUrl}"`)
    expect(mail.html).toContain('Example University')
  })

  it("brands an invitation e-mail with the organization's colour and logo", async () => {
    const res = await p.t.request(`/api/v1/orgs/${p.org.slug}/invitations`, { as: p.owner, method: 'POST', json: { email: 'new.member@example.org', role: 'issuer' } })
    expect(res.status).toBe(201)
    const mail = await p.t.store.db.selectFrom('outbox').selectAll().where('to_address', '=', 'new.member@example.org').executeTakeFirstOrThrow()
    expect(mail.html).toContain('#0f766e')
    expect(mail.html).toMatch(/<img src="http:\/\/localhost:3000\/images\/[0-9a-f]{64}"/)
  })
})
