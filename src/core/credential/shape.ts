/** One problem found in a credential: a JSON Pointer and what is wrong there, in plain English. */
export interface ValidationError {
  path: string
  message: string
}

/** The outcome of a validation: valid when `errors` is empty. */
export interface ValidationResult {
  valid: boolean
  errors: ValidationError[]
}

/** A JSON object as parsed. */
export type JsonObject = Record<string, unknown>

/** Collects errors under JSON Pointer paths while a validator walks a document. */
export class Issues {
  readonly errors: ValidationError[] = []
  add(path: string, message: string): void {
    this.errors.push({ path, message })
  }
}

/** JSON Pointer of `key` under `path` (RFC 6901 escaping). */
export const at = (path: string, key: string | number): string =>
  `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`

/** True for a JSON object (not an array, not null). */
export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The items of a set that may be given compacted, as a single value (STANDARDS 1.8). */
export const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value])

/** A URI as OB 3.0 uses them: a scheme, a colon and no whitespace (urn:, did:, https:, data:). */
export const isUri = (value: unknown): value is string => typeof value === 'string' && /^[a-z][a-z0-9+.-]*:[^\s]+$/i.test(value)

const DATE_TIME_Z = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/i

/** DateTimeZ: an RFC 3339 date-time with a time zone, and a real calendar date. */
export function isDateTimeZ(value: unknown): value is string {
  const m = typeof value === 'string' ? DATE_TIME_Z.exec(value) : null
  if (!m) return false
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number]
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const offsetOk = m[9] === undefined || (Number(m[9]) < 24 && Number(m[10]) < 60)
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour < 24 && minute < 60 && second <= 60 && offsetOk
}

/** The `type` of a node as a list of strings, whether given as a string or an array. */
export const typesOf = (node: JsonObject): unknown[] => asList(node.type)

/** Requires `node.type` to be a string or array of strings that includes one of `names`. */
export function checkType(node: JsonObject, path: string, names: readonly string[], issues: Issues): void {
  const types = typesOf(node)
  const listed = names.map((n) => `"${n}"`).join(' or ')
  if (node.type === undefined) return issues.add(at(path, 'type'), `is required and must include ${listed}`)
  if (types.length === 0 || types.some((t) => typeof t !== 'string'))
    return issues.add(at(path, 'type'), 'must be a string or an array of strings')
  if (!names.some((n) => types.includes(n))) issues.add(at(path, 'type'), `must include ${listed}`)
}

/** Requires a non-empty string at `node[key]`. */
export function requireString(node: JsonObject, key: string, path: string, issues: Issues): void {
  const value = node[key]
  if (value === undefined) issues.add(at(path, key), 'is required')
  else if (typeof value !== 'string' || value.trim() === '') issues.add(at(path, key), 'must be a non-empty string')
}

/** Checks an optional string at `node[key]`. */
export function optionalString(node: JsonObject, key: string, path: string, issues: Issues): void {
  if (node[key] !== undefined && typeof node[key] !== 'string') issues.add(at(path, key), 'must be a string')
}

/** Requires a URI at `node[key]` (or only checks it when `optional`). */
export function checkUri(node: JsonObject, key: string, path: string, issues: Issues, optional = false): void {
  const value = node[key]
  if (value === undefined) {
    if (!optional) issues.add(at(path, key), 'is required')
  } else if (!isUri(value)) issues.add(at(path, key), 'must be a URI such as https://…, urn:uuid:… or did:…')
}

/** Requires a DateTimeZ at `node[key]` (or only checks it when `optional`). */
export function checkDateTime(node: JsonObject, key: string, path: string, issues: Issues, optional = false): void {
  const value = node[key]
  if (value === undefined) {
    if (!optional) issues.add(at(path, key), 'is required')
  } else if (!isDateTimeZ(value)) issues.add(at(path, key), 'must be a date-time with a time zone, e.g. 2025-01-01T00:00:00Z')
}

/** Checks an enumeration value that also admits `ext:` extensions. */
export function checkExtensible(node: JsonObject, key: string, path: string, allowed: readonly string[], issues: Issues): void {
  const value = node[key]
  if (value === undefined) return
  if (typeof value !== 'string' || !(allowed.includes(value) || /^ext:[A-Za-z0-9.\-_|]+$/.test(value)))
    issues.add(at(path, key), `must be one of ${allowed.join(', ')}, or an extension value starting with "ext:"`)
}

/** Calls `check` for every object in a set given as an array or a single value; non-objects are errors. */
export function eachObject(node: JsonObject, key: string, path: string, issues: Issues, check: (item: JsonObject, path: string) => void): void {
  const value = node[key]
  if (value === undefined) return
  const single = !Array.isArray(value)
  asList(value).forEach((item, i) => {
    const itemPath = single ? at(path, key) : at(at(path, key), i)
    if (isObject(item)) check(item, itemPath)
    else issues.add(itemPath, 'must be an object')
  })
}
