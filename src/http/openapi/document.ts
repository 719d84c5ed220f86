// The OpenAPI 3.1 document of this instance, generated from the route descriptions
// (src/http/schemas/*): the zod schemas routes check requests with are the schemas it shows.
import { OpenAPIHono } from '@hono/zod-openapi'
import { SECURITY_SCHEMES } from './describe.js'
import { OPERATIONS } from './operations.js'
import { fixPatterns } from './regex-pattern.js'
import { TAGS } from './tags.js'

/** What the document says about the instance serving it. */
export interface DocumentInfo {
  /** The running version (package.json). */
  version: string
  /** The instance's public URL, the document's one server. */
  publicUrl: string
}

/** The OpenAPI 3.1 document (a plain JSON object). */
export type OpenApiJson = ReturnType<OpenAPIHono['getOpenAPI31Document']>

const DESCRIPTION = [
  'Emblem issues, manages and verifies Open Badges 3.0 micro-credentials (W3C Verifiable Credentials 2.0, Ed25519 Data Integrity proofs, a public Merkle transparency log).',
  '',
  "Organization routes take an organization's API key as a bearer token, or a person's session cookie with its CSRF token on writes. Public documents and verification need nothing.",
  '',
  'Every error is `application/problem+json` (RFC 9457) with a stable `code`; invalid input lists each field at fault in `errors`. Lists are paged with `limit` and the opaque `cursor` of the previous page.',
].join('\n')

/**
 * Builds the document: every described operation, the tags in reference order, the security
 * schemes, and this instance as the server. Pure: the same info gives the same document.
 */
export function openApiDocument({ version, publicUrl }: DocumentInfo): OpenApiJson {
  // An OpenAPIHono used only for its registry and generator: the routes themselves are mounted by createApp.
  const described = new OpenAPIHono()
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) described.openAPIRegistry.registerComponent('securitySchemes', name, { ...scheme })
  for (const operation of OPERATIONS) described.openAPIRegistry.registerPath(operation)
  const document = described.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Emblem API',
      version,
      description: DESCRIPTION,
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
    },
    servers: [{ url: publicUrl, description: 'This instance' }],
    tags: TAGS.map((tag) => ({ ...tag })),
  })
  fixPatterns(document)
  return document
}
