import { firstDegreeHash } from './first-degree-hash.js'
import { nquadsLine as line } from './n-quads.js'
import { sortStrings } from './sort-strings.js'
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
    if (quad.gb >= 0 && quad.gb !== quad.sb && quad.gb !== quad.ob) quadsOf[quad.gb]!.push(quad)
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
  for (const digest of sortStrings([...byHash.keys()])) labels[byHash.get(digest)!] = labelOf(next++)

  return sortedLines(quads, labels)
}

const LABELS = Array.from({ length: 64 }, (_, i) => `_:c14n${i}`)
const labelOf = (i: number): string => LABELS[i] ?? `_:c14n${i}`

/**
 * The canonical lines in code-unit order, sorted without comparing whole lines: a term never has
 * another term as a proper prefix followed by a character below the separator, so ordering by
 * subject, then predicate, then object is the order of the lines. Predicates come from a small
 * vocabulary and are ranked once per process, the few distinct subjects once per document; each line
 * then sorts by one number (subject rank, predicate rank, position) in a typed array, and only lines
 * that share subject and predicate compare their objects.
 */
function sortedLines(quads: readonly Quad[], labels: readonly string[]): string {
  const n = quads.length
  const predicateRank = predicateRanks(quads)
  const subjects: string[] = new Array(n)
  const objects: string[] = new Array(n)
  const graphs: Array<string | undefined> = new Array(n)
  const subjectRank = new Map<string, number>()
  // A node object's quads are emitted together: a subject is mostly the one before it, and looked up once per run.
  let previous: string | undefined
  for (let i = 0; i < n; i++) {
    const q = quads[i]!
    const s = q.sb >= 0 ? labels[q.sb]! : q.s
    subjects[i] = s
    objects[i] = q.ob >= 0 ? labels[q.ob]! : q.o
    graphs[i] = q.gb >= 0 ? labels[q.gb]! : undefined
    if (s !== previous) subjectRank.set((previous = s), 0)
  }
  if (n >= POSITIONS || subjectRank.size * MAX_PREDICATES * POSITIONS > Number.MAX_SAFE_INTEGER) return sortedByComparing(quads, subjects, objects, graphs, predicateRank)
  let rank = 0
  for (const s of sortStrings([...subjectRank.keys()])) subjectRank.set(s, rank++)
  const keys = KEYS.subarray(0, n)
  previous = undefined
  let base = 0
  for (let i = 0; i < n; i++) {
    const s = subjects[i]!
    if (s !== previous) base = subjectRank.get((previous = s))! * MAX_PREDICATES
    keys[i] = (base + predicateRank.get(quads[i]!.p)!) * POSITIONS + i
  }
  keys.sort()
  const order: number[] = new Array(n)
  for (let i = 0; i < n; i++) order[i] = keys[i]! % POSITIONS
  // Lines with one subject and predicate sit together, in document order: order them by object, then graph.
  for (let start = 0; start < n; ) {
    const group = Math.floor(keys[start]! / POSITIONS)
    let end = start + 1
    while (end < n && Math.floor(keys[end]! / POSITIONS) === group) end++
    if (end - start > 1) sortRange(order, start, end, objects, graphs)
    start = end
  }
  const lines: string[] = new Array(n)
  for (let k = 0; k < n; k++) {
    const i = order[k]!
    lines[k] = quads[i]!.line ?? line(subjects[i]!, quads[i]!.p, objects[i]!, graphs[i])
  }
  return lines.join('')
}

/** Lines per document the numeric sort keys make room for; a larger document compares rows. */
const POSITIONS = 1024
/** The sort keys' storage, reused (canonicalization is synchronous): a typed array is costly to allocate. */
const KEYS = new Float64Array(POSITIONS)

/** Sorts order[start, end) by object, then graph (the default graph first; insertion sort: groups are small). */
function sortRange(order: number[], start: number, end: number, objects: readonly string[], graphs: ReadonlyArray<string | undefined>): void {
  for (let k = start + 1; k < end; k++) {
    const item = order[k]!
    let j = k - 1
    while (j >= start && isAfter(order[j]!, item, objects, graphs)) {
      order[j + 1] = order[j]!
      j--
    }
    order[j + 1] = item
  }
}

/** The same order for documents too large for numeric keys: rows compared field by field. */
function sortedByComparing(
  quads: readonly Quad[],
  subjects: readonly string[],
  objects: readonly string[],
  graphs: ReadonlyArray<string | undefined>,
  predicateRank: Map<string, number>,
): string {
  const rows: Row[] = quads.map((q, i) => ({
    s: subjects[i]!,
    p: predicateRank.get(q.p)!,
    o: objects[i]!,
    g: graphs[i] ?? '',
    line: q.line ?? line(subjects[i]!, q.p, objects[i]!, graphs[i]),
  }))
  rows.sort(compareRows)
  return rows.map((row) => row.line).join('')
}

const isAfter = (a: number, b: number, objects: readonly string[], graphs: ReadonlyArray<string | undefined>): boolean =>
  objects[a]! > objects[b]! || (objects[a] === objects[b] && (graphs[a] ?? '') > (graphs[b] ?? ''))

interface Row {
  s: string
  p: number
  o: string
  g: string
  line: string
}

const compareStrings = (a: string, b: string): number => (a === b ? 0 : a < b ? -1 : 1)
const compareRows = (a: Row, b: Row): number => compareStrings(a.s, b.s) || a.p - b.p || compareStrings(a.o, b.o) || compareStrings(a.g, b.g)

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
  return quads.map((q) => line(q.sb >= 0 ? `_:b${q.sb}` : q.s, q.p, q.ob >= 0 ? `_:b${q.ob}` : q.o, q.gb >= 0 ? `_:b${q.gb}` : undefined)).join('')
}
