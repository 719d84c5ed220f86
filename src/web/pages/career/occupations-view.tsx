// /occupations (search) and /occupations/<uri> (an occupation's essential and optional skills).
import type { OccupationDetail } from '../../../app/occupations/occupations-use-cases.js'
import type { OccupationRecord, OccupationSkillRecord } from '../../../app/occupations/ports.js'
import { Card } from '../../components/card.js'
import { CsrfField } from '../../components/form.js'
import { EmptyState } from '../../components/empty-state.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { usePage } from '../../kit/env.js'
import { Attribution, FrameworkPill, OccupationList, occupationHref } from './career-parts.js'

/** The search form (GET), for /occupations and the planner. */
export function OccupationSearch({ action, query, id = 'q' }: { action: string; query: string; id?: string }) {
  const { t } = usePage()
  return (
    <form class="occupation-search" method="get" action={action} role="search">
      <label for={id}>{t.t('career.occupations.searchLabel')}</label>
      <span class="hint" id={`${id}-hint`}>{t.t('career.occupations.searchHint')}</span>
      <div class="input-group">
        <input id={id} name="q" type="search" value={query} maxlength={100} aria-describedby={`${id}-hint`} />
        <button type="submit" class="button"><Icon name="search" />{t.t('career.occupations.search')}</button>
      </div>
    </form>
  )
}

export function OccupationsView({ model }: { model: { query: string; items: OccupationRecord[] } }) {
  const { t } = usePage()
  return (
    <div class="container page career-page">
      <PageHeader title={t.t('career.occupations.title')} lead={t.t('career.occupations.lead')} />
      <OccupationSearch action="/occupations" query={model.query} />
      <section class="section" aria-labelledby="occupation-results">
        <h2 id="occupation-results" class="section-title">{model.query ? t.t('career.occupations.results', { count: model.items.length, query: model.query }) : t.t('career.occupations.browse')}</h2>
        {model.items.length === 0 && !model.query ? (
          <EmptyState icon="search" title={t.t('career.occupations.empty')}>
            <p>{t.t('career.occupations.emptyHint')}</p>
          </EmptyState>
        ) : (
          <OccupationList items={model.items} />
        )}
      </section>
      <Attribution frameworks={model.items.map((o) => o.framework)} />
    </div>
  )
}

function SkillList({ skills }: { skills: readonly OccupationSkillRecord[] }) {
  const { t } = usePage()
  if (skills.length === 0) return <p class="muted">{t.t('career.occupation.noSkills')}</p>
  return (
    <ul class="skill-rows">
      {skills.map((s) => (
        <li>
          <span class="skill-row-label">{s.label}</span>
          <span class="skill-row-meta">
            <span class="tag">{t.t(`career.category.${s.category}`)}</span>
            {s.importance !== null && <span class="muted">{t.t('career.occupation.importance', { value: s.importance })}</span>}
          </span>
        </li>
      ))}
    </ul>
  )
}

export function OccupationView({ model }: { model: { detail: OccupationDetail; signedIn: boolean } }) {
  const { t } = usePage()
  const { occupation, skills, broader, release } = model.detail
  const essential = skills.filter((s) => s.relation === 'essential')
  const optional = skills.filter((s) => s.relation === 'optional')
  const action = model.signedIn ? (
    <form method="post" action="/wallet/career/target">
      <CsrfField />
      <input type="hidden" name="occupation" value={occupation.id} />
      <button type="submit" class="button"><Icon name="sparkle" />{t.t('career.occupation.plan')}</button>
    </form>
  ) : (
    <a class="button" href={`/sign-in?next=${encodeURIComponent(occupationHref(occupation.id))}`}>{t.t('career.occupation.signInToPlan')}</a>
  )
  return (
    <div class="container page career-page">
      <PageHeader
        crumbs={[{ label: t.t('career.occupations.title'), href: '/occupations' }, { label: occupation.preferredLabel }]}
        eyebrow={<span class="cluster"><FrameworkPill framework={occupation.framework} />{occupation.code && occupation.framework !== 'emblem-demo' && <span class="tag">{occupation.code}</span>}</span>}
        title={occupation.preferredLabel}
        lead={occupation.description || undefined}
        actions={action}
      />
      {occupation.altLabels.length > 0 && (
        <p class="occupation-alt"><strong>{t.t('career.occupation.alsoKnownAs')}:</strong> {occupation.altLabels.slice(0, 12).join(' · ')}</p>
      )}
      <div class="grid cols-2 career-columns">
        <Card title={<>{t.t('career.occupation.essential')} <span class="pill">{t.number(essential.length)}</span></>} id="essential">
          <SkillList skills={essential} />
        </Card>
        <Card title={<>{t.t('career.occupation.optional')} <span class="pill">{t.number(optional.length)}</span></>} id="optional">
          <SkillList skills={optional} />
        </Card>
      </div>
      {broader.length > 0 && (
        <section class="section" aria-labelledby="broader">
          <h2 id="broader" class="section-title">{t.t('career.occupation.broader')}</h2>
          <ol class="tags">
            {broader.map((b) => (
              <li class="tag">{b.code ? `${b.code} · ${b.preferredLabel}` : b.preferredLabel}</li>
            ))}
          </ol>
        </section>
      )}
      {release && <p class="muted occupation-release">{t.t('career.occupation.release', { release })}</p>}
      <Attribution frameworks={[occupation.framework]} />
    </div>
  )
}
