import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPng } from '../../../src/media/fixtures/build-png.js'
import { readJson, startTestPlatform, type TestOrg, type TestPlatform, type TestSession } from '../../support/platform.js'

// Badge images: upload (PNG/SVG, checked and sanitized), the designer, and the public /images route.

let t: TestPlatform
let owner: TestSession
let org: TestOrg
let key: string

beforeAll(async () => {
  t = await startTestPlatform()
  owner = await t.seedUser()
  org = await t.seedOrg({ owner, withKey: false })
  key = await t.seedApiKey(org, 'admin')
})
afterAll(() => t.close())

const upload = (body: Uint8Array | string, type: string) =>
  t.request(`/api/v1/orgs/${org.slug}/images`, { as: key, method: 'POST', body: typeof body === 'string' ? body : Buffer.from(body), headers: { 'content-type': type } })

describe('uploading a badge image', () => {
  it('stores a PNG under the SHA-256 of its bytes and serves it back unchanged, cacheable forever', async () => {
    const png = buildPng(256, 256)
    const res = await upload(png, 'image/png')
    expect(res.status).toBe(201)
    const image = await readJson(res)
    const digest = createHash('sha256').update(png).digest('hex')
    expect(image).toEqual({ id: digest, url: `${t.config.publicUrl}/images/${digest}`, mediaType: 'image/png', width: 256, height: 256 })
    expect(res.headers.get('location')).toBe(`/images/${digest}`)
    const served = await t.request(`/images/${digest}`)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(served.headers.get('x-content-type-options')).toBe('nosniff')
    expect(served.headers.get('cross-origin-resource-policy')).toBe('cross-origin') // other sites may show the badge
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(png))).toBe(true)
    expect((await upload(png, 'image/png')).status).toBe(201)
  })

  it('refuses an image over 2 MB with 413 before storing anything', async () => {
    const res = await upload(new Uint8Array(2 * 1024 * 1024 + 1), 'image/png')
    expect(res.status).toBe(413)
    expect((await readJson(res)).detail).toContain('at most 2097152 bytes')
  })

  it('refuses a JPEG, whatever type it claims, and a type other than PNG or SVG', async () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
    const claimed = await upload(jpeg, 'image/png')
    expect(claimed.status).toBe(422)
    expect(await readJson(claimed)).toMatchObject({ code: 'ERR_IMAGE_INVALID', detail: expect.stringContaining('JPEG') })
    const typed = await upload(jpeg, 'image/jpeg')
    expect(typed.status).toBe(422)
    expect((await readJson(typed)).detail).toContain('image/png or image/svg+xml')
  })

  it('refuses a PNG too small to be a badge, and says the size', async () => {
    const res = await upload(buildPng(16, 16), 'image/png')
    expect(res.status).toBe(422)
    expect((await readJson(res)).detail).toContain('16×16')
  })

  it('strips scripts, event handlers and external references from an SVG, and serves it under a CSP that runs nothing', async () => {
    const hostile = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100" width="100" height="100" onload="alert(1)">
      <script>alert(document.cookie)</script>
      <image href="https://evil.example/track.png" width="10" height="10"/>
      <a xlink:href="javascript:alert(2)"><text>click</text></a>
      <circle cx="50" cy="50" r="40" fill="#1f4e79"/>
    </svg>`
    const res = await upload(hostile, 'image/svg+xml')
    expect(res.status).toBe(201)
    const { id } = await readJson(res)
    const served = await t.request(`/images/${id}`)
    const text = await served.text()
    expect(text).toContain('<circle')
    expect(text).not.toMatch(/script|alert|onload|evil\.example|javascript/)
    expect(served.headers.get('content-type')).toBe('image/svg+xml')
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
    expect(served.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('refuses an SVG that is not well-formed XML, or declares entities', async () => {
    expect((await upload('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>', 'image/svg+xml')).status).toBe(422)
    const entities = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    expect((await upload(entities, 'image/svg+xml')).status).toBe(422)
  })
})

describe('the badge designer API', () => {
  it('draws an SVG from a shape, icon, colours and title, and stores it as an image', async () => {
    const res = await t.request(`/api/v1/orgs/${org.slug}/images/design`, { as: key, method: 'POST', json: { shape: 'shield', icon: 'code', title: 'TypeScript Foundations', background: '#0b3d2e', foreground: '#ffffff' } })
    expect(res.status).toBe(201)
    const image = await readJson(res)
    expect(image).toMatchObject({ mediaType: 'image/svg+xml', width: 512, height: 512 })
    const svg = await (await t.request(`/images/${image.id}`)).text()
    expect(svg).toContain('TypeScript Foundations')
  })

  it('names the design field at fault, such as a title colour too close to the background', async () => {
    const design = (json: unknown) => t.request(`/api/v1/orgs/${org.slug}/images/design`, { as: key, method: 'POST', json })
    const contrast = await design({ title: 'Low contrast', background: '#777777', foreground: '#888888' })
    expect(contrast.status).toBe(400)
    expect((await readJson(contrast)).detail).toContain('foreground: has contrast')
    const shape = await readJson(await design({ title: 'Blob', shape: 'blob', background: 'red' }))
    expect(shape.detail).toContain('shape: must be one of')
    expect(shape.detail).toContain('background: must be a colour')
  })

  it('puts the chosen image into the Achievement credentials embed', async () => {
    const { id: imageId } = await readJson(await t.request(`/api/v1/orgs/${org.slug}/images/design`, { as: key, method: 'POST', json: { title: 'Data' } }))
    const res = await t.request(`/api/v1/orgs/${org.slug}/achievements`, { as: key, method: 'POST', json: { name: 'Data', imageId } })
    expect((await readJson(res)).achievement.image).toEqual({ id: `${t.config.publicUrl}/images/${imageId}`, type: 'Image', caption: 'Data' })
  })
})

describe('GET /images/:id', () => {
  it('answers 404 for an unknown or malformed id, and 304 when the browser has it already', async () => {
    expect((await t.request(`/images/${'0'.repeat(64)}`)).status).toBe(404)
    expect((await t.request('/images/not-an-id')).status).toBe(404)
    const { id } = await readJson(await upload(buildPng(128, 128), 'image/png'))
    const again = await t.request(`/images/${id}`, { headers: { 'if-none-match': `"${id}"` } })
    expect(again.status).toBe(304)
  })
})
