import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { isPlatformError } from '../core/errors.js'
import { renderCertificatePdf } from './certificate-pdf.js'
import type { CertificateInput } from './certificate-input.js'
import { buildPng } from './fixtures/build-png.js'
import { qrMatrix } from './qr-matrix.js'

const VERIFY_URL = 'https://emblem.example/credentials/urn:uuid:7f1c2a4e-0b9d-4c55-9e1a-3c8d2f6b5a10/verify'
const input = (overrides: Partial<CertificateInput> = {}): CertificateInput => ({
  title: 'Certificate of Achievement',
  recipientName: 'Ada Lovelace',
  achievementName: 'Data Analytics Foundations',
  issuerName: 'Example University',
  issuedOn: new Date('2025-06-30T12:00:00Z'),
  verifyUrl: VERIFY_URL,
  credentialId: 'urn:uuid:7f1c2a4e-0b9d-4c55-9e1a-3c8d2f6b5a10',
  ...overrides,
})

/** The page's content streams, decompressed. */
async function pageContent(pdf: Uint8Array): Promise<{ doc: PDFDocument; content: string }> {
  const doc = await PDFDocument.load(pdf)
  const contents = doc.getPage(0).node.Contents()!
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents]
  const content = streams
    .map((stream) => new TextDecoder('latin1').decode(decodePDFRawStream(stream as PDFRawStream).decode()))
    .join('\n')
  return { doc, content }
}

/** WinAnsi bytes 0x80-0x9F that differ from Latin-1 (the rest of the printable range matches it). */
const WIN_ANSI: Record<number, string> = { 0x80: '€', 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—' }

/** The text shown on the page, one string per `Tj`, decoded from the standard fonts' WinAnsi. */
const shownText = (content: string): string[] =>
  [...content.matchAll(/<([0-9A-Fa-f]*)> Tj/g)].map(([, hex]) =>
    Array.from(Buffer.from(hex!, 'hex'), (byte) => WIN_ANSI[byte] ?? String.fromCharCode(byte)).join(''),
  )

/** Rebuilds the QR matrix from the filled rectangles the page draws. */
function qrFromRectangles(content: string): { size: number; dark: boolean[] } {
  const rects = [...content.matchAll(/^(\S+) (\S+) (\S+) (\S+) re$/gm)].map((m) => m.slice(1, 5).map(Number) as [number, number, number, number])
  const module = Math.min(...rects.map(([, , , h]) => h))
  const left = Math.min(...rects.map(([x]) => x))
  const top = Math.max(...rects.map(([, y, , h]) => y + h))
  const size = Math.round((Math.max(...rects.map(([x, , w]) => x + w)) - left) / module)
  const dark = Array.from({ length: size * size }, () => false)
  for (const [x, y, w] of rects) {
    const row = Math.round((top - y) / module) - 1
    const col = Math.round((x - left) / module)
    for (let i = 0; i < Math.round(w / module); i++) dark[row * size + col + i] = true
  }
  return { size, dark }
}

const refusal = async (certificate: CertificateInput): Promise<string> => {
  try {
    await renderCertificatePdf(certificate)
  } catch (err) {
    if (!isPlatformError(err)) throw err
    return `${err.code}: ${err.message}`
  }
  throw new Error('expected the certificate to be refused')
}

describe('renderCertificatePdf', () => {
  it('makes one A4 landscape page with the title, issuer, subject, creator and issue date as metadata', async () => {
    const doc = await PDFDocument.load(await renderCertificatePdf(input()), { updateMetadata: false })
    expect(doc.getPageCount()).toBe(1)
    const { width, height } = doc.getPage(0).getSize()
    expect([Math.round(width), Math.round(height)]).toEqual([842, 595])
    expect(doc.getTitle()).toBe('Certificate of Achievement')
    expect(doc.getAuthor()).toBe('Example University')
    expect(doc.getSubject()).toBe('Data Analytics Foundations, awarded to Ada Lovelace')
    expect(doc.getCreator()).toBe('Emblem')
    expect(doc.getCreationDate()?.toISOString()).toBe('2025-06-30T12:00:00.000Z')
  })

  it('prints who earned what, when, the credential id and the verify URL', async () => {
    const { content } = await pageContent(await renderCertificatePdf(input({ validUntil: new Date('2028-06-30T00:00:00Z') })))
    const text = shownText(content)
    expect(text).toEqual(expect.arrayContaining([
      'CERTIFICATE OF ACHIEVEMENT', 'Ada Lovelace', 'Data Analytics Foundations', 'Example University',
      'Issued on June 30, 2025', 'Valid until June 30, 2028', 'Credential ID: urn:uuid:7f1c2a4e-0b9d-4c55-9e1a-3c8d2f6b5a10',
    ]))
    const urlLines = text.slice(text.indexOf('Scan or visit to verify') + 1)
    expect(urlLines.join('')).toBe(VERIFY_URL)
  })

  it('draws a QR code whose modules are exactly those of the verify URL', async () => {
    const { content } = await pageContent(await renderCertificatePdf(input()))
    const expected = qrMatrix(VERIFY_URL, 'M')
    expect(expected.size).toBe(17 + 4 * expected.version)
    expect(qrFromRectangles(content)).toEqual({ size: expected.size, dark: expected.dark })
  })

  it('links the QR code and the printed URL to the verify URL', async () => {
    const doc = await PDFDocument.load(await renderCertificatePdf(input()))
    const annotations = doc.getPage(0).node.Annots()!.asArray().map((ref) => doc.context.lookup(ref, PDFDict))
    const uris = annotations.map((a) => (a.lookup(PDFName.of('A'), PDFDict).lookup(PDFName.of('URI')) as PDFHexString).decodeText())
    expect(uris).toEqual([VERIFY_URL, VERIFY_URL])
  })

  it('renders names the standard fonts cannot fully show, keeping them intact in the metadata', async () => {
    const pdf = await renderCertificatePdf(input({ recipientName: 'Zoë Ñúñez 王', issuerName: 'Łódź — Université' }))
    const { doc, content } = await pageContent(pdf)
    expect(shownText(content)).toEqual(expect.arrayContaining(['Zoë Ñúñez ?', 'Lódz — Université']))
    expect(doc.getSubject()).toBe('Data Analytics Foundations, awarded to Zoë Ñúñez 王')
  })

  it('embeds the badge image when given one', async () => {
    const doc = await PDFDocument.load(await renderCertificatePdf(input({ badgePng: buildPng(128, 128) })))
    const xObjects = doc.getPage(0).node.Resources()!.lookup(PDFName.of('XObject'), PDFDict)
    const [image] = xObjects.values().map((ref) => doc.context.lookup(ref) as PDFRawStream)
    expect(image!.dict.get(PDFName.of('Subtype'))).toBe(PDFName.of('Image'))
    expect(image!.dict.get(PDFName.of('Width'))?.toString()).toBe('128')
  })

  it('gives the same bytes for the same input', async () => {
    const certificate = input({ badgePng: buildPng(64, 64), skills: ['SQL', 'Python'], description: 'Cleaned and modelled data.' })
    expect(await renderCertificatePdf(certificate)).toEqual(await renderCertificatePdf(certificate))
  })

  it('formats dates for the locale', async () => {
    const { content } = await pageContent(await renderCertificatePdf(input({ locale: 'de-CH' })))
    expect(shownText(content)).toContain('Issued on 30. Juni 2025')
  })

  it('refuses input it cannot print, naming the field', async () => {
    expect(await refusal(input({ verifyUrl: 'javascript:alert(1)' }))).toBe('ERR_INPUT_INVALID: certificate is invalid: verifyUrl: must be an http(s) URL')
    expect(await refusal(input({ recipientName: '  ' }))).toBe('ERR_INPUT_INVALID: certificate is invalid: recipientName: is required')
    expect(await refusal(input({ issuedOn: new Date('nope') }))).toBe('ERR_INPUT_INVALID: certificate is invalid: issuedOn: must be a valid Date')
    expect(await refusal(input({ validUntil: new Date('2020-01-01') }))).toBe('ERR_INPUT_INVALID: certificate is invalid: validUntil: is before issuedOn')
    expect(await refusal(input({ locale: 'not a locale!' }))).toMatch(/locale: must be a BCP 47 language tag/)
    expect(await refusal(input({ verifyUrl: `https://x.example/${'a'.repeat(300)}` }))).toMatch(/verifyUrl: must be at most 300 characters/)
  })

  it('refuses a badge that is not a valid PNG', async () => {
    expect(await refusal(input({ badgePng: new TextEncoder().encode('<svg/>') }))).toMatch(/^ERR_IMAGE_INVALID: not a PNG/)
  })
})
