import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'
import { qrMatrix } from './qr-matrix.js'
import { qrCodeSvg } from './qr-svg.js'
import { sanitizeSvg } from './sanitize-svg.js'

const URL_ = 'https://emblem.example/verify/urn:uuid:7f1c2a4e-0b9d-4c55-9e1a-3c8d2f6b5a10'

/** Paints the path's `Mx yhNv1h-Nz` runs back onto a grid. */
function modulesFromSvg(svg: string, margin: number, size: number): boolean[] {
  const grid: boolean[] = Array.from({ length: size * size }, () => false)
  for (const [, x, y, n] of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g))
    for (let i = 0; i < Number(n); i++) grid[(Number(y) - margin) * size + Number(x) - margin + i] = true
  return grid
}

describe('qrCodeSvg', () => {
  it('draws exactly the modules qrcode computes for the text, inside a quiet zone', () => {
    const code = QRCode.create(URL_, { errorCorrectionLevel: 'M' })
    const svg = qrCodeSvg(URL_)
    const side = code.modules.size + 8
    expect(svg).toContain(`viewBox="0 0 ${side} ${side}" width="256" height="256"`)
    expect(modulesFromSvg(svg, 4, code.modules.size)).toEqual(Array.from(code.modules.data, (bit) => bit === 1))
  })

  it('honours size, margin and error correction', () => {
    const svg = qrCodeSvg('hello', { size: 100, margin: 0, errorCorrectionLevel: 'H' })
    const { size } = qrMatrix('hello', 'H')
    expect(svg).toContain(`viewBox="0 0 ${size} ${size}" width="100" height="100"`)
    expect(modulesFromSvg(svg, 0, size)).toEqual(qrMatrix('hello', 'H').dark)
  })

  it('is safe to inline: the text is escaped and the SVG passes the sanitizer unchanged', () => {
    const svg = qrCodeSvg('https://x.example/?a=1&b=<script>')
    expect(svg).toContain('<title>QR code: https://x.example/?a=1&amp;b=&lt;script&gt;</title>')
    expect(sanitizeSvg(svg)).toBe(svg)
  })

  it('refuses empty or oversized text, and nonsense options', () => {
    expect(() => qrCodeSvg('')).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID' }))
    expect(() => qrCodeSvg('x'.repeat(3000))).toThrow(expect.objectContaining({ code: 'ERR_INPUT_TOO_LARGE' }))
    expect(() => qrCodeSvg('x', { size: -1 })).toThrow(TypeError)
    expect(() => qrCodeSvg('x', { margin: 1.5 })).toThrow(TypeError)
  })
})

describe('qrMatrix', () => {
  it('picks the smallest version that fits: 17 + 4 × version modules a side', () => {
    const short = qrMatrix('https://e.example/v/1')
    const long = qrMatrix(URL_)
    expect(short.size).toBe(17 + 4 * short.version)
    expect(long.version).toBeGreaterThan(short.version)
  })
})
