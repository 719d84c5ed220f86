// A kept credential's wallet page: the credential as a person reads it (badge, name, issuer,
// dates, description, criteria, skills), its verification re-checked on opening, and what the
// learner can do with it (hide, show their name, collections, delete).
import { verdictOf } from '../../../app/credentials/verdict.js'
import type { WalletCollectionRecord } from '../../../app/wallet/ports.js'
import type { WalletItemDetail } from '../../../app/wallet/wallet.js'
import type { VerificationReport } from '../../../core/verification/index.js'
import { Alert } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { Form, Select } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { Breadcrumbs } from '../../components/page-header.js'
import { CheckList, VerdictBanner } from '../../components/verification.js'
import { usePage, useT } from '../../kit/env.js'
import { markdownBlocks } from '../../../app/credentials/markdown-blocks.js'
import { shownImage, WalletStatusPill } from './wallet-parts.js'
import { shareableOf, WalletShareActions } from '../share/share-actions.js'

/** A narrative as headings, lists and paragraphs (text only: no HTML from the credential is rendered). */
function Markdown({ text }: { text: string }) {
  return (
    <div class="wallet-prose">
      {markdownBlocks(text).map((b) =>
        b.kind === 'heading' ? <h3>{b.text}</h3> : b.kind === 'list' ? (b.ordered ? <ol>{b.items.map((i) => <li>{i}</li>)}</ol> : <ul>{b.items.map((i) => <li>{i}</li>)}</ul>) : <p>{b.text}</p>,
      )}
    </div>
  )
}

export const ITEM_NOTICES = ['hidden', 'shown', 'name-shown', 'name-hidden', 'added-to-collection', 'removed-from-collection', 'claimed'] as const
export type ItemNotice = (typeof ITEM_NOTICES)[number]
export const itemNotice = (code: string | undefined): ItemNotice | undefined => ITEM_NOTICES.find((n) => n === code)

export interface WalletItemModel {
  detail: WalletItemDetail
  /** Every collection of the learner (to add the credential to one). */
  collections: WalletCollectionRecord[]
  checkedAt: Date
  notice?: ItemNotice | undefined
  /** The credential's page on the learner's public profile, when it is shown there (imported credentials share by it). */
  profileUrl?: string | undefined
  /** Other OB 3.0 hosts the learner connected (connected ones): the credential can be sent there. */
  hosts?: readonly { id: string; name: string }[] | undefined
}

/** The wallet page of one credential. */
export function WalletItemView({ model }: { model: WalletItemModel }) {
  const t = useT()
  const { publicUrl } = usePage()
  const { detail } = model
  const { item, display: d } = detail
  const image = shownImage(d.imageUrl, publicUrl)
  const issuerImage = shownImage(d.issuer.imageUrl, publicUrl)
  const report = { ...detail.report } as VerificationReport
  const verdict = verdictOf(report)
  const inCollections = new Set(detail.collections.map((c) => c.id))
  const addable = model.collections.filter((c) => !inCollections.has(c.id))
  return (
    <div class="container page wallet-item-page">
      <Breadcrumbs items={[{ label: t.t('wallet.title'), href: '/wallet' }, { label: d.name }]} />
      {model.notice && <Alert kind="ok"><p>{t.t(`wallet.item.notice.${model.notice}`)}</p></Alert>}
      <article class="credential-hero card wallet-hero" aria-labelledby="item-title">
        <div class="credential-art">
          {image ? <img class="badge-img" src={image} alt={t.t('wallet.badgeAlt', { name: d.name })} width="220" height="220" /> : <Icon name="award" class="badge-placeholder" label={t.t('wallet.badgeAlt', { name: d.name })} />}
        </div>
        <div class="credential-head">
          <span class="eyebrow">{item.source === 'claim' ? t.t('wallet.item.sourceClaim') : t.t('wallet.item.sourceImport')}</span>
          <h1 id="item-title">{d.name}</h1>
          {d.recipientName && item.showName && <p class="credential-recipient">{t.rich('cred.awardedTo', { name: <strong>{d.recipientName}</strong> })}</p>}
          <div class="credential-issuer">
            {issuerImage ? <img src={issuerImage} alt="" width="40" height="40" /> : <span class="org-initial" aria-hidden="true">{Array.from(d.issuer.name)[0]?.toUpperCase()}</span>}
            <span>
              <small>{t.t('cred.issuedBy')}</small>
              <strong>{d.issuer.url ? <a href={d.issuer.url} rel="noopener nofollow">{d.issuer.name}</a> : d.issuer.name}</strong>
            </span>
          </div>
          <dl class="fact-tiles credential-dates">
            {d.issuedAt && <div><dt>{t.t('cred.issuedOn')}</dt><dd>{t.date(d.issuedAt)}</dd></div>}
            <div><dt>{t.t('wallet.item.expires')}</dt><dd>{d.expiresAt ? t.date(d.expiresAt) : t.t('wallet.item.noExpiry')}</dd></div>
            <div><dt>{t.t('wallet.item.status')}</dt><dd><WalletStatusPill status={item.status} /></dd></div>
          </dl>
          {item.hidden && <p class="muted small"><Icon name="eye" /> {t.t('wallet.item.hiddenNote')}</p>}
        </div>
      </article>

      <div class="grid sidebar-right section">
        <div class="stack">
          {d.description && (
            <Card title={t.t('wallet.item.about')} id="about">
              <p class="prose-text">{d.description}</p>
              {d.achievementType && <p class="muted small">{t.t('wallet.item.type', { type: d.achievementType })}</p>}
            </Card>
          )}
          {d.criteria && (
            <Card title={t.t('wallet.item.criteria')} id="criteria">
              {/^https?:\/\//.test(d.criteria) ? <p><a href={d.criteria} rel="noopener nofollow">{d.criteria}</a></p> : <Markdown text={d.criteria} />}
            </Card>
          )}
          {d.skills.length > 0 && (
            <Card title={t.t('wallet.item.skills')} id="skills">
              <ul class="wallet-skills">
                {d.skills.map((s) => (
                  <li>
                    <a href={`/wallet?skill=${encodeURIComponent(s.label)}`}>{s.label}</a>
                    {(s.framework || s.code) && <span class="muted small"> {[s.framework, s.code].filter(Boolean).join(' · ')}</span>}
                  </li>
                ))}
              </ul>
            </Card>
          )}
          <section class="card" id="verification" aria-labelledby="verification-title">
            <h2 id="verification-title">{t.t('wallet.item.verification')}</h2>
            <VerdictBanner verdict={verdict} checkedAt={model.checkedAt} detailsHref="#checks" />
            {!detail.rechecked && <p class="muted small">{t.t('wallet.item.notRechecked', { date: t.dateTime(item.checkedAt) })}</p>}
            <div id="checks"><CheckList report={report} /></div>
          </section>
        </div>
        <aside class="stack" aria-label={t.t('wallet.item.manage')}>
          <Card title={t.t('wallet.item.manage')} id="manage">
            {detail.publicUrl && <p><a class="button secondary" href={detail.publicUrl.replace(publicUrl, '') || detail.publicUrl}><Icon name="globe" />{t.t('wallet.item.publicPage')}</a></p>}
            <Form action={`/wallet/${item.id}/visibility`} class="form">
              <input type="hidden" name="hidden" value={item.hidden ? '0' : '1'} />
              <button type="submit" class="button secondary"><Icon name="eye" />{item.hidden ? t.t('wallet.item.show') : t.t('wallet.item.hide')}</button>
            </Form>
            <Form action={`/wallet/${item.id}/name`} class="form">
              <input type="hidden" name="show_name" value={item.showName ? '0' : '1'} />
              <p class="muted small">{item.showName ? t.t('wallet.item.nameShown') : t.t('wallet.item.nameHidden')}</p>
              <button type="submit" class="button secondary"><Icon name="user" />{item.showName ? t.t('wallet.item.hideName') : t.t('wallet.item.showName')}</button>
            </Form>
          </Card>
          <WalletShareActions item={shareableOf(item, d)} profileUrl={model.profileUrl} />
          <Card title={t.t('wallet.item.collections')} id="collections">
            {detail.collections.length > 0 ? (
              <ul class="wallet-in-collections">
                {detail.collections.map((c) => (
                  <li>
                    <a href={`/wallet?collection=${c.id}`}>{c.name}</a>
                    <Form action={`/wallet/collections/${c.id}/items/${item.id}/remove`} class="inline">
                      <input type="hidden" name="back" value="item" />
                      <button type="submit" class="button ghost sm icon-only"><Icon name="x" label={t.t('wallet.collection.removeItem', { name: c.name })} /></button>
                    </Form>
                  </li>
                ))}
              </ul>
            ) : <p class="muted small">{t.t('wallet.item.noCollections')}</p>}
            {addable.length > 0 && (
              <Form action={`/wallet/${item.id}/collections`} class="form">
                <Select name="collection" label={t.t('wallet.item.addTo')} options={addable.map((c) => [c.id, c.name] as const)} required />
                <button type="submit" class="button secondary"><Icon name="plus" />{t.t('wallet.item.add')}</button>
              </Form>
            )}
            {model.collections.length === 0 && <p class="small"><a href="/wallet#collections">{t.t('wallet.item.createCollection')}</a></p>}
          </Card>
          {item.format !== 'ob2' && model.hosts && model.hosts.length > 0 && (
            <Card title={t.t('wallet.item.sendTitle')} id="send">
              <p class="muted small">{t.t('wallet.item.sendText')}</p>
              {model.hosts.map((h) => (
                <Form action={`/account/connections/hosts/${h.id}/push`} class="form" label={t.t('oauth.hosts.pushLabel', { host: h.name })}>
                  <input type="hidden" name="credentialId" value={item.id} />
                  <button type="submit" class="button secondary"><Icon name="upload" />{t.t('oauth.hosts.push', { host: h.name })}</button>
                </Form>
              ))}
            </Card>
          )}
          <Card title={t.t('wallet.item.remove')} id="remove" class="wallet-danger">
            <p class="muted small">{item.source === 'claim' ? t.t('wallet.item.removeClaimed') : t.t('wallet.item.removeImported')}</p>
            <details>
              <summary class="button danger sm"><Icon name="trash" />{t.t('wallet.item.removeButton')}</summary>
              <Form action={`/wallet/${item.id}/delete`} class="form">
                <p>{t.t('wallet.item.removeConfirmText', { name: d.name })}</p>
                <button type="submit" class="button danger">{t.t('wallet.item.removeConfirm')}</button>
              </Form>
            </details>
          </Card>
        </aside>
      </div>
    </div>
  )
}
