import { ABSOLUTE_IRI, type ActiveContext, type ContextCache } from './context-cache.js'
import { iriTerm, literalTerm, nquadsLine } from './n-quads.js'
import { firstDegreeHash } from './first-degree-hash.js'
import { flat, sortStrings } from './sort-strings.js'
import type { Subtree, SubtreeCache } from './subtree-cache.js'

/**
 * A quad with its IRIs and literals already written in N-Quads form. A blank node is a number
 * (`sb`/`ob` >= 0) so labels can be assigned later; otherwise `s`/`o` hold the term. The graph is
 * the default one (`gb` -1) or a blank node (`gb` >= 0), as `@graph` containers (proofs) name them.
 */
export interface Quad {
  s: string
  sb: number
  p: string
  o: string
  ob: number
  gb: number
  /** The finished N-Quads line, kept for quads without blank nodes that a cached subtree replays. */
  line?: string
  /**
   * For a literal object, the JSON value it came from and the datatype its term coerces to (null for
   * none): jsonld's node map tells values apart by these (`util.compareValues`), not by the literal
   * written, so 0 and 5e-324 (both "0"), or 1.5 and "1.5" coerced to a datatype, are two quads.
   */
  v?: unknown
  t?: string | null
}

/** Thrown when the document uses a JSON-LD feature the fast path does not handle; the general path takes over. */
export const UNSUPPORTED = Symbol('unsupported by the fast path')

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'
const RDF_TYPE = flat(iriTerm(`${RDF}type`))
const RDF_FIRST = flat(iriTerm(`${RDF}first`))
const RDF_REST = flat(iriTerm(`${RDF}rest`))
const RDF_NIL = flat(iriTerm(`${RDF}nil`))

/** An RDF object or subject: a serialized term, or a blank node number. */
type Node = string | number

const unsupported = (): never => {
  throw UNSUPPORTED
}
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A named node for an expanded IRI, refusing anything that is not an absolute, non-blank IRI. */
function namedNode(iri: string | null): string {
  if (iri === null || !ABSOLUTE_IRI.test(iri) || iri.startsWith('_:')) return unsupported()
  return iriTerm(iri)
}

/**
 * The RDF dataset of a JSON-LD document, computed as jsonld's expansion and toRdf would, for the subset
 * of JSON-LD that credentials use: node objects, `@set`, `@list` and `@graph` containers (embedded
 * proofs), `@id`, `@vocab` and datatype coercion, embedded, type- and property-scoped contexts.
 * Anything else throws UNSUPPORTED; a
 * context that has not been processed yet throws a ContextMiss from the cache.
 * Mirrors jsonld 9 `lib/expand.js` (`api.expand`, `_expandObject`, `_expandValue`) and `lib/toRdf.js`.
 */
export function toQuads(document: unknown, contexts: ContextCache, subtrees?: SubtreeCache): Dataset {
  if (!isPlainObject(document) || !('@context' in document)) return unsupported()
  const walker = new Walker(contexts, subtrees)
  walker.node(contexts.top(document['@context']), null, document, true)
  const quads = walker.deduplicated()
  return { quads, blankNodes: walker.blankNodes, hashes: walker.hashes, repeatedLines: walker.repeatedLines }
}

/** The quads of a document, how many blank nodes (numbered from 0) they use, and any first-degree hashes already known. */
export interface Dataset {
  quads: Quad[]
  blankNodes: number
  hashes: ReadonlyArray<string | undefined>
  /**
   * True when two quads write the same line: distinct JSON values with one literal form on one
   * subject and predicate, which jsonld keeps as two quads (and rdf-canonize then hashes and writes
   * twice). Parsing N-Quads would merge them, so such a dataset cannot go to rdf-canonize as text.
   */
  repeatedLines: boolean
}

class Walker {
  private readonly quads: Quad[] = []
  private readonly subjects = new Set<string>()
  private readonly subjectLog: string[] = []
  readonly hashes: Array<string | undefined> = []
  /** Set when two node objects share a subject, or two keys a predicate: then repeats can cross them. */
  private repeatedSubject = false
  blankNodes = 0
  /** Set when two quads write the same line (see Dataset.repeatedLines). */
  repeatedLines = false
  /** The datatype the last literal `object` returned was coerced to (null for none). */
  private coercion: string | null = null
  /** The graph quads go to: -1 for the default graph, else the blank node naming a `@graph` container's graph. */
  private graph = -1

  constructor(
    private readonly contexts: ContextCache,
    private readonly subtrees?: SubtreeCache,
  ) {}

  /** Expands one node object and emits its quads; returns its subject. Frozen nested nodes with an id go through the subtree cache. */
  node(ctx: ActiveContext, activeProperty: string | null, element: Record<string, unknown>, top: boolean): Node {
    const subtrees = this.subtrees
    // Cached subtrees hold default-graph quads only: none is recorded or replayed inside a named graph.
    if (top || activeProperty === null || !subtrees || this.graph >= 0 || !Object.isFrozen(element)) return this.expand(ctx, activeProperty, element, top)
    const cached = subtrees.get(element, ctx, activeProperty)
    if (cached) return this.replay(cached)
    const firstQuad = this.quads.length
    const firstBlankNode = this.blankNodes
    const firstSubject = this.subjectLog.length
    const repeatedBefore = this.repeatedSubject
    const subject = this.expand(ctx, activeProperty, element, top)
    // Not a subtree with repeated lines either: a replay would not tell canonizeFast about them.
    if (typeof subject === 'string' && !(this.repeatedSubject && !repeatedBefore) && !this.repeatedLines && !this.namesGraphsFrom(firstQuad))
      subtrees.set(element, ctx, activeProperty, this.record(subject, firstQuad, firstBlankNode, firstSubject))
    return subject
  }

  /** True when a quad from `firstQuad` on lies in a named graph (such a subtree is not cached). */
  private namesGraphsFrom(firstQuad: number): boolean {
    for (let i = firstQuad; i < this.quads.length; i++) if (this.quads[i]!.gb >= 0) return true
    return false
  }

  /** A subtree just expanded, renumbered from blank node 0, with its blank nodes' hashes. */
  private record(subject: string, firstQuad: number, firstBlankNode: number, firstSubject: number): Subtree {
    const blankNodes = this.blankNodes - firstBlankNode
    const quads: Quad[] = []
    const related: Quad[][] = Array.from({ length: blankNodes }, () => [])
    for (let i = firstQuad; i < this.quads.length; i++) {
      const q = this.quads[i]!
      if (q.sb < 0 && q.ob < 0) {
        quads.push({ ...q, line: flat(nquadsLine(q.s, q.p, q.o)) })
        continue
      }
      const local: Quad = { s: q.s, sb: q.sb < 0 ? -1 : q.sb - firstBlankNode, p: q.p, o: q.o, ob: q.ob < 0 ? -1 : q.ob - firstBlankNode, gb: -1, v: q.v, t: q.t }
      quads.push(local)
      if (local.sb >= 0) related[local.sb]!.push(local)
      if (local.ob >= 0 && local.ob !== local.sb) related[local.ob]!.push(local)
    }
    const hashes = related.map((list, id) => firstDegreeHash(id, list))
    return { subject, quads, blankNodes, hashes, subjects: this.subjectLog.slice(firstSubject) }
  }

  /** Emits a cached subtree's quads with its blank nodes renumbered after the ones in use. */
  private replay(subtree: Subtree): Node {
    const offset = this.blankNodes
    for (const q of subtree.quads) {
      if (q.sb < 0 && q.ob < 0) this.quads.push(q)
      else this.quads.push({ s: q.s, sb: q.sb < 0 ? -1 : q.sb + offset, p: q.p, o: q.o, ob: q.ob < 0 ? -1 : q.ob + offset, gb: -1, v: q.v, t: q.t })
    }
    for (let i = 0; i < subtree.blankNodes; i++) this.hashes[offset + i] = subtree.hashes[i]
    this.blankNodes += subtree.blankNodes
    for (const subject of subtree.subjects) this.addSubject(subject)
    return subtree.subject
  }

  private addSubject(subject: string): void {
    if (this.subjects.has(subject)) this.repeatedSubject = true
    else this.subjects.add(subject)
    this.subjectLog.push(subject)
  }

  private expand(ctx: ActiveContext, activeProperty: string | null, element: Record<string, unknown>, top: boolean): Node {
    const { contexts } = this
    // jsonld walks keys in code-unit order; the order decides which type-scoped contexts apply first.
    const keys = sortStrings(Object.keys(element))
    if (keys.length === 0) return unsupported()
    if (!top) {
      const propertyScoped = activeProperty === null ? undefined : contexts.term(ctx, activeProperty).scoped
      ctx = this.revert(ctx, keys)
      if (propertyScoped !== undefined) ctx = contexts.apply(ctx, propertyScoped, 'property')
      // An embedded context (an endorsement's own @context) applies after the property-scoped one.
      if ('@context' in element) ctx = contexts.embedded(ctx, element['@context'])
    }
    const typeScoped = ctx
    let types: string[] | undefined
    for (const key of keys) {
      if (key === '@context' || contexts.term(ctx, key).iri !== '@type') continue
      const value = element[key]
      const values = typeof value === 'string' ? [value] : Array.isArray(value) ? (value as unknown[]) : unsupported()
      for (const type of values) if (typeof type !== 'string') unsupported()
      const sorted = values.length > 1 ? sortStrings([...(values as string[])]) : (values as string[])
      for (const type of sorted) {
        const scoped = contexts.term(typeScoped, type).scoped
        if (scoped !== undefined) ctx = contexts.apply(ctx, scoped, 'type')
      }
      types = types ? types.concat(sorted) : sorted
    }

    const terms = keys.map((key) => (key === '@context' ? undefined : contexts.term(ctx, key)))
    let id: string | undefined
    for (let i = 0; i < keys.length; i++) {
      if (terms[i]?.iri !== '@id') continue
      const value = element[keys[i]!]
      if (id !== undefined || typeof value !== 'string') return unsupported()
      id = namedNode(contexts.expandId(ctx, value))
    }
    let subject: Node
    if (id === undefined) {
      subject = this.blankNodes++
    } else {
      subject = id
      this.addSubject(id)
    }

    // Two keys with one predicate (an alias, a full IRI beside its term) merge in jsonld's node map.
    const predicates: string[] = []
    if (types) {
      predicates.push(RDF_TYPE)
      const objects = types.map((type) => namedNode(contexts.expandType(typeScoped, type)))
      for (const object of objects.length > 1 ? new Set(objects) : objects) this.emit(subject, RDF_TYPE, object)
    }
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!
      const term = terms[i]
      if (term === undefined) continue
      const iri = term.iri
      if (iri === '@id' || iri === '@type') continue
      const predicate = term.predicate
      if (predicate === undefined || iri === null || term.reverse) return unsupported()
      if (predicates.includes(predicate)) this.repeatedSubject = true
      predicates.push(predicate)
      const container = term.container
      const isList = container !== null && container.length === 1 && container[0] === '@list'
      const isGraph = container !== null && container.length === 1 && container[0] === '@graph'
      if (container !== null && !isList && !isGraph && (container.length !== 1 || container[0] !== '@set')) return unsupported()
      if (term.type === '@json') return unsupported()
      const termCtx = term.scoped === undefined ? ctx : contexts.apply(ctx, term.scoped, 'property')
      const value = element[key]
      if (isGraph) {
        for (const item of Array.isArray(value) ? value : [value]) this.emit(subject, predicate, this.graphOf(termCtx, key, item))
      } else if (isList) {
        this.emit(subject, predicate, this.list(termCtx, key, iri, Array.isArray(value) ? value : [value]))
      } else if (Array.isArray(value)) {
        const termContainer = contexts.term(termCtx, key).container
        if (value.length === 0 || termContainer?.includes('@list')) return unsupported()
        const objects = value.map((item) => this.object(termCtx, key, iri, item))
        // One term, one coercion for every literal among the items.
        const coercion = contexts.term(termCtx, key).type
        if (objects.length === 1 || new Set(objects).size === objects.length) {
          for (let j = 0; j < objects.length; j++) this.emitValue(subject, predicate, objects[j]!, value[j], coercion)
        } else {
          // The node map keeps one copy of a repeated value (blank nodes are always distinct): one
          // copy per JSON value for literals, which may write one line for two values.
          for (let j = 0; j < objects.length; j++) {
            const object = objects[j]!
            if (objects.indexOf(object) < j && (!isLiteral(object) || value.slice(0, j).some((other, k) => objects[k] === object && other === value[j]))) continue
            if (objects.indexOf(object) < j) this.repeatedLines = true
            this.emitValue(subject, predicate, object, value[j], coercion)
          }
        }
      } else {
        const object = this.object(termCtx, key, iri, value)
        // A literal is object()'s last step, so `coercion` is still the one it was written with.
        this.emitValue(subject, predicate, object, value, this.coercion)
      }
    }
    return subject
  }

  /** api.expand's rule: a nested node object drops the type-scoped context unless it is a subject reference. */
  private revert(ctx: ActiveContext, keys: string[]): ActiveContext {
    if (!ctx.previousContext) return ctx
    if (keys.length <= 2) {
      for (const key of keys) {
        const iri = this.contexts.term(ctx, key).iri
        if (iri === '@value') return unsupported()
        if (iri === '@id' && keys.length === 1) return ctx
      }
    }
    return ctx.previousContext
  }

  /**
   * One value of a `@graph` container, as jsonld expands it (`{"@graph": [node]}`) and its node map
   * names it: a fresh blank node, the name of the graph the node's quads go to. Only node objects.
   */
  private graphOf(ctx: ActiveContext, key: string, item: unknown): Node {
    if (!isPlainObject(item)) return unsupported()
    const name = this.blankNodes++
    const outer = this.graph
    this.graph = name
    this.node(ctx, key, item, false)
    this.graph = outer
    return name
  }

  /** An `@list` value as jsonld's `_listToRDF` writes it: a chain of rdf:first / rdf:rest blank nodes. */
  private list(ctx: ActiveContext, key: string, predicateIri: string, items: unknown[]): Node {
    const objects = items.map((item) => this.object(ctx, key, predicateIri, item))
    let rest: Node = RDF_NIL
    const cells = objects.map(() => this.blankNodes++)
    for (let i = objects.length - 1; i >= 0; i--) {
      this.emit(cells[i]!, RDF_FIRST, objects[i]!)
      this.emit(cells[i]!, RDF_REST, rest)
      rest = cells[i]!
    }
    return rest
  }

  /** The RDF object for one JSON value of `key`: a nested node's subject, an IRI or a literal. */
  private object(ctx: ActiveContext, key: string, predicateIri: string, value: unknown): Node {
    if (isPlainObject(value)) return this.node(ctx, key, value, false)
    if (value === null || value === undefined || Array.isArray(value)) return unsupported()
    const term = this.contexts.term(ctx, key)
    if (term.iri !== predicateIri) return unsupported()
    const type = term.type
    if (type === '@id' || type === '@vocab') {
      if (typeof value !== 'string') return unsupported()
      return namedNode(type === '@id' ? this.contexts.expandId(ctx, value) : this.contexts.expandType(ctx, value))
    }
    if (type !== null && type.startsWith('@')) return unsupported()
    if (type === null && typeof value === 'string' && (term.language !== null || term.direction !== null)) return unsupported()
    this.coercion = type
    return literalTerm(value, type) ?? unsupported()
  }

  /** Emits a property's value: with its JSON value and coercion when it is a literal (see Quad.v). */
  private emitValue(subject: Node, predicate: string, object: Node, value: unknown, coercion: string | null): void {
    if (isLiteral(object)) this.emit(subject, predicate, object, value, coercion)
    else this.emit(subject, predicate, object)
  }

  private emit(subject: Node, predicate: string, object: Node, value?: unknown, coercion?: string | null): void {
    const sb = typeof subject === 'number' ? subject : -1
    const ob = typeof object === 'number' ? object : -1
    this.quads.push({ s: sb >= 0 ? '' : (subject as string), sb, p: predicate, o: ob >= 0 ? '' : (object as string), ob, gb: this.graph, v: value, t: coercion })
  }

  /**
   * The quads as a set. Within one node object repeats are removed as they are emitted; a subject IRI
   * that appears in two node objects (jsonld merges them in its node map) needs a pass over all quads.
   */
  deduplicated(): Quad[] {
    if (!this.repeatedSubject) return this.quads
    const seen = new Map<string, Quad[]>()
    return this.quads.filter((q) => {
      const key = `${q.sb}${q.s} ${q.p} ${q.ob}${q.o} ${q.gb}`
      const same = seen.get(key)
      if (!same) {
        seen.set(key, [q])
        return true
      }
      // A literal is the same value only when its JSON value and coercion are (util.compareValues).
      if (q.ob >= 0 || !isLiteral(q.o) || same.some((other) => other.v === q.v && other.t === q.t)) return false
      same.push(q)
      this.repeatedLines = true
      return true
    })
  }
}

/** True for a serialized literal (`"…"`), false for an IRI or a blank node. */
const isLiteral = (object: Node): boolean => typeof object === 'string' && object.charCodeAt(0) === 34
