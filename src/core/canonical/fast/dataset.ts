import { ContextMiss, type ContextCache } from './context-cache.js'
import type { SubtreeCache } from './subtree-cache.js'
import { toQuads, UNSUPPORTED, type Dataset } from './to-quads.js'

/**
 * The quads of `document` on the fast path, processing the contexts the cache misses on the way (each
 * retry processes one more; a credential needs a handful, once per process), or undefined when the
 * fast path cannot take it: a JSON-LD feature outside its subset, a context that fails to load, or
 * more than `attempts` contexts to process.
 */
export async function datasetOf(document: object, contexts: ContextCache, subtrees?: SubtreeCache, { attempts = 64 } = {}): Promise<Dataset | undefined> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return toQuads(document, contexts, subtrees)
    } catch (err) {
      if (err === UNSUPPORTED) return undefined
      if (!(err instanceof ContextMiss)) throw err
      try {
        await err.load()
      } catch {
        return undefined
      }
    }
  }
  return undefined
}
