import { createHash } from 'node:crypto'
import type { PlatformPorts } from '../platform/ports.js'
import type { ImageRecord } from '../media/images.js'

/** An image already checked (and for SVG, sanitized) by media's checkBadgeImage. */
export interface CheckedImage {
  mediaType: ImageRecord['mediaType']
  width: number
  height: number
  bytes: Uint8Array
}

/** Stores a checked image under the SHA-256 (hex) of its bytes; the same bytes again return the stored image. */
export async function saveImage({ store, clock }: Pick<PlatformPorts, 'store' | 'clock'>, orgId: string, image: CheckedImage): Promise<ImageRecord> {
  const id = createHash('sha256').update(image.bytes).digest('hex')
  return store.repos.images.put({ id, orgId, ...image, createdAt: clock.now().toISOString() })
}
