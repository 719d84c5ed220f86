import { describe, expect, it } from 'vitest'
import { encodeBase64url } from '../encoding/index.js'
import { parseInput } from './parse-input.js'

const jws = (payload: unknown) =>
  [{ alg: 'EdDSA', typ: 'JWT' }, payload].map((part) => encodeBase64url(new TextEncoder().encode(JSON.stringify(part)))).join('.') + '.c2ln'

describe('parseInput', () => {
  it('reads JSON text, UTF-8 bytes and objects as an embedded-proof credential', () => {
    for (const input of ['{"id":"urn:x"}', new TextEncoder().encode('{"id":"urn:x"}'), { id: 'urn:x' }])
      expect(parseInput(input)).toMatchObject({ ok: true, format: 'json', credential: { id: 'urn:x' } })
  })

  it('recognises a compact JWS, even with surrounding whitespace, and strips the JWT claims from its credential', () => {
    const parsed = parseInput(`\n ${jws({ id: 'urn:x', iss: 'did:key:z', nbf: 1, jti: 'urn:x' })}\n`)
    expect(parsed).toMatchObject({ ok: true, format: 'jwt', credential: { id: 'urn:x' } })
    expect(parsed.ok && parsed.credential).not.toHaveProperty('iss')
  })

  it('fails a JWS whose payload is not JSON with JWT_MALFORMED', () => {
    const garbage = `${encodeBase64url(new TextEncoder().encode('{}'))}.${encodeBase64url(new TextEncoder().encode('not json'))}.c2ln`
    expect(parseInput(garbage).check).toMatchObject({ outcome: 'failed', code: 'JWT_MALFORMED' })
  })

  it('applies the limits to JWT payloads as to JSON', () => {
    const deep = jws(JSON.parse(`{"a":${'['.repeat(100)}${']'.repeat(100)}}`))
    expect(parseInput(deep).check.code).toBe('INPUT_TOO_DEEP')
  })

  it('measures bytes and text against maxBytes before decoding them', () => {
    expect(parseInput(new Uint8Array(2049), { maxBytes: 2048 }).check.code).toBe('INPUT_TOO_LARGE')
    expect(parseInput(' '.repeat(2049), { maxBytes: 2048 }).check.code).toBe('INPUT_TOO_LARGE')
  })

  it('applies the array and string limits to an object a caller passes in', () => {
    expect(parseInput({ type: new Array(20).fill('x') }, { maxArrayLength: 10 }).check.code).toBe('ARRAY_TOO_LONG')
    expect(parseInput({ name: 'x'.repeat(100) }, { maxStringLength: 10 }).check.code).toBe('INPUT_TOO_LARGE')
  })

  it('fails JSON that is not an object, invalid UTF-8 and non-credential values with a parse code', () => {
    expect(parseInput('[1,2]').check.code).toBe('INPUT_INVALID')
    expect(parseInput(new Uint8Array([0x7b, 0xff, 0x7d])).check.code).toBe('JSON_PARSE')
    expect(parseInput(undefined).check.code).toBe('INPUT_INVALID')
    expect(parseInput(['{}']).check.code).toBe('INPUT_INVALID')
  })
})
