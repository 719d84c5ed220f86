import { PlatformError } from '../errors.js'
import { findJsonSyntaxError } from './json-syntax.js'

/** Limits on untrusted JSON. Depth counts nested objects and arrays: `{}` is 1, `{"a":[]}` is 2. */
export interface JsonInputLimits {
  maxBytes?: number
  maxDepth?: number
  maxArrayLength?: number
  /** In UTF-16 code units, for property names and string values alike. */
  maxStringLength?: number
}

/** The limits parseJsonInput applies unless told otherwise. */
export const DEFAULT_INPUT_LIMITS: Readonly<Required<JsonInputLimits>> = Object.freeze({
  maxBytes: 1024 * 1024,
  maxDepth: 64,
  maxArrayLength: 10_000,
  maxStringLength: 256 * 1024,
})

const UTF8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Parses untrusted JSON text or UTF-8 bytes within limits. The size is checked before anything is
 * decoded or parsed, and the nesting depth before JSON.parse, so oversized and deeply nested input is
 * rejected in linear time without recursion. Throws PlatformError ERR_INPUT_TOO_LARGE (input or a
 * string too long), ERR_INPUT_TOO_DEEP, ERR_ARRAY_TOO_LONG or ERR_JSON_PARSE (with line, column, position).
 * @example parseJsonInput(await request.text(), { maxBytes: 64 * 1024 })
 */
export function parseJsonInput(input: string | Uint8Array, limits: JsonInputLimits = {}): unknown {
  const opts = { ...DEFAULT_INPUT_LIMITS, ...limits } satisfies JsonInputLimits
  const text = decode(input, opts.maxBytes)
  if (bracketsMayExceed(text, opts.maxDepth)) checkNesting(text, opts.maxDepth)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    const found = findJsonSyntaxError(text)
    const where = found ? ` at line ${found.line}, column ${found.column} (position ${found.position}): ${found.message}` : ''
    throw new PlatformError('ERR_JSON_PARSE', `Input is not valid JSON${where}`, { cause: err })
  }
  if (parsedMayExceed(text.length, opts)) checkInputLimits(value, opts)
  return value
}

/**
 * Whether the text has more opening brackets than `maxDepth`: with no more, nothing can nest deeper, and the
 * scan is not needed (`indexOf` runs natively, a credential has a few dozen).
 */
function bracketsMayExceed(text: string, maxDepth: number): boolean {
  let count = 0
  for (const bracket of ['{', '[']) {
    for (let i = text.indexOf(bracket); i >= 0; i = text.indexOf(bracket, i + 1)) if (++count > maxDepth) return true
  }
  return false
}

/**
 * Whether text of `length` characters can parse to a value over the array or string limits (the depth was
 * checked before parsing): an array of n items takes at least 2n + 1 characters (`[0,0]`), and a string or
 * property name fewer than the text. Most input is far shorter than either, and is not walked again.
 */
const parsedMayExceed = (length: number, { maxArrayLength, maxStringLength }: Required<JsonInputLimits>): boolean =>
  length >= 2 * (maxArrayLength + 1) + 1 || length > maxStringLength

function decode(input: string | Uint8Array, maxBytes: number): string {
  if (typeof input === 'string') {
    // Every UTF-16 code unit takes at least one UTF-8 byte: a long string is rejected without encoding it.
    const bytes = input.length > maxBytes ? input.length : Buffer.byteLength(input, 'utf8')
    if (bytes > maxBytes) throw tooLarge(`Input is ${input.length > maxBytes ? 'at least ' : ''}${bytes} bytes`, maxBytes)
    return input
  }
  if (input.byteLength > maxBytes) throw tooLarge(`Input is ${input.byteLength} bytes`, maxBytes)
  try {
    return UTF8.decode(input) // drops a leading byte order mark
  } catch (err) {
    throw new PlatformError('ERR_JSON_PARSE', 'Input is not valid UTF-8', { cause: err })
  }
}

const tooLarge = (what: string, maxBytes: number) => new PlatformError('ERR_INPUT_TOO_LARGE', `${what}; the limit is ${maxBytes}`)

/** Counts bracket nesting outside strings, so nesting past the limit never reaches JSON.parse. */
function checkNesting(text: string, maxDepth: number): void {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22) {
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i)
        if (s === 0x5c) i++
        else if (s === 0x22) break
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) throw tooDeep(maxDepth, `position ${i}`)
    } else if (c === 0x7d || c === 0x5d) depth--
  }
}

const tooDeep = (maxDepth: number, where: string) =>
  new PlatformError('ERR_INPUT_TOO_DEEP', `Input nests objects and arrays more than ${maxDepth} deep (at ${where})`)

interface Frame {
  value: object
  depth: number
  parent?: Frame
  key?: string
}

/**
 * Applies the depth, array-length and string-length limits to an already-parsed value (a caller's
 * object, say). Walks iteratively, so a cyclic or very deep value is a PlatformError, not a stack overflow.
 */
export function checkInputLimits(value: unknown, limits: JsonInputLimits = {}): void {
  const { maxDepth, maxArrayLength, maxStringLength } = { ...DEFAULT_INPUT_LIMITS, ...limits }
  const checkString = (s: string, frame: Frame | undefined, key?: string) => {
    if (s.length <= maxStringLength) return
    throw new PlatformError('ERR_INPUT_TOO_LARGE', `A string at ${pathOf(frame, key)} is ${s.length} characters; the limit is ${maxStringLength}`)
  }
  if (typeof value === 'string') return checkString(value, undefined)
  if (value === null || typeof value !== 'object') return
  const stack: Frame[] = [{ value, depth: 1 }]
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    if (frame.depth > maxDepth) throw tooDeep(maxDepth, pathOf(frame))
    const isArray = Array.isArray(frame.value)
    if (isArray && (frame.value as unknown[]).length > maxArrayLength)
      throw new PlatformError(
        'ERR_ARRAY_TOO_LONG',
        `The array at ${pathOf(frame)} has ${(frame.value as unknown[]).length} items; the limit is ${maxArrayLength}`,
      )
    for (const [key, child] of Object.entries(frame.value)) {
      if (!isArray) checkString(key, frame, key)
      if (typeof child === 'string') checkString(child, frame, key)
      else if (child !== null && typeof child === 'object') stack.push({ value: child, depth: frame.depth + 1, parent: frame, key })
    }
  }
}

/** The JSON Pointer of a frame (plus a child key), built only when a limit is exceeded. */
function pathOf(frame: Frame | undefined, key?: string): string {
  const parts = key === undefined ? [] : [key]
  for (let f = frame; f?.key !== undefined; f = f.parent) parts.push(f.key)
  return parts.length === 0 ? '/' : parts.reverse().map((p) => '/' + p.replace(/~/g, '~0').replace(/\//g, '~1')).join('')
}
