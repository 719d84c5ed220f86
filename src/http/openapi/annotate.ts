// Documentation for schemas the app owns (the ones its use cases check input with): attached to
// the very same schema objects through zod's metadata registry, so the OpenAPI document shows the
// schema that checks the request, with words for integrators, and app/ stays free of API prose.
import { z } from 'zod'

/** What the document says about a schema: its component name, what it is, an example, each field. */
export interface Annotation<S extends z.ZodObject> {
  /** The name under components.schemas (the schema is referenced, not inlined). */
  id?: string
  description?: string
  examples?: unknown[]
  /** A description per field of the object. */
  fields?: Partial<Record<keyof S['shape'] & string, string>>
}

/**
 * Attaches `annotation` to `schema` and its fields in zod's global registry (read by the OpenAPI
 * generator) and returns the same schema. A field that the schema lacks is a TypeError, so a
 * renamed field cannot leave a stale description behind.
 */
export function annotate<S extends z.ZodObject>(schema: S, { id, description, examples, fields = {} }: Annotation<S>): S {
  // `_internal.refId` is how @asteasolutions/zod-to-openapi (under @hono/zod-openapi) names a component
  // when the schema was not made by `.meta({ id })` (a clone); the schema itself must stay the same object.
  const component = id ? { _internal: { refId: id } } : {}
  z.globalRegistry.add(schema, { ...z.globalRegistry.get(schema), ...component, ...(description ? { description } : {}), ...(examples ? { examples } : {}) })
  for (const [name, text] of Object.entries(fields) as [string, string][]) {
    const field = schema.shape[name] as z.ZodType | undefined
    if (!field) throw new TypeError(`annotate: ${id ?? 'the schema'} has no field ${name}`)
    z.globalRegistry.add(field, { ...z.globalRegistry.get(field), description: text })
  }
  return schema
}
