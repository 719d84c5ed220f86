import type { Context } from 'hono'
import type { DownloadKind } from '../../../app/credentials/downloads.js'
import { SVG_CONTENT_SECURITY_POLICY } from '../../../app/media/images.js'
import '../../../http/context.js'

export { fileNameOf } from '../../../app/credentials/downloads.js'

/** Sends one of a credential's downloads (platform.credentials.download) as an attachment, or redirects to the right one. */
export async function download(c: Context, kind: DownloadKind): Promise<Response> {
  const file = await c.var.platform.credentials.download(c.req.param('id') ?? '', kind)
  if (file.kind === 'redirect') return c.redirect(file.location, 303)
  if (file.mediaType === 'image/svg+xml') c.header('Content-Security-Policy', SVG_CONTENT_SECURITY_POLICY)
  c.header('Content-Disposition', `attachment; filename="${file.fileName}"`)
  c.header('Cache-Control', 'public, max-age=300')
  c.header('X-Content-Type-Options', 'nosniff')
  return c.body(typeof file.body === 'string' ? file.body : (file.body as Uint8Array<ArrayBuffer>), 200, { 'Content-Type': file.mediaType })
}
