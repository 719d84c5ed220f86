import { createRequire } from 'node:module'
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2019.js'
import { at, type ValidationError, type ValidationResult } from './shape.js'

// ajv and ajv-formats (CommonJS) are required on first use: signing and the command line's start do not need them.
const require = createRequire(import.meta.url)
const ajvModule = () => require('ajv/dist/2019.js') as typeof import('ajv/dist/2019.js')
const addFormats = (ajv: import('ajv/dist/2019.js').Ajv2019) => (require('ajv-formats') as typeof import('ajv-formats')).default(ajv)
const COMBINATORS = new Set(['oneOf', 'anyOf', 'allOf', 'if', 'not'])
const compiled = new WeakMap<object, ValidateFunction>()

/**
 * Validates `value` against a JSON Schema (draft 2019-09, e.g. the official 1EdTech OB 3.0 schema,
 * which the caller loads: it is not redistributable). Compiles once per schema object. Errors use the
 * same shape as validateCredential; branch noise from oneOf/anyOf is folded into one message per path.
 * @example validateAgainstJsonSchema(credential, JSON.parse(readFileSync(schemaPath, 'utf8')))
 */
export function validateAgainstJsonSchema(value: unknown, schema: object): ValidationResult {
  let validate = compiled.get(schema)
  if (!validate) {
    // A fresh Ajv per schema: two copies of one schema would otherwise clash on their $id.
    const ajv = new (ajvModule().Ajv2019)({ allErrors: true, strict: false, verbose: true })
    addFormats(ajv)
    validate = ajv.compile(schema)
    compiled.set(schema, validate)
  }
  if (validate(value)) return { valid: true, errors: [] }
  return { valid: false, errors: readableErrors(validate.errors ?? []) }
}

/** One or more plain-English errors per instance path, without the failed branches of a oneOf. */
function readableErrors(errors: readonly ErrorObject[]): ValidationError[] {
  const byPath = new Map<string, ValidationError[]>()
  for (const error of errors) {
    // Per-item failures inside `contains` are how ajv searches; the contains error itself says it.
    if (COMBINATORS.has(error.keyword) || error.schemaPath.includes('/contains/')) continue
    const readable = toReadable(error)
    const list = byPath.get(readable.path) ?? []
    byPath.set(readable.path, list)
    list.push(readable)
  }
  // Paths where only a combinator failed still deserve a line.
  for (const error of errors) {
    if (COMBINATORS.has(error.keyword) && !byPath.has(error.instancePath))
      byPath.set(error.instancePath, [{ path: error.instancePath, message: 'does not match any allowed form' }])
  }
  const out: ValidationError[] = []
  for (const list of byPath.values()) {
    const types = list.filter((e) => TYPE_MESSAGE.test(e.message))
    const specific = list.filter((e) => !types.includes(e))
    // A type error beside a specific one comes from a branch that did not apply: keep the specific one.
    const kept = specific.length > 0 ? specific : types.length > 1 ? [mergeTypes(types)] : types
    for (const e of kept) if (!out.some((o) => o.path === e.path && o.message === e.message)) out.push(e)
  }
  return out
}

const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array']
const TYPE_MESSAGE = new RegExp(`^must be (an? (${JSON_TYPES.join('|')})( or )?)+$`)
const withArticle = (type: string) => `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`

const mergeTypes = (types: ValidationError[]): ValidationError => ({
  path: types[0]!.path,
  message: `must be ${[...new Set(types.map((t) => t.message.replace(/^must be /, '')))].join(' or ')}`,
})

function toReadable(error: ErrorObject): ValidationError {
  const path = error.instancePath
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required':
      return { path: at(path, String(params.missingProperty)), message: 'is required' }
    case 'additionalProperties':
      return { path: at(path, String(params.additionalProperty)), message: 'is not allowed here' }
    case 'type':
      return { path, message: `must be ${String(params.type).split(',').map(withArticle).join(' or ')}` }
    case 'enum':
      return { path, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` }
    case 'const':
      return { path, message: `must be ${JSON.stringify(params.allowedValue)}` }
    case 'format':
      return { path, message: params.format === 'date-time' ? 'must be a date-time with a time zone, e.g. 2025-01-01T00:00:00Z' : `must be a valid ${String(params.format)}` }
    case 'pattern':
      return { path, message: `must match the pattern ${String(params.pattern)}` }
    case 'contains': {
      const wanted = (error.schema as { enum?: unknown[] } | undefined)?.enum
      return { path, message: wanted ? `must include ${wanted.map((v) => JSON.stringify(v)).join(' or ')}` : 'must contain a valid item' }
    }
    case 'minItems':
      return { path, message: `must have at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}` }
    default:
      return { path, message: error.message ?? `fails the schema's ${error.keyword} rule` }
  }
}
