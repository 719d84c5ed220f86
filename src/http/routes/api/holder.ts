import { Hono } from 'hono'
import { didKeyVerificationMethodId } from '../../../core/proof/index.js'
import { requireUser } from '../../auth/require.js'
import { clearSessionCookie, withRetryAfter } from '../../auth/session-cookie.js'
import '../../context.js'
import { readJson } from '../../request.js'
import { accountDeletionSchema, notificationSettingsSchema } from '../../../app/holder/holder-input.js'

/**
 * The holder and privacy API of the signed-in person: GET /me/did, GET/PUT /me/notifications,
 * DELETE /me. Described in schemas/holder.ts.
 */
export const holderApi = (): Hono =>
  new Hono()
    .get('/me/did', async (c) => {
      const { did, publicKeyMultibase } = await c.var.platform.holder.did(requireUser(c).id)
      return c.json({ did, publicKeyMultibase, verificationMethod: didKeyVerificationMethodId(publicKeyMultibase) })
    })
    .get('/me/notifications', async (c) => c.json(await c.var.platform.holder.notifications(requireUser(c).id)))
    .put('/me/notifications', async (c) => {
      const userId = requireUser(c).id
      return c.json(await c.var.platform.holder.setNotifications(userId, await readJson(c, notificationSettingsSchema, { maxBytes: 16 * 1024 })))
    })
    .delete('/me', async (c) => {
      const userId = requireUser(c).id
      const body = await readJson(c, accountDeletionSchema, { maxBytes: 16 * 1024 })
      await c.var.platform.holder.deleteAccount(userId, body).catch((err) => withRetryAfter(c, err))
      clearSessionCookie(c)
      return c.body(null, 204)
    })
