import { PlatformError } from '../errors.js'
import { hashChildren, isHash, isSameHash, type Hash } from './hash-leaf.js'
import { assertTreeIndex, isTreeIndex, pow2, trailingZeros, type NodeReader } from './node-id.js'
import { pathPlan, readProof, type ProofPlan } from './proof-plan.js'

const inconsistent = (message: string): PlatformError =>
  new PlatformError('ERR_LOG_INCONSISTENT', `Consistency proof: ${message}`)

/**
 * RFC 9162 §2.1.4.1: the nodes of the proof that the tree of `size1` leaves is a prefix of the
 * tree of `size2`. O(log size2). `ERR_INPUT_INVALID` unless 0 < size1 <= size2.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.1
 */
export function consistencyProofPlan(size1: number, size2: number): ProofPlan {
  assertTreeIndex(size1, 'size1')
  assertTreeIndex(size2, 'size2')
  if (size1 === 0 || size1 > size2) {
    throw new PlatformError('ERR_INPUT_INVALID', `No consistency proof from size ${size1} to size ${size2}: requires 0 < size1 <= size2`)
  }
  if (size1 === size2) return []
  // The largest complete subtree ending at size1; SUBPROOF walks from it to the root of size2.
  const level = trailingZeros(size1)
  const index = size1 / pow2(level) - 1
  const path = pathPlan(level, index, size2)
  // When size1 is a power of two that subtree is the old root, which the verifier already has.
  return index === 0 ? path : [[{ level, index }], ...path]
}

/**
 * RFC 9162 §2.1.4.1: the consistency proof from `size1` to `size2`, reading O(log size2) nodes.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.1
 * @example
 * const proof = consistencyProof(saved.size, latest.size, (level, index) => store.node(level, index))
 */
export const consistencyProof = (size1: number, size2: number, getNode: NodeReader): Hash[] =>
  readProof(consistencyProofPlan(size1, size2), getNode)

/**
 * RFC 9162 §2.1.4.2: throws `ERR_LOG_INCONSISTENT`, saying why, unless the proof shows the tree
 * (`size1`, `root1`) is a prefix of (`size2`, `root2`). Stricter than the RFC: size1 = 0 fails.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.2
 */
export function checkConsistency(size1: number, size2: number, proof: readonly Hash[], root1: Hash, root2: Hash): void {
  if (!isTreeIndex(size1) || !isTreeIndex(size2)) throw inconsistent('sizes must be non-negative integers below 2^53')
  if (size1 === 0) throw inconsistent('nothing to prove from the empty tree (size1 = 0)')
  if (size1 > size2) throw inconsistent(`size1 ${size1} is larger than size2 ${size2}`)
  if (size1 === size2) {
    if (proof.length > 0) throw inconsistent('equal sizes need an empty proof')
    if (!isSameHash(root1, root2)) throw inconsistent(`two different roots for size ${size1}`)
    return
  }
  if (proof.length === 0) throw inconsistent('the proof is empty')
  if (!proof.every(isHash)) throw inconsistent('a proof hash is not 32 bytes')
  const path = size1 === pow2(trailingZeros(size1)) ? [root1, ...proof] : proof
  let fn = size1 - 1
  let sn = size2 - 1
  while (fn % 2 === 1) {
    fn = (fn - 1) / 2
    sn = Math.floor(sn / 2)
  }
  let fr = path[0]!
  let sr = fr
  for (const c of path.slice(1)) {
    if (sn === 0) throw inconsistent('the proof is too long')
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr)
      sr = hashChildren(c, sr)
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2
        sn = Math.floor(sn / 2)
      }
    } else {
      sr = hashChildren(sr, c)
    }
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  if (sn !== 0) throw inconsistent('the proof is too short')
  if (!isSameHash(fr, root1)) throw inconsistent(`the proof does not lead to the root of size ${size1}`)
  if (!isSameHash(sr, root2)) throw inconsistent(`the proof does not lead to the root of size ${size2}`)
}

/**
 * RFC 9162 §2.1.4.2: true when the proof shows the tree of `size1` is a prefix of the tree of `size2`.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.2
 * @example
 * verifyConsistency(saved.size, latest.size, proof, saved.root, latest.root) // true
 */
export function verifyConsistency(size1: number, size2: number, proof: readonly Hash[], root1: Hash, root2: Hash): boolean {
  try {
    checkConsistency(size1, size2, proof, root1, root2)
    return true
  } catch (err) {
    if (err instanceof PlatformError) return false
    throw err
  }
}
