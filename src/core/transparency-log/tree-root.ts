import { emptyRoot, hashChildren, type Hash } from './hash-leaf.js'
import { assertTreeIndex, rangeNodes, type NodeReader } from './node-id.js'

/**
 * Folds the hashes of a compact range, right to left, into the hash of the whole range: the
 * Merkle Tree Hash of RFC 9162 §2.1.1 when the range is [0, n) or a right edge [k·2^j, n).
 * Requires at least one hash.
 */
export function foldRange(hashes: readonly Hash[]): Hash {
  let acc = hashes[hashes.length - 1]
  if (acc === undefined) throw new TypeError('foldRange needs at least one hash')
  for (let i = hashes.length - 2; i >= 0; i--) acc = hashChildren(hashes[i]!, acc)
  return acc
}

/**
 * RFC 9162 §2.1.1: the Merkle Tree Hash of the given leaf hashes, for any number of leaves.
 * Linear time, logarithmic memory.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1
 */
export function rootOf(leafHashes: readonly Hash[]): Hash {
  if (leafHashes.length === 0) return emptyRoot()
  // A stack of complete subtrees, levels strictly decreasing: merging equal levels as leaves
  // arrive leaves exactly the binary decomposition of the size, which folds into the root.
  const hashes: Hash[] = []
  const levels: number[] = []
  for (const leaf of leafHashes) {
    let hash = leaf
    let level = 0
    while (levels.length > 0 && levels[levels.length - 1] === level) {
      levels.pop()
      hash = hashChildren(hashes.pop()!, hash)
      level++
    }
    hashes.push(hash)
    levels.push(level)
  }
  return foldRange(hashes)
}

/**
 * RFC 9162 §2.1.1: the root of the tree of `size` leaves from its complete subtrees, reading
 * O(log size) nodes. Requires every node of the tree of that size to be readable.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1
 */
export function rootFromNodes(size: number, getNode: NodeReader): Hash {
  assertTreeIndex(size, 'size')
  if (size === 0) return emptyRoot()
  return foldRange(rangeNodes(0, size).map((node) => getNode(node.level, node.index)))
}
