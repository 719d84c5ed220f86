// Badge images of credentials imported into the wallet, on SQLite (wallet-images.test.ts) and
// PostgreSQL (wallet-images-postgres.test.ts): the image (an http(s) URL served by a local server
// here, or a data: URL) is kept on this instance and shown from /images/{id}; a missing image or one
// that is not an image never fails the import.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CredentialDisplay } from '../../../src/app/wallet/display.js'
import type { VerificationReport } from '../../../src/core/verification/index.js'
import { createMediaAdapter } from '../../../src/media/index.js'
import type { TestSession } from '../../support/platform.js'
import { startCredentialPlatform, type CredentialPlatform } from './public-credential-fixture.js'

const media = createMediaAdapter()
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128"><circle cx="64" cy="64" r="60" fill="#9a3412"/><script>alert(1)</script></svg>'
const PNG = media.svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128"><rect width="128" height="128" fill="#1d4ed8"/></svg>', { size: 128 })

export function describeWalletImages(dialect: 'sqlite' | 'postgres'): void {
  describe(`imported credentials' badge images (${dialect})`, () => {
    let p: CredentialPlatform
    let server: Server
    let base: string
    let learner: TestSession
    const hits: string[] = []
    beforeAll(async () => {
      server = createServer((req, res) => {
        hits.push(req.url ?? '')
        if (req.url === '/badge.png') res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from(PNG))
        else if (req.url === '/badge.svg') res.writeHead(200, { 'content-type': 'image/svg+xml; charset=utf-8' }).end(SVG)
        else if (req.url === '/page.html') res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>not an image</title>')
        else if (req.url === '/fake.png') res.writeHead(200, { 'content-type': 'image/png' }).end('this is not a PNG')
        else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      p = await startCredentialPlatform({ dialect, config: { fetch: { allowHttp: true, allowPrivateAddresses: true, timeoutMs: 3000, maxBytes: 1_000_000 } } })
      learner = await p.t.seedUser({ email: `images-learner-${dialect}@example.org` })
    })
    afterAll(async () => {
      await p?.close()
      await new Promise((resolve) => server?.close(resolve))
    })

    const importWith = (imageUrl: string | undefined, name = `Badge ${Math.random()}`) =>
      p.t.platform.wallet.addImported(learner.userId, {
        format: 'vc-json',
        document: JSON.stringify({ id: `urn:uuid:${name}`, name }),
        verified: true,
        report: { verified: true, checks: [] } as VerificationReport,
        display: { name, issuer: { name: 'Elsewhere Academy' }, skills: [], ...(imageUrl ? { imageUrl } : {}) } satisfies CredentialDisplay,
      })
    const localImage = (url: string | undefined) => {
      const prefix = `${p.t.config.publicUrl}/images/`
      expect(url?.startsWith(prefix)).toBe(true)
      return url!.slice(p.t.config.publicUrl.length)
    }

    it('keeps a PNG served over http(s) and serves the same bytes from /images/{id}', async () => {
      const { item } = await importWith(`${base}/badge.png`)
      const path = localImage(item.display.imageUrl)
      expect(path).toMatch(/^\/images\/[0-9a-f]{64}$/)
      const res = await p.request(path)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/png')
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG)
      // The wallet page shows it from this instance (the CSP blocks other hosts' images).
      const page = await (await p.request('/wallet', { headers: { cookie: learner.cookie } })).text()
      expect(page).toContain(`src="${path}"`)
      expect(page).not.toContain(`${base}/badge.png`)
    })

    it('shows the kept image on the item page, the public profile and the shared credential page', async () => {
      const { item } = await importWith(`${base}/badge.png`, 'Shown Everywhere')
      const path = localImage(item.display.imageUrl)
      const itemPage = await (await p.request(`/wallet/${item.id}`, { headers: { cookie: learner.cookie } })).text()
      expect(itemPage).toContain(`src="${path}"`)
      await p.t.platform.wallet.update(learner.userId, item.id, { public: true })
      const handle = `images-${dialect}`
      const saved = await p.request('/api/v1/wallet/profile', {
        method: 'PUT',
        headers: { cookie: learner.cookie, 'x-csrf-token': learner.csrf, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ handle, displayName: 'Image Learner', public: true }),
      })
      expect(saved.status).toBe(200)
      const profile = await (await p.request(`/u/${handle}`)).text()
      expect(profile).toContain('Shown Everywhere')
      expect(profile).toContain(`${path}"`)
      const shared = await (await p.request(`/u/${handle}/c/${item.id}`)).text()
      expect(shared).toContain(`${path}"`)
      expect(shared).not.toContain(`${base}/badge.png`)
    })

    it('keeps an SVG sanitized: the script is gone, the drawing stays', async () => {
      const { item } = await importWith(`${base}/badge.svg`)
      const res = await p.request(localImage(item.display.imageUrl))
      expect(res.headers.get('content-type')).toBe('image/svg+xml')
      const text = await res.text()
      expect(text).toContain('<circle')
      expect(text).not.toContain('<script')
      expect(text).not.toContain('alert(1)')
    })

    it('keeps a data: URL image without fetching anything', async () => {
      const before = hits.length
      const { item } = await importWith(`data:image/png;base64,${Buffer.from(PNG).toString('base64')}`)
      const res = await p.request(localImage(item.display.imageUrl))
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG)
      expect(hits.length).toBe(before)
    })

    it('imports without an image when it is missing, not an image, or a broken one', async () => {
      for (const url of [`${base}/missing.png`, `${base}/page.html`, `${base}/fake.png`, 'data:image/png;base64,bm90IGFuIGltYWdl', 'http://127.0.0.1:1/refused.png']) {
        const { item, duplicate } = await importWith(url)
        expect(duplicate).toBe(false)
        expect(item.display.imageUrl).toBeUndefined()
        expect((await p.t.platform.wallet.get(learner.userId, item.id)).display.name).toBe(item.display.name)
      }
    })

    it('does not fetch again for a duplicate import', async () => {
      const first = await importWith(`${base}/badge.png`, 'Duplicate Badge')
      const before = hits.length
      const again = await importWith(`${base}/badge.png`, 'Duplicate Badge')
      expect(again.duplicate).toBe(true)
      expect(again.item.display.imageUrl).toBe(first.item.display.imageUrl)
      expect(hits.length).toBe(before)
    })
  })
}
