import type { Hash } from './hash-leaf.js'

/** A complete subtree of the log: the 2^level leaves starting at leaf `index * 2^level`. */
export interface NodeId {
  readonly level: number
  readonly index: number
}

/** Reads the hash of a complete subtree; a store answers from its tiles or its node table in O(1). */
export type NodeReader = (level: number, index: number) => Hash

/** Largest level a safe-integer tree can have. */
const MAX_LEVEL = 53

/** 2^k for 0 <= k <= 53, exact in a double. */
export const pow2 = (k: number): number => 2 ** k

/** True when `n` is an integer in [0, 2^53): the sizes and indexes this package accepts. */
export const isTreeIndex = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0

/** Throws TypeError unless `n` is a non-negative safe integer: a caller bug, not bad input. */
export function assertTreeIndex(n: number, what: string): void {
  if (!isTreeIndex(n)) throw new TypeError(`${what} must be a non-negative safe integer, got ${String(n)}`)
}

/** The number of times 2 divides `n` (n > 0), without 32-bit bitwise operators. */
export function trailingZeros(n: number): number {
  let k = 0
  while (n % 2 === 0) {
    n /= 2
    k++
  }
  return k
}

/**
 * The complete subtrees that cover leaves [begin, end), left to right, each as large as its
 * alignment allows (a compact range). For [0, n) they are the binary digits of n, largest first.
 * Requires 0 <= begin <= end.
 */
export function rangeNodes(begin: number, end: number): NodeId[] {
  const nodes: NodeId[] = []
  let pos = begin
  while (pos < end) {
    let level = 0
    while (level < MAX_LEVEL && pos % pow2(level + 1) === 0 && pos + pow2(level + 1) <= end) level++
    nodes.push({ level, index: pos / pow2(level) })
    pos += pow2(level)
  }
  return nodes
}
