import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { emptyRoot, hashChildren, hashLeaf, isSameHash } from './hash-leaf.js'
import { rangeNodes } from './node-id.js'
import { hex, leafHashesOf, nodeTable, referenceLeafHash, referenceRoot } from '../../../test/support/merkle-reference-tree.js'
import { foldRange, rootFromNodes, rootOf } from './tree-root.js'

describe('hashLeaf and hashChildren', () => {
  it('prefix leaves with 0x00 and nodes with 0x01 so a node never hashes like a leaf', () => {
    const left = hashLeaf(Uint8Array.of(1))
    const right = hashLeaf(Uint8Array.of(2))
    const concatenated = new Uint8Array([...left, ...right])
    expect(hex(hashChildren(left, right))).not.toBe(hex(hashLeaf(concatenated)))
    expect(hex(hashChildren(left, right))).not.toBe(hex(hashChildren(right, left)))
  })

  it('hashes the empty tree to SHA-256 of no bytes', () => {
    expect(hex(emptyRoot())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })

  it('agrees with the naive leaf hash for any entry', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (entry) => isSameHash(hashLeaf(entry), referenceLeafHash(entry))))
  })
})

describe('rootOf', () => {
  it('is the naive Merkle Tree Hash for every size up to 300', () => {
    const leaves = leafHashesOf(300)
    for (let n = 0; n <= 300; n++) expect(hex(rootOf(leaves.slice(0, n)))).toBe(hex(referenceRoot(leaves.slice(0, n))))
  })

  it('is the leaf hash itself for a one-leaf tree', () => {
    const [leaf] = leafHashesOf(1)
    expect(hex(rootOf([leaf!]))).toBe(hex(leaf!))
  })
})

describe('rootFromNodes', () => {
  it('rebuilds every root of sizes 1..2000 from complete subtrees, reading one node per set bit of the size', () => {
    const leaves = leafHashesOf(2000)
    const nodes = nodeTable(leaves)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), (n) => {
        const before = nodes.reads
        const root = rootFromNodes(n, nodes)
        expect(nodes.reads - before).toBe(n.toString(2).replace(/0/g, '').length)
        expect(hex(root)).toBe(hex(referenceRoot(leaves.slice(0, n))))
      }),
      { numRuns: 60 },
    )
  })
})

describe('rangeNodes and foldRange', () => {
  it('cover a range exactly, with aligned subtrees, left to right', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.nat(5000), (a, b) => {
        const [begin, end] = a <= b ? [a, b] : [b, a]
        let pos = begin
        for (const { level, index } of rangeNodes(begin, end)) {
          expect(index * 2 ** level).toBe(pos)
          pos += 2 ** level
        }
        expect(pos).toBe(end)
      }),
    )
  })

  it('fold a right edge into the hash of that incomplete subtree', () => {
    const leaves = leafHashesOf(13)
    const nodes = nodeTable(leaves)
    const edge = foldRange(rangeNodes(8, 13).map((n) => nodes(n.level, n.index)))
    expect(hex(edge)).toBe(hex(referenceRoot(leaves.slice(8, 13))))
  })

  it('refuses to fold nothing', () => {
    expect(() => foldRange([])).toThrow(TypeError)
  })
})
