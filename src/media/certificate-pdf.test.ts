import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { isPlatformError } from '../core/errors.js'
import { renderCertificatePdf } from './certificate-pdf.js'
import type { CertificateInput } from './certificate-input.js'
import { englishLabels } from './certificate-labels.js'
import { buildPng } from './fixtures/build-png.js'
import { readPdfText } from './fixtures/read-pdf-text.js'
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

/** The runs of text a reader sees, as strings. */
const shownText = async (pdf: Uint8Array): Promise<string[]> => (await readPdfText(pdf)).map(({ text }) => text)

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

const englishLabelsOf = () => englishLabels({ ...input(), locale: 'en' })

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
    const text = await shownText(await renderCertificatePdf(input({ validUntil: new Date('2028-06-30T00:00:00Z') })))
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

  it.each([
    ['German', 'Jürgen Weiß', 'Straße der Einheit'],
    ['French', 'Zoë Lefèvre-Çelik', 'Œuvres complètes'],
    ['Spanish', 'Zoë Ñúñez', '¿Análisis de datos?'],
    ['Dutch', 'IJsbrand van der Heijden', 'Coöperatie België'],
    ['Polish', 'Łucja Żółćwska', 'Uniwersytet Łódzki'],
    ['Greek', 'Ελένη Παπαδοπούλου', 'Ανάλυση δεδομένων'],
    ['Cyrillic', 'Кирилл Ёлкин', 'Анализ данных'],
  ])('prints %s names and titles exactly as given', async (_language, recipientName, achievementName) => {
    const text = await shownText(await renderCertificatePdf(input({ recipientName, achievementName, issuerName: 'Université de Łódź' })))
    expect(text).toEqual(expect.arrayContaining([recipientName, achievementName, 'Université de Łódź']))
  })

  it('capitalises the title by the rules of its language', async () => {
    const text = await shownText(await renderCertificatePdf(input({ title: 'Πιστοποιητικό επιτυχίας', locale: 'el' })))
    expect(text[0]).toBe('ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΕΠΙΤΥΧΙΑΣ')
  })

  it('prints a name sent decomposed (NFD) as its composed letters', async () => {
    const text = await shownText(await renderCertificatePdf(input({ recipientName: 'Zoë Ñúñez'.normalize('NFD') })))
    expect(text).toContain('Zoë Ñúñez')
  })

  it('shows characters the font lacks as ? on the page and keeps them intact in the metadata', async () => {
    const pdf = await renderCertificatePdf(input({ recipientName: 'Zoë Ñúñez 王小明', issuerName: 'Łódź — Université' }))
    expect(await shownText(pdf)).toEqual(expect.arrayContaining(['Zoë Ñúñez ???', 'Łódź — Université']))
    const doc = await PDFDocument.load(pdf, { updateMetadata: false })
    expect(doc.getSubject()).toBe('Data Analytics Foundations, awarded to Zoë Ñúñez 王小明')
    expect(doc.getAuthor()).toBe('Łódź — Université')
  })

  it('embeds the font as a subset, so the file stays small', async () => {
    const pdf = await renderCertificatePdf(input({
      recipientName: 'Ελένη Кирилл Łódź', badgePng: buildPng(256, 256), description: 'x '.repeat(400), skills: ['SQL', 'Python'],
      status: { kind: 'revoked', label: 'REVOKED', detail: 'Revoked on 12 March 2026' },
    }))
    expect(pdf.length).toBeLessThan(150 * 1024)
    const doc = await PDFDocument.load(pdf)
    const fonts = doc.getPage(0).node.Resources()!.lookup(PDFName.of('Font'), PDFDict)
    const embedded = [...new Set(fonts.values().map((ref) => doc.context.lookup(ref, PDFDict)))].map((font) => {
      const [cidFont] = font.lookup(PDFName.of('DescendantFonts'), PDFArray).asArray().map((ref) => doc.context.lookup(ref, PDFDict))
      const file = cidFont!.lookup(PDFName.of('FontDescriptor'), PDFDict).lookup(PDFName.of('FontFile2')) as PDFRawStream
      return { name: (font.get(PDFName.of('BaseFont')) as PDFName).decodeText(), bytes: file.contents.length }
    })
    expect(embedded.map(({ name }) => name).sort()).toEqual([expect.stringMatching(/^DejaVuSans-\d+$/), expect.stringMatching(/^DejaVuSans-Bold-\d+$/)])
    // The whole fonts are 757 and 705 KB; a subset holds only the glyphs drawn.
    for (const { bytes } of embedded) expect(bytes).toBeLessThan(40 * 1024)
  })

  it('prints the labels it is given instead of the English ones', async () => {
    const labels = {
      certifies: 'Hiermit wird bescheinigt, dass', hasEarned: 'erfolgreich abgeschlossen hat:', skills: 'Kompetenzen:',
      issuedBy: 'Ausgestellt von', issuedOn: 'Ausgestellt am 30. Juni 2025', validUntil: 'Gültig bis 30. Juni 2028',
      credentialId: 'Nachweis-ID:', scanToVerify: 'Zum Prüfen scannen oder aufrufen', subject: 'Datenanalyse, verliehen an Jürgen Weiß',
    }
    const pdf = await renderCertificatePdf(input({
      recipientName: 'Jürgen Weiß', locale: 'de', skills: ['SQL'], validUntil: new Date('2028-06-30T00:00:00Z'), labels,
    }))
    const text = await shownText(pdf)
    expect(text).toEqual(expect.arrayContaining([
      labels.certifies, labels.hasEarned, 'Kompetenzen: SQL', labels.issuedBy, labels.issuedOn, labels.validUntil,
      `Nachweis-ID: ${input().credentialId}`, labels.scanToVerify,
    ]))
    expect(text.join('\n')).not.toMatch(/certifies|earned|Issued|Valid until|Credential ID|Scan/)
    expect((await PDFDocument.load(pdf, { updateMetadata: false })).getSubject()).toBe(labels.subject)
  })

  it('refuses labels without an expiry line for a certificate that expires', async () => {
    const labels = { ...englishLabelsOf(), validUntil: undefined }
    expect(await refusal(input({ validUntil: new Date('2028-06-30T00:00:00Z'), labels })))
      .toBe('ERR_INPUT_INVALID: certificate is invalid: labels.validUntil: is required when validUntil is given')
    expect(await refusal(input({ labels: { ...englishLabelsOf(), certifies: ' ' } }))).toMatch(/labels\.certifies: is required/)
  })

  it('marks a revoked credential across the page in the caller’s language, and in the metadata', async () => {
    const status = { kind: 'revoked', label: 'WIDERRUFEN', detail: 'Widerrufen am 12. März 2026: irrtümlich ausgestellt' } as const
    const pdf = await renderCertificatePdf(input({ status }))
    const runs = await readPdfText(pdf)
    const diagonal = Math.round((Math.atan2(595.28, 841.89) * 180) / Math.PI)
    expect(runs).toEqual(expect.arrayContaining([{ text: status.label, angle: diagonal }, { text: status.detail, angle: diagonal }]))
    const doc = await PDFDocument.load(pdf, { updateMetadata: false })
    expect(doc.getTitle()).toBe('WIDERRUFEN — Certificate of Achievement')
    expect(doc.getSubject()).toBe(`${status.label} — ${status.detail} — Data Analytics Foundations, awarded to Ada Lovelace`)
    expect(doc.getKeywords()).toMatch(/^WIDERRUFEN revoked Open Badges credential/)
    const valid = await readPdfText(await renderCertificatePdf(input()))
    expect(valid.map(({ text }) => text)).not.toContain(status.label)
    expect(valid.every(({ angle }) => angle === 0)).toBe(true)
  })

  it('marks a suspended credential with its label alone when it has no detail', async () => {
    const pdf = await renderCertificatePdf(input({ status: { kind: 'suspended', label: 'SUSPENDED' } }))
    const marks = (await readPdfText(pdf)).filter(({ angle }) => angle !== 0)
    expect(marks.map(({ text }) => text)).toEqual(['SUSPENDED'])
    expect((await PDFDocument.load(pdf, { updateMetadata: false })).getKeywords()).toMatch(/^SUSPENDED suspended /)
  })

  it('refuses a status it does not know', async () => {
    const status = { kind: 'expired', label: 'EXPIRED' } as unknown as CertificateInput['status']
    expect(await refusal(input({ status }))).toBe('ERR_INPUT_INVALID: certificate is invalid: status.kind: must be revoked or suspended')
  })

  it('embeds the badge image when given one', async () => {
    const doc = await PDFDocument.load(await renderCertificatePdf(input({ badgePng: buildPng(128, 128) })))
    const xObjects = doc.getPage(0).node.Resources()!.lookup(PDFName.of('XObject'), PDFDict)
    const [image] = xObjects.values().map((ref) => doc.context.lookup(ref) as PDFRawStream)
    expect(image!.dict.get(PDFName.of('Subtype'))).toBe(PDFName.of('Image'))
    expect(image!.dict.get(PDFName.of('Width'))?.toString()).toBe('128')
  })

  it('gives the same bytes for the same input, whatever was rendered before', async () => {
    const certificate = input({
      recipientName: 'Ελένη Łódź', badgePng: buildPng(64, 64), skills: ['SQL', 'Python'], description: 'Cleaned and modelled data.',
      status: { kind: 'revoked', label: 'REVOKED', detail: 'Revoked on 12 March 2026' },
    })
    const first = await renderCertificatePdf(certificate)
    await renderCertificatePdf(input({ recipientName: 'Кирилл Ёлкин', achievementName: 'Другое' }))
    expect(await renderCertificatePdf(certificate)).toEqual(first)
  })

  it('formats the default labels’ dates for the locale', async () => {
    expect(await shownText(await renderCertificatePdf(input({ locale: 'de-CH' })))).toContain('Issued on 30. Juni 2025')
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
