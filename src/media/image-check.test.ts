import { describe, expect, it } from 'vitest'
import { isPlatformError } from '../core/errors.js'
import { buildPng } from './fixtures/build-png.js'
import { checkBadgeImage } from './image-check.js'
import { bakePng, extractFromPng } from './png-baking.js'
import { readPngChunks } from './png-chunks.js'

const utf8 = (text: string) => new TextEncoder().encode(text)
const svg = (attributes: string, body = '<circle cx="5" cy="5" r="5"/>') =>
  utf8(`<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" ${attributes}>${body}</svg>`)

const refusal = (bytes: Uint8Array, declaredType?: string) => {
  try {
    checkBadgeImage(bytes, declaredType)
  } catch (err) {
    if (!isPlatformError(err)) throw err
    return `${err.code}: ${err.message}`
  }
  throw new Error('expected the image to be refused')
}

describe('checkBadgeImage', () => {
  it('accepts a square PNG and reports its size from IHDR, returning the same bytes', () => {
    const png = buildPng(256, 256)
    expect(checkBadgeImage(png, 'image/png')).toEqual({ mediaType: 'image/png', width: 256, height: 256, bytes: png })
  })

  it('removes a credential baked into an uploaded PNG, so a badge image never carries someone else\'s', () => {
    const baked = bakePng(buildPng(64, 64, [{ type: 'tEXt', data: utf8('openbadges\0https://old.example/a/1') }]), '{"id":"x"}')
    const image = checkBadgeImage(baked)
    expect(extractFromPng(image.bytes)).toBeUndefined()
    expect(readPngChunks(image.bytes).map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND'])
  })

  it('accepts an SVG, returning it sanitized, sized from width and height in px', () => {
    const image = checkBadgeImage(svg('width="300px" height="240" onload="alert(1)"', '<script>x()</script><rect width="1"/>'), 'image/svg+xml; charset=utf-8')
    expect(image).toMatchObject({ mediaType: 'image/svg+xml', width: 300, height: 240 })
    expect(new TextDecoder().decode(image.bytes)).toBe('<svg xmlns="http://www.w3.org/2000/svg" width="300px" height="240"><rect width="1"/></svg>')
  })

  it('sizes an SVG from its viewBox when width and height are missing or relative, else 512', () => {
    expect(checkBadgeImage(svg('width="100%" height="100%" viewBox="0 0 24 24.4"'))).toMatchObject({ width: 24, height: 24 })
    expect(checkBadgeImage(svg(''))).toMatchObject({ width: 512, height: 512 })
  })

  it('refuses JPEG, GIF and other formats, naming what it found', () => {
    expect(refusal(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0xff]))).toBe(
      'ERR_IMAGE_INVALID: only PNG and SVG badge images are accepted (this is a JPEG)',
    )
    expect(refusal(Uint8Array.from([...utf8('GIF89a'), 1, 0, 1, 0, 0x80, 0xff]))).toMatch(/accepted \(this is a GIF\)$/)
    expect(refusal(utf8('just some text'))).toBe('ERR_IMAGE_INVALID: only PNG and SVG badge images are accepted')
  })

  it('refuses an image over 2 MB before looking at it', () => {
    expect(refusal(new Uint8Array(2 * 1024 * 1024 + 1))).toBe(
      'ERR_INPUT_TOO_LARGE: badge image is 2097153 bytes; the limit is 2 MB (2097152 bytes)',
    )
  })

  it('says when a PNG is too small, too large or not square enough', () => {
    expect(refusal(buildPng(32, 32))).toMatch(/32×32 px; each side must be between 64 and 2048 px/)
    expect(refusal(buildPng(2049, 2000))).toMatch(/2049×2000 px; each side must be between 64 and 2048 px/)
    expect(refusal(buildPng(200, 100))).toMatch(/200×100; it must be roughly square \(at most 1.5:1\)/)
    expect(refusal(svg('viewBox="0 0 300 100"'))).toMatch(/300×100; it must be roughly square/)
  })

  it('refuses a PNG with a corrupted header', () => {
    const png = buildPng(64, 64)
    png[17] = png[17]! ^ 1
    expect(refusal(png)).toMatch(/^ERR_IMAGE_INVALID: PNG IHDR chunk at byte 8 has a bad CRC/)
  })

  it('refuses an SVG the sanitizer refuses', () => {
    expect(refusal(utf8('<!DOCTYPE svg [<!ENTITY a "a">]><svg xmlns="http://www.w3.org/2000/svg"/>'))).toMatch(/DOCTYPE/)
    expect(refusal(utf8('<html><body><svg></svg></body></html>'))).toMatch(/root element must be <svg>, not <html>/)
  })

  it('refuses content that disagrees with its declared type', () => {
    expect(refusal(buildPng(64, 64), 'image/svg+xml')).toBe('ERR_IMAGE_INVALID: badge image is declared as image/svg+xml but its content is PNG')
    expect(refusal(buildPng(64, 64), 'image/jpeg')).toBe('ERR_IMAGE_INVALID: only PNG and SVG badge images are accepted (declared as image/jpeg)')
  })
})
