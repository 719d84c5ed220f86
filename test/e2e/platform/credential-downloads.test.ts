// Issue #8 items 9 and 12: every credential has a baked PNG (an SVG badge is drawn to PNG), read
// back here by an independent PNG chunk reader; the PDF certificate of a revoked or suspended
// credential is marked, in the reader's language, read back by pdf.js.
import { crc32, inflateSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readPdfText } from '../../../src/media/fixtures/read-pdf-text.js'
import { startCredentialPlatform, type CredentialPlatform } from './public-credential-fixture.js'

let p: CredentialPlatform
beforeAll(async () => {
  p = await startCredentialPlatform()
})
afterAll(() => p.close())

/**
 * An independent reader of PNG text chunks: walks the chunks (checking each CRC), returns the
 * width and every iTXt keyword with its text (inflated when compressed).
 */
function readPng(bytes: Uint8Array): { width: number; height: number; itxt: Map<string, string> } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const itxt = new Map<string, string>()
  let width = 0
  let height = 0
  for (let at = 8; at < bytes.length; ) {
    const length = view.getUint32(at)
    const type = new TextDecoder('latin1').decode(bytes.subarray(at + 4, at + 8))
    const data = bytes.subarray(at + 8, at + 8 + length)
    expect(view.getUint32(at + 8 + length) >>> 0).toBe(crc32(bytes.subarray(at + 4, at + 8 + length)) >>> 0)
    if (type === 'IHDR') [width, height] = [view.getUint32(at + 8), view.getUint32(at + 12)]
    if (type === 'iTXt') {
      const zero = data.indexOf(0)
      const keyword = new TextDecoder('latin1').decode(data.subarray(0, zero))
      const compressed = data[zero + 1] === 1
      let rest = data.subarray(zero + 3)
      rest = rest.subarray(rest.indexOf(0) + 1) // language tag
      rest = rest.subarray(rest.indexOf(0) + 1) // translated keyword
      itxt.set(keyword, new TextDecoder().decode(compressed ? inflateSync(rest) : rest))
    }
    if (type === 'IEND') break
    at += 12 + length
  }
  return { width, height, itxt }
}

const storedJson = async (id: string) => (await p.t.store.db.selectFrom('credentials').select('json').where('id', '=', id).executeTakeFirstOrThrow()).json
const pdfText = async (path: string, init?: RequestInit) => (await readPdfText(new Uint8Array(await (await p.request(path, init)).arrayBuffer()))).map((r) => r.text).join(' ')

describe('baked PNG for every credential', () => {
  it('draws an SVG badge to a 512 px PNG and bakes the credential into it (OB 3.0 openbadgecredential iTXt)', async () => {
    const issued = await p.issue({ email: 'png-from-svg@example.org' }, p.org, await p.seedAchievement('svg'))
    const res = await p.request(`/c/${issued.uuid}/badge.png`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="fair-data-stewardship.png"')
    const png = readPng(new Uint8Array(await res.arrayBuffer()))
    expect(png.width).toBe(512)
    expect(png.itxt.get('openbadgecredential')).toBe(await storedJson(issued.id))
  })

  it('bakes a PNG badge image as it is', async () => {
    const issued = await p.issue({ email: 'png@example.org' })
    const png = readPng(new Uint8Array(await (await p.request(`/c/${issued.uuid}/badge.png`)).arrayBuffer()))
    expect(png.width).toBe(64)
    expect(png.itxt.get('openbadgecredential')).toBe(await storedJson(issued.id))
  })
})

describe('the certificate after revocation or suspension', () => {
  it('marks a revoked credential’s certificate REVOKED, with when and why', async () => {
    const issued = await p.issue({ email: 'pdf-revoked@example.org' })
    expect(await pdfText(`/c/${issued.uuid}/certificate.pdf`)).not.toContain('REVOKED')
    await p.changeStatus(issued.id, 'revoke', 'Issued in error')
    const text = await pdfText(`/c/${issued.uuid}/certificate.pdf`)
    expect(text).toContain('REVOKED')
    expect(text).toContain('Revoked on 1 March 2026: Issued in error')
  })

  it('prints the certificate in the reader’s language, the mark included', async () => {
    const issued = await p.issue({ email: 'pdf-de@example.org', name: 'Emmy Noether' })
    await p.changeStatus(issued.id, 'revoke', 'Irrtümlich ausgestellt')
    const de = await pdfText(`/c/${issued.uuid}/certificate.pdf`, { headers: { 'accept-language': 'de' } })
    expect(de).toContain('WIDERRUFEN')
    expect(de).toContain('Hiermit wird bestätigt, dass')
    expect(de).toContain('Widerrufen am 1. März 2026: Irrtümlich ausgestellt')
    const fr = await pdfText(`/c/${issued.uuid}/certificate.pdf`, { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } })
    expect(fr).toContain('RÉVOQUÉE')
    expect(fr).toContain('Nous certifions que')
  })

  it('marks a suspended credential’s certificate SUSPENDED, and unmarks it when unsuspended', async () => {
    const issued = await p.issue({ email: 'pdf-suspended@example.org' })
    await p.changeStatus(issued.id, 'suspend', 'Under review')
    expect(await pdfText(`/c/${issued.uuid}/certificate.pdf`)).toContain('SUSPENDED')
    await p.changeStatus(issued.id, 'unsuspend')
    expect(await pdfText(`/c/${issued.uuid}/certificate.pdf`)).not.toContain('SUSPENDED')
  })
})
