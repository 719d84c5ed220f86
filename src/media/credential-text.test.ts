import { describe, expect, it } from 'vitest'
import { credentialFormat } from './credential-text.js'

describe('credentialFormat', () => {
  it('recognises credential JSON and a compact JWS', () => {
    expect(credentialFormat(' {"type":["VerifiableCredential"]}\n')).toBe('json')
    expect(credentialFormat('eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2ln')).toBe('jwt')
  })

  it('refuses empty text, broken JSON, non-object JSON and other text with a reason', () => {
    expect(() => credentialFormat('  ')).toThrow(/credential is empty/)
    expect(() => credentialFormat('{"a":')).toThrow(/credential is not valid JSON/)
    expect(() => credentialFormat('[1]')).toThrow(/JSON object or a compact JWT/)
    expect(() => credentialFormat('hello world')).toThrow(/JSON object or a compact JWT/)
    expect(() => credentialFormat('a.b.c.d')).toThrow(/JSON object or a compact JWT/)
  })
})
