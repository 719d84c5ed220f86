import { PlatformError } from '../errors.js'

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const INDEX = new Int8Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i

/**
 * Base58 with the Bitcoin alphabet; each leading zero byte becomes a leading `1`.
 * @see https://datatracker.ietf.org/doc/html/draft-msporny-base58-03
 */
export function encodeBase58btc(bytes: Uint8Array): string {
  let zeros = 0
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++
  // Limbs of the number in base 58^5, least significant first, taking the input two bytes at a time
  // (one for an odd count): every intermediate stays below 2^53, so double arithmetic is exact, and
  // there are a sixth of the steps of digit-by-digit base 58 on bytes.
  const limbs: number[] = []
  for (let i = zeros; i < bytes.length; ) {
    const two = i + 1 < bytes.length
    const scale = two ? 65536 : 256
    let carry = two ? bytes[i]! * 256 + bytes[i + 1]! : bytes[i]!
    i += two ? 2 : 1
    for (let j = 0; j < limbs.length; j++) {
      carry += limbs[j]! * scale
      const high = Math.floor(carry / LIMB)
      limbs[j] = carry - high * LIMB
      carry = high
    }
    while (carry > 0) {
      const high = Math.floor(carry / LIMB)
      limbs.push(carry - high * LIMB)
      carry = high
    }
  }
  let digits = ''
  for (let l = limbs.length - 1; l >= 0; l--) {
    let limb = limbs[l]!
    let five = ''
    for (let d = 0; d < 5; d++) {
      const high = (limb / 58) | 0
      five = ALPHABET[limb - high * 58]! + five
      limb = high
    }
    digits += five
  }
  // The top limb pads with zero digits ('1'); drop them, then restore one '1' per leading zero byte.
  let start = 0
  while (start < digits.length && digits.charCodeAt(start) === 49) start++
  return '1'.repeat(zeros) + digits.slice(start)
}

/** 58^5: a limb times 65536 plus a carry stays an exact integer in a double. */
const LIMB = 58 ** 5

/** Decodes base58btc text. A character outside the alphabet is an `ERR_INPUT_INVALID` error. */
export function decodeBase58btc(text: string): Uint8Array {
  let zeros = 0
  while (zeros < text.length && text[zeros] === '1') zeros++
  // Bytes of the number in base 256, least significant first.
  const bytes: number[] = []
  for (let i = zeros; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const value = code < 128 ? INDEX[code]! : -1
    if (value < 0) throw new PlatformError('ERR_INPUT_INVALID', `Invalid base58btc character ${JSON.stringify(text[i])} at position ${i}`)
    let carry = value
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j]! * 58
      bytes[j] = carry & 0xff
      carry >>= 8
    }
    while (carry > 0) {
      bytes.push(carry & 0xff)
      carry >>= 8
    }
  }
  const out = new Uint8Array(zeros + bytes.length)
  for (let i = 0; i < bytes.length; i++) out[out.length - 1 - i] = bytes[i]!
  return out
}
