import { hash } from 'node:crypto'
import type { Quad } from './to-quads.js'

const line = (s: string, p: string, o: string): string => `${s} ${p} ${o} .\n`

/**
 * RDFC-1.0 canonical N-Quads when every blank node has a unique first-degree hash (§4.4 steps 1-5),
 * which is the case for every credential shape Emblem issues. Returns undefined when two blank nodes
 * share a hash: those need the N-degree algorithm, which the caller leaves to rdf-canonize.
 * @see https://www.w3.org/TR/rdf-canon/#canon-algorithm
 */
export function canonicalNQuads(quads: readonly Quad[], blankNodeCount: number): string | undefined {
  const quadsOf: Quad[][] = Array.from({ length: blankNodeCount }, () => [])
  for (const quad of quads) {
    if (quad.sb >= 0) quadsOf[quad.sb]!.push(quad)
    if (quad.ob >= 0 && quad.ob !== quad.sb) quadsOf[quad.ob]!.push(quad)
  }

  const byHash = new Map<string, number>()
  for (let id = 0; id < blankNodeCount; id++) {
    const related = quadsOf[id]!
    if (related.length === 0) continue
    const digest = firstDegreeHash(id, related)
    if (byHash.has(digest)) return undefined
    byHash.set(digest, id)
  }
  const labels: string[] = new Array(blankNodeCount)
  let next = 0
  for (const digest of [...byHash.keys()].sort()) labels[byHash.get(digest)!] = `_:c14n${next++}`

  const lines = quads.map((q) => line(q.sb >= 0 ? labels[q.sb]! : q.s, q.p, q.ob >= 0 ? labels[q.ob]! : q.o))
  return lines.sort().join('')
}

/** The dataset as N-Quads with provisional blank node labels, for rdf-canonize's full algorithm. */
export function provisionalNQuads(quads: readonly Quad[]): string {
  return quads.map((q) => line(q.sb >= 0 ? `_:b${q.sb}` : q.s, q.p, q.ob >= 0 ? `_:b${q.ob}` : q.o)).join('')
}

/** RDFC-1.0 §4.6 Hash First Degree Quads: the node itself as `_:a`, every other blank node as `_:z`. */
function firstDegreeHash(id: number, quads: readonly Quad[]): string {
  const lines = quads.map((q) => line(q.sb < 0 ? q.s : q.sb === id ? '_:a' : '_:z', q.p, q.ob < 0 ? q.o : q.ob === id ? '_:a' : '_:z'))
  lines.sort()
  return hash('sha256', lines.join(''), 'hex')
}
