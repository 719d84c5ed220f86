import type { ActiveContext } from './context-cache.js'
import type { Quad } from './to-quads.js'

/**
 * The quads of a node object that has an `@id`, with its blank nodes numbered from 0, their RDFC-1.0
 * first-degree hashes, and the subject IRIs inside it. A blank node inside such a node is only ever
 * mentioned by quads inside it (the link from the parent names the node's IRI), so its first-degree
 * hash does not depend on the rest of the document.
 */
export interface Subtree {
  subject: string
  quads: readonly Quad[]
  blankNodes: number
  hashes: readonly string[]
  subjects: readonly string[]
}

interface Entry {
  ctx: ActiveContext
  property: string
  subtree: Subtree
}

/**
 * Subtrees of deeply frozen node objects, by object identity, active context and property. A cohort
 * issued together embeds one frozen achievement and issuer in every credential; each is expanded
 * once and replayed after that. Freezing is what makes identity a sound key: the object cannot change
 * after it was expanded. Entries live as long as the object does (a WeakMap).
 */
export class SubtreeCache {
  private readonly entries = new WeakMap<object, Entry[]>()

  /** The cached expansion of `element` as the value of `property` in `ctx`, if any. */
  get(element: object, ctx: ActiveContext, property: string): Subtree | undefined {
    const list = this.entries.get(element)
    if (!list) return undefined
    for (const entry of list) if (entry.ctx === ctx && entry.property === property) return entry.subtree
    return undefined
  }

  /** Remembers an expansion, if `element` is deeply frozen plain JSON (checked once, here). */
  set(element: object, ctx: ActiveContext, property: string, subtree: Subtree): void {
    if (!isFrozenJson(element)) return
    const list = this.entries.get(element)
    if (list && list.length >= 8) return
    if (list) list.push({ ctx, property, subtree })
    else this.entries.set(element, [{ ctx, property, subtree }])
  }
}

/** True for frozen arrays and plain objects, all the way down, holding only JSON values. */
function isFrozenJson(value: unknown): boolean {
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const item = stack.pop()
    if (item === null || typeof item === 'string' || typeof item === 'boolean') continue
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return false
      continue
    }
    if (typeof item !== 'object' || !Object.isFrozen(item)) return false
    if (!Array.isArray(item)) {
      const proto = Object.getPrototypeOf(item) as unknown
      if (proto !== Object.prototype && proto !== null) return false
    }
    for (const child of Object.values(item)) stack.push(child)
  }
  return true
}
