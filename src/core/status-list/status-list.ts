import { PlatformError } from '../errors.js'
import { MIN_STATUS_LIST_LENGTH, decodeListBytes, encodeListBytes, type DecodeBytesOptions } from './encoded-list.js'

/** The widest entry a StatusList holds, in bits; wider values would not fit a safe integer comfortably. */
export const MAX_STATUS_SIZE = 32

/** How to make a StatusList: `length` entries of `statusSize` bits each. */
export interface StatusListOptions {
  /** Number of entries; at least 131,072, and rounded up to fill whole bytes. Default 131,072. */
  length?: number
  /** Bits per entry, 1 to {@link MAX_STATUS_SIZE}. Default 1. */
  statusSize?: number
}

/** How to decode an `encodedList` into a StatusList. */
export interface DecodeStatusListOptions extends DecodeBytesOptions {
  /** Bits per entry, from the entry's `statusSize`. Default 1. */
  statusSize?: number
}

/**
 * A Bitstring Status List: fixed-width entries packed MSB-first, so entry 0 starts at the left-most
 * bit of the first byte and entry `i` occupies bits `[i * statusSize, (i + 1) * statusSize)`, the
 * first of them most significant. Indexes are checked: a negative or fractional index is a TypeError,
 * one past the end is `ERR_STATUS_INDEX_OUT_OF_RANGE`.
 * @example
 * const list = new StatusList()
 * list.set(42)
 * StatusList.decode(list.encode()).isSet(42) // true
 * @see https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslist
 */
export class StatusList {
  /** Number of entries. */
  readonly length: number
  /** Bits per entry. */
  readonly statusSize: number
  readonly #bytes: Uint8Array

  constructor(options: StatusListOptions = {}) {
    const { length, statusSize } = { length: MIN_STATUS_LIST_LENGTH, statusSize: 1, ...options }
    assertStatusSize(statusSize)
    if (!Number.isSafeInteger(length) || length < MIN_STATUS_LIST_LENGTH)
      throw new TypeError(`A status list needs at least ${MIN_STATUS_LIST_LENGTH} entries, got ${length}`)
    this.statusSize = statusSize
    this.#bytes = new Uint8Array(Math.ceil((length * statusSize) / 8))
    this.length = Math.floor((this.#bytes.length * 8) / statusSize)
  }

  /**
   * Decodes an `encodedList` (`u` + base64url(GZIP(bits))). Besides the errors of {@link decodeListBytes},
   * a list shorter than 131,072 entries of `statusSize` bits is `ERR_STATUS_LIST_LENGTH`.
   */
  static decode(encodedList: string, options: DecodeStatusListOptions = {}): StatusList {
    const { statusSize = 1, ...bytesOptions } = options
    assertStatusSize(statusSize)
    const bytes = decodeListBytes(encodedList, bytesOptions)
    const entries = Math.floor((bytes.length * 8) / statusSize)
    if (entries < MIN_STATUS_LIST_LENGTH)
      throw new PlatformError(
        'ERR_STATUS_LIST_LENGTH',
        `Status list holds ${entries} entries of ${statusSize} bit(s); the minimum is ${MIN_STATUS_LIST_LENGTH}`,
      )
    return StatusList.fromBytes(bytes, statusSize)
  }

  /** A StatusList over a copy of `bytes`; the same length rules as the constructor apply. */
  static fromBytes(bytes: Uint8Array, statusSize = 1): StatusList {
    const list = new StatusList({ length: Math.floor((bytes.length * 8) / statusSize), statusSize })
    list.#bytes.set(bytes.subarray(0, list.#bytes.length))
    return list
  }

  /** The status value of entry `index`, from 0 to 2^statusSize - 1. */
  get(index: number): number {
    const start = this.#start(index)
    let value = 0
    for (let bit = start; bit < start + this.statusSize; bit++) value = value * 2 + this.#bit(bit)
    return value
  }

  /** True when entry `index` holds anything but 0: revoked, suspended, or a non-zero message. */
  isSet(index: number): boolean {
    return this.get(index) !== 0
  }

  /** Writes `value` (0 to 2^statusSize - 1; `true` is 1, `false` is 0) into entry `index`. */
  set(index: number, value: number | boolean = 1): void {
    const numeric = typeof value === 'boolean' ? Number(value) : value
    if (!Number.isSafeInteger(numeric) || numeric < 0 || numeric >= 2 ** this.statusSize)
      throw new TypeError(`Status value ${value} does not fit in ${this.statusSize} bit(s)`)
    const start = this.#start(index)
    for (let k = 0; k < this.statusSize; k++) {
      const on = Math.floor(numeric / 2 ** (this.statusSize - 1 - k)) % 2 === 1
      const bit = start + k
      const byte = Math.floor(bit / 8)
      const mask = 0x80 >> bit % 8
      this.#bytes[byte] = on ? this.#bytes[byte]! | mask : this.#bytes[byte]! & ~mask
    }
  }

  /** Sets entry `index` back to 0. */
  clear(index: number): void {
    this.set(index, 0)
  }

  /** The `encodedList` text: `u` + base64url, unpadded, of the GZIP-compressed bytes. */
  encode(): string {
    return encodeListBytes(this.#bytes)
  }

  /** A copy of the packed bytes. */
  toBytes(): Uint8Array {
    return this.#bytes.slice()
  }

  #bit(bit: number): number {
    return (this.#bytes[Math.floor(bit / 8)]! >> (7 - (bit % 8))) & 1
  }

  #start(index: number): number {
    if (!Number.isSafeInteger(index) || index < 0) throw new TypeError(`Status list index must be a non-negative integer, got ${index}`)
    if (index >= this.length)
      throw new PlatformError('ERR_STATUS_INDEX_OUT_OF_RANGE', `Index ${index} is past the end of a ${this.length}-entry status list`)
    return index * this.statusSize
  }
}

function assertStatusSize(statusSize: number): void {
  if (!Number.isSafeInteger(statusSize) || statusSize < 1 || statusSize > MAX_STATUS_SIZE)
    throw new TypeError(`statusSize must be an integer from 1 to ${MAX_STATUS_SIZE}, got ${statusSize}`)
}
