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
