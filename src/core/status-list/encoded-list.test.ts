import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { encodeBase64url } from '../encoding/index.js'
import { PlatformError, type ErrorCode } from '../errors.js'
import { DEFAULT_MAX_STATUS_LIST_BYTES, decodeListBytes, encodeListBytes } from './encoded-list.js'
import { StatusList } from './status-list.js'

const gzipped = (bytes: Uint8Array): string => 'u' + encodeBase64url(gzipSync(bytes))

function codeOf(run: () => unknown): ErrorCode | undefined {
  try {
    run()
  } catch (err) {
    if (err instanceof PlatformError) return err.code
    throw err
  }
  return undefined
}

describe('decodeListBytes', () => {
  it('reads back the bytes encodeListBytes wrote', () => {
    const bytes = new Uint8Array([0x80, 0, 0x01, 0xff])
    expect(decodeListBytes(encodeListBytes(bytes))).toEqual(bytes)
  })

  it('refuses a list without the multibase u prefix, hinting at StatusList2021 when it looks like one', () => {
    const bare = encodeListBytes(new Uint8Array(16)).slice(1)
    expect(codeOf(() => decodeListBytes(bare))).toBe('ERR_STATUS_LIST_MULTIBASE')
    expect(() => decodeListBytes(bare)).toThrow(/StatusList2021/)
    expect(codeOf(() => decodeListBytes('zH4sI'))).toBe('ERR_STATUS_LIST_MULTIBASE')
  })

  it('refuses text that is not unpadded base64url', () => {
    expect(codeOf(() => decodeListBytes('uH4sI+/'))).toBe('ERR_STATUS_LIST_BASE64URL')
    expect(codeOf(() => decodeListBytes(encodeListBytes(new Uint8Array(16)) + '='))).toBe('ERR_STATUS_LIST_BASE64URL')
    expect(codeOf(() => decodeListBytes('uA'))).toBe('ERR_STATUS_LIST_BASE64URL')
  })

  it('refuses bytes that are not GZIP, or GZIP cut short', () => {
    expect(codeOf(() => decodeListBytes('u' + encodeBase64url(new TextEncoder().encode('hello'))))).toBe('ERR_STATUS_LIST_GZIP')
    const whole = gzipSync(new Uint8Array(16_384).fill(0xa5))
    expect(codeOf(() => decodeListBytes('u' + encodeBase64url(whole.subarray(0, whole.length - 6))))).toBe('ERR_STATUS_LIST_GZIP')
  })

  it('stops inflating a GZIP bomb at the size limit instead of exhausting memory', () => {
    // 32 MiB of zeros compress to about 32 KiB.
    const bomb = gzipped(new Uint8Array(2 * DEFAULT_MAX_STATUS_LIST_BYTES))
    expect(bomb.length).toBeLessThan(64 * 1024)
    expect(codeOf(() => decodeListBytes(bomb))).toBe('ERR_STATUS_LIST_TOO_LARGE')
    expect(codeOf(() => StatusList.decode(bomb))).toBe('ERR_STATUS_LIST_TOO_LARGE')
    expect(codeOf(() => decodeListBytes(new StatusList().encode(), { maxBytes: 1024 }))).toBe('ERR_STATUS_LIST_TOO_LARGE')
  })

  it('reads StatusList2021 lists, which have no prefix, and tolerates a stray u on them', () => {
    const bytes = new Uint8Array([1, 2, 3])
    const plain = encodeListBytes(bytes).slice(1)
    expect(decodeListBytes(plain, { multibase: false })).toEqual(bytes)
    expect(decodeListBytes('u' + plain, { multibase: false })).toEqual(bytes)
  })
})

describe('StatusList.decode length rule', () => {
  it('refuses a list under 131,072 entries with ERR_STATUS_LIST_LENGTH', () => {
    expect(codeOf(() => StatusList.decode(gzipped(new Uint8Array(16_383))))).toBe('ERR_STATUS_LIST_LENGTH')
    expect(codeOf(() => StatusList.decode(gzipped(new Uint8Array(0))))).toBe('ERR_STATUS_LIST_LENGTH')
    expect(StatusList.decode(gzipped(new Uint8Array(16_384))).length).toBe(131_072)
  })

  it('counts the minimum in entries, so two-bit entries need 32 KiB', () => {
    const sixteenKiB = new StatusList().encode()
    expect(codeOf(() => StatusList.decode(sixteenKiB, { statusSize: 2 }))).toBe('ERR_STATUS_LIST_LENGTH')
    expect(StatusList.decode(new StatusList({ statusSize: 2 }).encode(), { statusSize: 2 }).length).toBe(131_072)
  })
})
