import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { isPlatformError } from '../errors.js'
import { decodeBase58btc, encodeBase58btc } from './base58btc.js'

const hex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'))

describe('base58btc', () => {
  it('encodes the draft-msporny-base58 examples', () => {
    expect(encodeBase58btc(new TextEncoder().encode('Hello World!'))).toBe('2NEpo7TZRRrLZSi2U')
    expect(encodeBase58btc(new TextEncoder().encode('The quick brown fox jumps over the lazy dog.'))).toBe(
      'USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z',
    )
    expect(encodeBase58btc(hex('0000287fb4cd'))).toBe('11233QC4')
  })

  it('keeps leading zero bytes as leading ones and encodes empty input as empty text', () => {
    expect(encodeBase58btc(new Uint8Array(0))).toBe('')
    expect(encodeBase58btc(new Uint8Array([0, 0]))).toBe('11')
    expect(decodeBase58btc('11')).toEqual(new Uint8Array([0, 0]))
    expect(decodeBase58btc('')).toEqual(new Uint8Array(0))
  })

  it('decodes what it encodes', () => {
    for (let n = 0; n < 80; n++) {
      const bytes = new Uint8Array(randomBytes(n))
      if (n % 7 === 0 && n > 0) bytes[0] = 0
      expect(decodeBase58btc(encodeBase58btc(bytes))).toEqual(bytes)
    }
  })

  it('rejects characters outside the alphabet', () => {
    for (const bad of ['0abc', 'O', 'Il', 'abc+', 'zé']) {
      expect(() => decodeBase58btc(bad)).toThrow(/Invalid base58btc character/)
      try {
        decodeBase58btc(bad)
      } catch (err) {
        expect(isPlatformError(err, 'ERR_INPUT_INVALID')).toBe(true)
      }
    }
  })
})

describe('base58btc against the arithmetic definition', () => {
  /** The number the bytes spell, written in base 58 with BigInt, digit by digit: slow and plainly right. */
  const reference = (bytes: Uint8Array): string => {
    let zeros = 0
    while (zeros < bytes.length && bytes[zeros] === 0) zeros++
    let n = 0n
    for (const byte of bytes) n = n * 256n + BigInt(byte)
    let digits = ''
    for (; n > 0n; n /= 58n) digits = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'[Number(n % 58n)]! + digits
    return '1'.repeat(zeros) + digits
  }

  it('encodes every length up to 130 bytes, odd and even, with leading zeros and all-ones bytes, as the definition does', () => {
    for (let n = 0; n <= 130; n++) {
      for (const fill of ['random', 'zeros-first', 'ones', 'zero'] as const) {
        const bytes = new Uint8Array(randomBytes(n))
        if (fill === 'zeros-first') bytes.fill(0, 0, Math.min(3, n))
        if (fill === 'ones') bytes.fill(255)
        if (fill === 'zero') bytes.fill(0)
        expect(encodeBase58btc(bytes), `${fill} ${n}`).toBe(reference(bytes))
      }
    }
  })
})
