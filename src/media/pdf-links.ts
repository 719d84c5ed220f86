// Where a PDF certificate says its credential can be verified: the URI link annotations of its
// pages, and QR codes drawn as images (decoded with jsQR). Emblem's own certificates carry both a
// link over the QR code and under it.
import jsQRModule from 'jsqr'
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFString, type PDFObject } from 'pdf-lib'
import { PlatformError } from '../core/errors.js'

// jsqr is CommonJS with a `default` beside itself; either is the decoder.
type JsQr = typeof import('jsqr').default
const jsQR: JsQr = (jsQRModule as unknown as { default?: JsQr }).default ?? (jsQRModule as unknown as JsQr)

/** The most pages and images looked at, and the largest image decoded (pixels). */
const LIMITS = { pages: 20, images: 20, pixels: 4_000_000 }

/**
 * The URLs a PDF links to (URI actions of link annotations, first page first, no duplicates), then
 * the text of QR codes found in its images. ERR_INPUT_INVALID for bytes that are not a PDF.
 */
export async function pdfLinks(bytes: Uint8Array): Promise<string[]> {
  try {
    return readLinks(await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false }))
  } catch (err) {
    throw new PlatformError('ERR_INPUT_INVALID', 'The file is not a readable PDF', { cause: err })
  }
}

function readLinks(doc: PDFDocument): string[] {
  const links = new Set<string>()
  const qr = new Set<string>()
  const pages = doc.getPages().slice(0, LIMITS.pages)
  let images = 0
  for (const page of pages) {
    const annots = page.node.lookup(PDFName.of('Annots'))
    if (annots instanceof PDFArray) {
      for (let i = 0; i < annots.size(); i++) {
        const annot = annots.lookup(i)
        if (!(annot instanceof PDFDict)) continue
        const action = annot.lookup(PDFName.of('A'))
        if (!(action instanceof PDFDict)) continue
        const uri = textOf(action.lookup(PDFName.of('URI')))
        if (uri && /^https?:\/\//i.test(uri)) links.add(uri)
      }
    }
    const resources = page.node.Resources()
    const xobjects = resources?.lookup(PDFName.of('XObject'))
    if (!(xobjects instanceof PDFDict)) continue
    for (const [, ref] of xobjects.entries()) {
      if (images >= LIMITS.images) break
      const stream = doc.context.lookup(ref)
      if (!(stream instanceof PDFRawStream) || stream.dict.lookup(PDFName.of('Subtype')) !== PDFName.of('Image')) continue
      images++
      const text = decodeQrImage(stream)
      if (text) qr.add(text)
    }
  }
  return [...links, ...[...qr].filter((text) => !links.has(text))]
}

function textOf(value: PDFObject | undefined): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText().trim()
  return undefined
}

/** The QR code in an 8-bit DeviceGray or DeviceRGB image (FlateDecode or none), if it holds one. */
function decodeQrImage(stream: PDFRawStream): string | undefined {
  const dict = stream.dict
  const num = (name: string) => {
    const value = dict.lookup(PDFName.of(name))
    return value instanceof PDFNumber ? value.asNumber() : undefined
  }
  const width = num('Width')
  const height = num('Height')
  const bits = num('BitsPerComponent')
  const space = dict.lookup(PDFName.of('ColorSpace'))
  const channels = space === PDFName.of('DeviceGray') ? 1 : space === PDFName.of('DeviceRGB') ? 3 : 0
  if (!width || !height || bits !== 8 || channels === 0 || width * height > LIMITS.pixels) return undefined
  const filter = dict.lookup(PDFName.of('Filter'))
  if (filter !== undefined && filter !== PDFName.of('FlateDecode')) return undefined
  let pixels: Uint8Array
  try {
    pixels = decodePDFRawStream(stream).decode()
  } catch {
    return undefined
  }
  if (pixels.length < width * height * channels) return undefined
  const rgba = new Uint8ClampedArray(width * height * 4)
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = pixels[i * channels + (channels === 1 ? 0 : c)]!
    rgba[i * 4 + 3] = 255
  }
  return jsQR(rgba, width, height)?.data || undefined
}
