import type { Kysely } from 'kysely'
import { toBlob } from '../blob.js'
import type { ImageRecord } from '../../app/achievements/ports.js'
import type { Database } from '../schema.js'

/** Stores an image (badge or logo) once: the same bytes again change nothing (content-addressed). */
export async function insertImage(q: Kysely<Database>, image: ImageRecord): Promise<void> {
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
