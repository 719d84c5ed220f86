import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatCheckpoint, parseCheckpoint } from './checkpoint.js'
import { hashLeaf } from './hash-leaf.js'

const root = hashLeaf(Uint8Array.of(1))
const rootLine = Buffer.from(root).toString('base64')

describe('checkpoints', () => {
  it('write origin, decimal size and base64 root, one per line', () => {
    expect(formatCheckpoint({ origin: 'emblem.example/log', size: 20852163, root, extensions: [] })).toBe(
      `emblem.example/log\n20852163\n${rootLine}\n`,
    )
    expect(formatCheckpoint({ origin: 'o', size: 0, root, extensions: ['x y'] })).toBe(`o\n0\n${rootLine}\nx y\n`)
  })

  it('parse back to what they were made from, extension lines included', () => {
    const line = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => [...s].every((c) => c.charCodeAt(0) >= 0x20))
    fc.assert(
      fc.property(line, fc.maxSafeNat(), fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.array(line, { maxLength: 3 }), (origin, size, r, extensions) => {
        const parsed = parseCheckpoint(formatCheckpoint({ origin, size, root: r, extensions }))
        expect({ ...parsed, root: [...parsed.root] }).toEqual({ origin, size, root: [...r], extensions })
      }),
      { numRuns: 100 },
    )
  })

  it('reject leading zeros, signs, non-canonical base64, short roots and missing newlines', () => {
    const bad = [
      `o\n012\n${rootLine}\n`,
      `o\n+12\n${rootLine}\n`,
      `o\n1.0\n${rootLine}\n`,
      `o\n9007199254740992\n${rootLine}\n`,
      `o\n12\n${rootLine}`,
      `o\n12\n${rootLine.slice(0, -1)}\n`,
      `o\n12\n${rootLine.replace('=', '')}\n`,
      `o\n12\n${Buffer.alloc(31).toString('base64')}\n`,
      `o\n12\n${rootLine.slice(0, -2)}9=\n`,
      `o\n12\n ${rootLine}\n`,
      `\n12\n${rootLine}\n`,
      `o\n12\n${rootLine}\n\n`,
      `o\n12\n`,
    ]
    for (const text of bad) expect(() => parseCheckpoint(text), JSON.stringify(text)).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID' }))
  })
})
