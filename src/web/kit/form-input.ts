import type { Context } from 'hono'

// TODO(#8): replaced by readForm in http/request.ts (capped while reading) when the input module lands.
/** A form's string fields (files and repeated fields ignored). */
export async function readForm(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody()
  const fields: Record<string, string> = {}
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') fields[key] = value
  return fields
}
