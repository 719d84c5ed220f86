import { describe, expect, it } from 'vitest'
import { decodeDataUrl } from './item-image.js'

describe('decodeDataUrl', () => {
  it('reads base64 and percent-encoded images, and nothing else', () => {
    expect(decodeDataUrl('data:image/png;base64,iVBO Rw==')).toEqual({ mediaType: 'image/png', bytes: new Uint8Array(Buffer.from('iVBORw==', 'base64')) })
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"/>'
    expect(decodeDataUrl(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`)).toEqual({ mediaType: 'image/svg+xml', bytes: new TextEncoder().encode(svg) })
    expect(decodeDataUrl('data:text/html,<script>alert(1)</script>')).toBeUndefined()
    expect(decodeDataUrl('data:image/svg+xml,%E0%A4%A')).toBeUndefined()
    expect(decodeDataUrl('https://example.org/badge.png')).toBeUndefined()
  })
})
