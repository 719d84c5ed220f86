// The learner's wallet: every kept credential as a badge grid or a list, filters (issuer, skill,
// standing, expiry), sort, collections (create, rename, delete, order), claim everything sent to the
// learner's confirmed addresses. Every control is a link or a form: it all works without script.
import type { WalletCollectionRecord } from '../../../app/wallet/ports.js'
import { EXPIRY_FILTERS, WALLET_SORTS, WALLET_STATUSES, type WalletList } from '../../../app/wallet/wallet.js'
import { Alert } from '../../components/alert.js'
import { BadgeTile } from '../../components/badge-tile.js'
import { Card } from '../../components/card.js'
import { EmptyState } from '../../components/empty-state.js'
import { Form, Select, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { WalletClrLink, WalletPresentLink } from '../holder/present-link.js'
import { WalletShareNav } from '../share/share-actions.js'
import { usePage, useT } from '../../kit/env.js'
import { isFiltered, shownImage, walletHref, WalletStatusPill, type WalletItemView, type WalletUrlState } from './wallet-parts.js'

/** Confirmations after a redirect (a fixed set: nothing from the URL is shown as is). */
export const WALLET_NOTICES = ['claimed', 'claimed-none', 'collection-created', 'collection-renamed', 'collection-deleted', 'deleted', 'added'] as const
export type WalletNotice = (typeof WALLET_NOTICES)[number]
export const walletNotice = (code: string | undefined): WalletNotice | undefined => WALLET_NOTICES.find((n) => n === code)

export interface WalletModel {
  list: WalletList
  state: WalletUrlState
  /** The collection shown, when one is. */
  collection?: WalletCollectionRecord | undefined
  /** Unclaimed credentials sent to the learner's confirmed addresses. */
  claimable: number
  /** Whether the account has a confirmed address at all. */
  hasConfirmed: boolean
  notice?: WalletNotice | undefined
  count?: number | undefined
  /** The new-collection form's problems. */
  errors?: FieldErrors | undefined
  values?: Readonly<Record<string, string>> | undefined
}

function Notice({ notice, count }: { notice: WalletNotice | undefined; count: number | undefined }) {
  const t = useT()
  if (!notice) return null
  const text = notice === 'claimed' ? t.t('wallet.notice.claimed', { count: count ?? 0 }) : t.t(`wallet.notice.${notice}`)
  return <Alert kind="ok"><p>{text}</p></Alert>
}

/** One credential as a tile of the grid. */
function Tile({ item }: { item: WalletItemView }) {
  const t = useT()
  const { publicUrl } = usePage()
  const d = item.display
  return (
    <BadgeTile
      href={`/wallet/${item.id}`}
      image={shownImage(d.imageUrl, publicUrl)}
      imageAlt={t.t('wallet.badgeAlt', { name: d.name })}
      name={d.name}
      meta={d.issuer.name}
      footer={
        <>
          <WalletStatusPill status={item.status} />
          {d.expiresAt && item.status !== 'expired' && <span class="pill"><Icon name="clock" />{t.t('wallet.expiresOn', { date: t.date(d.expiresAt, 'medium') })}</span>}
          {item.hidden && <span class="pill"><Icon name="eye" />{t.t('wallet.hiddenPill')}</span>}
        </>
      }
    />
  )
}

/** One credential as a row of the list. */
function Row({ item, collection, index, count }: { item: WalletItemView; collection?: WalletCollectionRecord | undefined; index: number; count: number }) {
  const t = useT()
  const { publicUrl } = usePage()
  const d = item.display
  const image = shownImage(d.imageUrl, publicUrl)
  return (
    <li class="wallet-row">
      <span class="wallet-row-art">
        {image ? <img src={image} alt="" width="56" height="56" loading="lazy" /> : <Icon name="award" class="badge-placeholder" />}
      </span>
      <span class="wallet-row-body">
        <a class="wallet-row-name" href={`/wallet/${item.id}`}>{d.name}</a>
        <span class="muted small">
          {d.issuer.name}
          {d.issuedAt && <> · {t.t('wallet.issuedOn', { date: t.date(d.issuedAt, 'medium') })}</>}
          {d.expiresAt && <> · {t.t('wallet.expiresOn', { date: t.date(d.expiresAt, 'medium') })}</>}
        </span>
      </span>
      <span class="wallet-row-status">
        <WalletStatusPill status={item.status} />
        {item.hidden && <span class="pill"><Icon name="eye" />{t.t('wallet.hiddenPill')}</span>}
      </span>
      {collection && <OrderButtons collection={collection} item={item} index={index} count={count} />}
    </li>
  )
}

/** Move up, move down and remove, for a credential of the collection shown (forms: no script needed). */
function OrderButtons({ collection, item, index, count }: { collection: WalletCollectionRecord; item: WalletItemView; index: number; count: number }) {
  const t = useT()
  const base = `/wallet/collections/${collection.id}/items/${item.id}`
  return (
    <span class="wallet-order">
      <Form action={`${base}/move`} class="inline">
        <input type="hidden" name="direction" value="up" />
        <button type="submit" class="button ghost sm icon-only" disabled={index === 0}><Icon name="arrowUp" label={t.t('wallet.collection.moveUp', { name: item.display.name })} /></button>
      </Form>
      <Form action={`${base}/move`} class="inline">
        <input type="hidden" name="direction" value="down" />
        <button type="submit" class="button ghost sm icon-only" disabled={index === count - 1}><Icon name="arrowDown" label={t.t('wallet.collection.moveDown', { name: item.display.name })} /></button>
      </Form>
      <Form action={`${base}/remove`} class="inline">
        <button type="submit" class="button ghost sm icon-only"><Icon name="x" label={t.t('wallet.collection.removeItem', { name: item.display.name })} /></button>
      </Form>
    </span>
  )
}

/** The filter bar: a GET form (issuer, skill, standing, expiry, sort), kept in the URL. */
function Filters({ model }: { model: WalletModel }) {
  const t = useT()
  const { state, list } = model
  return (
    <form method="get" action="/wallet" role="search" aria-label={t.t('wallet.filter.label')} class="wallet-filter">
      {state.collection && <input type="hidden" name="collection" value={state.collection} />}
      {state.view === 'list' && <input type="hidden" name="view" value="list" />}
      {state.includeHidden && <input type="hidden" name="hidden" value="include" />}
      <Select name="issuer" label={t.t('wallet.filter.issuer')} value={state.issuer} placeholder={t.t('wallet.filter.any')} autosubmit options={list.issuers.map((i) => [i, i] as const)} />
      <Select name="skill" label={t.t('wallet.filter.skill')} value={state.skill} placeholder={t.t('wallet.filter.any')} autosubmit options={list.skills.map((s) => [s, s] as const)} />
      <Select name="status" label={t.t('wallet.filter.status')} value={state.status} placeholder={t.t('wallet.filter.any')} autosubmit options={WALLET_STATUSES.map((s) => [s, t.t(`wallet.status.${s}`)] as const)} />
      <Select name="expires" label={t.t('wallet.filter.expiry')} value={state.expiresWithin} placeholder={t.t('wallet.filter.any')} autosubmit options={EXPIRY_FILTERS.map((e) => [e, t.t(`wallet.expiry.${e}`)] as const)} />
      <Select name="sort" label={t.t('wallet.filter.sort')} value={state.sort} placeholder={state.collection ? t.t('wallet.sort.collection') : t.t('wallet.sort.newest')} autosubmit options={WALLET_SORTS.filter((s) => state.collection || s !== 'newest').map((s) => [s, t.t(`wallet.sort.${s}`)] as const)} />
      <div class="wallet-filter-actions">
        <button type="submit" class="button secondary"><Icon name="search" />{t.t('wallet.filter.apply')}</button>
        {isFiltered(state) && <a href={walletHref({ view: state.view, collection: state.collection })}>{t.t('wallet.filter.clear')}</a>}
      </div>
    </form>
  )
}

/** Grid or list, as links (the choice stays in the URL). */
function LayoutToggle({ state }: { state: WalletUrlState }) {
  const t = useT()
  return (
    <ul class="segmented" aria-label={t.t('wallet.layout.label')}>
      <li><a href={walletHref(state, { view: 'grid' })} aria-current={state.view === 'grid' ? 'true' : undefined}><Icon name="dashboard" />{t.t('wallet.layout.grid')}</a></li>
      <li><a href={walletHref(state, { view: 'list' })} aria-current={state.view === 'list' ? 'true' : undefined}><Icon name="list" />{t.t('wallet.layout.list')}</a></li>
    </ul>
  )
}

/** The collections: links that show one, order buttons, rename and delete, and a form for a new one. */
function Collections({ model }: { model: WalletModel }) {
  const t = useT()
  const { list, state, collection } = model
  const collections = list.collections
  return (
    <Card title={t.t('wallet.collections.title')} id="collections" class="wallet-collections">
      <ul class="wallet-collection-list">
        <li><a href={walletHref({ view: state.view })} aria-current={!collection ? 'page' : undefined}><Icon name="layers" />{t.t('wallet.collections.all', { count: list.total - list.hiddenCount })}</a></li>
        {collections.map((c, i) => (
          <li class="wallet-collection">
            <a href={walletHref({ view: state.view, collection: c.id })} aria-current={collection?.id === c.id ? 'page' : undefined}><Icon name="archive" />{c.name} <span class="muted">({t.number(c.itemIds.length)})</span></a>
            <span class="wallet-order">
              <Form action={`/wallet/collections/${c.id}/move`} class="inline">
                <input type="hidden" name="direction" value="up" />
                <button type="submit" class="button ghost sm icon-only" disabled={i === 0}><Icon name="arrowUp" label={t.t('wallet.collections.moveUp', { name: c.name })} /></button>
              </Form>
              <Form action={`/wallet/collections/${c.id}/move`} class="inline">
                <input type="hidden" name="direction" value="down" />
                <button type="submit" class="button ghost sm icon-only" disabled={i === collections.length - 1}><Icon name="arrowDown" label={t.t('wallet.collections.moveDown', { name: c.name })} /></button>
              </Form>
            </span>
          </li>
        ))}
      </ul>
      <Form action="/wallet/collections" class="form wallet-new-collection" label={t.t('wallet.collections.new')}>
        <TextField name="name" label={t.t('wallet.collections.name')} value={model.values?.['name']} errors={model.errors} maxLength={100} required />
        <button type="submit" class="button secondary"><Icon name="plus" />{t.t('wallet.collections.create')}</button>
      </Form>
    </Card>
  )
}

/** The collection shown: its name, rename and delete. */
function CollectionHeader({ collection }: { collection: WalletCollectionRecord }) {
  const t = useT()
  return (
    <section class="card wallet-collection-head" aria-labelledby="collection-title">
      <div>
        <span class="eyebrow">{t.t('wallet.collection.eyebrow')}</span>
        <h2 id="collection-title">{collection.name}</h2>
        {collection.description && <p class="muted">{collection.description}</p>}
      </div>
      <details class="wallet-collection-manage">
        <summary class="button secondary sm"><Icon name="edit" />{t.t('wallet.collection.manage')}</summary>
        <Form action={`/wallet/collections/${collection.id}/rename`} class="form">
          <TextField name="name" label={t.t('wallet.collections.name')} value={collection.name} maxLength={100} required id={`rename-${collection.id}`} />
          <button type="submit" class="button secondary">{t.t('wallet.collection.rename')}</button>
        </Form>
        <Form action={`/wallet/collections/${collection.id}/delete`} class="form">
          <p class="muted small">{t.t('wallet.collection.deleteHint')}</p>
          <button type="submit" class="button danger"><Icon name="trash" />{t.t('wallet.collection.delete')}</button>
        </Form>
      </details>
    </section>
  )
}

/** The page. */
export function WalletView({ model }: { model: WalletModel }) {
  const t = useT()
  const { list, state, collection } = model
  const items = list.items
  const empty = list.total === 0
  const claimButton =
    model.claimable > 0 ? (
      <Form action="/wallet/claim-all" class="inline">
        <button type="submit" class="button"><Icon name="inbox" />{t.t('wallet.claimAll.button', { count: model.claimable })}</button>
      </Form>
    ) : null
  const importLink = <a class="button secondary" href="/wallet/import"><Icon name="upload" />{t.t('wallet.import')}</a>
  return (
    <div class="container page wallet-page">
      <PageHeader
        eyebrow={t.t('wallet.eyebrow')}
        title={t.t('wallet.title')}
        lead={t.t('wallet.lead')}
        actions={<>{!empty && claimButton}{!empty && importLink}<a class="button ghost" href="/account/emails"><Icon name="mail" />{t.t('wallet.emailsLink')}</a><WalletShareNav /><WalletPresentLink />{!empty && <WalletClrLink />}</>}
      />
      <Notice notice={model.notice} count={model.count} />
      {!model.hasConfirmed && (
        <Alert kind="info" title={t.t('wallet.unconfirmed.title')}>
          <p>{t.rich('wallet.unconfirmed.text', { link: (chunks) => <a href="/account">{chunks}</a> })}</p>
        </Alert>
      )}
      {empty ? (
        <EmptyState icon="award" title={t.t('wallet.empty.title')} actions={<>{claimButton}{importLink}</>}>
          {model.claimable > 0 ? t.t('wallet.empty.claimable', { count: model.claimable }) : t.t('wallet.empty.text')}
        </EmptyState>
      ) : null}
      {empty ? (
        <p class="muted small wallet-issuer-hint wallet-empty-hint">{t.rich('wallet.issuerHint', { link: (chunks) => <a href="/dashboard?orgs=1">{chunks}</a> })}</p>
      ) : (
        <div class="wallet-layout">
          <div class="wallet-main stack">
            {collection && <CollectionHeader collection={collection} />}
            <Filters model={model} />
            <div class="wallet-toolbar">
              <p class="muted" role="status">{t.t('wallet.results', { count: items.length })}</p>
              <LayoutToggle state={state} />
            </div>
            {items.length === 0 ? (
              <EmptyState icon="search" title={collection && !isFiltered(state) ? t.t('wallet.collection.emptyTitle') : t.t('wallet.noMatch.title')} headingLevel={2}>
                {collection && !isFiltered(state) ? t.t('wallet.collection.empty') : t.t('wallet.noMatch.text')}
              </EmptyState>
            ) : state.view === 'list' ? (
              <section aria-labelledby="wallet-results">
                <h2 id="wallet-results" class="sr-only">{t.t('wallet.resultsHeading')}</h2>
                <ul class="wallet-list">
                  {items.map((i, n) => <Row item={i} collection={collection && !state.sort ? collection : undefined} index={n} count={items.length} />)}
                </ul>
              </section>
            ) : (
              <section aria-labelledby="wallet-results">
                <h2 id="wallet-results" class="sr-only">{t.t('wallet.resultsHeading')}</h2>
                {collection && <p class="muted small">{t.rich('wallet.collection.orderHint', { link: (chunks) => <a href={walletHref(state, { view: 'list' })}>{chunks}</a> })}</p>}
                <ul class="badge-grid wallet-grid">{items.map((i) => <li><Tile item={i} /></li>)}</ul>
              </section>
            )}
            {list.hiddenCount > 0 && (
              <p class="muted small">
                {state.includeHidden
                  ? <a href={walletHref(state, { includeHidden: false })}>{t.t('wallet.hidden.hide')}</a>
                  : <a href={walletHref(state, { includeHidden: true })}>{t.t('wallet.hidden.show', { count: list.hiddenCount })}</a>}
              </p>
            )}
          </div>
          <aside class="wallet-side" aria-label={t.t('wallet.collections.title')}>
            <Collections model={model} />
            <p class="muted small wallet-issuer-hint">{t.rich('wallet.issuerHint', { link: (chunks) => <a href="/dashboard?orgs=1">{chunks}</a> })}</p>
          </aside>
        </div>
      )}
    </div>
  )
}
