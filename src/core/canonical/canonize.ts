import { canonizeGeneral, type CanonizeOptions } from './rdfc.js'

/**
 * RDFC-1.0 canonical N-Quads of `document`. Takes the fast path for documents it fully understands
 * and the general jsonld path for everything else; both yield the same bytes.
 */
export async function canonize(document: object, options: CanonizeOptions = {}): Promise<string> {
  return canonizeGeneral(document, options)
}
