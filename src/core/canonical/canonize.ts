import rdfCanonize from 'rdf-canonize'
import { documentLoader as bundledLoader, isBundledFirst } from './document-loader.js'
import type { ContextCache } from './fast/context-cache.js'
import { contextCache } from './fast/context-snapshot.js'
import { datasetOf } from './fast/dataset.js'
import { canonicalNQuads, provisionalNQuads } from './fast/label-blank-nodes.js'
import { SubtreeCache } from './fast/subtree-cache.js'
import { canonizeGeneral, type CanonizeOptions } from './rdfc.js'

let contexts: ContextCache | undefined
const subtrees = new SubtreeCache()

/**
 * RDFC-1.0 canonical N-Quads of `document`. Takes the fast path for documents it fully understands
 * and the general jsonld path for everything else; both yield the same bytes.
 * @see https://www.w3.org/TR/rdf-canon/
 */
export async function canonize(document: object, options: CanonizeOptions = {}): Promise<string> {
  return (await canonizeFast(document, options)) ?? canonizeGeneral(document, options)
}

/**
 * The fast path alone: canonical N-Quads, or undefined when the document needs the general path
 * (an unbundled context, a JSON-LD feature outside the fast path's subset, or invalid JSON-LD, whose
 * error the general path reports).
 */
export async function canonizeFast(document: object, options: CanonizeOptions = {}): Promise<string | undefined> {
  if (options.documentLoader && !isBundledFirst(options.documentLoader)) return undefined
  return canonizeFastWith(document, (contexts ??= contextCache(bundledLoader)), subtrees)
}

/** canonizeFast with these caches (the process's own, or a test's). */
export async function canonizeFastWith(document: object, contexts: ContextCache, subtrees?: SubtreeCache): Promise<string | undefined> {
  const dataset = await datasetOf(document, contexts, subtrees)
  if (dataset === undefined) return undefined
  const nquads = canonicalNQuads(dataset.quads, dataset.blankNodes, dataset.hashes)
  if (nquads !== undefined) return nquads
  // N-Quads text would merge repeated lines that jsonld hands rdf-canonize as separate quads.
  if (dataset.repeatedLines) return undefined
  return rdfCanonize.canonize(provisionalNQuads(dataset.quads), { algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads' })
}
