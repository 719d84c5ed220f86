import { createRequire } from 'node:module'
import { deserialize, serialize } from 'node:v8'
import type { DocumentLoader } from '../document-loader.js'
import { iriTerm } from './n-quads.js'
import { flat } from './sort-strings.js'

const require = createRequire(import.meta.url)

/** A term definition as jsonld's context processor records it. */
export interface TermDefinition {
  '@id'?: string
  '@type'?: string
  '@container'?: string[]
  '@context'?: unknown
  '@language'?: string | null
  '@direction'?: string | null
  reverse?: boolean
}

/** jsonld's active context: term definitions plus the context a type-scoped context reverts to. */
export interface ActiveContext {
  mappings: Map<string, TermDefinition | null>
  previousContext?: ActiveContext
}

interface JsonldContextApi {
  process(args: {
    activeCtx: ActiveContext
    localCtx: unknown
    options: object
    propagate?: boolean
    overrideProtected?: boolean
  }): Promise<ActiveContext>
  getInitialContext(options: object): ActiveContext & ContextMethods
  expandIri(ctx: ActiveContext, value: string, relativeTo: { vocab?: boolean; base?: boolean }, options: object): string | null
  getContextValue(ctx: ActiveContext, key: string | null, type: string): unknown
}

// The fast path reuses jsonld's own context processing (the part that is pure and cacheable), so term
// definitions are exactly the ones the general path uses; it replaces only the per-call expansion.
const contextApi = require('jsonld/lib/context.js') as JsonldContextApi
const ContextResolver = require('jsonld/lib/ContextResolver.js') as new (args: { sharedCache: Map<string, unknown> }) => unknown

/** jsonld's own test for an absolute IRI (lib/url.js). */
export const ABSOLUTE_IRI = /^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$/

/** Everything expansion asks of a term in one context, looked up once. */
export interface TermInfo {
  /** The key expanded as a vocabulary term: an IRI, a keyword, or null. */
  iri: string | null
  container: string[] | null
  type: string | null
  /** The term's scoped context, or undefined. */
  scoped: unknown
  language: unknown
  direction: unknown
  reverse: boolean
  /** The N-Quads form of `iri` when it is an absolute IRI usable as a predicate, else undefined. */
  predicate: string | undefined
}

/** The methods jsonld puts on every active context (lib/context.js getInitialContext); a snapshot carries data only. */
interface ContextMethods {
  clone: unknown
  getInverse: unknown
  revertToPreviousContext: unknown
}

/**
 * One memo entry: a top-level context by its JSON text, a scoped context applied to `parent` (type-scoped,
 * or property-scoped) by the local context object, or a node's own context applied to `parent` by its JSON text.
 */
type MemoEntry =
  | { kind: 'top'; key: string; ctx: ActiveContext }
  | { kind: 'type' | 'property'; parent: ActiveContext; local: unknown; ctx: ActiveContext }
  | { kind: 'embedded'; parent: ActiveContext; key: string; ctx: ActiveContext }

/** What a snapshot holds; `fingerprint` names the contexts and the jsonld it was made with (see context-snapshot.ts). */
interface Snapshot {
  format: typeof SNAPSHOT_FORMAT
  fingerprint: string
  entries: MemoEntry[]
}

const SNAPSHOT_FORMAT = 'emblem-active-contexts/1'

/** Thrown by a cache miss: the caller awaits `load()` and tries again. */
export class ContextMiss {
  constructor(readonly load: () => Promise<void>) {}
}

const failOnEvent = ({ event }: { event: { code: string; message: string } }) => {
  throw new Error(`JSON-LD context event ${event.code}: ${event.message}`)
}

/**
 * Processed JSON-LD active contexts, memoised by (parent context, local context, flags). Contexts are
 * immutable once bundled, so each combination is processed once per process and then looked up
 * synchronously.
 */
export class ContextCache {
  private readonly options: object
  private readonly initialContext: ActiveContext
  private readonly children = new WeakMap<ActiveContext, Map<unknown, ActiveContext>>()
  private readonly vocab = new WeakMap<ActiveContext, Map<string, string | null>>()
  private readonly terms = new WeakMap<ActiveContext, Map<string, TermInfo>>()
  private readonly types = new WeakMap<ActiveContext, Map<string, string | null>>()
  private lastTermsOf: ActiveContext | undefined
  private lastTerms: Map<string, TermInfo> | undefined
  private readonly topLevel = new Map<string, ActiveContext>()
  private readonly embeddedChildren = new WeakMap<ActiveContext, Map<string, ActiveContext>>()
  /** Contexts being processed, per memo map and key: concurrent misses on one context share one processing. */
  private readonly loading = new WeakMap<Map<unknown, ActiveContext>, Map<unknown, Promise<void>>>()
  /** Every context this cache processed, in order, when it records them for a snapshot. */
  private readonly journal: MemoEntry[] | undefined

  constructor(documentLoader: DocumentLoader, { record = false }: { record?: boolean } = {}) {
    this.journal = record ? [] : undefined
    this.options = {
      documentLoader,
      contextResolver: new ContextResolver({ sharedCache: new Map() }),
      base: null,
      processingMode: 'json-ld-1.1',
      eventHandler: failOnEvent,
    }
    this.initialContext = contextApi.getInitialContext(this.options)
  }

  /** The active context for a document's top-level `@context` value. */
  top(localCtx: unknown): ActiveContext {
    const key = JSON.stringify(localCtx)
    const found = this.topLevel.get(key)
    if (found) return found
    this.miss(this.topLevel, key, async () => {
      const ctx = await contextApi.process({ activeCtx: this.initialContext, localCtx, options: this.options })
      if (this.topLevel.size > 256) this.topLevel.clear()
      this.topLevel.set(key, ctx)
      this.journal?.push({ kind: 'top', key, ctx })
    })
  }

  /** `active` with a scoped context applied: type-scoped (propagate false) or property-scoped (override protected). */
  apply(active: ActiveContext, localCtx: unknown, scope: 'type' | 'property'): ActiveContext {
    const byLocal = this.childrenOf(active)
    const memoKey = scope === 'type' ? localCtx : propertyKey(localCtx)
    const found = byLocal.get(memoKey)
    if (found) return found
    const map = byLocal
    this.miss(map, memoKey, async () => {
      const ctx = await contextApi.process({
        activeCtx: active,
        localCtx,
        options: this.options,
        propagate: scope !== 'type',
        overrideProtected: scope === 'property',
      })
      map.set(memoKey, ctx)
      this.journal?.push({ kind: scope, parent: active, local: localCtx, ctx })
    })
  }

  private childrenOf(active: ActiveContext): Map<unknown, ActiveContext> {
    let byLocal = this.children.get(active)
    if (!byLocal) this.children.set(active, (byLocal = new Map()))
    return byLocal
  }

  private embeddedOf(active: ActiveContext): Map<string, ActiveContext> {
    let byText = this.embeddedChildren.get(active)
    if (!byText) this.embeddedChildren.set(active, (byText = new Map()))
    return byText
  }

  /** `active` with a node object's own `@context` applied (jsonld's defaults: propagated, protected terms kept). */
  embedded(active: ActiveContext, localCtx: unknown): ActiveContext {
    const byText = this.embeddedOf(active)
    const key = JSON.stringify(localCtx)
    const found = byText.get(key)
    if (found) return found
    const map = byText
    this.miss(map as Map<unknown, ActiveContext>, key, async () => {
      const ctx = await contextApi.process({ activeCtx: active, localCtx, options: this.options })
      if (map.size >= 64) map.clear()
      map.set(key, ctx)
      this.journal?.push({ kind: 'embedded', parent: active, key, ctx })
    })
  }

  /**
   * The contexts this cache processed (it must record them), as bytes another cache `load`s: the
   * active contexts' data with the memo keys that find them. Object identity within them is kept (a
   * scoped context is found by the very object its term definition holds); jsonld's methods are not
   * carried, `load` puts them back.
   */
  snapshot(fingerprint: string): Buffer {
    if (!this.journal) throw new Error('This context cache does not record what it processes')
    const shared = sharedValues()
    const copies = new Map<ActiveContext, ActiveContext>()
    const copy = (ctx: ActiveContext): ActiveContext => {
      let plain = copies.get(ctx)
      if (plain) return plain
      plain = {} as ActiveContext
      copies.set(ctx, plain)
      for (const [name, value] of Object.entries(ctx)) {
        if (typeof value === 'function' || name === 'inverse') continue
        ;(plain as unknown as Record<string, unknown>)[name] =
          name === 'previousContext'
            ? copy(value as ActiveContext)
            : name === 'mappings'
              ? new Map([...(value as ActiveContext['mappings'])].map(([term, definition]) => [term, shared(definition)]))
              : shared(value)
      }
      return plain
    }
    const entries = this.journal.map((entry) =>
      entry.kind === 'top'
        ? { ...entry, ctx: copy(entry.ctx) }
        : entry.kind === 'embedded'
          ? { ...entry, parent: copy(entry.parent), ctx: copy(entry.ctx) }
          : { ...entry, parent: copy(entry.parent), local: shared(entry.local), ctx: copy(entry.ctx) },
    )
    return serialize({ format: SNAPSHOT_FORMAT, fingerprint, entries } satisfies Snapshot)
  }

  /**
   * Adds the contexts of a `snapshot` made with the same `fingerprint` to the memo, so they are looked
   * up instead of processed. False, and nothing added, for bytes that are not such a snapshot.
   */
  load(bytes: Uint8Array, fingerprint: string): boolean {
    let snapshot: Partial<Snapshot>
    try {
      snapshot = deserialize(bytes) as Partial<Snapshot>
    } catch {
      return false
    }
    if (snapshot?.format !== SNAPSHOT_FORMAT || snapshot.fingerprint !== fingerprint || !Array.isArray(snapshot.entries)) return false
    const { clone, getInverse, revertToPreviousContext } = contextApi.getInitialContext(this.options)
    const revived = new Set<ActiveContext>()
    const revive = (ctx: ActiveContext | undefined): void => {
      for (; ctx && !revived.has(ctx); ctx = ctx.previousContext) {
        revived.add(ctx)
        Object.assign(ctx, { clone, getInverse, revertToPreviousContext, inverse: null })
      }
    }
    for (const entry of snapshot.entries) {
      revive(entry.ctx)
      if (entry.kind === 'top') {
        this.topLevel.set(entry.key, entry.ctx)
        continue
      }
      revive(entry.parent)
      if (entry.kind === 'embedded') this.embeddedOf(entry.parent).set(entry.key, entry.ctx)
      else this.childrenOf(entry.parent).set(entry.kind === 'type' ? entry.local : propertyKey(entry.local), entry.ctx)
    }
    return true
  }

  /** Throws the ContextMiss for `key` of `map`, whose `load` runs `process` once however many callers miss it meanwhile. */
  private miss(map: Map<unknown, ActiveContext>, key: unknown, process: () => Promise<void>): never {
    let pending = this.loading.get(map)
    if (!pending) this.loading.set(map, (pending = new Map()))
    const loads = pending
    let load = loads.get(key)
    if (!load) {
      load = process().finally(() => loads.delete(key))
      // Each caller awaits it through `load()`; until one does, a failure must not count as unhandled.
      load.catch(() => {})
      loads.set(key, load)
    }
    const shared = load
    throw new ContextMiss(() => shared)
  }

  /** A key or type expanded as a vocabulary term (jsonld `expandIri` with vocab: true), memoised. */
  expandVocab(ctx: ActiveContext, value: string): string | null {
    let memo = this.vocab.get(ctx)
    if (!memo) this.vocab.set(ctx, (memo = new Map()))
    let iri = memo.get(value)
    if (iri === undefined) {
      iri = contextApi.expandIri(ctx, value, { vocab: true }, this.options)
      if (memo.size < 4096) memo.set(value, iri)
    }
    return iri
  }

  /** What `ctx` says about `key`, memoised per context. */
  term(ctx: ActiveContext, key: string): TermInfo {
    // Expansion asks about several keys of one context in a row: the last context's memo is kept at hand.
    let memo = ctx === this.lastTermsOf ? this.lastTerms : this.terms.get(ctx)
    if (!memo) this.terms.set(ctx, (memo = new Map()))
    this.lastTermsOf = ctx
    this.lastTerms = memo
    let info = memo.get(key)
    if (info === undefined) {
      info = {
        iri: this.expandVocab(ctx, key),
        container: contextApi.getContextValue(ctx, key, '@container') as string[] | null,
        type: contextApi.getContextValue(ctx, key, '@type') as string | null,
        scoped: contextApi.getContextValue(ctx, key, '@context'),
        language: contextApi.getContextValue(ctx, key, '@language'),
        direction: contextApi.getContextValue(ctx, key, '@direction'),
        reverse: ctx.mappings.get(key)?.reverse === true,
        predicate: undefined,
      }
      const iri = info.iri
      if (iri !== null && !iri.startsWith('@') && !iri.startsWith('_:') && ABSOLUTE_IRI.test(iri)) info.predicate = flat(iriTerm(iri))
      if (memo.size < 4096) memo.set(key, info)
    }
    return info
  }

  /** A type value expanded against `ctx` (vocab and base), as jsonld expands `@type` values; memoised (types repeat). */
  expandType(ctx: ActiveContext, value: string): string | null {
    let memo = this.types.get(ctx)
    if (!memo) this.types.set(ctx, (memo = new Map()))
    let iri = memo.get(value)
    if (iri === undefined) {
      iri = contextApi.expandIri(ctx, value, { vocab: true, base: true }, this.options)
      if (memo.size < 4096) memo.set(value, iri)
    }
    return iri
  }

  /** An `@id` value or an `@id`-coerced string expanded against `ctx` (base only). */
  expandId(ctx: ActiveContext, value: string): string | null {
    return contextApi.expandIri(ctx, value, { base: true }, this.options)
  }

  /** jsonld's getContextValue: a term's `@context`, `@type`, `@container`, `@language` or `@direction`. */
  value(ctx: ActiveContext, key: string, type: string): unknown {
    return contextApi.getContextValue(ctx, key, type)
  }
}

/**
 * One instance for equal JSON values. jsonld copies every term definition, scoped contexts
 * included, into each context it derives, so a snapshot of distinct copies is mostly repeats; shared,
 * each is written once. Term definitions and local contexts are never changed once made (jsonld
 * derives a context by copying), and a scoped context found by a shared object is the one its
 * equal copies found: processing depends on the values, not on which copy.
 */
function sharedValues(): (value: unknown) => unknown {
  const byShape = new Map<string, object>()
  const ids = new Map<object, number>()
  const shared = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value
    if (ids.has(value)) return value
    const prototype = Object.getPrototypeOf(value)
    if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) throw new Error('A context snapshot holds JSON values only')
    const members = Array.isArray(value) ? value.map(shared) : Object.entries(value).map(([name, member]) => [name, shared(member)] as const)
    // A shape names members by value, nested objects by their instance's number (undefined kept apart from absent).
    const token = (member: unknown) => (member !== null && typeof member === 'object' ? `#${ids.get(member)}` : member === undefined ? '!u' : JSON.stringify(member))
    const shape = Array.isArray(value)
      ? `[${(members as unknown[]).map(token).join(',')}]`
      : `{${(members as Array<readonly [string, unknown]>).map(([name, member]) => `${JSON.stringify(name)}:${token(member)}`).join(',')}}`
    let instance = byShape.get(shape)
    if (!instance) {
      instance = Array.isArray(value) ? members : Object.fromEntries(members as Array<readonly [string, unknown]>)
      byShape.set(shape, instance)
      ids.set(instance, ids.size)
    }
    return instance
  }
  return shared
}

// Property-scoped and type-scoped applications of the same local context differ; keep their memo keys apart.
const propertyKeys = new WeakMap<object, object>()
function propertyKey(localCtx: unknown): unknown {
  if (localCtx === null || typeof localCtx !== 'object') return `property:${JSON.stringify(localCtx)}`
  let key = propertyKeys.get(localCtx)
  if (!key) propertyKeys.set(localCtx, (key = {}))
  return key
}
