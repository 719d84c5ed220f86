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
  // Limbs of the number in base 58^3, least significant first: every intermediate stays a small
  // integer, with a third of the steps of digit-by-digit base 58.
  const limbs: number[] = []
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i]!
    for (let j = 0; j < limbs.length; j++) {
      carry += limbs[j]! * 256
      limbs[j] = carry % LIMB
      carry = (carry / LIMB) | 0
    }
    while (carry > 0) {
      limbs.push(carry % LIMB)
      carry = (carry / LIMB) | 0
    }
  }
  const digits: string[] = []
  for (let l = 0; l < limbs.length; l++) {
    const limb = limbs[l]!
    digits.push(ALPHABET[limb % 58]!, ALPHABET[((limb / 58) | 0) % 58]!, ALPHABET[(limb / 3364) | 0]!)
  }
  // The top limb may pad with zero digits ('1'); drop them, then restore one '1' per leading zero byte.
  while (digits.length > 0 && digits[digits.length - 1] === '1') digits.pop()
  return '1'.repeat(zeros) + digits.reverse().join('')
}

const LIMB = 58 * 58 * 58

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
