import { Hono } from 'hono'
import { PlatformError } from '../../core/errors.js'
import '../context.js'

/** What an SVG served here may do: nothing but draw itself (no scripts, no fetches, inline styles only). */
export const SVG_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'"

/**
 * Public images: GET /images/:id, the bytes of a badge image or logo under the SHA-256 of those bytes,
 * so a response never changes: cached for a year as immutable, with the digest as its ETag.
 */
export const publicImageRoutes = (): Hono =>
  new Hono().get('/images/:id', async (c) => {
    const id = c.req.param('id')
    const image = /^[0-9a-f]{64}$/.test(id) ? await c.var.platform.store.repos.images.get(id) : undefined
    if (!image) throw new PlatformError('ERR_NOT_FOUND', `No image ${id}`)
    const headers: Record<string, string> = {
      'Content-Type': image.mediaType,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      ETag: `"${image.id}"`,
      'Cross-Origin-Resource-Policy': 'cross-origin',
    }
    if (image.mediaType === 'image/svg+xml') headers['Content-Security-Policy'] = SVG_CONTENT_SECURITY_POLICY
    if (c.req.header('if-none-match')?.includes(`"${image.id}"`)) return c.body(null, 304, headers)
    return c.body(image.bytes as Uint8Array<ArrayBuffer>, 200, headers)
  })
