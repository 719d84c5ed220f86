import { qrMatrix, qrRuns, type QrErrorCorrection } from './qr-matrix.js'
import { el, serializeSvg, SVG_NS } from './svg-tree.js'

/** How to draw a QR code as SVG. */
export interface QrSvgOptions {
  /** Width and height in px. Default 256. */
  size?: number
  /** Quiet zone around the symbol, in modules. Default 4, what the QR standard asks for. */
  margin?: number
  /** Default 'M'. */
  errorCorrectionLevel?: QrErrorCorrection
}

/**
 * A QR code of `text` as a self-contained SVG for web pages: a white square and one dark path,
 * crisp at any scale, with a `<title>` naming what it encodes. Errors as {@link qrMatrix}.
 * @example
 * qrCodeSvg('https://emblem.example/verify/123', { size: 160 })
 */
export function qrCodeSvg(text: string, options: QrSvgOptions = {}): string {
  const { size, margin, errorCorrectionLevel } = { size: 256, margin: 4, errorCorrectionLevel: 'M' as const, ...options }
  if (!Number.isFinite(size) || size <= 0) throw new TypeError(`QR size must be a positive number, got ${size}`)
  if (!Number.isSafeInteger(margin) || margin < 0) throw new TypeError(`QR margin must be a whole number ≥ 0, got ${margin}`)
  const matrix = qrMatrix(text, errorCorrectionLevel)
  const side = matrix.size + 2 * margin
  const d = qrRuns(matrix)
    .map(({ row, col, length }) => `M${col + margin} ${row + margin}h${length}v1h-${length}z`)
    .join('')
  return serializeSvg(
    el('svg', { xmlns: SVG_NS, viewBox: `0 0 ${side} ${side}`, width: size, height: size, role: 'img', 'shape-rendering': 'crispEdges' }, [
      el('title', {}, [{ text: `QR code: ${text}` }]),
      el('rect', { width: side, height: side, fill: '#ffffff' }),
      el('path', { fill: '#000000', d }),
    ]),
  )
}
