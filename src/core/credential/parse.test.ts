import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PlatformError, type ErrorCode } from '../errors.js'
import { checkInputLimits, DEFAULT_INPUT_LIMITS, parseJsonInput } from './parse.js'

const codeOf = (fn: () => unknown): ErrorCode | undefined => {
  try {
    fn()
  } catch (err) {
    if (err instanceof PlatformError) return err.code
    throw err
  }
  return undefined
}
const messageOf = (fn: () => unknown): string => {
  try {
    fn()
  } catch (err) {
    return (err as Error).message
  }
  return ''
}

describe('parseJsonInput', () => {
  it('parses JSON text and UTF-8 bytes, with or without a byte order mark', () => {
    expect(parseJsonInput('{"name":"Zoë"}')).toEqual({ name: 'Zoë' })
    const bytes = new TextEncoder().encode('{"name":"Zoë"}')
    expect(parseJsonInput(bytes)).toEqual({ name: 'Zoë' })
    expect(parseJsonInput(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))).toEqual({ name: 'Zoë' })
  })

  it('uses 1 MiB, depth 64, 10,000 items and 256 KiB strings by default', () => {
    expect(DEFAULT_INPUT_LIMITS).toEqual({ maxBytes: 1048576, maxDepth: 64, maxArrayLength: 10000, maxStringLength: 262144 })
  })

  it('rejects a 100 MB string quickly without parsing it', () => {
    const huge = '"' + 'a'.repeat(100 * 1024 * 1024) + '"'
    const started = performance.now()
    expect(codeOf(() => parseJsonInput(huge))).toBe('ERR_INPUT_TOO_LARGE')
    expect(performance.now() - started).toBeLessThan(50)
  })

  it('counts UTF-8 bytes, not characters, against maxBytes', () => {
    const text = JSON.stringify('é'.repeat(600))
    expect(codeOf(() => parseJsonInput(text, { maxBytes: 1000 }))).toBe('ERR_INPUT_TOO_LARGE')
    expect(codeOf(() => parseJsonInput(new TextEncoder().encode(text), { maxBytes: 1000 }))).toBe('ERR_INPUT_TOO_LARGE')
    expect(parseJsonInput(text, { maxBytes: 1300 })).toHaveLength(600)
  })

  it('rejects 10,000-deep nesting with ERR_INPUT_TOO_DEEP, not a stack overflow', () => {
    expect(codeOf(() => parseJsonInput('['.repeat(10_000) + ']'.repeat(10_000)))).toBe('ERR_INPUT_TOO_DEEP')
    expect(codeOf(() => parseJsonInput('{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)))).toBe('ERR_INPUT_TOO_DEEP')
    // Unclosed nesting is still too deep, before it is found to be malformed.
    expect(codeOf(() => parseJsonInput('['.repeat(200_000)))).toBe('ERR_INPUT_TOO_DEEP')
  })

  it('accepts nesting up to maxDepth and ignores brackets inside strings', () => {
    expect(parseJsonInput('['.repeat(64) + ']'.repeat(64))).toBeDefined()
    expect(codeOf(() => parseJsonInput('['.repeat(65) + ']'.repeat(65)))).toBe('ERR_INPUT_TOO_DEEP')
    expect(parseJsonInput(JSON.stringify({ a: '[[[[[[{{{{\\"[[[' }), { maxDepth: 1 })).toEqual({ a: '[[[[[[{{{{\\"[[[' })
  })

  it('rejects an array longer than maxArrayLength and names where it is', () => {
    const text = JSON.stringify({ credentialSubject: { result: new Array(10_001).fill(0) } })
    expect(codeOf(() => parseJsonInput(text))).toBe('ERR_ARRAY_TOO_LONG')
    expect(messageOf(() => parseJsonInput(text))).toContain('/credentialSubject/result has 10001 items')
  })

  it('rejects a string value or property name longer than maxStringLength', () => {
    expect(codeOf(() => parseJsonInput(JSON.stringify({ image: { id: 'x'.repeat(300_000) } })))).toBe('ERR_INPUT_TOO_LARGE')
    expect(messageOf(() => parseJsonInput(JSON.stringify({ image: { id: 'x'.repeat(300_000) } })))).toContain('/image/id')
    expect(codeOf(() => parseJsonInput(JSON.stringify({ ['k'.repeat(20)]: 1 }), { maxStringLength: 10 }))).toBe('ERR_INPUT_TOO_LARGE')
  })

  it('reports malformed JSON with line, column and position, without echoing the input', () => {
    const text = '{\n  "id": "urn:uuid:1",\n  "type": ["VerifiableCredential",]\n}'
    expect(codeOf(() => parseJsonInput(text))).toBe('ERR_JSON_PARSE')
    expect(messageOf(() => parseJsonInput(text))).toBe(
      'Input is not valid JSON at line 3, column 35 (position 58): expected a value but found "]"',
    )
    const secret = '{"password":"hunter2",}'
    expect(messageOf(() => parseJsonInput(secret))).not.toContain('hunter2')
  })

  it('reports empty input, trailing text and bytes that are not UTF-8 as ERR_JSON_PARSE', () => {
    expect(messageOf(() => parseJsonInput(''))).toContain('found the end of the input')
    expect(messageOf(() => parseJsonInput('{} {}'))).toContain('after the JSON value')
    expect(codeOf(() => parseJsonInput(new Uint8Array([0x7b, 0xff, 0x7d])))).toBe('ERR_JSON_PARSE')
  })
})

describe('parseJsonInput within limits', () => {
  // parseJsonInput skips the bracket scan and the walk after parsing when the text is too short to break a
  // limit: the same input is accepted or refused as by the full checks, whatever the limits.
  it('accepts and refuses exactly what the full checks do, on generated JSON and limits', () => {
    const limits = fc.record({ maxDepth: fc.integer({ min: 1, max: 6 }), maxArrayLength: fc.integer({ min: 0, max: 6 }), maxStringLength: fc.integer({ min: 0, max: 24 }) })
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), limits, (value, limit) => {
        const text = JSON.stringify(value)
        const full = codeOf(() => checkInputLimits(JSON.parse(text), limit))
        const parsed = codeOf(() => parseJsonInput(text, limit))
        expect(parsed === undefined, `${text} with ${JSON.stringify(limit)}: ${parsed} / ${full}`).toBe(full === undefined)
        if (parsed !== undefined) expect(['ERR_INPUT_TOO_DEEP', 'ERR_ARRAY_TOO_LONG', 'ERR_INPUT_TOO_LARGE']).toContain(parsed)
      }),
      { numRuns: 5_000, seed: 20261205 },
    )
  })

  it('refuses the shortest text over each limit', () => {
    expect(codeOf(() => parseJsonInput('[0,0]', { maxArrayLength: 1 }))).toBe('ERR_ARRAY_TOO_LONG')
    expect(parseJsonInput('[0]', { maxArrayLength: 1 })).toEqual([0])
    expect(codeOf(() => parseJsonInput('"ab"', { maxStringLength: 1 }))).toBe('ERR_INPUT_TOO_LARGE')
    expect(codeOf(() => parseJsonInput('{"ab":0}', { maxStringLength: 1 }))).toBe('ERR_INPUT_TOO_LARGE')
    expect(codeOf(() => parseJsonInput('[[]]', { maxDepth: 1 }))).toBe('ERR_INPUT_TOO_DEEP')
    expect(parseJsonInput('["[[[["]', { maxDepth: 1 })).toEqual(['[[[['])
  })
})

describe('checkInputLimits', () => {
  it('passes a value within the limits', () => {
    expect(() => checkInputLimits({ a: [1, 'two', { b: null }] })).not.toThrow()
  })

  it('rejects a cyclic value as too deep instead of looping forever', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(codeOf(() => checkInputLimits(cyclic))).toBe('ERR_INPUT_TOO_DEEP')
  })

  it('rejects a very deep parsed value without recursion', () => {
    let deep: unknown = 1
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(codeOf(() => checkInputLimits(deep))).toBe('ERR_INPUT_TOO_DEEP')
  })

  it('applies the array and string limits given', () => {
    expect(codeOf(() => checkInputLimits({ list: [1, 2, 3] }, { maxArrayLength: 2 }))).toBe('ERR_ARRAY_TOO_LONG')
    expect(codeOf(() => checkInputLimits(['abc'], { maxStringLength: 2 }))).toBe('ERR_INPUT_TOO_LARGE')
    expect(messageOf(() => checkInputLimits({ 'a/b': ['ok', 'long'] }, { maxStringLength: 3 }))).toContain('/a~1b/1')
  })
})
