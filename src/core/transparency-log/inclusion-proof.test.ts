import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isPlatformError } from '../errors.js'
import { checkInclusion, inclusionProof, inclusionProofPlan, rootFromInclusionProof, verifyInclusion } from './inclusion-proof.js'
import { hex, leafHashesOf, nodeTable, referencePath, referenceRoot } from '../../../test/support/merkle-reference-tree.js'

const flipBit = (bytes: Uint8Array, bit: number): Uint8Array => {
  const copy = Uint8Array.from(bytes)
  copy[bit >> 3]! ^= 1 << (bit & 7)
  return copy
}

const MAX = 2000
const leaves = leafHashesOf(MAX)
const nodes = nodeTable(leaves)
const sizeAndIndex = fc.integer({ min: 1, max: MAX }).chain((size) => fc.tuple(fc.constant(size), fc.nat(size - 1)))

describe('inclusionProof', () => {
  it('proves every leaf of a random tree against the naive root', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX }), (size) => {
        const root = referenceRoot(leaves.slice(0, size))
        for (let index = 0; index < size; index++) {
          expect(verifyInclusion(index, size, leaves[index]!, inclusionProof(index, size, nodes), root)).toBe(true)
        }
      }),
      { numRuns: 8 },
    )
  })

  it('gives the same audit path as the naive PATH of RFC 9162', () => {
    fc.assert(
      fc.property(sizeAndIndex, ([size, index]) => {
        const proof = inclusionProof(index, size, nodes)
        expect(proof.map(hex)).toEqual(referencePath(index, leaves.slice(0, size)).map(hex))
      }),
      { numRuns: 60 },
    )
  })

  it('reads O(log n) nodes, even in trees of millions of leaves', () => {
    let reads = 0
    const anyNode = () => (reads++, leaves[0]!)
    for (const size of [1_000_000, 10_000_000, 2 ** 40 + 12345]) {
      reads = 0
      const started = performance.now()
      for (const index of [0, size >> 1, size - 1]) inclusionProof(index, size, anyNode)
      expect(performance.now() - started).toBeLessThan(15)
      expect(reads).toBeLessThanOrEqual(3 * 2 * Math.ceil(Math.log2(size)))
    }
  })

  it('refuses an index outside the tree as bad input and a fractional index as a bug', () => {
    expect(() => inclusionProofPlan(8, 8)).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID' }))
    expect(() => inclusionProofPlan(1.5, 8)).toThrow(TypeError)
  })
})

describe('verifyInclusion', () => {
  it('rejects a proof with any single bit flipped in the proof, the root or the leaf', () => {
    fc.assert(
      fc.property(sizeAndIndex, fc.nat(), fc.nat(255), ([size, index], which, bit) => {
        const proof = inclusionProof(index, size, nodes)
        const root = referenceRoot(leaves.slice(0, size))
        const leaf = leaves[index]!
        const target = which % (proof.length + 2)
        if (target < proof.length) {
          const bad = proof.map((p, i) => (i === target ? flipBit(p, bit) : p))
          expect(verifyInclusion(index, size, leaf, bad, root)).toBe(false)
        } else if (target === proof.length) {
          expect(verifyInclusion(index, size, leaf, proof, flipBit(root, bit))).toBe(false)
        } else {
          expect(verifyInclusion(index, size, flipBit(leaf, bit), proof, root)).toBe(false)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('rejects a proof presented for another leaf index', () => {
    fc.assert(
      fc.property(sizeAndIndex, fc.nat(MAX), ([size, index], other) => {
        const proof = inclusionProof(index, size, nodes)
        const root = referenceRoot(leaves.slice(0, size))
        if (other !== index) expect(verifyInclusion(other, size, leaves[index]!, proof, root)).toBe(false)
      }),
      { numRuns: 100 },
    )
  })

  it('accepts a proof under another size only where the path has the same shape (the root, not the proof, fixes the size)', () => {
    // Leaf 0 has three right siblings in trees of 5..8 leaves alike, so the size is not bound by the proof.
    const proof = inclusionProof(0, 7, nodes)
    const root = referenceRoot(leaves.slice(0, 7))
    expect(verifyInclusion(0, 8, leaves[0]!, proof, root)).toBe(true)
    expect(verifyInclusion(0, 4, leaves[0]!, proof, root)).toBe(false)
  })

  it('says why a proof fails through ERR_PROOF_INVALID', () => {
    const proof = inclusionProof(3, 7, nodes)
    const root = referenceRoot(leaves.slice(0, 7))
    const reasonOf = (run: () => unknown): string => {
      try {
        run()
        return 'passed'
      } catch (err) {
        if (!isPlatformError(err, 'ERR_PROOF_INVALID')) throw err
        return err.message
      }
    }
    expect(reasonOf(() => checkInclusion(3, 7, leaves[3]!, proof, root))).toBe('passed')
    expect(reasonOf(() => checkInclusion(3, 7, leaves[3]!, proof.slice(1), root))).toMatch(/too short/)
    expect(reasonOf(() => checkInclusion(3, 7, leaves[3]!, [...proof, root], root))).toMatch(/too long/)
    expect(reasonOf(() => checkInclusion(7, 7, leaves[3]!, proof, root))).toMatch(/not in a tree of size 7/)
    expect(reasonOf(() => checkInclusion(3, 7, leaves[3]!.subarray(1), proof, root))).toMatch(/leaf hash is not 32 bytes/)
    expect(reasonOf(() => checkInclusion(3, 7, leaves[4]!, proof, root))).toMatch(/different root/)
    expect(reasonOf(() => rootFromInclusionProof(2 ** 64, 2 ** 64 + 1, leaves[3]!, proof))).toMatch(/below 2\^53/)
  })
})
