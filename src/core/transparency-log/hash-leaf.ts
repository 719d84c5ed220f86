import { hash } from 'node:crypto'

/** A SHA-256 Merkle tree hash: 32 bytes. */
export type Hash = Uint8Array

/** Bytes in a tree hash (SHA-256). */
export const HASH_SIZE = 32

const LEAF_PREFIX = 0x00
const NODE_PREFIX = 0x01
/** 0x01 || left || right for two 32-byte children, rewritten by each call (hashing is synchronous). */
const NODE_INPUT = new Uint8Array(1 + 2 * HASH_SIZE).fill(NODE_PREFIX, 0, 1)
/** 0x00 || entry for entries under 4 KiB (log entries are a few hundred bytes), rewritten likewise. */
const LEAF_INPUT = new Uint8Array(4096)

const sha256 = (data: Uint8Array): Hash => {
  const digest = hash('sha256', data, 'buffer')
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength)
}

/**
 * RFC 9162 §2.1.1: a 0x00 prefix keeps leaf hashes apart from node hashes.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1
 */
export function hashLeaf(entry: Uint8Array): Hash {
  const data = entry.length < LEAF_INPUT.length ? LEAF_INPUT.subarray(0, 1 + entry.length) : new Uint8Array(1 + entry.length)
  data[0] = LEAF_PREFIX
  data.set(entry, 1)
  return sha256(data)
}

/**
 * RFC 9162 §2.1.1: an interior node is SHA-256(0x01 || left || right) over its children's 32-byte hashes.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1
 */
export function hashChildren(left: Uint8Array, right: Uint8Array): Hash {
  if (left.length === HASH_SIZE && right.length === HASH_SIZE) {
    // The common case, with no allocation but the digest's: a tile's 255 inner nodes hash at append time.
    NODE_INPUT.set(left, 1)
    NODE_INPUT.set(right, 1 + HASH_SIZE)
    return sha256(NODE_INPUT)
  }
  const data = new Uint8Array(1 + left.length + right.length)
  data[0] = NODE_PREFIX
  data.set(left, 1)
  data.set(right, 1 + left.length)
  return sha256(data)
}

/**
 * RFC 9162 §2.1.1: the root of the empty tree, SHA-256 of no bytes.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1
 */
export const emptyRoot = (): Hash => sha256(new Uint8Array(0))

/** True when `a` and `b` hold the same bytes (not constant time: tree hashes are public). */
export function isSameHash(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** True when `value` is a 32-byte Uint8Array, the only hash size RFC 9162 with SHA-256 allows. */
export const isHash = (value: unknown): value is Hash => value instanceof Uint8Array && value.length === HASH_SIZE
