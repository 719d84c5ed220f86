import type { Kysely, Selectable } from 'kysely'
import type { ImageRecord, ImagesRepo } from '../../app/media/images.js'
import { fromBlob, toBlob } from '../blob.js'
import { compiledOnce } from '../prepared.js'
import type { Database } from '../schema.js'

const imageRecordOf = (r: Selectable<Database['images']>): ImageRecord => ({
  id: r.id,
  orgId: r.org_id,
  mediaType: r.media_type,
  bytes: fromBlob(r.bytes),
  width: Number(r.width),
  height: Number(r.height),
  createdAt: r.created_at,
})

/** The images repository over `q` (badges and logos, content-addressed: the same bytes are inserted once). */
export function imagesRepo(q: Kysely<Database>): ImagesRepo {
  // Read by every credential page with a badge image: compiled once.
  const mediaTypeOf = compiledOnce(q, 1, (id) => q.selectFrom('images').select('media_type').where('id', '=', id))
  return {
    async put(image) {
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
      return imageRecordOf(await q.selectFrom('images').selectAll().where('id', '=', image.id).executeTakeFirstOrThrow())
    },
    async get(id) {
      const row = await q.selectFrom('images').selectAll().where('id', '=', id).executeTakeFirst()
      if (row) return imageRecordOf(row)
      const imported = await q.selectFrom('user_images').selectAll().where('id', '=', id).limit(1).executeTakeFirst()
      return imported ? imageRecordOf({ ...imported, org_id: '' }) : undefined
    },
    async putImported(image) {
      await q
        .insertInto('user_images')
        .values({
          id: image.id,
          user_id: image.userId,
          media_type: image.mediaType,
          bytes: toBlob(image.bytes),
          width: image.width,
          height: image.height,
          created_at: image.createdAt,
        })
        .onConflict((oc) => oc.columns(['id', 'user_id']).doNothing())
        .execute()
    },
    async mediaType(id) {
      const [row] = await mediaTypeOf(id)
      return row?.media_type
    },
  }
}
