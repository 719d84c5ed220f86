import { PlatformError } from '../errors.js'

/**
 * RFC 8785 JSON Canonicalization Scheme: sorted keys, ECMAScript number and string forms.
 * The same text as the `canonicalize` package (canonical.test.ts compares them), with one saving:
 * a deeply frozen object or array (a cohort's prepared achievement and issuer, which every
 * credential of a batch embeds) is serialized once and its text reused while it lives.
 * @see https://www.rfc-editor.org/rfc/rfc8785
 */
export function jcs(value: unknown): string {
  const text = serialize(value)
  if (text === undefined) throw new PlatformError('ERR_INPUT_INVALID', 'Value has no JSON form (undefined or a function)')
  return text
}

/** Texts of deeply frozen objects (nothing in them can change, so identity is a sound key). */
const frozenTexts = new WeakMap<object, string>()
/** Frozen objects found to hold something that is not frozen (or a toJSON), never cached. */
const notDeeplyFrozen = new WeakSet<object>()

function serialize(value: unknown): string | undefined {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw new Error('NaN is not allowed')
    if (!Number.isFinite(value)) throw new Error('Infinity is not allowed')
    return JSON.stringify(value)
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Object.isFrozen(value) && !notDeeplyFrozen.has(value)) {
    const kept = frozenTexts.get(value)
    if (kept !== undefined) return kept
    if (isDeeplyFrozen(value)) {
      const text = serializeObject(value)
      if (text !== undefined) frozenTexts.set(value, text)
      return text
    }
    notDeeplyFrozen.add(value)
  }
  return serializeObject(value)
}

function serializeObject(value: object): string | undefined {
  const withToJson = value as { toJSON?: unknown }
  if (withToJson.toJSON instanceof Function) return serialize((withToJson.toJSON as () => unknown).call(value))
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      if (i > 0) out += ','
      out += item === undefined || typeof item === 'symbol' ? 'null' : serialize(item)
    }
    return `${out}]`
  }
  const record = value as Record<string, unknown>
  let out = ''
  for (const key of Object.keys(record).sort()) {
    const item = record[key]
    if (item === undefined || typeof item === 'symbol') continue
    out += `${out.length === 0 ? '' : ','}${JSON.stringify(key)}:${serialize(item)}`
  }
  return `{${out}}`
}

/** Every object and array reachable from `value` frozen, with data properties only and no toJSON (their results could change). */
function isDeeplyFrozen(value: object): boolean {
  if (!Object.isFrozen(value) || (value as { toJSON?: unknown }).toJSON !== undefined) return false
  for (const descriptor of Object.values(Object.getOwnPropertyDescriptors(value))) {
    if (!('value' in descriptor)) return false
    const item: unknown = descriptor.value
    if (typeof item === 'function') return false
    if (item !== null && typeof item === 'object' && !frozenTexts.has(item) && !isDeeplyFrozen(item)) return false
  }
  return true
}
