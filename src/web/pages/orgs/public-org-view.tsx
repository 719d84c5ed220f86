// The public page of an organization, the way Credly's lead: a cover in its brand colour, its logo
// and name, what it is and where to find it, how much it has issued, the achievements it awards
// (badge images), and how anyone checks its credentials.
import type { VerifiedEndorsement } from '../../../app/endorsements/endorsements-use-cases.js'
import type { PublicOrgPage } from '../../../app/orgs/index.js'
import { EndorsementsSection } from '../trust/endorsements-section.js'
import { Card } from '../../components/card.js'
import { CopyField } from '../../components/copy-button.js'
import { EmptyState } from '../../components/empty-state.js'
import { BadgeTile } from '../../components/badge-tile.js'
import { Icon } from '../../components/icons.js'
import { useT } from '../../kit/env.js'
import { countryLabel } from './org-parts.js'
import { DEFAULT_BRAND } from './settings-view.js'

/** Paragraphs of a plain-text description (blank lines separate them). */
export const paragraphsOf = (text: string): string[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)

/** The cover band: the brand colour (SVG attributes, since the CSP allows no inline styles) fading into a soft tint. */
function Cover({ color }: { color: string }) {
  return (
    <svg class="org-cover" viewBox="0 0 1200 200" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="org-cover-fill" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stop-color={color} />
          <stop offset="1" stop-color={color} stop-opacity="0.72" />
        </linearGradient>
      </defs>
      <rect width="1200" height="200" fill="url(#org-cover-fill)" />
      <circle cx="1080" cy="30" r="170" fill="#ffffff" fill-opacity="0.08" />
      <circle cx="940" cy="230" r="120" fill="#ffffff" fill-opacity="0.06" />
      <circle cx="140" cy="-40" r="110" fill="#ffffff" fill-opacity="0.05" />
    </svg>
  )
}

/** The page; `endorsements` it received (verified), and whether the viewer may endorse it (an admin of another organization). */
export function PublicOrgView({ model, endorsements = [], canEndorse = false }: { model: PublicOrgPage; endorsements?: readonly VerifiedEndorsement[]; canEndorse?: boolean }) {
  const t = useT()
  const { org, did, logoUrl, achievements, issued } = model
  const [first, ...rest] = paragraphsOf(org.description)
  const host = org.url ? new URL(org.url).host : undefined
  return (
    <div class="org-public">
      <div class="org-cover-wrap">
        <Cover color={org.brandColor ?? DEFAULT_BRAND} />
      </div>
      <div class="container">
        <section class="org-hero" aria-labelledby="org-name">
          <div class="org-hero-logo">
            {logoUrl ? <img src={logoUrl} alt={t.t('org.public.logoAlt', { name: org.name })} width="128" height="128" /> : <span class="org-initial" aria-hidden="true">{Array.from(org.name)[0]?.toUpperCase()}</span>}
          </div>
          <div class="org-hero-body">
            <span class="eyebrow"><Icon name="shield" />{t.t('org.public.eyebrow')}</span>
            <h1>{org.name}</h1>
            {first && <p class="lead">{first}</p>}
            {rest.map((p) => <p>{p}</p>)}
            <ul class="org-links">
              {org.url && <li><Icon name="globe" /><a href={org.url} rel="nofollow noopener">{host}</a></li>}
              {org.email && <li><Icon name="mail" /><a href={`mailto:${org.email}`}>{org.email}</a></li>}
              {org.country && <li><Icon name="building" />{countryLabel(t, org.country)}</li>}
            </ul>
          </div>
        </section>

        <dl class="org-stats" aria-label={t.t('org.public.statsLabel')}>
          <div><dt>{t.t('org.public.issued')}</dt><dd>{t.number(issued)}</dd></div>
          <div><dt>{t.t('org.public.achievements')}</dt><dd>{t.number(achievements.length)}</dd></div>
          <div><dt>{t.t('org.public.since')}</dt><dd>{t.date(org.createdAt, 'medium')}</dd></div>
        </dl>

        <section class="org-section" aria-labelledby="org-achievements-title">
          <div class="section-head">
            <h2 id="org-achievements-title">{t.t('org.public.achievementsTitle')}</h2>
            <p class="muted">{t.t('org.public.achievementsLead', { name: org.name })}</p>
          </div>
          {achievements.length === 0 ? (
            <EmptyState icon="award" title={t.t('org.public.noAchievements')}>{t.t('org.public.noAchievementsText', { name: org.name })}</EmptyState>
          ) : (
            <ul class="badge-grid">
              {achievements.map((a) => (
                <li>
                  <BadgeTile
                    image={a.imageUrl}
                    imageAlt={t.t('org.public.badgeAlt', { name: a.name })}
                    name={a.name}
                    meta={a.description ? <span class="clamp-3">{a.description}</span> : undefined}
                    footer={canEndorse ? <a class="endorse-link" href={`/endorse?organization=${encodeURIComponent(org.slug)}&achievement=${encodeURIComponent(a.id)}`}>{t.t('trust.public.endorseAchievement')}<span class="sr-only"> {a.name}</span></a> : undefined}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>

        <EndorsementsSection endorsements={endorsements} orgName={org.name} endorseHref={canEndorse ? `/endorse?organization=${encodeURIComponent(org.slug)}` : undefined} />

        <Card title={t.t('org.public.verifyTitle')} id="verify" class="org-section org-verify">
          <p>{t.rich('org.public.verifyText', { name: org.name, did: (chunks) => <a href={`/orgs/${org.slug}/did.json`}>{chunks}</a>, log: (chunks) => <a href="/log">{chunks}</a> })}</p>
          <dl class="facts stacked">
            <dt>{t.t('org.settings.did')}</dt>
            <dd><CopyField value={did} id="org-did" /></dd>
          </dl>
        </Card>
      </div>
    </div>
  )
}
