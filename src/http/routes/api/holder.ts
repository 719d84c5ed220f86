import { Hono } from 'hono'
import { didKeyVerificationMethodId } from '../../../core/proof/index.js'
import { requirePerson } from '../../auth/require.js'
import { clearSessionCookie, withRetryAfter } from '../../auth/session-cookie.js'
import '../../context.js'
import { readJson } from '../../request.js'
import { accountDeletionSchema, notificationSettingsSchema, presentationRequestSchema } from '../../../app/holder/holder-input.js'

/**
 * The holder and privacy API of the signed-in person: GET /me/did, POST /wallet/presentations,
 * GET /me/export, GET/PUT /me/notifications, DELETE /me. Described in schemas/holder.ts.
 */
export const holderApi = (): Hono =>
  new Hono()
    .get('/me/did', async (c) => {
      const { did, publicKeyMultibase } = await c.get('platform').holder.did(requirePerson(c, 'A holder DID').id)
      return c.json({ did, publicKeyMultibase, verificationMethod: didKeyVerificationMethodId(publicKeyMultibase) })
    })
    .post('/wallet/presentations', async (c) => {
      const userId = requirePerson(c, 'Presenting credentials').id
      const body = await readJson(c, presentationRequestSchema, { maxBytes: 64 * 1024 })
      c.header('Cache-Control', 'no-store')
      return c.json(await c.get('platform').holder.createPresentation(userId, body))
    })
    .get('/me/export', async (c) => {
      const { zip, filename } = await c.get('platform').holder.exportData(requirePerson(c, 'Exporting your data').id)
      c.header('Content-Disposition', `attachment; filename="${filename}"`)
      c.header('Cache-Control', 'no-store')
      return c.body(zip as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/zip' })
    })
    .get('/me/notifications', async (c) => c.json(await c.get('platform').holder.notifications(requirePerson(c, 'Notification settings').id)))
    .put('/me/notifications', async (c) => {
      const userId = requirePerson(c, 'Notification settings').id
      return c.json(await c.get('platform').holder.setNotifications(userId, await readJson(c, notificationSettingsSchema, { maxBytes: 16 * 1024 })))
    })
    .delete('/me', async (c) => {
      const userId = requirePerson(c, 'Deleting an account').id
      const body = await readJson(c, accountDeletionSchema, { maxBytes: 16 * 1024 })
      await c.get('platform').holder.deleteAccount(userId, body).catch((err) => withRetryAfter(c, err))
      clearSessionCookie(c)
      return c.body(null, 204)
    })
