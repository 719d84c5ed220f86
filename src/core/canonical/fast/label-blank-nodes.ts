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
 * subject, then predicate, then object is the order of the lines. Predicates come from a small
 * vocabulary and are ranked once per process; subjects of one node share one string, so most
 * comparisons are an identity check and an integer subtraction.
 */
function sortedLines(quads: readonly Quad[], labels: readonly string[]): string {
  const predicateRank = predicateRanks(quads)
  const rows: Row[] = new Array(quads.length)
  for (let i = 0; i < quads.length; i++) {
    const q = quads[i]!
    const s = q.sb >= 0 ? labels[q.sb]! : q.s
    const o = q.ob >= 0 ? labels[q.ob]! : q.o
    rows[i] = { s, p: predicateRank.get(q.p)!, o, line: q.line ?? line(s, q.p, o) }
  }
  rows.sort(compareRows)
  let out = ''
  for (const row of rows) out += row.line
  return out
}

interface Row {
  s: string
  p: number
  o: string
  line: string
}

const compareStrings = (a: string, b: string): number => (a === b ? 0 : a < b ? -1 : 1)
const compareRows = (a: Row, b: Row): number => compareStrings(a.s, b.s) || a.p - b.p || compareStrings(a.o, b.o)

const MAX_PREDICATES = 4096
let ranks = new Map<string, number>()

/** Every predicate's position in code-unit order among all predicates seen; re-ranked only when a new one appears. */
function predicateRanks(quads: readonly Quad[]): Map<string, number> {
  let missing: string[] | undefined
  for (const q of quads) if (!ranks.has(q.p)) (missing ??= []).push(q.p)
  if (!missing) return ranks
  const all = ranks.size + missing.length > MAX_PREDICATES ? new Set(quads.map((q) => q.p)) : new Set([...ranks.keys(), ...missing])
  ranks = new Map([...all].sort().map((p, i) => [p, i]))
  return ranks
}

/** The dataset as N-Quads with provisional blank node labels, for rdf-canonize's full algorithm. */
export function provisionalNQuads(quads: readonly Quad[]): string {
  return quads.map((q) => line(q.sb >= 0 ? `_:b${q.sb}` : q.s, q.p, q.ob >= 0 ? `_:b${q.ob}` : q.o)).join('')
}
