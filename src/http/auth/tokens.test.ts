import { describe, expect, it } from 'vitest'
import { newCsrfToken } from './tokens.js'

describe('newCsrfToken', () => {
  it('gives 32-character base64url tokens, each different, across many refills of its pool', () => {
    const tokens = Array.from({ length: 256 * 4 + 7 }, () => newCsrfToken())
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(new Set(tokens).size).toBe(tokens.length)
    // Random bytes, not a counter: every base64url character turns up across a thousand tokens.
    expect(new Set(tokens.join('')).size).toBe(64)
  })
})
