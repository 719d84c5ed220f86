// The badge image of an imported credential, kept on this instance: pages are served with
// `img-src 'self' data:`, so another issuer's image URL would never show. The image is fetched
// (through the guarded fetcher) or decoded (a data: URL), checked like an uploaded badge image
// (an SVG sanitized) and stored; the item then shows {publicUrl}/images/{id}.
import { createHash } from 'node:crypto'
import type { PlatformPorts } from '../platform/ports.js'

/** The media types asked for when fetching an image (what the image check accepts). */
const IMAGE_ACCEPT = 'image/png, image/svg+xml;q=0.9, image/*;q=0.5'

/** The bytes and declared type of a `data:` URL, or undefined when it is not one (or not an image). */
export function decodeDataUrl(url: string): { bytes: Uint8Array; mediaType: string } | undefined {
  const match = /^data:([^,]*?),(.*)$/is.exec(url)
  if (!match) return undefined
  const params = match[1]!.split(';').map((p) => p.trim())
  const mediaType = (params[0] || 'text/plain').toLowerCase()
  if (!mediaType.startsWith('image/')) return undefined
  const base64 = params.slice(1).some((p) => p.toLowerCase() === 'base64')
  try {
    const bytes = base64 ? Buffer.from(match[2]!.replace(/\s+/g, ''), 'base64') : Buffer.from(decodeURIComponent(match[2]!), 'utf8')
    return { bytes: new Uint8Array(bytes), mediaType }
  } catch {
    return undefined
  }
}

/**
 * Keeps the image at `url` for `userId` and answers its URL here (`{publicUrl}/images/{id}`); undefined when
 * there is nothing to keep: no image, not an https or data: URL, a fetch that failed or was refused
 * (the fetcher's guards: HTTPS, public addresses, size cap), or bytes the image check rejects.
 * Never throws: an import goes on without its image (the page shows the placeholder).
 */
export async function keepImportedImage(ports: Pick<PlatformPorts, 'store' | 'clock' | 'media' | 'fetcher' | 'publicUrl'>, userId: string, url: string | undefined): Promise<string | undefined> {
  if (!url) return undefined
  if (url.startsWith(`${ports.publicUrl}/`)) return url
  try {
    let image: { bytes: Uint8Array; mediaType: string } | undefined
    if (/^data:/i.test(url)) image = decodeDataUrl(url)
    else if (/^https?:\/\//i.test(url) && ports.fetcher) {
      const fetched = await ports.fetcher(url, { accept: IMAGE_ACCEPT })
      const type = fetched.contentType?.split(';')[0]?.trim().toLowerCase()
      if (fetched.status === 200 && type?.startsWith('image/')) image = { bytes: fetched.body, mediaType: type }
    }
    if (!image || image.bytes.length > ports.media.imageLimits.maxBytes) return undefined
    const checked = ports.media.checkImage(image.bytes, image.mediaType)
    const id = createHash('sha256').update(checked.bytes).digest('hex')
    await ports.store.repos.images.putImported({ id, userId, mediaType: checked.mediaType, bytes: checked.bytes, width: checked.width, height: checked.height, createdAt: ports.clock.now().toISOString() })
    return `${ports.publicUrl}/images/${id}`
  } catch {
    return undefined
  }
}
