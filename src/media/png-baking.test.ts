import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { isPlatformError } from '../core/errors.js'
import { buildPng } from './fixtures/build-png.js'
import { bakePng, extractFromPng } from './png-baking.js'
import { readPngChunks, readPngHeader } from './png-chunks.js'

const JSON_CREDENTIAL = JSON.stringify({ type: ['VerifiableCredential', 'OpenBadgeCredential'], name: 'Zoë — 王 ✓' })
const JWT = 'eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2lnbmF0dXJl'
const utf8 = (text: string) => new TextEncoder().encode(text)
const iTXt = (keyword: string, text: string, compressed = 0) => ({
  type: 'iTXt',
  data: Uint8Array.from([...utf8(keyword), 0, compressed, 0, 0, 0, ...utf8(text)]),
})

describe('bakePng', () => {
  it('puts the credential in an uncompressed iTXt chunk right after IHDR, and every CRC checks', () => {
    const baked = bakePng(buildPng(64, 64), JSON_CREDENTIAL)
    const chunks = readPngChunks(baked) // verifies the signature, every length and every CRC
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'iTXt', 'IDAT', 'IEND'])
    expect(chunks[1]!.data).toEqual(Uint8Array.from([...utf8('openbadgecredential'), 0, 0, 0, 0, 0, ...utf8(JSON_CREDENTIAL)]))
    expect(readPngHeader(chunks)).toMatchObject({ width: 64, height: 64 })
    expect(extractFromPng(baked)).toBe(JSON_CREDENTIAL)
  })

  it('leaves an image that another PNG decoder still reads', async () => {
    const pdf = await PDFDocument.create()
    const image = await pdf.embedPng(bakePng(buildPng(80, 64), JWT))
    expect([image.width, image.height]).toEqual([80, 64])
  })

  it('round-trips a compact JWT', () => {
    expect(extractFromPng(bakePng(buildPng(64, 64), `${JWT}\n`))).toBe(JWT)
  })

  it('replaces a credential baked earlier instead of adding a second one', () => {
    const once = bakePng(buildPng(64, 64), JSON_CREDENTIAL)
    const twice = bakePng(once, JWT)
    expect(readPngChunks(twice).filter((chunk) => chunk.type === 'iTXt')).toHaveLength(1)
    expect(extractFromPng(twice)).toBe(JWT)
  })

  it('keeps the image\'s other text chunks, including an OB 2.0 openbadges chunk', () => {
    const png = buildPng(64, 64, [iTXt('openbadges', '{"old":true}'), iTXt('openbadgecredentialx', 'not ours')])
    const keywords = readPngChunks(bakePng(png, JWT))
      .filter((chunk) => chunk.type === 'iTXt')
      .map((chunk) => new TextDecoder().decode(chunk.data.subarray(0, chunk.data.indexOf(0))))
    expect(keywords).toEqual(['openbadgecredential', 'openbadges', 'openbadgecredentialx'])
  })

  it('refuses a damaged PNG and a credential that is neither JSON nor a JWT', () => {
    const damaged = buildPng(64, 64)
    damaged[40] = damaged[40]! ^ 1
    expect(() => bakePng(damaged, JWT)).toThrow(expect.objectContaining({ code: 'ERR_IMAGE_INVALID' }))
    expect(() => bakePng(buildPng(64, 64), 'not a credential')).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID' }))
  })
})

describe('extractFromPng', () => {
  it('finds nothing in an image that was never baked', () => {
    expect(extractFromPng(buildPng(64, 64, [iTXt('openbadges', '{}')]))).toBeUndefined()
  })

  it('returns the first openbadgecredential chunk when an image carries two', () => {
    expect(extractFromPng(buildPng(64, 64, [iTXt('openbadgecredential', 'first'), iTXt('openbadgecredential', 'second')]))).toBe('first')
  })

  it('refuses a compressed or truncated credential chunk', () => {
    const error = (png: Uint8Array) => {
      try {
        extractFromPng(png)
      } catch (err) {
        return isPlatformError(err, 'ERR_IMAGE_INVALID') && (err as Error).message
      }
      return 'no error'
    }
    expect(error(buildPng(64, 64, [iTXt('openbadgecredential', 'x', 1)]))).toMatch(/compressed, which OB 3.0 forbids/)
    const truncated = { type: 'iTXt', data: Uint8Array.from([...utf8('openbadgecredential'), 0, 0, 0, 0x65, 0x6e]) }
    expect(error(buildPng(64, 64, [truncated]))).toMatch(/no end to its language tag/)
  })
})
