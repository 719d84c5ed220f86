/**
 * N-Quads term serialization exactly as rdf-canonize 5 writes it (lib/NQuads.js), so the fast path's
 * lines are byte-identical to the general path's.
 * @see https://www.w3.org/TR/rdf-canon/#canonical-quads
 */

const XSD = 'http://www.w3.org/2001/XMLSchema#'
const XSD_STRING = `${XSD}string`
const XSD_BOOLEAN = `${XSD}boolean`
const XSD_INTEGER = `${XSD}integer`
const XSD_DOUBLE = `${XSD}double`

const IRI_ESCAPE = /[\u0000-\u0020<>"{}|^`\\]/
const IRI_ESCAPE_ALL = /[\u0000-\u0020<>"{}|^`\\]/g
const LITERAL_ESCAPE = /[\u0000-\u001F\u007F"\\]/
const LITERAL_ESCAPE_ALL = /[\u0000-\u001F\u007F"\\]/g
const ECHAR: Record<string, string> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', '"': '\\"', '\\': '\\\\' }

const uchar = (c: string): string => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
const escapeIri = (iri: string): string => (IRI_ESCAPE.test(iri) ? iri.replace(IRI_ESCAPE_ALL, uchar) : iri)
const escapeLiteral = (text: string): string => (LITERAL_ESCAPE.test(text) ? text.replace(LITERAL_ESCAPE_ALL, (c) => ECHAR[c] ?? uchar(c)) : text)

/** `<iri>` with N-Quads escapes. */
export const iriTerm = (iri: string): string => `<${escapeIri(iri)}>`

/**
 * A JSON value as jsonld's `_objectToRDF` turns it into a literal (booleans, canonical doubles,
 * integers, strings; `datatype` from term coercion), serialized; undefined for values outside JSON.
 */
export function literalTerm(value: unknown, datatype: string | null): string | undefined {
  let lexical: string
  let type: string
  if (typeof value === 'boolean') {
    lexical = String(value)
    type = datatype ?? XSD_BOOLEAN
  } else if (typeof value === 'number' && !Number.isFinite(value)) {
    return undefined
  } else if ((typeof value === 'number' && isDouble(value)) || datatype === XSD_DOUBLE) {
    const number = typeof value === 'number' ? value : parseFloat(String(value))
    if (!Number.isFinite(number)) return undefined
    lexical = number.toExponential(15).replace(/(\d)0*e\+?/, '$1E')
    type = datatype ?? XSD_DOUBLE
  } else if (typeof value === 'number') {
    lexical = value.toFixed(0)
    type = datatype ?? XSD_INTEGER
  } else if (typeof value === 'string') {
    lexical = value
    type = datatype ?? XSD_STRING
  } else {
    return undefined
  }
  const quoted = `"${escapeLiteral(lexical)}"`
  return type === XSD_STRING ? quoted : `${quoted}^^${iriTerm(type)}`
}

// jsonld lib/types.js isDouble
const isDouble = (v: number): boolean => String(v).includes('.') || Math.abs(v) >= 1e21

/** One N-Quads line, in the default graph or in graph `g`. */
export const nquadsLine = (s: string, p: string, o: string, g?: string): string => (g === undefined ? `${s} ${p} ${o} .\n` : `${s} ${p} ${o} ${g} .\n`)
