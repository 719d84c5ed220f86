import { Hono } from 'hono'
import type { ProfileSettings } from '../../../app/share/share-use-cases.js'
import { requireUser } from '../../auth/require.js'
import '../../context.js'
import { readJson } from '../../request.js'
import { profileInput, shareLinkInput } from '../../../app/share/profile-input.js'

const presentSettings = (s: ProfileSettings, publicUrl: string) => ({
  profile: s.profile
    ? {
        handle: s.profile.handle,
        url: `${publicUrl}/u/${s.profile.handle}`,
        displayName: s.profile.displayName,
        headline: s.profile.headline,
        bio: s.profile.bio,
        public: s.profile.public,
        openToEmployers: s.profile.openToEmployers,
        createdAt: s.profile.createdAt,
        updatedAt: s.profile.updatedAt,
      }
    : null,
  suggestedHandle: s.suggestedHandle,
  publicCredentials: s.credentials.filter((c) => c.public && !c.hidden).map((c) => c.id),
  publicCollections: s.collections.filter((c) => c.public).map((c) => c.id),
})

/**
 * Sharing API (the signed-in learner only): GET/PUT /wallet/profile, GET /wallet/skills,
 * POST/GET /wallet/share-links, DELETE /wallet/share-links/{id}. Described in schemas/share.ts.
 */
export const shareApi = (): Hono =>
  new Hono()
    .get('/wallet/profile', async (c) => c.json(presentSettings(await c.get('platform').share.settings(requireUser(c).id), c.get('platform').publicUrl)))
    .put('/wallet/profile', async (c) => {
      const userId = requireUser(c).id
      const body = await readJson(c, profileInput, { maxBytes: 256 * 1024 })
      return c.json(presentSettings(await c.get('platform').share.saveProfile(userId, body), c.get('platform').publicUrl))
    })
    .get('/wallet/skills', async (c) => c.json({ items: await c.get('platform').share.skills(requireUser(c).id) }))
    .post('/wallet/share-links', async (c) => {
      const userId = requireUser(c).id
      const body = await readJson(c, shareLinkInput, { maxBytes: 16 * 1024 })
      const { link, url } = await c.get('platform').share.createLink(userId, body)
      c.header('Location', '/api/v1/wallet/share-links')
      c.header('Cache-Control', 'no-store')
      return c.json({ ...link, url }, 201)
    })
    .get('/wallet/share-links', async (c) => c.json({ items: await c.get('platform').share.links(requireUser(c).id) }))
    .delete('/wallet/share-links/:id', async (c) => c.json(await c.get('platform').share.revokeLink(requireUser(c).id, c.req.param('id'))))
