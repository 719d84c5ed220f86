import { Hono, type Context } from 'hono'
import { RateLimitedError } from '../../../app/accounts/index.js'
import { InputError } from '../../../app/platform/input-error.js'
import { EXPIRY_FILTERS, WALLET_SORTS, isWalletStatus, type ExpiryFilter, type WalletQuery, type WalletSort } from '../../../app/wallet/wallet.js'
import { isPlatformError } from '../../../core/errors.js'
import { requireUser } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'
import { render, tOf } from '../../kit/render.js'
import { fieldErrorsOf } from '../account/field-errors.js'
import { emailNotice, EmailsView, type EmailsModel } from './emails-view.js'
import { itemNotice, WalletItemView } from './item-view.js'
import { walletNotice, WalletView, type WalletModel } from './wallet-view.js'
import { walletHref, type WalletUrlState } from './wallet-parts.js'

const ITEM_ID = '{w_[A-Za-z0-9_-]{1,64}}'
const COLLECTION_ID = '{col_[A-Za-z0-9_-]{1,64}}'

/** The wallet's state from the URL: unknown values are ignored, never an error. */
function stateOf(c: Context): WalletUrlState {
  const q = (name: string) => {
    const v = c.req.query(name)
    return v && v.length <= 300 ? v : undefined
  }
  const status = q('status')
  const expires = q('expires')
  const sort = q('sort')
  const collection = q('collection')
  return {
    view: q('view') === 'list' ? 'list' : 'grid',
    issuer: q('issuer'),
    skill: q('skill'),
    status: status && isWalletStatus(status) ? status : undefined,
    expiresWithin: expires && (EXPIRY_FILTERS as readonly string[]).includes(expires) ? (expires as ExpiryFilter) : undefined,
    sort: sort && (WALLET_SORTS as readonly string[]).includes(sort) ? (sort as WalletSort) : undefined,
    collection: collection && /^col_[A-Za-z0-9_-]{1,64}$/.test(collection) ? collection : undefined,
    includeHidden: q('hidden') === 'include',
  }
}

/** Input problems of the wallet's forms, in the page's language. */
function errorsOf(c: Context, err: InputError) {
  const t = tOf(c)
  const errors: Record<string, string> = { ...fieldErrorsOf(t, err.issues) }
  for (const issue of err.issues) {
    const key = `wallet.error.${issue.path}.${issue.code.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase())}`
    if (t.has(key)) errors[issue.path] = t.t(key as never)
  }
  return errors
}

async function walletPage(c: Context, extra: Partial<WalletModel> = {}, status: 200 | 422 = 200): Promise<Response> {
  const user = requireUser(c)
  const { wallet } = c.get('platform')
  const state = stateOf(c)
  const query: WalletQuery = state
  const [list, claimable, emails] = await Promise.all([
    wallet.list(user.id, query).catch((err) => {
      // A collection that is not (or no longer) the learner's: the whole wallet instead.
      if (isPlatformError(err, 'ERR_NOT_FOUND') && query.collection) return wallet.list(user.id, { ...query, collection: undefined })
      throw err
    }),
    wallet.claimableCount(user.id),
    wallet.emails(user.id),
  ])
  const collection = list.collections.find((col) => col.id === state.collection)
  const count = Number(c.req.query('count'))
  const model: WalletModel = {
    list,
    state: collection ? state : { ...state, collection: undefined },
    collection,
    claimable,
    hasConfirmed: emails.emails.some((e) => e.verifiedAt !== null),
    notice: walletNotice(c.req.query('notice')),
    count: Number.isInteger(count) && count >= 0 ? count : undefined,
    ...extra,
  }
  return render(c, <WalletView model={model} />, { title: collection ? `${collection.name} · ${tOf(c).t('wallet.title')}` : tOf(c).t('wallet.title'), status })
}

async function emailsPage(c: Context, extra: Partial<EmailsModel> = {}, status: 200 | 409 | 422 | 429 = 200): Promise<Response> {
  const user = requireUser(c)
  const emails = await c.get('platform').wallet.emails(user.id)
  return render(c, <EmailsView model={{ emails, primary: user.email, notice: emailNotice(c.req.query('notice')), ...extra }} />, { title: tOf(c).t('wallet.emails.title'), status })
}

/** Where a collection form returns: the collection's page of the wallet. */
const collectionBack = (id: string, notice?: string) => `${walletHref({ view: 'list', collection: id })}${notice ? `&notice=${notice}` : ''}`

/** The learner's wallet pages: the wallet, a kept credential, collections, the account's addresses. */
export const walletPages = (): Hono =>
  new Hono()
    .get('/wallet', (c) => walletPage(c))
    .post('/wallet/claim-all', async (c) => {
      const user = requireUser(c)
      const added = await c.get('platform').wallet.claimAll(user.id, c.get('fetchLocal'))
      return c.redirect(added.length > 0 ? `/wallet?notice=claimed&count=${added.length}` : '/wallet?notice=claimed-none', 303)
    })
    .post('/wallet/collections', async (c) => {
      const user = requireUser(c)
      const form = await readForm(c)
      try {
        const created = await c.get('platform').wallet.createCollection(user.id, { name: form['name'] ?? '' })
        return c.redirect(`${walletHref({ view: 'grid', collection: created.id })}&notice=collection-created`, 303)
      } catch (err) {
        if (err instanceof InputError) return walletPage(c, { errors: errorsOf(c, err), values: { name: form['name'] ?? '' } }, 422)
        throw err
      }
    })
    .post(`/wallet/collections/:id${COLLECTION_ID}/rename`, async (c) => {
      const user = requireUser(c)
      const form = await readForm(c)
      const id = c.req.param('id')
      try {
        await c.get('platform').wallet.updateCollection(user.id, id, { name: form['name'] ?? '' })
      } catch (err) {
        if (!(err instanceof InputError)) throw err
        return c.redirect(collectionBack(id), 303)
      }
      return c.redirect(collectionBack(id, 'collection-renamed'), 303)
    })
    .post(`/wallet/collections/:id${COLLECTION_ID}/delete`, async (c) => {
      await c.get('platform').wallet.deleteCollection(requireUser(c).id, c.req.param('id'))
      return c.redirect('/wallet?notice=collection-deleted', 303)
    })
    .post(`/wallet/collections/:id${COLLECTION_ID}/move`, async (c) => {
      const { direction } = await readForm(c)
      await c.get('platform').wallet.moveCollection(requireUser(c).id, c.req.param('id'), direction === 'up' ? 'up' : 'down')
      return c.redirect('/wallet#collections', 303)
    })
    .post(`/wallet/collections/:id${COLLECTION_ID}/items/:item${ITEM_ID}/move`, async (c) => {
      const { direction } = await readForm(c)
      const id = c.req.param('id')
      await c.get('platform').wallet.moveInCollection(requireUser(c).id, id, c.req.param('item'), direction === 'up' ? 'up' : 'down')
      return c.redirect(collectionBack(id), 303)
    })
    .post(`/wallet/collections/:id${COLLECTION_ID}/items/:item${ITEM_ID}/remove`, async (c) => {
      const { back } = await readForm(c)
      const id = c.req.param('id')
      const item = c.req.param('item')
      await c.get('platform').wallet.removeFromCollection(requireUser(c).id, id, item)
      return c.redirect(back === 'item' ? `/wallet/${item}?notice=removed-from-collection` : collectionBack(id), 303)
    })
    .get(`/wallet/:id${ITEM_ID}`, async (c) => {
      const user = requireUser(c)
      const { wallet } = c.get('platform')
      const [detail, collections, { profile }, hosts] = await Promise.all([
        wallet.open(user.id, c.req.param('id'), c.get('fetchLocal')),
        wallet.collections(user.id),
        c.get('platform').share.settings(user.id),
        c.get('platform').ob3client.hosts(user.id),
      ])
      // An imported credential shown on the public profile is shared (LinkedIn post, embed) by its profile page.
      const onProfile = profile?.public === true && detail.item.public && !detail.item.hidden
      const profileUrl = onProfile ? `${c.get('platform').publicUrl}/u/${profile.handle}/c/${encodeURIComponent(detail.item.id)}` : undefined
      const connected = hosts.filter((h) => h.state === 'connected').map((h) => ({ id: h.id, name: h.name }))
      return render(c, <WalletItemView model={{ detail, collections, profileUrl, hosts: connected, checkedAt: c.get('platform').now(), notice: itemNotice(c.req.query('notice')) }} />, { title: detail.display.name })
    })
    .post(`/wallet/:id${ITEM_ID}/visibility`, async (c) => {
      const { hidden } = await readForm(c)
      const id = c.req.param('id')
      await c.get('platform').wallet.update(requireUser(c).id, id, { hidden: hidden === '1' })
      return c.redirect(`/wallet/${id}?notice=${hidden === '1' ? 'hidden' : 'shown'}`, 303)
    })
    .post(`/wallet/:id${ITEM_ID}/name`, async (c) => {
      const form = await readForm(c)
      const id = c.req.param('id')
      const show = form['show_name'] === '1'
      await c.get('platform').wallet.update(requireUser(c).id, id, { showName: show })
      return c.redirect(`/wallet/${id}?notice=${show ? 'name-shown' : 'name-hidden'}`, 303)
    })
    .post(`/wallet/:id${ITEM_ID}/collections`, async (c) => {
      const { collection = '' } = await readForm(c)
      const id = c.req.param('id')
      const user = requireUser(c)
      if (collection !== '') await c.get('platform').wallet.addToCollection(user.id, collection, id)
      return c.redirect(`/wallet/${id}${collection !== '' ? '?notice=added-to-collection' : ''}`, 303)
    })
    .post(`/wallet/:id${ITEM_ID}/delete`, async (c) => {
      await c.get('platform').wallet.delete(requireUser(c).id, c.req.param('id'))
      return c.redirect('/wallet?notice=deleted', 303)
    })

    .get('/account/emails', (c) => emailsPage(c))
    .post('/account/emails', async (c) => {
      const user = requireUser(c)
      const { email = '' } = await readForm(c)
      try {
        await c.get('platform').wallet.addEmail(user.id, email)
      } catch (err) {
        if (err instanceof InputError) return emailsPage(c, { errors: errorsOf(c, err), value: email }, 422)
        if (err instanceof RateLimitedError) {
          c.header('Retry-After', String(err.retryAfterSeconds))
          return emailsPage(c, { alert: tOf(c).t('wallet.emails.limited'), value: email }, 429)
        }
        throw err
      }
      return c.redirect('/account/emails?notice=added', 303)
    })
    .post('/account/emails/resend', async (c) => {
      const user = requireUser(c)
      const { email = '' } = await readForm(c)
      try {
        await c.get('platform').wallet.resendEmailConfirmation(user.id, email)
      } catch (err) {
        if (err instanceof RateLimitedError) {
          c.header('Retry-After', String(err.retryAfterSeconds))
          return emailsPage(c, { alert: tOf(c).t('wallet.emails.limited') }, 429)
        }
        throw err
      }
      return c.redirect('/account/emails?notice=resent', 303)
    })
    .post('/account/emails/remove', async (c) => {
      const user = requireUser(c)
      const { email = '' } = await readForm(c)
      try {
        await c.get('platform').wallet.removeEmail(user.id, email)
      } catch (err) {
        if (isPlatformError(err, 'ERR_CONFLICT')) return emailsPage(c, { alert: tOf(c).t('wallet.emails.lastConfirmed') }, 409)
        throw err
      }
      return c.redirect('/account/emails?notice=removed', 303)
    })
    .post('/account/emails/reminders', async (c) => {
      const form = await readForm(c)
      const on = form['expiry_reminders'] === '1'
      await c.get('platform').wallet.setExpiryReminders(requireUser(c).id, on)
      return c.redirect(`/account/emails?notice=${on ? 'reminders-on' : 'reminders-off'}`, 303)
    })
