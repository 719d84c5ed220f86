// A collection shared by link (/s/<token>): its name, who shared it and its credentials.
import type { SharedCollection } from '../../../app/share/share-use-cases.js'
import { EmptyState } from '../../components/empty-state.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { usePage } from '../../kit/env.js'
import { CredentialGrid } from './public-profile-view.js'

/** The page; each credential opens within the link (`/s/<token>/c/<id>`). */
export function SharedCollectionView({ model }: { model: { collection: SharedCollection; owner: string | null; token: string } }) {
  const { t } = usePage()
  const { collection } = model
  const base = `/s/${model.token}/c`
  return (
    <div class="container page shared-collection">
      <PageHeader eyebrow={t.t('share.shared.collectionEyebrow')} title={collection.name} lead={collection.description || (model.owner ? t.t('share.shared.sharedBy', { name: model.owner }) : undefined)} />
      {collection.description && model.owner && <p class="muted">{t.t('share.shared.sharedBy', { name: model.owner })}</p>}
      {collection.credentials.length === 0 ? (
        <EmptyState icon="layers" title={t.t('share.shared.emptyCollection')} />
      ) : (
        <CredentialGrid credentials={collection.credentials} hrefOf={(c) => (c.issuedHere ? `/c/${c.issuedHere}` : `${base}/${encodeURIComponent(c.id)}`)} fallbackOf={(c) => `${base}/${encodeURIComponent(c.id)}/download/badge.png`} />
      )}
    </div>
  )
}

/** An expired or revoked link: 410, in plain words. */
export function GoneView({ reason }: { reason: 'expired' | 'revoked' }) {
  const { t } = usePage()
  return (
    <div class="container page share-gone">
      <div class="card share-gone-card">
        <span class="share-gone-icon" aria-hidden="true"><Icon name="link" /></span>
        <h1>{t.t('share.gone.title')}</h1>
        <p data-reason={reason}>{reason === 'expired' ? t.t('share.gone.expired') : t.t('share.gone.revoked')}</p>
        <div class="actions"><a class="button secondary" href="/">{t.t('share.gone.home')}</a></div>
      </div>
    </div>
  )
}
