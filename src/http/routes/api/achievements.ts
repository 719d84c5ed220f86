import { Hono } from 'hono'
import { z } from 'zod'
import { achievementUrl, obAchievement } from '../../../app/achievements/ob-achievement.js'
import type { AchievementRecord } from '../../../app/achievements/ports.js'
import { badgeDesignSchema } from '../../../app/media/badge-design.js'
import type { ImageRecord } from '../../../app/media/images.js'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { PlatformError } from '../../../core/errors.js'
import { ESCO_ATTRIBUTION, ONET_ATTRIBUTION } from '../../../core/skills/index.js'
import { requireOrg } from '../../auth/require.js'
import '../../context.js'
import { readBytes, readJson, readQuery } from '../../request.js'
import { listAchievementsQuery, searchSkillsQuery } from '../../schemas/achievements.js'

/** A JSON object body (its fields are checked by the use case). */
const jsonObject = z.record(z.string(), z.unknown(), 'must be a JSON object')

/** An achievement as the API shows it: the record, its editor definition, and the OB 3.0 Achievement credentials embed. */
export function presentAchievement(record: AchievementRecord, { publicUrl, orgSlug }: { publicUrl: string; orgSlug: string }) {
  return {
    id: record.id,
    state: record.state,
    name: record.name,
    version: record.version,
    imageId: record.imageId,
    imageUrl: record.imageId ? `${publicUrl}/images/${record.imageId}` : null,
    url: achievementUrl(publicUrl, orgSlug, record.id),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    definition: record.definition,
    achievement: obAchievement(record, { publicUrl, orgSlug }),
  }
}

const presentImage = (image: ImageRecord, publicUrl: string) => ({
  id: image.id,
  url: `${publicUrl}/images/${image.id}`,
  mediaType: image.mediaType,
  width: image.width,
  height: image.height,
})

/** Attribution each framework's licence asks for, keyed by framework. */
const ATTRIBUTION: Record<string, string> = { esco: ESCO_ATTRIBUTION, onet: ONET_ATTRIBUTION }

/**
 * Achievements, images and skills API (described in schemas/achievements.ts):
 * GET/POST /orgs/:org/achievements, GET/PATCH /orgs/:org/achievements/:id, POST …/:id/publish, …/archive,
 * …/unarchive (viewer reads, admin writes); POST /orgs/:org/images (a PNG or SVG body),
 * POST /orgs/:org/images/design (designer parameters → SVG); GET /skills?q=&framework=&limit= (anyone signed in).
 */
export const achievementsApi = (): Hono =>
  new Hono()
    .get('/orgs/:org/achievements', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const page = await c.get('platform').achievements.list(org.id, readQuery(c, listAchievementsQuery))
      const present = (r: AchievementRecord) => presentAchievement(r, { publicUrl: c.get('platform').publicUrl, orgSlug: org.slug })
      c.header('Cache-Control', 'no-store')
      return c.json({ items: page.items.map(present), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) })
    })
    .post('/orgs/:org/achievements', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const { imageId, ...definition } = await readJson(c, jsonObject)
      const record = await c.get('platform').achievements.create({ orgId: org.id, definition, imageId: imageId as string | null | undefined })
      c.header('Location', `/api/v1/orgs/${org.slug}/achievements/${record.id}`)
      return c.json(presentAchievement(record, { publicUrl: c.get('platform').publicUrl, orgSlug: org.slug }), 201)
    })
    .get('/orgs/:org/achievements/:id', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const record = await c.get('platform').achievements.get(org.id, c.req.param('id'))
      c.header('Cache-Control', 'no-store')
      return c.json(presentAchievement(record, { publicUrl: c.get('platform').publicUrl, orgSlug: org.slug }))
    })
    .patch('/orgs/:org/achievements/:id', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const { imageId, version, ...changes } = await readJson(c, jsonObject)
      if (version !== undefined && !Number.isInteger(version)) throw new PlatformError('ERR_INPUT_INVALID', 'version: must be the whole-number version you edited')
      const record = await c.get('platform').achievements.update({
        orgId: org.id,
        id: c.req.param('id'),
        changes,
        imageId: imageId as string | null | undefined,
        expectedVersion: version as number | undefined,
      })
      return c.json(presentAchievement(record, { publicUrl: c.get('platform').publicUrl, orgSlug: org.slug }))
    })
    .post('/orgs/:org/achievements/:id/:action{publish|archive|unarchive}', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const action = c.req.param('action') as 'publish' | 'archive' | 'unarchive'
      const record = await c.get('platform').achievements[action](org.id, c.req.param('id'))
      return c.json(presentAchievement(record, { publicUrl: c.get('platform').publicUrl, orgSlug: org.slug }))
    })
    .post('/orgs/:org/images', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
      if (type !== 'image/png' && type !== 'image/svg+xml')
        throw new PlatformError('ERR_IMAGE_INVALID', `Send the image as the body with Content-Type image/png or image/svg+xml (got ${type || 'none'})`)
      const bytes = await readBytes(c, { maxBytes: c.get('platform').achievements.imageLimits.maxBytes, what: 'A badge image' })
      const image = await c.get('platform').achievements.uploadImage(org.id, { bytes, mediaType: type })
      c.header('Location', `/images/${image.id}`)
      return c.json(presentImage(image, c.get('platform').publicUrl), 201)
    })
    .post('/orgs/:org/images/design', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const image = await c.get('platform').achievements.designImage(org.id, await readJson(c, badgeDesignSchema))
      c.header('Location', `/images/${image.id}`)
      return c.json(presentImage(image, c.get('platform').publicUrl), 201)
    })
    .get('/skills', async (c) => {
      if (!c.get('actor')) throw new PlatformError('ERR_UNAUTHENTICATED', 'Sign in or send an API key to search skills')
      const { q, framework, limit } = readQuery(c, searchSkillsQuery)
      const items = await c.get('platform').skills.search(q, { framework, limit })
      const frameworks = [...new Set(items.map((s) => s.framework))]
      const attribution = Object.fromEntries(frameworks.filter((f) => f in ATTRIBUTION).map((f) => [f, ATTRIBUTION[f]]))
      c.header('Cache-Control', 'no-store')
      return c.json({ items, ...(Object.keys(attribution).length ? { attribution } : {}) })
    })
