declare module 'jsonld' {
  export interface RemoteDocument { contextUrl: string | null; documentUrl: string; document: unknown }
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>
  export interface Options {
    documentLoader?: DocumentLoader
    algorithm?: string
    format?: string
    safe?: boolean
    base?: string | null
    produceGeneralizedRdf?: boolean
    rdfDirection?: string
    [key: string]: unknown
  }
  const jsonld: {
    canonize(input: unknown, options?: Options): Promise<string>
    toRDF(input: unknown, options?: Options): Promise<unknown>
    expand(input: unknown, options?: Options): Promise<unknown[]>
    compact(input: unknown, ctx: unknown, options?: Options): Promise<Record<string, unknown>>
    processContext(activeCtx: unknown, localCtx: unknown, options?: Options): Promise<unknown>
  }
  export default jsonld
}
declare module 'rdf-canonize' {
  export interface Term { termType: string; value: string; datatype?: { termType: string; value: string }; language?: string }
  export interface Quad { subject: Term; predicate: Term; object: Term; graph: Term }
  export function canonize(dataset: Quad[] | string, options: { algorithm: string; inputFormat?: string; format?: string; [k: string]: unknown }): Promise<string>
  export const NQuads: { parse(input: string): Quad[]; serialize(dataset: Quad[]): string; serializeQuad(quad: Quad): string }
}
declare module 'canonicalize' {
  const canonicalize: (value: unknown) => string | undefined
  export default canonicalize
}
