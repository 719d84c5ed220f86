/** Where and why a JSON text is malformed: a 0-based code-unit `position`, 1-based `line` and `column`. */
export interface JsonSyntaxError {
  position: number
  line: number
  column: number
  message: string
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d])
const ESCAPES = new Set('"\\/bfnrtu'.split('').map((c) => c.charCodeAt(0)))
const isDigit = (c: number) => c >= 0x30 && c <= 0x39
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)

/**
 * The first RFC 8259 syntax error in `text`, or undefined when it is valid JSON. Iterative, so any
 * nesting depth is safe. Used on the failure path only, because JSON.parse's messages may quote the
 * whole input and do not always give a position.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: number[] = [] // 0x7b '{' or 0x5b '['
  let i = 0
  const fail = (message: string, at = i): JsonSyntaxError => locate(text, at, message)
  const skipWs = () => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++
  }
  const describe = () => (i >= text.length ? 'the end of the input' : `${JSON.stringify(text[i])}`)
  for (;;) {
    // Expect a value.
    skipWs()
    const c = text.charCodeAt(i)
    if (c === 0x7b || c === 0x5b) {
      stack.push(c)
      i++
      skipWs()
      const close = c === 0x7b ? 0x7d : 0x5d
      if (text.charCodeAt(i) === close) {
        stack.pop()
        i++
      } else if (c === 0x7b) {
        const error = scanKey()
        if (error) return error
        continue
      } else continue
    } else if (c === 0x22) {
      const error = scanString()
      if (error) return error
    } else if (c === 0x2d || isDigit(c)) {
      const error = scanNumber()
      if (error) return error
    } else if (text.startsWith('true', i) || text.startsWith('null', i)) i += 4
    else if (text.startsWith('false', i)) i += 5
    else return fail(`expected a value but found ${describe()}`)
    // After a value: close containers, or a comma and the next member.
    for (;;) {
      skipWs()
      const top = stack.at(-1)
      if (top === undefined) return i < text.length ? fail(`unexpected ${describe()} after the JSON value`) : undefined
      const ch = text.charCodeAt(i)
      if (ch === (top === 0x7b ? 0x7d : 0x5d)) {
        stack.pop()
        i++
        continue
      }
      if (ch !== 0x2c) return fail(`expected ',' or '${top === 0x7b ? '}' : ']'}' but found ${describe()}`)
      i++
      if (top === 0x7b) {
        const error = scanKey()
        if (error) return error
      }
      break
    }
  }

  function scanKey(): JsonSyntaxError | undefined {
    skipWs()
    if (text.charCodeAt(i) !== 0x22) return fail(`expected a property name in double quotes but found ${describe()}`)
    const error = scanString()
    if (error) return error
    skipWs()
    if (text.charCodeAt(i) !== 0x3a) return fail(`expected ':' after a property name but found ${describe()}`)
    i++
    return undefined
  }

  function scanString(): JsonSyntaxError | undefined {
    const start = i++
    while (i < text.length) {
      const c = text.charCodeAt(i)
      if (c === 0x22) {
        i++
        return undefined
      }
      if (c < 0x20) return fail('control character in a string; it must be escaped')
      if (c === 0x5c) {
        const e = text.charCodeAt(i + 1)
        if (!ESCAPES.has(e)) return fail('invalid escape sequence in a string')
        if (e === 0x75 && ![2, 3, 4, 5].every((k) => isHex(text.charCodeAt(i + k)))) return fail('\\u must be followed by 4 hex digits')
        i += e === 0x75 ? 6 : 2
      } else i++
    }
    return fail('unterminated string', start)
  }

  function scanNumber(): JsonSyntaxError | undefined {
    if (text.charCodeAt(i) === 0x2d) i++
    if (text.charCodeAt(i) === 0x30) i++
    else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++
    else return fail('expected a digit in a number')
    if (text.charCodeAt(i) === 0x2e) {
      i++
      if (!isDigit(text.charCodeAt(i))) return fail('expected a digit after the decimal point')
      while (isDigit(text.charCodeAt(i))) i++
    }
    if ((text.charCodeAt(i) | 0x20) === 0x65) {
      i++
      if (text.charCodeAt(i) === 0x2b || text.charCodeAt(i) === 0x2d) i++
      if (!isDigit(text.charCodeAt(i))) return fail('expected a digit in the exponent')
      while (isDigit(text.charCodeAt(i))) i++
    }
    return undefined
  }
}

function locate(text: string, position: number, message: string): JsonSyntaxError {
  let line = 1
  let lineStart = 0
  for (let k = text.indexOf('\n'); k !== -1 && k < position; k = text.indexOf('\n', k + 1)) {
    line++
    lineStart = k + 1
  }
  return { position, line, column: position - lineStart + 1, message }
}
