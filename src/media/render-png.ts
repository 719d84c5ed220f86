import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js'
import { PlatformError } from '../core/errors.js'
import { BUNDLED_FONTS } from './fonts.js'
import { sanitizeSvg } from './sanitize-svg.js'

/** How {@link svgToPng} renders: the PNG's width in pixels. */
export interface PngRenderOptions {
  /** Width of the PNG in pixels, 16 to 4096 (512 for baking, 256 for a certificate); the height keeps the SVG's aspect ratio. */
  size: number
}

/** Narrowest and widest PNG {@link svgToPng} draws. */
export const PNG_RENDER_LIMITS = Object.freeze({ minSize: 16, maxSize: 4096 })

// Fonts only from the bundle, so a badge renders the same on every machine; the generic families
// the designer names (system-ui, sans-serif) fall back to DejaVu Sans.
const FONTS: NonNullable<ResvgRenderOptions['font']> = {
  loadSystemFonts: false,
  fontFiles: [BUNDLED_FONTS.regular, BUNDLED_FONTS.bold],
  defaultFontFamily: BUNDLED_FONTS.family,
  sansSerifFamily: BUNDLED_FONTS.family,
  serifFamily: BUNDLED_FONTS.family,
  monospaceFamily: BUNDLED_FONTS.family,
  cursiveFamily: BUNDLED_FONTS.family,
  fantasyFamily: BUNDLED_FONTS.family,
}

const invalid = (message: string, cause?: unknown) =>
  new PlatformError('ERR_IMAGE_INVALID', message, cause === undefined ? undefined : { cause })

/**
 * Renders an SVG to a PNG `size` pixels wide on a transparent background, with resvg. The SVG is
 * rebuilt by {@link sanitizeSvg} first, so nothing outside it is ever read: no remote or local
 * images (resvg itself would read a local file an `<image>` names), no scripts, no entities.
 * Text is set in the bundled DejaVu Sans, never in system fonts, so equal input gives equal bytes
 * on every machine. Throws `ERR_IMAGE_INVALID` for bytes that are not UTF-8 or not a well-formed
 * SVG, or an SVG resvg cannot draw; a `size` outside 16–4096 is a `TypeError`.
 * @example
 * const png = svgToPng(designBadgeSvg({ title: 'Data Analytics' }), { size: 512 })
 * const baked = bakePng(png, credentialJson)
 */
export function svgToPng(svg: string | Uint8Array, { size }: PngRenderOptions): Uint8Array {
  if (!Number.isInteger(size) || size < PNG_RENDER_LIMITS.minSize || size > PNG_RENDER_LIMITS.maxSize)
    throw new TypeError(`svgToPng size must be a whole number of pixels from ${PNG_RENDER_LIMITS.minSize} to ${PNG_RENDER_LIMITS.maxSize}, not ${size}`)
  const safe = sanitizeSvg(typeof svg === 'string' ? svg : utf8(svg))
  let png: Buffer
  try {
    const resvg = new Resvg(safe, { fitTo: { mode: 'width', value: size }, background: 'transparent', font: FONTS, logLevel: 'off' })
    png = resvg.render().asPng()
  } catch (err) {
    throw invalid(`SVG could not be rendered: ${(err as Error).message}`, err)
  }
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength)
}

function utf8(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('svgToPng expects the SVG as a string or UTF-8 bytes')
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch (err) {
    throw invalid('SVG is not UTF-8 text', err)
  }
}
