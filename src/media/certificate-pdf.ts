import {
  PDFDocument, PDFHexString, PDFName, PageSizes, degrees, fill, popGraphicsState, pushGraphicsState,
  rectangle, rgb, setFillingRgbColor, type Color, type PDFFont, type PDFPage,
} from 'pdf-lib'
import { PlatformError } from '../core/errors.js'
import { parseCertificateInput, type Certificate, type CertificateInput } from './certificate-input.js'
import { embedBundledFonts } from './pdf-fonts.js'
import { fitLine, wrapLines } from './pdf-layout.js'
import { toEncodable } from './pdf-text.js'
import { readPngChunks, readPngHeader } from './png-chunks.js'
import { qrMatrix, qrRuns } from './qr-matrix.js'

const [HEIGHT, WIDTH] = PageSizes.A4 as [number, number]
const INK = rgb(0.11, 0.15, 0.2)
const MUTED = rgb(0.38, 0.42, 0.48)
const ACCENT = rgb(0.12, 0.31, 0.47)
const WITHDRAWN = rgb(0.78, 0.06, 0.06)
const BODY_WIDTH = 480
const QR = { size: 100, x: WIDTH - 80 - 100, y: 92 }

interface Pen {
  page: PDFPage
  regular: PDFFont
  bold: PDFFont
  clean: (text: string) => string
}

/**
 * Renders a printable certificate for an issued credential: one A4 landscape page in DejaVu Sans
 * (embedded, subset to the glyphs used), with the badge image (PNG) when given, a QR code and the
 * printed URL to verify it, and the credential id. Every word around the facts comes from `labels`
 * (default English); dates in the default labels are formatted for `locale` (default `en`), in UTC.
 * Latin (with its extensions), Greek and Cyrillic print as given (NFC); characters the font lacks
 * (CJK, for one) are transliterated or shown as `?`, while the metadata keeps them. A `status`
 * draws its label large and red across the page with its detail under it, frames the page in red
 * and leads the title, subject and keywords. PDF metadata carries the title, issuer (author),
 * subject, keywords, creator `Emblem` and `issuedOn` as creation date, so equal input gives equal
 * bytes. Invalid input is `ERR_INPUT_INVALID` naming the field; a badge that is not a valid PNG is
 * `ERR_IMAGE_INVALID`.
 * @example
 * const pdf = await renderCertificatePdf({ title: 'Certificate of Achievement', recipientName: 'Zoë Ñúñez',
 *   achievementName: 'Data Analytics', issuerName: 'Example University', issuedOn: new Date('2025-06-30'),
 *   verifyUrl: 'https://emblem.example/verify/123', credentialId: 'urn:uuid:…' })
 */
export async function renderCertificatePdf(input: CertificateInput): Promise<Uint8Array> {
  const certificate = parseCertificateInput(input)
  const doc = await PDFDocument.create({ updateMetadata: false })
  setMetadata(doc, certificate)
  const page = doc.addPage([WIDTH, HEIGHT])
  const { regular, bold, canEncode } = await embedBundledFonts(doc)
  const pen: Pen = { page, regular, bold, clean: (text) => toEncodable(text.normalize('NFC'), canEncode) }

  const frame = certificate.status ? WITHDRAWN : ACCENT
  page.drawRectangle({ x: 22, y: 22, width: WIDTH - 44, height: HEIGHT - 44, borderColor: frame, borderWidth: 2.5 })
  page.drawRectangle({ x: 30, y: 30, width: WIDTH - 60, height: HEIGHT - 60, borderColor: frame, borderWidth: 0.75 })
  const top = certificate.badgePng ? await drawBadge(doc, page, certificate.badgePng) : HEIGHT - 60
  drawBody(pen, certificate, top)
  drawFooter(pen, certificate)
  drawQr(page, certificate.verifyUrl)
  drawVerifyUrl(pen, certificate.labels.scanToVerify, certificate.verifyUrl)
  if (certificate.status) drawStatusMark(pen, certificate.status)
  return doc.save()
}

function setMetadata(doc: PDFDocument, c: Certificate): void {
  const mark = c.status ? [c.status.label, ...(c.status.detail ? [c.status.detail] : [])] : []
  doc.setTitle([...mark.slice(0, 1), c.title].join(' — '), { showInWindowTitleBar: true })
  doc.setAuthor(c.issuerName)
  doc.setSubject([...mark, c.labels.subject].join(' — '))
  doc.setKeywords([
    ...(c.status ? [c.status.label, c.status.kind] : []),
    'Open Badges', 'credential', c.credentialId, ...(c.skills ?? []),
  ])
  doc.setCreator('Emblem')
  doc.setProducer('Emblem')
  doc.setLanguage(c.locale)
  doc.setCreationDate(c.issuedOn)
  doc.setModificationDate(c.issuedOn)
}

/** Draws the badge centred at the top, at most 100 pt square; returns the y below it. */
async function drawBadge(doc: PDFDocument, page: PDFPage, png: Uint8Array): Promise<number> {
  readPngHeader(readPngChunks(png))
  let image
  try {
    image = await doc.embedPng(png)
  } catch (err) {
    throw new PlatformError('ERR_IMAGE_INVALID', `badge PNG could not be decoded: ${(err as Error).message}`, { cause: err })
  }
  const { width, height } = image.scaleToFit(100, 100)
  page.drawImage(image, { x: (WIDTH - width) / 2, y: HEIGHT - 48 - height, width, height })
  return HEIGHT - 48 - height - 22
}

function drawBody(pen: Pen, c: Certificate, top: number): void {
  let y = top - 24
  const centred = (text: string, font: PDFFont, size: number, color: Color, minSize = size) => {
    const line = fitLine(font, pen.clean(text), BODY_WIDTH + 100, size, minSize)
    const width = font.widthOfTextAtSize(line.text, line.size)
    pen.page.drawText(line.text, { x: (WIDTH - width) / 2, y, size: line.size, font, color })
  }
  const paragraph = (text: string, font: PDFFont, size: number, color: Color, maxLines: number) => {
    for (const line of wrapLines(font, pen.clean(text), size, BODY_WIDTH, maxLines)) {
      const width = font.widthOfTextAtSize(line, size)
      pen.page.drawText(line, { x: (WIDTH - width) / 2, y, size, font, color })
      y -= size * 1.3
    }
  }
  centred(c.title.toLocaleUpperCase(c.locale), pen.bold, 26, ACCENT, 14)
  y -= 36
  centred(c.labels.certifies, pen.regular, 13, MUTED)
  y -= 42
  centred(c.recipientName, pen.bold, 34, INK, 16)
  y -= 32
  centred(c.labels.hasEarned, pen.regular, 13, MUTED)
  y -= 28
  paragraph(c.achievementName, pen.bold, 20, INK, 2)
  if (c.description) {
    y -= 6
    paragraph(c.description, pen.regular, 10.5, INK, 3)
  }
  if (c.skills?.length) {
    y -= 4
    paragraph(`${c.labels.skills} ${c.skills.join(' · ')}`, pen.regular, 9.5, MUTED, 2)
  }
}

function drawFooter(pen: Pen, c: Certificate): void {
  const x = 60
  const write = (text: string, y: number, font: PDFFont, size: number, color: Color) => {
    const line = fitLine(font, pen.clean(text), 420, size, size)
    pen.page.drawText(line.text, { x, y, size, font, color })
  }
  write(c.labels.issuedBy, 158, pen.regular, 9, MUTED)
  write(c.issuerName, 140, pen.bold, 15, INK)
  write(c.labels.issuedOn, 120, pen.regular, 10, INK)
  if (c.validUntil && c.labels.validUntil) write(c.labels.validUntil, 106, pen.regular, 10, INK)
  const idLines = wrapLines(pen.regular, pen.clean(`${c.labels.credentialId} ${c.credentialId}`), 7.5, 540, 5)
  idLines.forEach((line, i) => pen.page.drawText(line, { x, y: 78 - i * 9.5, size: 7.5, font: pen.regular, color: MUTED }))
}

/** Draws the QR code's dark modules as filled rectangles (one per horizontal run) and links the area to `url`. */
function drawQr(page: PDFPage, url: string): void {
  const matrix = qrMatrix(url, 'M')
  const module = QR.size / matrix.size
  const top = QR.y + QR.size
  page.pushOperators(
    pushGraphicsState(),
    setFillingRgbColor(0, 0, 0),
    ...qrRuns(matrix).map(({ row, col, length }) =>
      rectangle(QR.x + col * module, top - (row + 1) * module, length * module, module),
    ),
    fill(),
    popGraphicsState(),
  )
  addLink(page, url, [QR.x, QR.y, QR.x + QR.size, top])
}

function drawVerifyUrl(pen: Pen, label: string, url: string): void {
  const centre = QR.x + QR.size / 2
  const line = fitLine(pen.regular, pen.clean(label), 200, 8, 6)
  const labelWidth = pen.regular.widthOfTextAtSize(line.text, line.size)
  pen.page.drawText(line.text, { x: centre - labelWidth / 2, y: QR.y + QR.size + 8, size: line.size, font: pen.regular, color: MUTED })
  const lines = wrapLines(pen.regular, url, 7, 180, 6)
  lines.forEach((line, i) => {
    const width = pen.regular.widthOfTextAtSize(line, 7)
    pen.page.drawText(line, { x: centre - width / 2, y: QR.y - 12 - i * 8, size: 7, font: pen.regular, color: ACCENT })
  })
  addLink(pen.page, url, [centre - 90, QR.y - 15 - (lines.length - 1) * 8, centre + 90, QR.y - 3])
}

/**
 * Draws a withdrawn credential's label large across the page, bottom left to top right, over
 * everything else, with its detail under it: a printed copy cannot pass for a valid certificate.
 */
function drawStatusMark(pen: Pen, status: NonNullable<Certificate['status']>): void {
  const angle = Math.atan2(HEIGHT, WIDTH)
  const centre = { x: WIDTH / 2, y: HEIGHT / 2 + 10 }
  const label = fitLine(pen.bold, pen.clean(status.label), 680, 110, 36)
  drawAlong(pen.page, pen.bold, label, centre, angle, 0.38)
  if (!status.detail) return
  const detail = fitLine(pen.bold, pen.clean(status.detail), 640, 20, 9)
  // Under the label: along the normal pointing down from the rotated baseline.
  const drop = label.size * 0.45 + detail.size * 1.2
  drawAlong(pen.page, pen.bold, detail, { x: centre.x + drop * Math.sin(angle), y: centre.y - drop * Math.cos(angle) }, angle, 0.9)
}

/** Draws one line centred on `centre`, rotated by `angle` (radians), in the withdrawn red at `opacity`. */
function drawAlong(
  page: PDFPage,
  font: PDFFont,
  line: { text: string; size: number },
  centre: { x: number; y: number },
  angle: number,
  opacity: number,
): void {
  const halfWidth = font.widthOfTextAtSize(line.text, line.size) / 2
  const halfCap = (font.heightAtSize(line.size, { descender: false }) * 0.75) / 2
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)]
  page.drawText(line.text, {
    x: centre.x - halfWidth * cos + halfCap * sin,
    y: centre.y - halfWidth * sin - halfCap * cos,
    size: line.size,
    font,
    color: WITHDRAWN,
    opacity,
    rotate: degrees((angle * 180) / Math.PI),
  })
}

/** A URI link annotation over `rect` ([x1, y1, x2, y2]), so the PDF is clickable on screen. */
function addLink(page: PDFPage, url: string, rect: [number, number, number, number]): void {
  const { context } = page.doc
  const hex = [...new TextEncoder().encode(url)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
  const link = context.register(
    context.obj({ Type: 'Annot', Subtype: 'Link', Rect: rect, Border: [0, 0, 0], A: { Type: 'Action', S: 'URI', URI: PDFHexString.of(hex) } }),
  )
  const annotations = page.node.Annots()
  if (annotations) annotations.push(link)
  else page.node.set(PDFName.of('Annots'), context.obj([link]))
}
