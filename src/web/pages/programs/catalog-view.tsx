// /catalog: published programs of every organization, searchable and filtered (works without script:
// a GET form), and /programs/:id: one program with its facts, requirements and the Enrol button.
import type { ProgramRecord } from '../../../app/programs/ports.js'
import { PROGRAM_LANGUAGES } from '../../../app/programs/program-input.js'
import { Alert, Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { EmptyState } from '../../components/empty-state.js'
import { Checkbox, CsrfField, Select, TextField } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { usePage, useT } from '../../kit/env.js'
import { formatText, kindText, languageName, priceText, ProgramFacts } from './program-parts.js'

export interface CatalogModel {
  query: { q?: string | undefined; skill?: string | undefined; occupation?: string | undefined; format?: string | undefined; language?: string | undefined; maxHours?: string | undefined; free?: boolean | undefined }
  items: readonly ProgramRecord[]
  total: number
  note?: string | undefined
}

function ProgramCard({ program }: { program: ProgramRecord }) {
  const t = useT()
  return (
    <li class="prog-card">
      <p class="prog-card-org muted small">{program.orgName}</p>
      <h2 class="prog-card-title">
        <a href={`/programs/${program.id}`}>{program.title}</a>
      </h2>
      <p class="prog-card-summary">{program.summary}</p>
      <p class="prog-card-meta">
        <span class="pill"><Icon name="globe" />{formatText(t, program.format)}</span>
        <span class="pill"><Icon name="clock" />{t.t('prog.hours', { count: program.hours })}</span>
        <span class={program.priceCents === 0 ? 'pill ok' : 'pill'}>{priceText(t, program)}</span>
        <span class="pill">{languageName(t, program.language)}</span>
      </p>
      <p class="prog-card-leads muted small"><Icon name="award" />{t.t('prog.leadsTo', { name: program.achievementName })}</p>
    </li>
  )
}

export function CatalogView({ model }: { model: CatalogModel }) {
  const t = useT()
  const { query } = model
  return (
    <div class="container page">
      <PageHeader eyebrow={t.t('prog.catalog.eyebrow')} title={t.t('prog.catalog.title')} lead={t.t('prog.catalog.lead')} />
      <div class="prog-catalog">
        <form method="get" action="/catalog" class="prog-filters card" role="search" aria-label={t.t('prog.catalog.filters')}>
          <TextField name="q" type="search" label={t.t('prog.catalog.q')} value={query.q} />
          <Select name="format" label={t.t('prog.fact.format')} placeholder={t.t('prog.catalog.any')} value={query.format} options={[['online', formatText(t, 'online')], ['onsite', formatText(t, 'onsite')], ['blended', formatText(t, 'blended')]]} />
          <Select name="language" label={t.t('prog.fact.language')} placeholder={t.t('prog.catalog.any')} value={query.language} options={PROGRAM_LANGUAGES.map((code) => [code, languageName(t, code)] as const)} />
          <TextField name="maxHours" type="number" inputMode="numeric" min={1} label={t.t('prog.catalog.maxHours')} value={query.maxHours} />
          <TextField name="skill" type="url" label={t.t('prog.catalog.skill')} hint={t.t('prog.catalog.skillHint')} value={query.skill} />
          <TextField name="occupation" type="url" label={t.t('prog.catalog.occupation')} value={query.occupation} />
          <Checkbox name="free" value="true" label={t.t('prog.catalog.freeOnly')} checked={query.free === true} />
          <button type="submit" class="button"><Icon name="search" />{t.t('prog.catalog.search')}</button>
        </form>
        <section aria-labelledby="prog-results">
          <h2 id="prog-results" class="prog-results-title">{t.t('prog.catalog.results', { count: model.total })}</h2>
          {model.note && <Alert kind="info">{t.t('prog.catalog.noOccupations')}</Alert>}
          {model.items.length === 0 ? (
            <EmptyState icon="search" title={t.t('prog.catalog.empty')} headingLevel={3}>{t.t('prog.catalog.emptyText')}</EmptyState>
          ) : (
            <ul class="prog-grid">{model.items.map((p) => <ProgramCard program={p} />)}</ul>
          )}
        </section>
      </div>
    </div>
  )
}

export interface ProgramPageModel {
  program: ProgramRecord & { seatsLeft: number | null }
  enrolmentId?: string | undefined
  signedIn: boolean
  done?: string | undefined
  /** Public pathways the program's achievement is a part of. */
  pathways?: readonly { id: string; title: string }[]
}

/** The schema.org Course of a program, for search engines (a JSON-LD data block, not a script). */
export function courseJsonLd(program: ProgramRecord, publicUrl: string): string {
  const course = {
    '@context': 'https://schema.org',
    '@type': 'Course',
    '@id': `${publicUrl}/programs/${program.id}`,
    url: `${publicUrl}/programs/${program.id}`,
    name: program.title,
    description: program.summary,
    inLanguage: program.language,
    timeRequired: `PT${program.hours}H`,
    ...(program.prerequisites ? { coursePrerequisites: program.prerequisites } : {}),
    provider: { '@type': 'Organization', name: program.orgName, url: `${publicUrl}/orgs/${program.orgSlug}` },
    educationalCredentialAwarded: { '@type': 'EducationalOccupationalCredential', name: program.achievementName, url: `${publicUrl}/orgs/${program.orgSlug}/achievements/${program.achievementId}` },
    ...(program.skills.length ? { teaches: program.skills } : {}),
    offers: { '@type': 'Offer', category: program.priceCents === 0 ? 'Free' : 'Paid', price: (program.priceCents / 100).toFixed(2), priceCurrency: program.currency },
    hasCourseInstance: {
      '@type': 'CourseInstance',
      courseMode: program.format === 'onsite' ? 'Onsite' : program.format === 'online' ? 'Online' : 'Blended',
      courseWorkload: `PT${program.hours}H`,
      ...(program.startsOn ? { startDate: program.startsOn } : {}),
      ...(program.endsOn ? { endDate: program.endsOn } : {}),
      ...(program.selfPaced ? { courseSchedule: { '@type': 'Schedule', repeatFrequency: 'P1D', description: 'Self-paced' } } : {}),
    },
  }
  // `<` escaped so the data block can never close the element.
  return JSON.stringify(course).replace(/</g, '\\u003c')
}

export function ProgramPageView({ model }: { model: ProgramPageModel }) {
  const t = useT()
  const { path } = usePage()
  const { program } = model
  const full = program.seatsLeft === 0
  return (
    <div class="container page">
      <PageHeader
        crumbs={[{ href: '/catalog', label: t.t('prog.catalog.title') }, { label: program.title }]}
        eyebrow={<a href={`/orgs/${program.orgSlug}`}>{program.orgName}</a>}
        title={program.title}
        lead={program.summary}
      />
      <Flash message={model.done === 'requested' ? t.t('prog.page.requested') : undefined} />
      <div class="grid sidebar-right">
        <div class="stack-lg">
          <Card title={t.t('prog.page.about')}>
            <ProgramFacts program={program} seatsLeft={program.seatsLeft} />
            {program.prerequisites && (
              <>
                <h3 class="prog-subhead">{t.t('prog.page.prerequisites')}</h3>
                <p class="prog-prose">{program.prerequisites}</p>
              </>
            )}
          </Card>
          <Card title={t.t('prog.page.requirements')}>
            <ol class="prog-req-list">
              {program.requirements.map((r) => (
                <li>
                  <strong>{r.title}</strong>
                  <span class="muted small">{kindText(t, r.kind)}{r.kind === 'score' && r.config.threshold !== undefined ? ` · ${t.t('prog.page.threshold', { threshold: r.config.threshold })}` : ''}</span>
                </li>
              ))}
            </ol>
          </Card>
        </div>
        <aside class="stack-lg" aria-label={t.t('prog.page.enrolAside')}>
          <Card title={t.t('prog.page.earn')} class="prog-enrol">
            <p class="prog-earn"><Icon name="award" /><a href={`/orgs/${program.orgSlug}/achievements/${program.achievementId}`}>{program.achievementName}</a></p>
            <p class="prog-price">{priceText(t, program)}</p>
            {model.enrolmentId ? (
              <a class="button" href={`/wallet/programs/${model.enrolmentId}`}>{t.t('prog.page.progress')}</a>
            ) : !model.signedIn ? (
              <a class="button" href={`/sign-in?next=${encodeURIComponent(path)}`}>{t.t('prog.page.signInToEnrol')}</a>
            ) : full ? (
              <p class="muted">{t.t('prog.page.full')}</p>
            ) : (
              <form method="post" action={`/programs/${program.id}/enrol`}>
                <CsrfField />
                <button type="submit" class="button">{t.t(program.enrolmentMode === 'open' ? 'prog.page.enrol' : 'prog.page.request')}</button>
              </form>
            )}
            <p class="muted small">{t.t(program.enrolmentMode === 'open' ? 'prog.page.openHint' : 'prog.page.approvalHint')}</p>
          </Card>
          {model.pathways && model.pathways.length > 0 && (
            <Card title={t.t('path.program.partOf')}>
              <ul class="path-part-list">
                {model.pathways.map((p) => <li><a href={`/pathways/${p.id}`}><Icon name="layers" />{p.title}</a></li>)}
              </ul>
            </Card>
          )}
        </aside>
      </div>
    </div>
  )
}
