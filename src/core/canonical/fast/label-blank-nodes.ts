import { firstDegreeHash } from './first-degree-hash.js'
import { nquadsLine as line } from './n-quads.js'
import type { Quad } from './to-quads.js'

/**
 * RDFC-1.0 canonical N-Quads when every blank node has a unique first-degree hash (§4.4 steps 1-5),
 * which is the case for every credential shape Emblem issues. Returns undefined when two blank nodes
 * share a hash: those need the N-degree algorithm, which the caller leaves to rdf-canonize.
 * @see https://www.w3.org/TR/rdf-canon/#canon-algorithm
 */
export function canonicalNQuads(quads: readonly Quad[], blankNodeCount: number, known: ReadonlyArray<string | undefined> = []): string | undefined {
  const quadsOf: Quad[][] = new Array(blankNodeCount)
  for (let id = 0; id < blankNodeCount; id++) quadsOf[id] = []
  for (const quad of quads) {
    if (quad.sb >= 0) quadsOf[quad.sb]!.push(quad)
    if (quad.ob >= 0 && quad.ob !== quad.sb) quadsOf[quad.ob]!.push(quad)
  }

  const byHash = new Map<string, number>()
  for (let id = 0; id < blankNodeCount; id++) {
    const related = quadsOf[id]!
    if (related.length === 0) continue
    const digest = known[id] ?? firstDegreeHash(id, related)
    if (byHash.has(digest)) return undefined
    byHash.set(digest, id)
  }
  const labels: string[] = new Array(blankNodeCount)
  let next = 0
  for (const digest of [...byHash.keys()].sort()) labels[byHash.get(digest)!] = `_:c14n${next++}`

  return sortedLines(quads, labels)
}

/**
 * The canonical lines in code-unit order, sorted without comparing whole lines: a term never has
 * another term as a proper prefix followed by a character below the separator, so ordering by
 * subject, then predicate, then object is the order of the lines. Subjects and predicates repeat,
 * so each is ranked once and the per-line comparison is on integers and the object alone.
 */
function sortedLines(quads: readonly Quad[], labels: readonly string[]): string {
  const subjectRank = rank(quads, (q) => (q.sb >= 0 ? labels[q.sb]! : q.s))
  const predicateRank = rank(quads, (q) => q.p)
  const rows: Row[] = new Array(quads.length)
  for (let i = 0; i < quads.length; i++) {
    const q = quads[i]!
    const s = q.sb >= 0 ? labels[q.sb]! : q.s
    rows[i] = { s: subjectRank.get(s)!, p: predicateRank.get(q.p)!, o: q.ob >= 0 ? labels[q.ob]! : q.o, line: '' }
    rows[i]!.line = q.line ?? line(s, q.p, rows[i]!.o)
  }
  rows.sort(compareRows)
  let out = ''
  for (const row of rows) out += row.line
  return out
}

interface Row {
  s: number
  p: number
  o: string
  line: string
}

const compareRows = (a: Row, b: Row): number => a.s - b.s || a.p - b.p || (a.o < b.o ? -1 : a.o > b.o ? 1 : 0)

/** Each distinct value of `key` with its position in code-unit order. */
function rank(quads: readonly Quad[], key: (q: Quad) => string): Map<string, number> {
  const distinct = new Set<string>()
  for (const q of quads) distinct.add(key(q))
  const ranks = new Map<string, number>()
  let i = 0
  for (const value of [...distinct].sort()) ranks.set(value, i++)
  return ranks
}

/** The dataset as N-Quads with provisional blank node labels, for rdf-canonize's full algorithm. */
export function provisionalNQuads(quads: readonly Quad[]): string {
  return quads.map((q) => line(q.sb >= 0 ? `_:b${q.sb}` : q.s, q.p, q.ob >= 0 ? `_:b${q.ob}` : q.o)).join('')
}
