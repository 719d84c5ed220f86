import { PlatformError } from '../core/errors.js'
import { withoutBakedCredentials } from './png-baking.js'
import { hasPngSignature, readPngChunks, readPngHeader, writePngChunks } from './png-chunks.js'
import { sanitizeSvgTree } from './sanitize-svg.js'
import { serializeSvg, type SvgElement } from './svg-tree.js'

/** What a badge image must be. Side limits apply to PNG only: an SVG scales. */
export const BADGE_IMAGE_LIMITS = Object.freeze({
  maxBytes: 2 * 1024 * 1024,
  minSide: 64,
  maxSide: 2048,
  /** Longer side over shorter side. */
  maxAspectRatio: 1.5,
  /** Size assumed for an SVG that states none. */
  defaultSvgSide: 512,
})

/** The image types a badge may have. */
export type BadgeImageType = 'image/png' | 'image/svg+xml'

/** An accepted badge image: its type, its size in pixels (SVG: user units), and the bytes to store. */
export interface CheckedBadgeImage {
  readonly mediaType: BadgeImageType
  readonly width: number
  readonly height: number
  /** A PNG as given (minus any credential baked into it); an SVG rebuilt by the sanitizer, as UTF-8. */
  readonly bytes: Uint8Array
}

const OTHER_FORMATS: Array<[name: string, test: (b: Uint8Array) => boolean]> = [
  ['JPEG', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['GIF', (b) => ascii(b, 0, 4) === 'GIF8'],
  ['WebP', (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP'],
  ['BMP', (b) => ascii(b, 0, 2) === 'BM'],
  ['TIFF', (b) => ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*'],
  ['ICO', (b) => b[0] === 0 && b[1] === 0 && b[2] === 1 && b[3] === 0],
  ['AVIF/HEIF', (b) => ascii(b, 4, 8) === 'ftyp'],
  ['PDF', (b) => ascii(b, 0, 5) === '%PDF-'],
]

const invalid = (message: string) => new PlatformError('ERR_IMAGE_INVALID', message)
const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end))

/**
 * Checks an uploaded badge image and says what is wrong with it. Accepts PNG (structure and CRCs
 * checked, 64 to 2048 px a side, any baked credential removed) and SVG (sanitized; size from `width`/`height` in px, else the
 * `viewBox`, else 512), both roughly square (at most 1.5:1). The type comes from the content, not
 * from `declaredType`; a declared type that disagrees is refused.
 * Errors: `ERR_INPUT_TOO_LARGE` over 2 MB; `ERR_IMAGE_INVALID` for any other problem.
 * @example
 * const { mediaType, width, height, bytes } = checkBadgeImage(upload, 'image/png')
 */
export function checkBadgeImage(bytes: Uint8Array, declaredType?: string): CheckedBadgeImage {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('checkBadgeImage expects the image as a Uint8Array')
  if (bytes.length > BADGE_IMAGE_LIMITS.maxBytes)
    throw new PlatformError(
      'ERR_INPUT_TOO_LARGE',
      `badge image is ${bytes.length} bytes; the limit is 2 MB (${BADGE_IMAGE_LIMITS.maxBytes} bytes)`,
    )
  if (bytes.length === 0) throw invalid('badge image is empty')
  const image = hasPngSignature(bytes) ? checkPng(bytes) : checkSvg(bytes)
  checkDeclaredType(declaredType, image.mediaType)
  const ratio = Math.max(image.width, image.height) / Math.min(image.width, image.height)
  if (ratio > BADGE_IMAGE_LIMITS.maxAspectRatio)
    throw invalid(
      `badge image is ${image.width}×${image.height}; it must be roughly square (at most ${BADGE_IMAGE_LIMITS.maxAspectRatio}:1)`,
    )
  return image
}

function checkPng(bytes: Uint8Array): CheckedBadgeImage {
  const chunks = readPngChunks(bytes)
  const { width, height } = readPngHeader(chunks)
  const { minSide, maxSide } = BADGE_IMAGE_LIMITS
  if (Math.min(width, height) < minSide || Math.max(width, height) > maxSide)
    throw invalid(`badge image is ${width}×${height} px; each side must be between ${minSide} and ${maxSide} px`)
  // A badge image uploaded from someone's baked badge must not hand their credential on.
  const unbaked = withoutBakedCredentials(chunks)
  return { mediaType: 'image/png', width, height, bytes: unbaked.length === chunks.length ? bytes : writePngChunks(unbaked) }
}

function checkSvg(bytes: Uint8Array): CheckedBadgeImage {
  const text = svgText(bytes)
  if (text === undefined) {
    const other = OTHER_FORMATS.find(([, test]) => test(bytes))?.[0]
    throw invalid(`only PNG and SVG badge images are accepted${other ? ` (this is a ${other})` : ''}`)
  }
  const root = sanitizeSvgTree(text)
  return { mediaType: 'image/svg+xml', ...svgSize(root), bytes: new TextEncoder().encode(serializeSvg(root)) }
}

/** The document as text when it looks like XML with an `<svg>` element, else `undefined`. */
function svgText(bytes: Uint8Array): string | undefined {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
  return text.trimStart().startsWith('<') && /<(?:[\w.-]+:)?svg[\s/>]/.test(text) ? text : undefined
}

function svgSize(root: SvgElement): { width: number; height: number } {
  const attribute = (name: string) => root.attributes.find(([key]) => key === name)?.[1]
  const width = pixels(attribute('width'))
  const height = pixels(attribute('height'))
  if (width && height) return { width, height }
  const box = attribute('viewBox')?.trim().split(/[\s,]+/).map(Number)
  if (box?.length === 4 && box[2]! > 0 && box[3]! > 0) return { width: Math.round(box[2]!), height: Math.round(box[3]!) }
  return { width: BADGE_IMAGE_LIMITS.defaultSvgSide, height: BADGE_IMAGE_LIMITS.defaultSvgSide }
}

/** A length in px (or unitless) as a positive whole number; anything else (%, em, mm) is `undefined`. */
function pixels(value: string | undefined): number | undefined {
  const match = value?.match(/^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$/)
  const number = match ? Math.round(Number(match[1])) : 0
  return number > 0 ? number : undefined
}

function checkDeclaredType(declaredType: string | undefined, actual: BadgeImageType): void {
  const declared = declaredType?.split(';')[0]!.trim().toLowerCase()
  if (!declared || declared === actual) return
  if (declared !== 'image/png' && declared !== 'image/svg+xml')
    throw invalid(`only PNG and SVG badge images are accepted (declared as ${declared})`)
  throw invalid(`badge image is declared as ${declared} but its content is ${actual === 'image/png' ? 'PNG' : 'SVG'}`)
}
