import { deflateSync } from 'node:zlib'
import { PDFDocument } from 'pdf-lib'
import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'
import { PlatformError } from '../core/errors.js'
import { readBakedPng, readBakedSvg } from './baked-reading.js'
import { buildPng } from './fixtures/build-png.js'
import { pdfLinks } from './pdf-links.js'

describe('pdfLinks', () => {
  it('reads the verification link of a certificate whose QR code is an image (no link annotation)', async () => {
    const url = 'https://badges.example.edu/c/2f1c0a8e-0000-4000-8000-000000000001'
    const doc = await PDFDocument.create()
    const page = doc.addPage([595, 842])
    const qr = await doc.embedPng(await QRCode.toBuffer(url, { margin: 4, scale: 6 }))
    page.drawImage(qr, { x: 100, y: 100, width: 200, height: 200 })
    expect(await pdfLinks(await doc.save())).toEqual([url])
  })

  it('refuses bytes that are not a PDF', async () => {
    await expect(pdfLinks(new TextEncoder().encode('%PDF-1.7 but nothing else'))).rejects.toBeInstanceOf(PlatformError)
  })
})

describe('reading baked Open Badges 2.0 images', () => {
  const chunk = (type: string, body: Uint8Array) => ({ type, data: new Uint8Array([...new TextEncoder().encode('openbadges\0'), ...body]) })
  it('reads a tEXt, a compressed zTXt and an iTXt openbadges chunk', () => {
    const url = 'https://example.org/assertions/1'
    expect(readBakedPng(buildPng(8, 8, [chunk('tEXt', new TextEncoder().encode(url))]))).toEqual({ standard: 'ob2', text: url })
    expect(readBakedPng(buildPng(8, 8, [chunk('zTXt', new Uint8Array([0, ...deflateSync(url)]))]))).toEqual({ standard: 'ob2', text: url })
    expect(readBakedPng(buildPng(8, 8, [chunk('iTXt', new Uint8Array([0, 0, 0, 0, ...new TextEncoder().encode(url)]))]))).toEqual({ standard: 'ob2', text: url })
    expect(readBakedPng(buildPng(8, 8))).toBeUndefined()
  })

  it('reads an SVG <openbadges:assertion> by its verify attribute or its JSON', () => {
    const verify = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="https://example.org/a/1"/></svg>'
    expect(readBakedSvg(verify)).toEqual({ standard: 'ob2', text: 'https://example.org/a/1' })
    const json = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:ob="http://openbadges.org"><ob:assertion><![CDATA[{"id":"x"}]]></ob:assertion></svg>'
    expect(readBakedSvg(json)).toEqual({ standard: 'ob2', text: '{"id":"x"}' })
    expect(readBakedSvg('<svg xmlns="http://www.w3.org/2000/svg"/>')).toBeUndefined()
    expect(() => readBakedSvg('<!DOCTYPE svg><svg/>')).toThrow(PlatformError)
  })
})
