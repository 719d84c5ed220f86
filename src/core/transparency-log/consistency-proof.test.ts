import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isPlatformError } from '../errors.js'
import { checkConsistency, consistencyProof, consistencyProofPlan, verifyConsistency } from './consistency-proof.js'
import { hex, leafHashesOf, nodeTable, referenceProof, referenceRoot } from '../../../test/support/merkle-reference-tree.js'
import { rootFromNodes } from './tree-root.js'

const flipBit = (bytes: Uint8Array, bit: number): Uint8Array => {
  const copy = Uint8Array.from(bytes)
  copy[bit >> 3]! ^= 1 << (bit & 7)
  return copy
}

const MAX = 2000
const leaves = leafHashesOf(MAX)
const nodes = nodeTable(leaves)
const rootAt = (size: number) => rootFromNodes(size, nodes)
const sizes = fc
  .integer({ min: 1, max: MAX })
  .chain((size2) => fc.tuple(fc.integer({ min: 1, max: size2 }), fc.constant(size2)))

describe('consistencyProof', () => {
  it('proves every prefix of a random tree consistent with the whole tree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX }), (size2) => {
        const root2 = referenceRoot(leaves.slice(0, size2))
        for (let size1 = 1; size1 <= size2; size1++) {
          expect(verifyConsistency(size1, size2, consistencyProof(size1, size2, nodes), rootAt(size1), root2)).toBe(true)
        }
      }),
      { numRuns: 6 },
    )
  })

  it('gives the same proof as the naive PROOF/SUBPROOF of RFC 9162', () => {
    fc.assert(
      fc.property(sizes, ([size1, size2]) => {
        const proof = consistencyProof(size1, size2, nodes)
        expect(proof.map(hex)).toEqual(referenceProof(size1, leaves.slice(0, size2)).map(hex))
      }),
      { numRuns: 60 },
    )
  })

  it('reads O(log n) nodes, even in trees of millions of leaves', () => {
    let reads = 0
    const anyNode = () => (reads++, leaves[0]!)
    for (const size2 of [1_000_000, 10_000_000, 2 ** 40 + 12345]) {
      reads = 0
      const started = performance.now()
      for (const size1 of [1, 999_999, size2 >> 1, size2 - 1]) consistencyProof(size1, size2, anyNode)
      expect(performance.now() - started).toBeLessThan(15)
      expect(reads).toBeLessThanOrEqual(4 * 2 * Math.ceil(Math.log2(size2)))
    }
  })

  it('has nothing to prove from the empty tree or to a smaller tree', () => {
    expect(() => consistencyProofPlan(0, 5)).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID' }))
    expect(() => consistencyProofPlan(6, 5)).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID' }))
    expect(consistencyProofPlan(5, 5)).toEqual([])
  })
})

describe('verifyConsistency', () => {
  it('rejects a proof with any single bit flipped in the proof or either root', () => {
    fc.assert(
      fc.property(sizes, fc.nat(), fc.nat(255), ([size1, size2], which, bit) => {
        const proof = consistencyProof(size1, size2, nodes)
        const [root1, root2] = [rootAt(size1), rootAt(size2)]
        const target = which % (proof.length + 2)
        if (target < proof.length) {
          const bad = proof.map((p, i) => (i === target ? flipBit(p, bit) : p))
          expect(verifyConsistency(size1, size2, bad, root1, root2)).toBe(false)
        } else if (target === proof.length) {
          expect(verifyConsistency(size1, size2, proof, flipBit(root1, bit), root2)).toBe(false)
        } else {
          expect(verifyConsistency(size1, size2, proof, root1, flipBit(root2, bit))).toBe(false)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('rejects a tree that rewrote an old leaf', () => {
    const forked = [...leaves.slice(0, 100)]
    forked[37] = leaves[1999]!
    const forkedNodes = nodeTable(forked)
    const proof = consistencyProof(50, 100, forkedNodes)
    expect(verifyConsistency(50, 100, proof, rootAt(50), rootFromNodes(100, forkedNodes))).toBe(false)
  })

  it('says why a proof fails through ERR_LOG_INCONSISTENT', () => {
    const proof = consistencyProof(3, 7, nodes)
    const reasonOf = (run: () => unknown): string => {
      try {
        run()
        return 'passed'
      } catch (err) {
        if (!isPlatformError(err, 'ERR_LOG_INCONSISTENT')) throw err
        return err.message
      }
    }
    expect(reasonOf(() => checkConsistency(3, 7, proof, rootAt(3), rootAt(7)))).toBe('passed')
    expect(reasonOf(() => checkConsistency(0, 0, [], rootAt(0), rootAt(0)))).toMatch(/size1 = 0/)
    expect(reasonOf(() => checkConsistency(7, 3, proof, rootAt(7), rootAt(3)))).toMatch(/larger than size2/)
    expect(reasonOf(() => checkConsistency(4, 4, [], rootAt(4), rootAt(5)))).toMatch(/two different roots/)
    expect(reasonOf(() => checkConsistency(3, 7, [], rootAt(3), rootAt(7)))).toMatch(/empty/)
    expect(reasonOf(() => checkConsistency(3, 7, proof.slice(1), rootAt(3), rootAt(7)))).toMatch(/too short/)
    expect(reasonOf(() => checkConsistency(3, 7, [...proof, rootAt(1)], rootAt(3), rootAt(7)))).toMatch(/too long/)
    expect(reasonOf(() => checkConsistency(3, 7, proof, rootAt(2), rootAt(7)))).toMatch(/root of size 3/)
    expect(reasonOf(() => checkConsistency(3, 7, proof, rootAt(3), rootAt(6)))).toMatch(/root of size 7/)
  })
})
