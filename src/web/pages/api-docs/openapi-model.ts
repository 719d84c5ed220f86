// The part of an OpenAPI 3.1 document the reference page reads, and how it is read: operations
// grouped by tag in document order, schemas with their `$ref`s resolved (one level at a time).

/** A JSON Schema as OpenAPI 3.1 uses it (the keywords the page shows). */
export interface JsonSchema {
  $ref?: string
  type?: string | string[]
  format?: string
  description?: string
  enum?: unknown[]
  const?: unknown
  default?: unknown
  example?: unknown
  examples?: unknown[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  additionalProperties?: boolean | JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  minItems?: number
  maxItems?: number
  pattern?: string
  nullable?: boolean
}

/** A parameter of an operation. */
export interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  description?: string
  schema?: JsonSchema
}

/** A request or response body's media types. */
interface Content {
  [mediaType: string]: { schema?: JsonSchema; example?: unknown }
}

/** One operation. */
export interface Operation {
  operationId?: string
  summary?: string
  description?: string
  tags?: string[]
  parameters?: Parameter[]
  requestBody?: { description?: string; required?: boolean; content?: Content }
  responses?: Record<string, { description?: string; content?: Content }>
  security?: Record<string, string[]>[]
  deprecated?: boolean
}

/** An OpenAPI 3.1 document (what the page needs of it). */
export interface OpenApiDocument {
  openapi: string
  info: { title: string; version: string; description?: string }
  servers?: { url: string; description?: string }[]
  tags?: { name: string; description?: string }[]
  paths?: Record<string, Partial<Record<HttpMethod, Operation>> & { parameters?: Parameter[] }>
  components?: { schemas?: Record<string, JsonSchema>; securitySchemes?: Record<string, { type: string; scheme?: string; description?: string; in?: string; name?: string }> }
}

export const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const
export type HttpMethod = (typeof METHODS)[number]

/** An operation with where it lives. */
export interface PlacedOperation {
  method: HttpMethod
  path: string
  operation: Operation
  /** A stable anchor for the operation (its id, or method and path). */
  anchor: string
}

/** The operations grouped by their first tag, tags in the document's order, untagged last. */
export function operationsByTag(doc: OpenApiDocument): { tag: string; description?: string | undefined; operations: PlacedOperation[] }[] {
  const groups = new Map<string, PlacedOperation[]>()
  for (const tag of doc.tags ?? []) groups.set(tag.name, [])
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method]
      if (!operation) continue
      const tag = operation.tags?.[0] ?? 'Other'
      const anchor = (operation.operationId ?? `${method}-${path}`).replace(/[^A-Za-z0-9_-]+/g, '-')
      const merged = { ...operation, parameters: [...(item.parameters ?? []), ...(operation.parameters ?? [])] }
      if (!groups.has(tag)) groups.set(tag, [])
      groups.get(tag)!.push({ method, path, operation: merged, anchor })
    }
  }
  return [...groups].filter(([, ops]) => ops.length > 0).map(([tag, operations]) => ({ tag, description: doc.tags?.find((t) => t.name === tag)?.description, operations }))
}

/** The schema a `$ref` points to in the document's components (the schema itself when it is not a reference). */
export function resolve(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  let current = schema
  for (let hops = 0; current?.$ref && hops < 10; hops++) {
    const name = /^#\/components\/schemas\/(.+)$/.exec(current.$ref)?.[1]
    current = name ? doc.components?.schemas?.[decodeURIComponent(name)] : undefined
  }
  return current
}

/** A schema's type in words: `string (email)`, `array of object`, `"a" | "b"`. */
export function typeOf(doc: OpenApiDocument, schema: JsonSchema | undefined): string {
  const s = resolve(doc, schema)
  if (!s) return 'any'
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ')
  if (s.const !== undefined) return JSON.stringify(s.const)
  const variants = s.anyOf ?? s.oneOf
  if (variants) return variants.map((v) => typeOf(doc, v)).join(' | ')
  const type = Array.isArray(s.type) ? s.type.filter((t) => t !== 'null').join(' | ') : s.type
  if (type === 'array') return `array of ${typeOf(doc, s.items)}`
  if (!type && s.properties) return 'object'
  return s.format ? `${type ?? 'any'} (${s.format})` : (type ?? 'any')
}

/** The constraints of a schema in short form ("≤ 254 characters", "1 to 200"). */
export function constraintsOf(doc: OpenApiDocument, schema: JsonSchema | undefined): string[] {
  const s = resolve(doc, schema)
  if (!s) return []
  const out: string[] = []
  if (s.minLength !== undefined && s.maxLength !== undefined) out.push(`${s.minLength}–${s.maxLength} chars`)
  else if (s.maxLength !== undefined) out.push(`≤ ${s.maxLength} chars`)
  else if (s.minLength !== undefined && s.minLength > 0) out.push(`≥ ${s.minLength} chars`)
  if (s.minimum !== undefined) out.push(`≥ ${s.minimum}`)
  if (s.maximum !== undefined) out.push(`≤ ${s.maximum}`)
  if (s.maxItems !== undefined) out.push(`≤ ${s.maxItems} items`)
  if (s.pattern) out.push(`pattern ${s.pattern}`)
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`)
  return out
}

/** The object properties of a schema (merging `allOf`), each with whether it is required. */
export function propertiesOf(doc: OpenApiDocument, schema: JsonSchema | undefined): { name: string; schema: JsonSchema; required: boolean }[] {
  const s = resolve(doc, schema)
  if (!s) return []
  const parts = [s, ...(s.allOf ?? []).map((p) => resolve(doc, p) ?? {})]
  return parts.flatMap((part) => Object.entries(part.properties ?? {}).map(([name, prop]) => ({ name, schema: prop, required: (part.required ?? []).includes(name) })))
}
