// The fields of a schema (a body, a response, the parameters of an operation) as a list that reads
// as two columns on wide screens and stacks on phones, and the little Markdown descriptions use.
import type { Child } from 'hono/jsx'
import { useT } from '../../kit/env.js'
import { constraintsOf, propertiesOf, resolve, typeOf, type JsonSchema, type OpenApiDocument } from './openapi-model.js'

/**
 * A description's inline Markdown as text and elements: `code` and **strong**, nothing else (no
 * links, no HTML: the document is data, so everything else stays text, escaped by JSX).
 */
export function InlineText({ text }: { text: string | undefined }) {
  if (!text) return null
  const parts: Child[] = []
  for (const piece of text.split(/(`[^`]+`|\*\*[^*]+\*\*)/)) {
    if (piece.startsWith('`') && piece.endsWith('`') && piece.length > 2) parts.push(<code>{piece.slice(1, -1)}</code>)
    else if (piece.startsWith('**') && piece.endsWith('**') && piece.length > 4) parts.push(<strong>{piece.slice(2, -2)}</strong>)
    else if (piece !== '') parts.push(piece)
  }
  return <>{parts}</>
}

/** One row of a field list. */
export interface FieldRow {
  name: string
  schema: JsonSchema | undefined
  required: boolean
  description?: string | undefined
  /** Where a parameter goes (path, query, header), shown beside its type. */
  location?: string | undefined
}

/** Rows of a schema's fields, nested objects flattened to dotted names (three levels deep at most). */
export function fieldRows(doc: OpenApiDocument, schema: JsonSchema | undefined, prefix = '', depth = 0): FieldRow[] {
  if (depth > 2) return []
  return propertiesOf(doc, schema).flatMap((field) => {
    const name = `${prefix}${field.name}`
    const resolved = resolve(doc, field.schema)
    const variants = resolved?.anyOf ?? resolved?.oneOf
    const inner = variants?.map((v) => resolve(doc, v)).find((v) => v?.properties || v?.type === 'array') ?? resolved
    const nested = inner?.type === 'array' || (Array.isArray(inner?.type) && inner.type.includes('array')) ? resolve(doc, inner.items) : inner
    const childPrefix = nested !== inner ? `${name}[].` : `${name}.`
    const row = { name, schema: field.schema, required: field.required, description: resolved?.description ?? field.schema.description }
    return [row, ...(nested?.properties || nested?.allOf ? fieldRows(doc, nested, childPrefix, depth + 1) : [])]
  })
}

/** A list of fields or parameters: name, required mark and type, then what it is and its constraints. */
export function FieldList({ doc, rows, label }: { doc: OpenApiDocument; rows: readonly FieldRow[]; label: string }) {
  const t = useT()
  return (
    <ul class="api-field-list" aria-label={label}>
      {rows.map((row) => {
        const constraints = constraintsOf(doc, row.schema)
        return (
          <li>
            <div class="api-field-name">
              <code>{row.name}</code>
              {row.required && <span class="required-mark">{t.t('api.required')}</span>}
              <span class="api-field-type">
                {row.location && <span class="api-field-in">{row.location}</span>}
                <code class="api-type">{typeOf(doc, row.schema)}</code>
              </span>
            </div>
            <div class="api-field-desc">
              <InlineText text={row.description} />
              {constraints.length > 0 && <span class="api-constraints">{constraints.join(' · ')}</span>}
            </div>
          </li>
        )
      })}
    </ul>
  )
}

/** The fields of a body schema, or its type when it has no fields (a string, bytes, any JSON). */
export function SchemaFields({ doc, schema, label }: { doc: OpenApiDocument; schema: JsonSchema | undefined; label: string }) {
  const rows = fieldRows(doc, schema)
  if (rows.length === 0) return <p class="muted small"><code class="api-type">{typeOf(doc, schema)}</code> <InlineText text={resolve(doc, schema)?.description} /></p>
  return <FieldList doc={doc} rows={rows} label={label} />
}
