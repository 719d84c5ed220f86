import type { PlacedOperation } from './openapi-model.js'

/** A placeholder for a parameter in a command line: `<name>`. */
const placeholder = (name: string) => `<${name}>`

/**
 * A curl command for an operation: its path with placeholders for path parameters, the
 * credentials its security asks for (an API key where one will do, else the session cookie and
 * CSRF header), header parameters, and its documented example body (or a file for raw bodies).
 */
export function curlOf(base: string, op: PlacedOperation): string {
  const { operation } = op
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => placeholder(name))
  const lines = [`curl -X ${op.method.toUpperCase()} '${base}${path}'`]
  const security = operation.security ?? []
  if (security.some((requirement) => 'apiKey' in requirement)) lines.push(`  -H 'Authorization: Bearer emb_…'`)
  else if (security.some((requirement) => 'session' in requirement || 'anonymousCsrf' in requirement)) {
    lines.push(`  -b 'emblem_session=…'`)
    if (op.method !== 'get') lines.push(`  -H 'X-CSRF-Token: …'`)
  }
  for (const param of operation.parameters ?? []) if (param.in === 'header') lines.push(`  -H '${param.name}: ${placeholder(param.name)}'`)
  const [media, content] = Object.entries(operation.requestBody?.content ?? {})[0] ?? []
  if (media) {
    lines.push(`  -H 'Content-Type: ${media}'`)
    if (/json$/.test(media)) lines.push(`  -d '${content?.example === undefined ? '{…}' : JSON.stringify(content.example).replace(/'/g, "'\\''")}'`)
    else lines.push(`  --data-binary @${media === 'text/csv' ? 'learners.csv' : 'file'}`)
  }
  return lines.join(' \\\n')
}
