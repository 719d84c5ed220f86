import { describe, expect, it } from 'vitest'
import { isPlatformError } from '../core/errors.js'
import { crc32 } from './crc32.js'
import { buildPng } from './fixtures/build-png.js'
import { hasPngSignature, readPngChunks, readPngHeader, writePngChunks } from './png-chunks.js'

const refusal = (png: Uint8Array): string => {
  try {
    readPngChunks(png)
  } catch (err) {
    expect(isPlatformError(err, 'ERR_IMAGE_INVALID')).toBe(true)
    return (err as Error).message
  }
  throw new Error('expected the PNG to be refused')
}

describe('readPngChunks', () => {
  it('splits a PNG into IHDR, IDAT and IEND and reads the size from IHDR', () => {
    const chunks = readPngChunks(buildPng(120, 80))
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND'])
    expect(readPngHeader(chunks)).toEqual({ width: 120, height: 80, bitDepth: 8, colorType: 2, interlaced: false })
  })

  it('writes back exactly the bytes it read', () => {
    const png = buildPng(64, 64, [{ type: 'tEXt', data: new TextEncoder().encode('Comment\0hi') }])
    expect(writePngChunks(readPngChunks(png))).toEqual(png)
  })

  it('refuses bytes without the PNG signature', () => {
    expect(refusal(new TextEncoder().encode('GIF89a...'))).toMatch(/signature is missing/)
    expect(hasPngSignature(buildPng(1, 1))).toBe(true)
  })

  it('refuses a chunk whose CRC does not match, naming the chunk', () => {
    const png = buildPng(64, 64)
    png[20] = png[20]! ^ 0xff // inside IHDR's width
    expect(refusal(png)).toMatch(/IHDR chunk at byte 8 has a bad CRC/)
  })

  it('refuses a chunk length that runs past the end of the file', () => {
    const png = buildPng(64, 64)
    new DataView(png.buffer).setUint32(33, 0xfffffff0) // IDAT's length
    expect(refusal(png)).toMatch(/IDAT chunk at byte 33 claims 4294967280 bytes, past the end/)
  })

  it('refuses a truncated file, bytes after IEND, a missing IHDR and a missing IDAT', () => {
    const png = buildPng(64, 64)
    expect(refusal(png.subarray(0, png.length - 12))).toMatch(/truncated .* no IEND/)
    expect(refusal(Uint8Array.from([...png, 0]))).toMatch(/1 bytes after the IEND/)
    const [ihdr, idat, iend] = readPngChunks(png)
    expect(refusal(writePngChunks([idat!, ihdr!, iend!]))).toMatch(/must start with a 13-byte IHDR/)
    expect(refusal(writePngChunks([ihdr!, iend!]))).toMatch(/no image data/)
  })

  it('refuses a chunk type that is not four letters', () => {
    const png = buildPng(64, 64)
    png.set([0x49, 0x44, 0x41, 0x30], 37) // IDA0
    expect(refusal(png)).toMatch(/invalid chunk type at byte 33/)
  })

  it('is a TypeError when not given bytes', () => {
    expect(() => readPngChunks('png' as unknown as Uint8Array)).toThrow(TypeError)
  })
})

describe('readPngHeader', () => {
  const withHeader = (edit: (header: Uint8Array) => void) => {
    const chunks = readPngChunks(buildPng(64, 64))
    const header = Uint8Array.from(chunks[0]!.data)
    edit(header)
    return [{ type: 'IHDR', data: header }, ...chunks.slice(1)]
  }

  it('refuses a zero size and bit depths PNG does not allow', () => {
    expect(() => readPngHeader(withHeader((h) => h.set([0, 0, 0, 0], 0)))).toThrow(/impossible size 0×64/)
    expect(() => readPngHeader(withHeader((h) => (h[8] = 4)))).toThrow(/bit depth 4 with colour type 2/)
    expect(() => readPngHeader(withHeader((h) => (h[12] = 7)))).toThrow(/interlace/)
  })

  it('reads the interlace flag from a rewritten header whose CRC verifies', () => {
    const chunks = withHeader((h) => (h[12] = 1))
    const png = writePngChunks(chunks)
    expect(readPngHeader(readPngChunks(png)).interlaced).toBe(true)
    expect(crc32(png.subarray(12, 29))).toBe(new DataView(png.buffer).getUint32(29))
  })
})
