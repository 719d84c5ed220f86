// A learner's public profile /u/<handle>, the way Credly's lead: who they are, their verified
// credentials as badges, their collections, and the skills those credentials prove.
import type { PublicProfile, SharedCollection } from '../../../app/share/share-use-cases.js'
import type { SharedCredential } from '../../../app/share/shared-credential.js'
import { BadgeTile } from '../../components/badge-tile.js'
import { EmptyState } from '../../components/empty-state.js'
import { Icon } from '../../components/icons.js'
import { usePage } from '../../kit/env.js'
import { paragraphsOf } from '../orgs/public-org-view.js'
import { imageOf, monogramOf, SkillsList, VerifiedStatus } from './share-parts.js'

/** Where a credential of the profile is read: its page here, or the profile's view of an imported one. */
export const profileCredentialHref = (handle: string, c: Pick<SharedCredential, 'id' | 'issuedHere'>): string =>
  c.issuedHere ? `/c/${c.issuedHere}` : `/u/${handle}/c/${encodeURIComponent(c.id)}`

/** The grid of credentials. */
export function CredentialGrid({ credentials, hrefOf, fallbackOf }: { credentials: readonly SharedCredential[]; hrefOf: (c: SharedCredential) => string; fallbackOf: (c: SharedCredential) => string }) {
  const { t, publicUrl } = usePage()
  return (
    <ul class="badge-grid">
      {credentials.map((c) => (
        <li>
          <BadgeTile
            image={imageOf(c, publicUrl, fallbackOf(c))}
            imageAlt={t.t('share.embed.alt', { name: c.name, issuer: c.issuer.name })}
            name={c.name}
            href={hrefOf(c)}
            meta={<>{t.t('share.public.issuedBy', { issuer: c.issuer.name })}{c.issuedAt && <> · {t.date(c.issuedAt, 'medium')}</>}</>}
            footer={<VerifiedStatus verdict={c.verdict} />}
          />
        </li>
      ))}
    </ul>
  )
}

/** One collection of the profile. */
function CollectionSection({ collection, handle, index }: { collection: SharedCollection; handle: string; index: number }) {
  return (
    <section class="profile-collection" aria-labelledby={`collection-${index}`}>
      <h3 id={`collection-${index}`}>{collection.name}</h3>
      {collection.description && <p class="muted">{collection.description}</p>}
      <CredentialGrid credentials={collection.credentials} hrefOf={(c) => profileCredentialHref(handle, c)} fallbackOf={(c) => `/u/${handle}/c/${encodeURIComponent(c.id)}/download/badge.png`} />
    </section>
  )
}

/** The page. */
export function PublicProfileView({ model }: { model: PublicProfile }) {
  const { t } = usePage()
  const verified = model.credentials.filter((c) => c.verdict === 'verified').length
  return (
    <div class="profile-public">
      <div class="profile-cover" aria-hidden="true" />
      <div class="container">
        <section class="profile-hero card" aria-labelledby="profile-name">
          <span class="profile-monogram" role="img" aria-label={t.t('share.public.monogramAlt', { name: model.displayName })}>{monogramOf(model.displayName)}</span>
          <div class="profile-hero-body">
            <span class="eyebrow">{t.t('share.public.eyebrow')}</span>
            <h1 id="profile-name">{model.displayName}</h1>
            {model.headline && <p class="lead profile-headline">{model.headline}</p>}
            {model.openToEmployers && <p><span class="pill ok"><Icon name="sparkle" />{t.t('share.public.openToEmployers')}</span></p>}
            {paragraphsOf(model.bio).map((p) => <p class="profile-bio">{p}</p>)}
          </div>
          <dl class="profile-stats">
            <div><dt>{t.t('share.public.credentials')}</dt><dd>{t.number(model.credentials.length)}</dd></div>
            <div><dt>{t.t('share.public.verifiedBy')}</dt><dd>{t.number(verified)}</dd></div>
            <div><dt>{t.t('share.skills.publicTitle')}</dt><dd>{t.number(model.skills.length)}</dd></div>
          </dl>
        </section>

        <section class="profile-section" aria-labelledby="profile-credentials">
          <div class="section-head">
            <h2 id="profile-credentials">{t.t('share.public.credentials')}</h2>
            <p class="muted">{t.t('share.public.credentialCount', { count: model.credentials.length })}</p>
          </div>
          {model.credentials.length === 0 ? (
            <EmptyState icon="award" title={t.t('share.public.noCredentials', { name: model.displayName })} />
          ) : (
            <CredentialGrid credentials={model.credentials} hrefOf={(c) => profileCredentialHref(model.handle, c)} fallbackOf={(c) => `/u/${model.handle}/c/${encodeURIComponent(c.id)}/download/badge.png`} />
          )}
        </section>

        {model.collections.length > 0 && (
          <section class="profile-section" aria-labelledby="profile-collections">
            <div class="section-head"><h2 id="profile-collections">{t.t('share.public.collections')}</h2></div>
            {model.collections.map((c, i) => <CollectionSection collection={c} handle={model.handle} index={i} />)}
          </section>
        )}

        {model.skills.length > 0 && (
          <section class="profile-section" aria-labelledby="profile-skills">
            <div class="section-head">
              <h2 id="profile-skills">{t.t('share.skills.publicTitle')}</h2>
              <p class="muted">{t.t('share.public.skillCount', { count: model.skills.length })}</p>
            </div>
            <SkillsList skills={model.skills} hrefOf={(id) => profileCredentialHref(model.handle, model.credentials.find((c) => c.id === id) ?? { id, issuedHere: null })} />
          </section>
        )}
      </div>
    </div>
  )
}
