// Test-only: a naive Merkle tree written straight from RFC 9162 §2.1, to check the real code
// against. Recursive, quadratic where the RFC is, and not exported from the package index.
import { createHash } from 'node:crypto'
import type { Hash } from '../../src/core/transparency-log/hash-leaf.js'
import type { NodeReader } from '../../src/core/transparency-log/node-id.js'

const sha256 = (...parts: Uint8Array[]): Hash => {
  const h = createHash('sha256')
  for (const part of parts) h.update(part)
  return new Uint8Array(h.digest())
}

/** RFC 9162 §2.1.1: MTH({d(0)}) = SHA-256(0x00 || d(0)). */
export const referenceLeafHash = (entry: Uint8Array): Hash => sha256(Uint8Array.of(0), entry)

const node = (left: Hash, right: Hash): Hash => sha256(Uint8Array.of(1), left, right)

/** The largest power of two smaller than n (n > 1). */
const split = (n: number): number => {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

/** RFC 9162 §2.1.1 MTH over leaf hashes: the empty hash, the leaf itself, or a split at k. */
export function referenceRoot(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return sha256()
  if (leaves.length === 1) return leaves[0]!
  const k = split(leaves.length)
  return node(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)))
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]). */
export function referencePath(m: number, leaves: readonly Hash[]): Hash[] {
  const n = leaves.length
  if (n === 1) return []
  const k = split(n)
  if (m < k) return [...referencePath(m, leaves.slice(0, k)), referenceRoot(leaves.slice(k))]
  return [...referencePath(m - k, leaves.slice(k)), referenceRoot(leaves.slice(0, k))]
}

/** RFC 9162 §2.1.4.1 SUBPROOF(m, D[n], b). */
function subproof(m: number, leaves: readonly Hash[], isOriginal: boolean): Hash[] {
  const n = leaves.length
  if (m === n) return isOriginal ? [] : [referenceRoot(leaves)]
  const k = split(n)
  if (m <= k) return [...subproof(m, leaves.slice(0, k), isOriginal), referenceRoot(leaves.slice(k))]
  return [...subproof(m - k, leaves.slice(k), false), referenceRoot(leaves.slice(0, k))]
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
export const referenceProof = (m: number, leaves: readonly Hash[]): Hash[] => subproof(m, leaves, true)

/** Leaf hashes of `n` distinct entries (the entry is the index as 4 big-endian bytes). */
export function leafHashesOf(n: number): Hash[] {
  const leaves: Hash[] = []
  for (let i = 0; i < n; i++) {
    const entry = new Uint8Array(4)
    new DataView(entry.buffer).setUint32(0, i)
    leaves.push(referenceLeafHash(entry))
  }
  return leaves
}

/** Every complete subtree of the tree over `leaves`, by level: the O(1) node store a log would keep. */
export function nodeTable(leaves: readonly Hash[]): NodeReader & { reads: number } {
  const levels: Hash[][] = [[...leaves]]
  for (let below = levels[0]!; below.length >= 2; ) {
    const above: Hash[] = []
    for (let i = 0; i + 1 < below.length; i += 2) above.push(node(below[i]!, below[i + 1]!))
    levels.push(above)
    below = above
  }
  const read = (level: number, index: number): Hash => {
    read.reads++
    const hash = levels[level]?.[index]
    if (!hash) throw new Error(`node (${level}, ${index}) is not complete in a tree of ${leaves.length}`)
    return hash
  }
  read.reads = 0
  return read
}

/** Lowercase hex of some bytes. */
export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')

/** Bytes of lowercase hex. */
export const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'))
