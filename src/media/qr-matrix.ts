import QRCode from 'qrcode'
import { PlatformError } from '../core/errors.js'

/** QR error correction: L 7%, M 15%, Q 25%, H 30% of the symbol can be restored. */
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H'

/** A QR symbol's modules, without the quiet zone. */
export interface QrMatrix {
  /** Modules per side: 17 + 4 × version. */
  readonly size: number
  readonly version: number
  /** Row-major, `true` for a dark module. */
  readonly dark: readonly boolean[]
}

/** A horizontal run of dark modules: what a renderer draws as one rectangle. */
export interface QrRun {
  readonly row: number
  readonly col: number
  readonly length: number
}

/**
 * Encodes `text` as a QR code (the smallest version that fits). Empty text is `ERR_INPUT_INVALID`;
 * text too long for any QR version is `ERR_INPUT_TOO_LARGE`.
 */
export function qrMatrix(text: string, errorCorrectionLevel: QrErrorCorrection = 'M'): QrMatrix {
  if (typeof text !== 'string') throw new TypeError('Expected the QR code text as a string')
  if (text === '') throw new PlatformError('ERR_INPUT_INVALID', 'QR code text is empty')
  let code: QRCode.QRCode
  try {
    code = QRCode.create(text, { errorCorrectionLevel })
  } catch (err) {
    throw new PlatformError(
      'ERR_INPUT_TOO_LARGE',
      `text of ${new TextEncoder().encode(text).length} bytes is too long for a QR code at error correction ${errorCorrectionLevel}`,
      { cause: err },
    )
  }
  const { size, data } = code.modules
  return { size, version: code.version, dark: Array.from(data, (bit) => bit === 1) }
}

/** The dark modules of `matrix` as horizontal runs, row by row, left to right. */
export function qrRuns({ size, dark }: QrMatrix): QrRun[] {
  const runs: QrRun[] = []
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!dark[row * size + col]) continue
      const start = col
      while (col + 1 < size && dark[row * size + col + 1]) col++
      runs.push({ row, col: start, length: col - start + 1 })
    }
  }
  return runs
}
