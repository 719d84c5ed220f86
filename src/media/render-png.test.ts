import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isPlatformError } from '../core/errors.js'
import { designBadgeSvg, type BadgeDesign } from './badge-designer.js'
import { renderCertificatePdf } from './certificate-pdf.js'
import { buildPng } from './fixtures/build-png.js'
import { decodePng, type Pixels } from './fixtures/decode-png.js'
import { checkBadgeImage } from './image-check.js'
import { bakePng, extractFromPng } from './png-baking.js'
import { readPngChunks, readPngHeader } from './png-chunks.js'
import { svgToPng } from './render-png.js'

const design: BadgeDesign = { shape: 'circle', icon: 'star', background: '#1f4e79', foreground: '#ffffff', title: 'Data Analytics' }
const CREDENTIAL = JSON.stringify({ type: ['VerifiableCredential', 'OpenBadgeCredential'], name: 'Data Analytics' })

/** How many pixels in the box [x0, x1) × [y0, y1) pass `test`. */
function count(image: Pixels, [x0, y0, x1, y1]: [number, number, number, number], test: (rgba: number[]) => boolean): number {
  let n = 0
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (test(image.at(x, y))) n++
  return n
}
const isWhite = ([r, g, b, a]: number[]) => a! > 250 && r! > 240 && g! > 240 && b! > 240
const isVisible = ([, , , a]: number[]) => a! > 0

const refusal = (run: () => unknown): string => {
  try {
    run()
  } catch (err) {
    if (!isPlatformError(err)) throw err
    return `${err.code}: ${err.message}`
  }
  throw new Error('expected the SVG to be refused')
}

describe('svgToPng', () => {
  it.each([512, 256])('renders a designed badge to a valid %i px PNG on a transparent background', (size) => {
    const png = svgToPng(designBadgeSvg(design), { size })
    expect(readPngHeader(readPngChunks(png))).toEqual({ width: size, height: size, bitDepth: 8, colorType: 6, interlaced: false })
    const image = decodePng(png)
    const all = count(image, [0, 0, size, size], isVisible)
    // A circle of radius 244/512 covers π·0.477² ≈ 71 % of the square.
    expect(all / (size * size)).toBeGreaterThan(0.68)
    expect(all / (size * size)).toBeLessThan(0.74)
    expect(image.at(0, 0)).toEqual([0, 0, 0, 0])
    expect(image.at(size / 2, size / 8)).toEqual([0x1f, 0x4e, 0x79, 255])
  })

  it('gives the same bytes for the same SVG, as a string or as UTF-8 bytes', () => {
    const svg = designBadgeSvg({ ...design, title: 'Ελένη Łódź Кирилл', subtitle: 'Straße' })
    const png = svgToPng(svg, { size: 512 })
    expect(svgToPng(svg, { size: 512 })).toEqual(png)
    expect(svgToPng(new TextEncoder().encode(svg), { size: 512 })).toEqual(png)
  })

  it('sets the title in the bundled font where the designer puts it', () => {
    // Circle layout: the title's one line is centred on y = 346 (of 512), the icon well above it.
    const band: [number, number, number, number] = [120, 320, 392, 370]
    const svg = designBadgeSvg(design)
    const withText = count(decodePng(svgToPng(svg, { size: 512 })), band, isWhite)
    const withoutText = count(decodePng(svgToPng(svg.replace(/<text[\s\S]*?<\/text>/g, ''), { size: 512 })), band, isWhite)
    expect(withoutText).toBe(0)
    expect(withText).toBeGreaterThan(1500)
  })

  it('sets Greek and Cyrillic titles as well as Latin ones', () => {
    const band: [number, number, number, number] = [60, 300, 452, 390]
    const ink = (title: string) => count(decodePng(svgToPng(designBadgeSvg({ ...design, title }), { size: 512 })), band, isWhite)
    const latin = ink('Analytics')
    expect(latin).toBeGreaterThan(1500)
    // Missing glyphs would draw nothing (or hollow boxes): real letters ink about as much as Latin ones.
    expect(ink('Αναλυτική')).toBeGreaterThan(latin * 0.6)
    expect(ink('Аналитика')).toBeGreaterThan(latin * 0.6)
  })

  it('refuses what is not a well-formed SVG', () => {
    expect(refusal(() => svgToPng('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>', { size: 64 }))).toMatch(/^ERR_IMAGE_INVALID: SVG is not well-formed XML/)
    expect(refusal(() => svgToPng('not an image', { size: 64 }))).toMatch(/^ERR_IMAGE_INVALID: /)
    expect(refusal(() => svgToPng(buildPng(64, 64), { size: 64 }))).toBe('ERR_IMAGE_INVALID: SVG is not UTF-8 text')
    expect(refusal(() => svgToPng('<html/>', { size: 64 }))).toBe('ERR_IMAGE_INVALID: the root element must be <svg>, not <html>')
  })

  it('refuses a size it cannot draw as a programming error', () => {
    expect(() => svgToPng(designBadgeSvg(design), { size: 0 })).toThrow(TypeError)
    expect(() => svgToPng(designBadgeSvg(design), { size: 100.5 })).toThrow(TypeError)
    expect(() => svgToPng(designBadgeSvg(design), { size: 5000 })).toThrow(TypeError)
  })

  describe('outside resources', () => {
    let requests = 0
    const server = createServer((_req, res) => {
      requests++
      res.writeHead(200, { 'Content-Type': 'image/png' }).end(buildPng(64, 64))
    })
    const dir = mkdtempSync(join(tmpdir(), 'emblem-render-png-'))
    const localPng = join(dir, 'local.png')
    beforeAll(async () => {
      writeFileSync(localPng, buildPng(64, 64))
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    })
    afterAll(() => {
      server.close()
      rmSync(dir, { recursive: true })
    })
    const withImage = (href: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="64" height="64">` +
      `<rect width="32" height="64" fill="#1f4e79"/><image href="${href}" width="64" height="64"/><image xlink:href="${href}" width="64" height="64"/></svg>`
    const plain = svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="32" height="64" fill="#1f4e79"/></svg>', { size: 64 })

    it('never fetches an image from a URL', async () => {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/badge.png`
      expect(await fetch(url).then((res) => res.status)).toBe(200)
      requests = 0
      expect(svgToPng(withImage(url), { size: 64 })).toEqual(plain)
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(requests).toBe(0)
    })

    it('never reads an image from a local file', () => {
      expect(svgToPng(withImage(localPng), { size: 64 })).toEqual(plain)
      expect(svgToPng(withImage(`file://${localPng}`), { size: 64 })).toEqual(plain)
    })
  })

  it('gives a PNG that bakes, reads back and passes the badge image check', () => {
    const baked = bakePng(svgToPng(designBadgeSvg(design), { size: 512 }), CREDENTIAL)
    expect(extractFromPng(baked)).toBe(CREDENTIAL)
    expect(checkBadgeImage(baked, 'image/png')).toMatchObject({ mediaType: 'image/png', width: 512, height: 512 })
  })

  it('gives a PNG a certificate can show', async () => {
    const pdf = await renderCertificatePdf({
      title: 'Certificate of Achievement', recipientName: 'Ada Lovelace', achievementName: 'Data Analytics',
      issuerName: 'Example University', issuedOn: new Date('2025-06-30T12:00:00Z'), verifyUrl: 'https://emblem.example/c/1',
      credentialId: 'urn:uuid:7f1c2a4e-0b9d-4c55-9e1a-3c8d2f6b5a10', badgePng: svgToPng(designBadgeSvg(design), { size: 256 }),
    })
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1)
  })
})
