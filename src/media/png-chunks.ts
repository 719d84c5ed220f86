import { PlatformError } from '../core/errors.js'
import { crc32 } from './crc32.js'

/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)

/** One PNG chunk: its four-letter type and its data (length and CRC are derived). */
export interface PngChunk {
  readonly type: string
  readonly data: Uint8Array
}

/** What IHDR says about the image. */
export interface PngHeader {
  readonly width: number
  readonly height: number
  readonly bitDepth: number
  readonly colorType: number
  readonly interlaced: boolean
}

const MAX_CHUNK_LENGTH = 0x7fffffff
/** Bit depths each colour type allows (PNG §11.2.2). */
const BIT_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] }

const invalid = (message: string) => new PlatformError('ERR_IMAGE_INVALID', message)

/** True when `bytes` starts with the PNG signature. */
export const hasPngSignature = (bytes: Uint8Array): boolean =>
  bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)

/**
 * Splits a PNG into its chunks, checking the structure on the way: the signature, IHDR first (13
 * bytes), every length within the file, every chunk type made of letters, every CRC, at least one
 * IDAT, and IEND last with nothing after it. Anything else is `ERR_IMAGE_INVALID` saying where.
 * @see https://www.w3.org/TR/png-3/#5Chunk-layout
 */
export function readPngChunks(png: Uint8Array): PngChunk[] {
  if (!(png instanceof Uint8Array)) throw new TypeError('Expected the PNG as a Uint8Array')
  if (!hasPngSignature(png)) throw invalid('not a PNG: the 8-byte PNG signature is missing')
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  const chunks: PngChunk[] = []
  let offset = PNG_SIGNATURE.length
  while (true) {
    if (png.length - offset < 12) throw invalid(`PNG is truncated at byte ${offset}: no IEND chunk`)
    const length = view.getUint32(offset)
    const typeBytes = png.subarray(offset + 4, offset + 8)
    const type = String.fromCharCode(...typeBytes)
    if (!/^[A-Za-z]{4}$/.test(type)) throw invalid(`PNG has an invalid chunk type at byte ${offset}`)
    if (length > MAX_CHUNK_LENGTH || length > png.length - offset - 12)
      throw invalid(`PNG ${type} chunk at byte ${offset} claims ${length} bytes, past the end of the file`)
    const data = png.subarray(offset + 8, offset + 8 + length)
    if (view.getUint32(offset + 8 + length) !== crc32(data, crc32(typeBytes)))
      throw invalid(`PNG ${type} chunk at byte ${offset} has a bad CRC`)
    if (chunks.length === 0 && (type !== 'IHDR' || length !== 13))
      throw invalid('PNG must start with a 13-byte IHDR chunk')
    chunks.push({ type, data })
    offset += 12 + length
    if (type === 'IEND') break
  }
  if (offset !== png.length) throw invalid(`PNG has ${png.length - offset} bytes after the IEND chunk`)
  if (!chunks.some((chunk) => chunk.type === 'IDAT')) throw invalid('PNG has no image data (IDAT chunk)')
  return chunks
}

/** Decodes IHDR (the first of {@link readPngChunks}), refusing values PNG does not allow. */
export function readPngHeader(chunks: readonly PngChunk[]): PngHeader {
  const ihdr = chunks[0]
  if (ihdr?.type !== 'IHDR' || ihdr.data.length !== 13) throw new TypeError('Expected chunks that start with IHDR')
  const view = new DataView(ihdr.data.buffer, ihdr.data.byteOffset, 13)
  const [width, height] = [view.getUint32(0), view.getUint32(4)]
  const [bitDepth, colorType, compression, filter, interlace] = [8, 9, 10, 11, 12].map((i) => view.getUint8(i)) as
    [number, number, number, number, number]
  if (width === 0 || height === 0 || width > MAX_CHUNK_LENGTH || height > MAX_CHUNK_LENGTH)
    throw invalid(`PNG IHDR declares an impossible size ${width}×${height}`)
  if (!BIT_DEPTHS[colorType]?.includes(bitDepth))
    throw invalid(`PNG IHDR declares bit depth ${bitDepth} with colour type ${colorType}, which PNG does not allow`)
  if (compression !== 0 || filter !== 0 || (interlace !== 0 && interlace !== 1))
    throw invalid('PNG IHDR declares an unknown compression, filter or interlace method')
  return { width, height, bitDepth, colorType, interlaced: interlace === 1 }
}

/** Serializes chunks (with lengths and CRCs) after the PNG signature. */
export function writePngChunks(chunks: readonly PngChunk[]): Uint8Array {
  const size = chunks.reduce((sum, chunk) => sum + 12 + chunk.data.length, PNG_SIGNATURE.length)
  const out = new Uint8Array(size)
  const view = new DataView(out.buffer)
  out.set(PNG_SIGNATURE)
  let offset = PNG_SIGNATURE.length
  for (const { type, data } of chunks) {
    if (!/^[A-Za-z]{4}$/.test(type)) throw new TypeError(`Invalid PNG chunk type ${JSON.stringify(type)}`)
    const typeBytes = new TextEncoder().encode(type)
    view.setUint32(offset, data.length)
    out.set(typeBytes, offset + 4)
    out.set(data, offset + 8)
    view.setUint32(offset + 8 + data.length, crc32(data, crc32(typeBytes)))
    offset += 12 + data.length
  }
  return out
}
