// Reading the app's routes and the OpenAPI document side by side: route patterns normalised to
// OpenAPI paths, operations found by a concrete request path, and responses checked against the
// documented schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses it) with no undocumented field.
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { Hono } from 'hono'
import type { OpenApiJson } from '../../src/http/openapi/document.js'

export const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const
export type Method = (typeof METHODS)[number]

/**
 * The app's routes as `METHOD /openapi/{path}` keys: middleware (`ALL`) and CORS preflights
 * (`OPTIONS`) left out, `:p` → `{p}`, `:p{a|b}` with literal alternatives expanded into one path each,
 * `:p{regex}` → `{p}`.
 */
export function routeKeys(app: Hono): Set<string> {
  const keys = new Set<string>()
  for (const route of app.routes) {
    if (route.method === 'ALL' || route.method === 'OPTIONS') continue
    for (const path of expand(route.path)) keys.add(`${route.method} ${path}`)
  }
  return keys
}

function expand(path: string): string[] {
  const match = /:([A-Za-z0-9_]+)\{([^}]*)\}/.exec(path)
  if (!match) return [path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]
  const [whole, name, pattern] = match
  const literal = /^[A-Za-z0-9_-]+(\|[A-Za-z0-9_-]+)*$/.test(pattern!)
  const options = literal ? pattern!.split('|') : [`{${name}}`]
  return options.flatMap((option) => expand(path.replace(whole, option)))
}

/** The document's operations as `METHOD /path` keys. */
export function documentKeys(doc: OpenApiJson): Set<string> {
  const keys = new Set<string>()
  for (const [path, item] of Object.entries(doc.paths ?? {})) for (const method of METHODS) if (item?.[method]) keys.add(`${method.toUpperCase()} ${path}`)
  return keys
}

/** A regular expression matching the concrete paths of an app route pattern (`:p`, `:p{re}`, `*`). */
export function routePattern(path: string): RegExp {
  const source = path
    .split(/(:[A-Za-z0-9_]+(?:\{[^}]*\})?|\*)/)
    .map((part) => {
      if (part === '*') return '.*'
      const param = /^:[A-Za-z0-9_]+(?:\{([^}]*)\})?$/.exec(part)
      if (param) return param[1] ? `(?:${param[1]})` : '[^/]+'
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('')
  return new RegExp(`^${source}$`)
}

/** The documented operation a concrete request goes to (templates matched segment by segment, literal segments first). */
export function operationOf(doc: OpenApiJson, method: string, path: string): { template: string; operation: Record<string, any> } | undefined {
  const candidates = Object.entries(doc.paths ?? {}).filter(([template, item]) => {
    if (!item?.[method.toLowerCase() as Method]) return false
    const source = template.split(/(\{[^}]+\})/).map((part) => (/^\{.+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')
    return new RegExp(`^${source}$`).test(path)
  })
  candidates.sort(([a], [b]) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))
  const found = candidates[0]
  return found ? { template: found[0], operation: (found[1] as Record<string, any>)[method.toLowerCase()] } : undefined
}

/** Checks bodies against schemas of `doc`: `errorsOf(schema, value)` lists what does not fit, undocumented fields included. */
export function schemaChecker(doc: OpenApiJson) {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addFormat('binary', true)
  ajv.addSchema({ $id: 'openapi.json', components: doc.components } as object)
  const compiled = new Map<object, ReturnType<typeof ajv.compile>>()
  const withRefs = (schema: object): object => JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"openapi.json#/components/'))
  const resolve = (schema: any): any => {
    let current = schema
    for (let hops = 0; current?.$ref && hops < 10; hops++) current = doc.components?.schemas?.[current.$ref.replace('#/components/schemas/', '')]
    return current
  }
  /** Dotted paths of object fields in `value` that `schema` does not name (free-form objects skipped). */
  const undocumented = (schema: any, value: unknown, at: string): string[] => {
    const s = resolve(schema)
    if (!s || value === null || typeof value !== 'object') return []
    if (Array.isArray(value)) return s.items ? value.flatMap((v, i) => undocumented(s.items, v, `${at}[${i}]`)) : []
    const variants = s.anyOf ?? s.oneOf
    if (variants) {
      const objects = variants.map(resolve).filter((v: any) => v?.properties)
      if (objects.length === 0) return []
      return objects.map((v: any) => undocumented(v, value, at)).reduce((a: string[], b: string[]) => (a.length <= b.length ? a : b))
    }
    const parts = [s, ...(s.allOf ?? []).map(resolve)]
    const properties = Object.assign({}, ...parts.map((p: any) => p?.properties ?? {}))
    if (Object.keys(properties).length === 0) return []
    return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
      key in properties ? undocumented(properties[key], child, `${at}.${key}`) : [`${at}.${key}`],
    )
  }
  return {
    errorsOf(schema: object, value: unknown): string[] {
      let validate = compiled.get(schema)
      if (!validate) compiled.set(schema, (validate = ajv.compile(withRefs(schema))))
      const errors = validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}`)
      return [...errors, ...undocumented(schema, value, '$').map((path) => `${path} is not in the document`)]
    },
  }
}
