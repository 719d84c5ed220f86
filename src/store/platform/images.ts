import type { Kysely } from 'kysely'
import { toBlob } from '../blob.js'
import type { Database } from '../schema.js'

/** A checked image to store under the SHA-256 (hex) of its bytes. */
export interface ImageRow {
  id: string
  orgId: string
  mediaType: 'image/png' | 'image/svg+xml'
  bytes: Uint8Array
  width: number
  height: number
  createdAt: string
}

/** Stores an image (badge or logo) once: the same bytes again change nothing (content-addressed). */
export async function insertImage(q: Kysely<Database>, image: ImageRow): Promise<void> {
  await q
    .insertInto('images')
    .values({
      id: image.id,
      org_id: image.orgId,
      media_type: image.mediaType,
      bytes: toBlob(image.bytes),
      width: image.width,
      height: image.height,
      created_at: image.createdAt,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
}
