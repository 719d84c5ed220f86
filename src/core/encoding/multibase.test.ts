import { describe, expect, it } from 'vitest'
import { decodeBase64url, encodeBase64url } from './base64url.js'
import { decodeMultibase, decodeMultibaseAs, encodeMultibase } from './multibase.js'

describe('base64url', () => {
  it('encodes without padding using - and _', () => {
    expect(encodeBase64url(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe('-__-')
    expect(encodeBase64url(new Uint8Array([1]))).toBe('AQ')
    expect(decodeBase64url('AQ')).toEqual(new Uint8Array([1]))
  })

  it('rejects padding, standard base64 characters and impossible lengths', () => {
    expect(() => decodeBase64url('AQ==')).toThrow(/Invalid base64url/)
    expect(() => decodeBase64url('+/')).toThrow(/Invalid base64url/)
    expect(() => decodeBase64url('AQIDB')).toThrow(/Invalid base64url/)
  })
})

describe('multibase', () => {
  const bytes = new Uint8Array([0, 1, 2, 250, 251, 252])

  it('round-trips bytes through z base58btc and u base64url', () => {
    expect(encodeMultibase(bytes)).toMatch(/^z1/)
    expect(decodeMultibase(encodeMultibase(bytes))).toEqual({ encoding: 'base58btc', bytes })
    expect(encodeMultibase(bytes, 'base64url')).toBe('uAAEC-vv8')
    expect(decodeMultibase('uAAEC-vv8')).toEqual({ encoding: 'base64url', bytes })
  })

  it('rejects unknown prefixes and a prefix other than the one required', () => {
    expect(() => decodeMultibase('mAAEC')).toThrow(/Unsupported multibase prefix/)
    expect(() => decodeMultibase('')).toThrow(/Unsupported multibase prefix/)
    expect(() => decodeMultibaseAs('uAAEC-vv8', 'base58btc')).toThrow(/starting with "z"/)
  })
})
