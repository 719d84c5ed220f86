// JSON Schema `pattern`s are ECMA-262 sources without flags. zod-to-openapi writes a regex's
// `toString()` minus its slashes, so `/^urn:uuid:…$/i` arrives as `^urn:uuid:…$/i`: this turns such
// a pattern back into a flagless source that matches the same strings.

/** `source` matching case-insensitively without the `i` flag: each letter becomes both cases. */
export function caseInsensitiveSource(source: string): string {
  let out = ''
  let inClass = false
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!
    if (ch === '\\') {
      const next = source[i + 1] ?? ''
      const width = next === 'x' ? 3 : next === 'u' ? 5 : 1
      out += source.slice(i, i + 1 + width)
      i += width
      continue
    }
    if (ch === '[' && !inClass) inClass = true
    else if (ch === ']' && inClass) inClass = false
    const lower = ch.toLowerCase()
    const upper = ch.toUpperCase()
    if (lower === upper || !/[a-z]/i.test(ch)) {
      out += ch
      continue
    }
    if (!inClass) {
      out += `[${lower}${upper}]`
      continue
    }
    // A range of letters inside a class (`a-z`) gains its other case (`a-zA-Z`).
    const end = source[i + 2]
    if (source[i + 1] === '-' && end && /[a-z]/i.test(end)) {
      const range = `${ch}-${end}`
      out += range + (ch === lower ? range.toUpperCase() : range.toLowerCase())
      i += 2
      continue
    }
    out += lower + upper
  }
  return out
}

/** A pattern as zod-to-openapi wrote it, without flags: `i` folded into the source, other flags dropped. */
export function flaglessPattern(pattern: string): string {
  const match = /^(.*\$)\/([dgimsuvy]+)$/s.exec(pattern)
  if (!match) return pattern
  return match[2]!.includes('i') ? caseInsensitiveSource(match[1]!) : match[1]!
}

/** Rewrites every `pattern` in a JSON document (an OpenAPI document) in place with {@link flaglessPattern}. */
export function fixPatterns(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(fixPatterns)
  if (typeof value !== 'object' || value === null) return
  const record = value as Record<string, unknown>
  for (const [key, child] of Object.entries(record)) {
    if (key === 'pattern' && typeof child === 'string') record[key] = flaglessPattern(child)
    else fixPatterns(child)
  }
}
