import { createHash } from 'node:crypto'
import rdfCanonize from 'rdf-canonize'
import type { Quad, Term } from './to-quads.js'

const { NQuads } = rdfCanonize as unknown as {
  NQuads: { serializeQuadComponents(s: Term, p: Term, o: Term, g: Term): string }
}

const serialize = (s: Term, p: Term, o: Term, g: Term): string => NQuads.serializeQuadComponents(s, p, o, g)

/**
 * RDFC-1.0 canonical N-Quads when every blank node has a unique first-degree hash (§4.4 steps 1-5),
 * which is the case for every credential shape Emblem issues. Returns undefined when two blank nodes
 * share a hash: those need the N-degree algorithm, which the caller leaves to rdf-canonize.
 * @see https://www.w3.org/TR/rdf-canon/#canon-algorithm
 */
export function canonicalNQuads(quads: readonly Quad[]): string | undefined {
  const quadsOf = new Map<string, Set<Quad>>()
  const track = (term: Term, quad: Quad) => {
    if (term.termType !== 'BlankNode') return
    const set = quadsOf.get(term.value)
    if (set) set.add(quad)
    else quadsOf.set(term.value, new Set([quad]))
  }
  for (const quad of quads) {
    track(quad.subject, quad)
    track(quad.object, quad)
    track(quad.graph, quad)
  }

  const byHash = new Map<string, string>()
  for (const [id, related] of quadsOf) {
    const hash = firstDegreeHash(id, related)
    if (byHash.has(hash)) return undefined
    byHash.set(hash, id)
  }
  const canonical = new Map<string, Term>()
  for (const hash of [...byHash.keys()].sort()) {
    canonical.set(byHash.get(hash)!, { termType: 'BlankNode', value: `c14n${canonical.size}` })
  }

  const relabel = (term: Term): Term => (term.termType === 'BlankNode' ? canonical.get(term.value)! : term)
  const lines = quads.map((q) => serialize(relabel(q.subject), q.predicate, relabel(q.object), relabel(q.graph)))
  return lines.sort().join('')
}

const A: Term = { termType: 'BlankNode', value: 'a' }
const Z: Term = { termType: 'BlankNode', value: 'z' }

/** RDFC-1.0 §4.6 Hash First Degree Quads: the node itself as `_:a`, every other blank node as `_:z`. */
function firstDegreeHash(id: string, quads: Set<Quad>): string {
  const mark = (term: Term): Term => (term.termType !== 'BlankNode' ? term : term.value === id ? A : Z)
  const lines: string[] = []
  for (const q of quads) lines.push(serialize(mark(q.subject), q.predicate, mark(q.object), mark(q.graph)))
  lines.sort()
  const digest = createHash('sha256')
  for (const line of lines) digest.update(line)
  return digest.digest('hex')
}
