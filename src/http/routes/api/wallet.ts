import { Hono } from 'hono'
import type { AccountEmailRecord, WalletCollectionRecord, WalletItemView } from '../../../app/wallet/ports.js'
import type { WalletItemDetail, WalletQuery } from '../../../app/wallet/wallet.js'
import { requireUser } from '../../auth/require.js'
import { withRetryAfter } from '../../auth/session-cookie.js'
import '../../context.js'
import { readJson, readQuery } from '../../request.js'
import { collectionBody, collectionPatch, emailBody, listWalletQuery, walletItemPatch } from '../../schemas/wallet.js'

const presentItem = (i: WalletItemView) => i
const presentDetail = (d: WalletItemDetail) => ({ ...d.item, display: d.display, report: d.report, collections: d.collections.map((c) => ({ id: c.id, name: c.name })) })
const presentCollection = (c: WalletCollectionRecord) => ({ id: c.id, name: c.name, description: c.description, position: c.position, createdAt: c.createdAt, itemIds: c.itemIds })
const presentEmail = (primary: string) => (e: AccountEmailRecord) => ({ email: e.email, verified: e.verifiedAt !== null, verifiedAt: e.verifiedAt, createdAt: e.createdAt, primary: e.email === primary })

/**
 * The wallet API, as the signed-in learner (session cookie; writes echo the CSRF token): kept
 * credentials, claims, collections, and the account's addresses. Described in schemas/wallet.ts.
 */
export const walletApi = (): Hono =>
  new Hono()
    .get('/wallet/credentials', async (c) => {
      const user = requireUser(c)
      const q = readQuery(c, listWalletQuery)
      const query: WalletQuery = {
        issuer: q.issuer,
        skill: q.skill,
        status: q.status as WalletQuery['status'],
        expiresWithin: q.expiresWithin as WalletQuery['expiresWithin'],
        sort: q.sort as WalletQuery['sort'],
        collection: q.collection,
        includeHidden: q.hidden === 'include',
      }
      const { items } = await c.get('platform').wallet.list(user.id, query)
      return c.json({ items: items.map(presentItem) })
    })
    .get('/wallet/credentials/:id', async (c) => c.json(presentDetail(await c.get('platform').wallet.open(requireUser(c).id, c.req.param('id'), c.get('fetchLocal')))))
    .patch('/wallet/credentials/:id', async (c) => {
      const user = requireUser(c)
      const patch = await readJson(c, walletItemPatch, { maxBytes: 4096 })
      return c.json(presentItem(await c.get('platform').wallet.update(user.id, c.req.param('id'), patch)))
    })
    .delete('/wallet/credentials/:id', async (c) => {
      await c.get('platform').wallet.delete(requireUser(c).id, c.req.param('id'))
      return c.body(null, 204)
    })
    .post('/wallet/claims', async (c) => {
      const user = requireUser(c)
      return c.json({ items: (await c.get('platform').wallet.claimAll(user.id, c.get('fetchLocal'))).map(presentItem) })
    })
    .get('/wallet/collections', async (c) => c.json({ items: (await c.get('platform').wallet.collections(requireUser(c).id)).map(presentCollection) }))
    .post('/wallet/collections', async (c) => {
      const user = requireUser(c)
      const body = await readJson(c, collectionBody, { maxBytes: 16 * 1024 })
      return c.json(presentCollection(await c.get('platform').wallet.createCollection(user.id, body)), 201)
    })
    .get('/wallet/collections/:id', async (c) => c.json(presentCollection(await c.get('platform').wallet.collection(requireUser(c).id, c.req.param('id')))))
    .patch('/wallet/collections/:id', async (c) => {
      const user = requireUser(c)
      const patch = await readJson(c, collectionPatch, { maxBytes: 256 * 1024 })
      return c.json(presentCollection(await c.get('platform').wallet.updateCollection(user.id, c.req.param('id'), patch)))
    })
    .delete('/wallet/collections/:id', async (c) => {
      await c.get('platform').wallet.deleteCollection(requireUser(c).id, c.req.param('id'))
      return c.body(null, 204)
    })
    .get('/me/emails', async (c) => {
      const user = requireUser(c)
      const { emails, expiryReminders } = await c.get('platform').wallet.emails(user.id)
      return c.json({ items: emails.map(presentEmail(user.email)), expiryReminders })
    })
    .post('/me/emails', async (c) => {
      const user = requireUser(c)
      const { email } = await readJson(c, emailBody, { maxBytes: 4096 })
      const added = await c.get('platform').wallet.addEmail(user.id, email).catch((err) => withRetryAfter(c, err))
      return c.json(presentEmail(user.email)(added), 201)
    })
    .delete('/me/emails/:email', async (c) => {
      await c.get('platform').wallet.removeEmail(requireUser(c).id, c.req.param('email'))
      return c.body(null, 204)
    })
