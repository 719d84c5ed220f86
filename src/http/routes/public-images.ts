import { Hono } from 'hono'
import { SVG_CONTENT_SECURITY_POLICY } from '../../app/media/images.js'
import '../context.js'

export { SVG_CONTENT_SECURITY_POLICY }

/**
 * Public images: GET /images/:id, the bytes of a badge image or logo under the SHA-256 of those bytes,
 * so a response never changes: cached for a year as immutable, with the digest as its ETag.
 */
export const publicImageRoutes = (): Hono =>
  new Hono().get('/images/:id', async (c) => {
    const image = await c.get('platform').credentials.image(c.req.param('id'))
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
