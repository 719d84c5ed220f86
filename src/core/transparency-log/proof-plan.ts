import type { Hash } from './hash-leaf.js'
import { pow2, rangeNodes, type NodeId, type NodeReader } from './node-id.js'
import { foldRange } from './tree-root.js'

/**
 * The nodes a proof is made of, in proof order: each group folds (right to left) into one proof
 * hash. A group holds one complete subtree, or the compact range of an incomplete right edge.
 * A store fetches `proofNodeIds(plan)` in one batch, then calls `assembleProof`.
 */
export type ProofPlan = readonly (readonly NodeId[])[]

/** Every node a plan reads, in order: what a store fetches before `assembleProof`. */
export const proofNodeIds = (plan: ProofPlan): NodeId[] => plan.flat()

/**
 * The audit path of the complete subtree (level, index) in the tree of `size` leaves, from the
 * subtree up to the root (RFC 9162 §2.1.3.1 PATH, generalised from leaves to subtrees).
 * Requires the subtree to lie within the tree. O(log size) nodes.
 */
export function pathPlan(level: number, index: number, size: number): NodeId[][] {
  const plan: NodeId[][] = []
  let k = level
  let idx = index
  // The node at level k that holds our subtree is the whole tree once 2^k >= size.
  while (pow2(k) < size) {
    if (idx % 2 === 1) {
      plan.push([{ level: k, index: idx - 1 }])
    } else {
      const siblingStart = (idx + 1) * pow2(k)
      if (siblingStart < size) {
        plan.push(siblingStart + pow2(k) <= size ? [{ level: k, index: idx + 1 }] : rangeNodes(siblingStart, size))
      }
      // An absent right sibling: RFC 9162 promotes the node a level unchanged, so nothing is added.
    }
    idx = Math.floor(idx / 2)
    k++
  }
  return plan
}

/** Turns the hashes of `proofNodeIds(plan)`, in that order, into the proof's hashes. */
export function assembleProof(plan: ProofPlan, nodeHashes: readonly Hash[]): Hash[] {
  const proof: Hash[] = []
  let next = 0
  for (const group of plan) {
    const hashes = nodeHashes.slice(next, next + group.length)
    if (hashes.length !== group.length) throw new TypeError(`assembleProof needs ${proofNodeIds(plan).length} node hashes, got ${nodeHashes.length}`)
    proof.push(foldRange(hashes))
    next += group.length
  }
  if (next !== nodeHashes.length) throw new TypeError(`assembleProof needs ${next} node hashes, got ${nodeHashes.length}`)
  return proof
}

/** Reads every node of a plan through `getNode` and assembles the proof. */
export const readProof = (plan: ProofPlan, getNode: NodeReader): Hash[] =>
  assembleProof(plan, proofNodeIds(plan).map((node) => getNode(node.level, node.index)))
