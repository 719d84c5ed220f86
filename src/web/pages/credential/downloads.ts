import type { Context } from 'hono'
import type { DownloadKind } from '../../../app/credentials/downloads.js'
import { SVG_CONTENT_SECURITY_POLICY } from '../../../app/media/images.js'
import '../../../http/context.js'
import { localeOf } from '../../kit/locale.js'

export { fileNameOf } from '../../../app/credentials/downloads.js'

/** Sends one of a credential's downloads (platform.credentials.download) as an attachment, or redirects to the right one. */
export async function download(c: Context, kind: DownloadKind): Promise<Response> {
  const file = await c.get('platform').credentials.download(c.req.param('id') ?? '', kind, { locale: localeOf(c) })
  if (file.kind === 'redirect') return c.redirect(file.location, 303)
  if (file.mediaType === 'image/svg+xml') c.header('Content-Security-Policy', SVG_CONTENT_SECURITY_POLICY)
  c.header('Content-Disposition', `attachment; filename="${file.fileName}"`)
  // The certificate's words follow the reader's language; the rest is the same for everyone.
  if (kind === 'pdf') c.header('Vary', 'Accept-Language, Cookie')
  c.header('Cache-Control', kind === 'pdf' ? 'private, max-age=60' : 'public, max-age=300')
  c.header('X-Content-Type-Options', 'nosniff')
  return c.body(typeof file.body === 'string' ? file.body : (file.body as Uint8Array<ArrayBuffer>), 200, { 'Content-Type': file.mediaType })
}
