import { PlatformError } from '../errors.js'
import { hashChildren, isHash, isSameHash, type Hash } from './hash-leaf.js'
import { assertTreeIndex, isTreeIndex, type NodeReader } from './node-id.js'
import { pathPlan, readProof, type ProofPlan } from './proof-plan.js'

const invalid = (message: string): PlatformError => new PlatformError('ERR_PROOF_INVALID', `Inclusion proof: ${message}`)

/**
 * RFC 9162 §2.1.3.1: the nodes of the audit path of leaf `index` in the tree of `size` leaves.
 * O(log size). `ERR_INPUT_INVALID` unless index < size.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.1
 */
export function inclusionProofPlan(index: number, size: number): ProofPlan {
  assertTreeIndex(index, 'index')
  assertTreeIndex(size, 'size')
  if (index >= size) throw new PlatformError('ERR_INPUT_INVALID', `Leaf index ${index} is not in a tree of size ${size}`)
  return pathPlan(0, index, size)
}

/**
 * RFC 9162 §2.1.3.1: the audit path of leaf `index` in the tree of `size` leaves, reading
 * O(log size) complete subtrees through `getNode`.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.1
 * @example
 * const proof = inclusionProof(5, 8, (level, index) => store.node(level, index))
 */
export const inclusionProof = (index: number, size: number, getNode: NodeReader): Hash[] =>
  readProof(inclusionProofPlan(index, size), getNode)

/**
 * RFC 9162 §2.1.3.2: the root an inclusion proof leads to. `ERR_PROOF_INVALID` when the index is
 * not below the size, the leaf or a proof hash is not 32 bytes, or the proof has the wrong length.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2
 */
export function rootFromInclusionProof(index: number, size: number, leafHash: Hash, proof: readonly Hash[]): Hash {
  if (!isTreeIndex(index) || !isTreeIndex(size)) throw invalid('index and size must be non-negative integers below 2^53')
  if (index >= size) throw invalid(`leaf index ${index} is not in a tree of size ${size}`)
  if (!isHash(leafHash)) throw invalid('the leaf hash is not 32 bytes')
  if (!proof.every(isHash)) throw invalid('a proof hash is not 32 bytes')
  let fn = index
  let sn = size - 1
  let r = leafHash
  for (const p of proof) {
    if (sn === 0) throw invalid('the proof is too long')
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r)
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2
        sn = Math.floor(sn / 2)
      }
    } else {
      r = hashChildren(r, p)
    }
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  if (sn !== 0) throw invalid('the proof is too short')
  return r
}

/**
 * RFC 9162 §2.1.3.2: throws `ERR_PROOF_INVALID`, saying why, unless the proof leads from the leaf to `root`.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2
 */
export function checkInclusion(index: number, size: number, leafHash: Hash, proof: readonly Hash[], root: Hash): void {
  if (!isSameHash(rootFromInclusionProof(index, size, leafHash, proof), root)) throw invalid('the proof leads to a different root')
}

/**
 * RFC 9162 §2.1.3.2: true when the proof shows leaf `index` with `leafHash` in the tree of `size` with `root`.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2
 * @example
 * verifyInclusion(logIndex, checkpoint.size, hashLeaf(entry), proof, checkpoint.root) // true
 */
export function verifyInclusion(index: number, size: number, leafHash: Hash, proof: readonly Hash[], root: Hash): boolean {
  try {
    checkInclusion(index, size, leafHash, proof, root)
    return true
  } catch (err) {
    if (err instanceof PlatformError) return false
    throw err
  }
}
