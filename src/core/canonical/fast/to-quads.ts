import type { ActiveContext, ContextCache } from './context-cache.js'

/** An RDF term in the shape rdf-canonize uses. */
export interface Term {
  termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph'
  value: string
  datatype?: { termType: 'NamedNode'; value: string }
}

/** An RDF quad in the shape rdf-canonize uses. */
export interface Quad {
  subject: Term
  predicate: Term
  object: Term
  graph: Term
}

/** Thrown when the document uses a JSON-LD feature the fast path does not handle; the general path takes over. */
export const UNSUPPORTED = Symbol('unsupported by the fast path')

const RDF_TYPE: Term = { termType: 'NamedNode', value: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type' }
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'
const RDF_FIRST: Term = { termType: 'NamedNode', value: `${RDF}first` }
const RDF_REST: Term = { termType: 'NamedNode', value: `${RDF}rest` }
const RDF_NIL: Term = { termType: 'NamedNode', value: `${RDF}nil` }
const DEFAULT_GRAPH: Term = { termType: 'DefaultGraph', value: '' }
const XSD = 'http://www.w3.org/2001/XMLSchema#'
const XSD_STRING = `${XSD}string`
const XSD_BOOLEAN = `${XSD}boolean`
const XSD_INTEGER = `${XSD}integer`
const XSD_DOUBLE = `${XSD}double`
// jsonld's own test for an absolute IRI (lib/url.js); blank node labels are refused separately.
const ABSOLUTE_IRI = /^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$/

const unsupported = (): never => {
  throw UNSUPPORTED
}
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A named node for an expanded IRI, refusing anything that is not an absolute, non-blank IRI. */
function namedNode(iri: string | null): Term {
  if (iri === null || !ABSOLUTE_IRI.test(iri) || iri.startsWith('_:')) return unsupported()
  return { termType: 'NamedNode', value: iri }
}

/**
 * The RDF dataset of a JSON-LD document, computed as jsonld's expansion and toRdf would, for the subset
 * of JSON-LD that credentials use: node objects, `@set` containers, term, `@id`, `@vocab` and datatype
 * coercion, and type- and property-scoped contexts. Anything else throws UNSUPPORTED. A context that
 * has not been processed yet throws a ContextMiss from the cache.
 * Mirrors jsonld 9 `lib/expand.js` (`api.expand`, `_expandObject`, `_expandValue`) and `lib/toRdf.js`.
 */
export function toQuads(document: unknown, contexts: ContextCache): Quad[] {
  if (!isPlainObject(document) || !('@context' in document)) return unsupported()
  const walker = new Walker(contexts)
  walker.node(contexts.top(document['@context']), null, document, true)
  return walker.quads
}

class Walker {
  readonly quads: Quad[] = []
  private readonly seen = new Set<string>()
  private blankNodes = 0

  constructor(private readonly contexts: ContextCache) {}

  /** Expands one node object and emits its quads; returns its subject term. */
  node(ctx: ActiveContext, activeProperty: string | null, element: Record<string, unknown>, top: boolean): Term {
    const { contexts } = this
    // jsonld walks keys in code-unit order; the order decides which type-scoped contexts apply first.
    const keys = Object.keys(element).sort()
    if (keys.length === 0) return unsupported()
    if (!top) {
      if ('@context' in element) return unsupported()
      const propertyScoped = activeProperty === null ? undefined : contexts.value(ctx, activeProperty, '@context')
      ctx = this.revert(ctx, element, keys)
      if (propertyScoped !== undefined) ctx = contexts.apply(ctx, propertyScoped, 'property')
    }
    const typeScoped = ctx
    const types: string[] = []
    for (const key of keys) {
      if (key === '@context' || contexts.expandVocab(ctx, key) !== '@type') continue
      const value = element[key]
      const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value : unsupported()
      for (const type of values) if (typeof type !== 'string') unsupported()
      const sorted = values.length > 1 ? [...(values as string[])].sort() : (values as string[])
      for (const type of sorted) {
        const scoped = contexts.value(typeScoped, type, '@context')
        if (scoped !== undefined) ctx = contexts.apply(ctx, scoped, 'type')
      }
      types.push(...(values as string[]))
    }

    let subject: Term | undefined
    const properties: Array<[string, string]> = []
    for (const key of keys) {
      if (key === '@context') continue
      const expanded = contexts.expandVocab(ctx, key)
      if (expanded === '@id') {
        const id = element[key]
        if (subject !== undefined || typeof id !== 'string') return unsupported()
        subject = namedNode(contexts.expandId(ctx, id))
      } else if (expanded === '@type') {
        continue
      } else if (expanded === null || expanded.startsWith('@') || !ABSOLUTE_IRI.test(expanded) || expanded.startsWith('_:')) {
        return unsupported()
      } else {
        properties.push([key, expanded])
      }
    }
    subject ??= this.blankNode()

    for (const type of types) this.emit(subject, RDF_TYPE, namedNode(contexts.expandType(typeScoped, type)))
    for (const [key, predicateIri] of properties) {
      const definition = ctx.mappings.get(key)
      if (definition?.reverse) return unsupported()
      const container = contexts.value(ctx, key, '@container') as string[] | null
      const isList = container?.length === 1 && container[0] === '@list'
      if (container && !isList && (container.length !== 1 || container[0] !== '@set')) return unsupported()
      if (contexts.value(ctx, key, '@type') === '@json') return unsupported()
      const scoped = contexts.value(ctx, key, '@context')
      const termCtx = scoped === undefined ? ctx : contexts.apply(ctx, scoped, 'property')
      const predicate: Term = { termType: 'NamedNode', value: predicateIri }
      const value = element[key]
      if (isList) {
        this.emit(subject, predicate, this.list(termCtx, key, predicateIri, Array.isArray(value) ? value : [value]))
      } else if (Array.isArray(value)) {
        const termContainer = contexts.value(termCtx, key, '@container') as string[] | null
        if (value.length === 0 || termContainer?.includes('@list')) return unsupported()
        for (const item of value) this.emit(subject, predicate, this.object(termCtx, key, predicateIri, item))
      } else {
        this.emit(subject, predicate, this.object(termCtx, key, predicateIri, value))
      }
    }
    return subject
  }

  /** api.expand's rule: a nested node object drops the type-scoped context unless it is a subject reference. */
  private revert(ctx: ActiveContext, element: Record<string, unknown>, keys: string[]): ActiveContext {
    if (!ctx.previousContext) return ctx
    if (keys.length <= 2) {
      for (const key of keys) {
        const expanded = this.contexts.expandVocab(ctx, key)
        if (expanded === '@value') return unsupported()
        if (expanded === '@id' && keys.length === 1) return ctx
      }
    }
    return ctx.previousContext
  }

  /** An `@list` value as jsonld's `_listToRDF` writes it: a chain of rdf:first / rdf:rest blank nodes. */
  private list(ctx: ActiveContext, key: string, predicateIri: string, items: unknown[]): Term {
    const terms = items.map((item) => this.object(ctx, key, predicateIri, item))
    let rest: Term = RDF_NIL
    const cells = terms.map(() => this.blankNode())
    for (let i = terms.length - 1; i >= 0; i--) {
      this.emit(cells[i]!, RDF_FIRST, terms[i]!)
      this.emit(cells[i]!, RDF_REST, rest)
      rest = cells[i]!
    }
    return rest
  }

  private blankNode(): Term {
    return { termType: 'BlankNode', value: `b${this.blankNodes++}` }
  }

  /** The RDF object for one JSON value of `key`: a nested node's subject, an IRI or a literal. */
  private object(ctx: ActiveContext, key: string, predicateIri: string, value: unknown): Term {
    if (isPlainObject(value)) return this.node(ctx, key, value, false)
    if (value === null || value === undefined || Array.isArray(value)) return unsupported()
    const { contexts } = this
    if (contexts.expandVocab(ctx, key) !== predicateIri) return unsupported()
    const type = contexts.value(ctx, key, '@type') as string | null
    if (type === '@id' || type === '@vocab') {
      if (typeof value !== 'string') return unsupported()
      return namedNode(type === '@id' ? contexts.expandId(ctx, value) : contexts.expandType(ctx, value))
    }
    if (type === '@none' || (type !== null && type.startsWith('@'))) return unsupported()
    if (type === null && typeof value === 'string') {
      if (contexts.value(ctx, key, '@language') !== null || contexts.value(ctx, key, '@direction') !== null) return unsupported()
    }
    return literal(value, type)
  }

  private emit(subject: Term, predicate: Term, object: Term): void {
    const key = `${subject.termType[0]}${subject.value}\u0000${predicate.value}\u0000${object.termType[0]}${object.value}\u0000${object.datatype?.value ?? ''}`
    if (this.seen.has(key)) return
    this.seen.add(key)
    this.quads.push({ subject, predicate, object, graph: DEFAULT_GRAPH })
  }
}

/** A literal as jsonld's `_objectToRDF` writes a value: booleans, canonical doubles, integers, strings. */
function literal(value: unknown, datatype: string | null): Term {
  let lexical: string
  let type: string
  if (typeof value === 'boolean') {
    lexical = String(value)
    type = datatype ?? XSD_BOOLEAN
  } else if (typeof value === 'number' && !Number.isFinite(value)) {
    return unsupported()
  } else if ((typeof value === 'number' && isDouble(value)) || datatype === XSD_DOUBLE) {
    const number = typeof value === 'number' ? value : parseFloat(String(value))
    if (!Number.isFinite(number)) return unsupported()
    lexical = number.toExponential(15).replace(/(\d)0*e\+?/, '$1E')
    type = datatype ?? XSD_DOUBLE
  } else if (typeof value === 'number') {
    lexical = value.toFixed(0)
    type = datatype ?? XSD_INTEGER
  } else if (typeof value === 'string') {
    lexical = value
    type = datatype ?? XSD_STRING
  } else {
    return unsupported()
  }
  return { termType: 'Literal', value: lexical, datatype: { termType: 'NamedNode', value: type } }
}

// jsonld lib/types.js isDouble
const isDouble = (v: number): boolean => String(v).includes('.') || Math.abs(v) >= 1e21
