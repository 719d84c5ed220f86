import { describe, expect, it } from 'vitest'
import { findJsonSyntaxError } from './json-syntax.js'

describe('findJsonSyntaxError', () => {
  it('finds nothing wrong with valid JSON of every kind', () => {
    for (const text of ['{}', '[]', ' 0 ', '-0.5e+10', '"\\u00e9\\n"', 'true', 'null', '{"a":[1,{"b":false}],"c":"d"}', '[[],[{}]]']) {
      expect(findJsonSyntaxError(text), text).toBeUndefined()
    }
  })

  it('agrees with JSON.parse on what is malformed', () => {
    const bad = ['', '{', '{"a"}', '{"a":}', '{a:1}', '[1,]', '[1 2]', '01', '1.', '1e', '-', '"\t"', '"\\x"', '"\\u12G4"', 'tru', '{} x', "'a'", '[', ']']
    for (const text of bad) {
      expect(() => JSON.parse(text), text).toThrow()
      expect(findJsonSyntaxError(text), text).toBeDefined()
    }
  })

  it('gives the position, line and column of the first error', () => {
    expect(findJsonSyntaxError('{"a": 1,\n "b" 2}')).toEqual({ position: 14, line: 2, column: 6, message: `expected ':' after a property name but found "2"` })
    expect(findJsonSyntaxError('"abc')).toMatchObject({ position: 0, message: 'unterminated string' })
  })

  it('handles a million nested arrays without recursion', () => {
    expect(findJsonSyntaxError('['.repeat(1_000_000) + ']'.repeat(1_000_000))).toBeUndefined()
    expect(findJsonSyntaxError('['.repeat(1_000_000))).toMatchObject({ position: 1_000_000 })
  })
})
