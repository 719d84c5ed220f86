// /employers/search: an employer organization's members search opted-in learners by verified
// skills (a GET form: every search is a link), see each match's skills with the credentials that
// prove them, open profiles (a recorded view), contact learners, and keep saved searches.
import { countryName, countryOptions } from '../../../app/orgs/countries.js'
import type { SavedSearchView, TalentMatch, TalentResults } from '../../../app/talent/talent-use-cases.js'
import { Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { CsrfField, ErrorSummary, FormActions, Select, TextArea, TextField, type FieldErrors } from '../../components/form.js'
import { EmptyState } from '../../components/empty-state.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { usePage } from '../../kit/env.js'
import { monogramOf } from './parts.js'

/** The search form's values as typed. */
export interface SearchValues {
  skills: string
  match: string
  atLeast: string
  issuer: string
  eqfMin: string
  withinMonths: string
  country: string
  location: string
}

export interface SearchModel {
  org: { slug: string; name: string }
  orgs: { slug: string; name: string }[]
  values: SearchValues
  results?: TalentResults | undefined
  saved: SavedSearchView[]
  savedName?: string | undefined
  errors?: FieldErrors | undefined
  notice?: string | undefined
  canWrite: boolean
}

/** The query string of a search (page aside). */
export function searchQueryOf(org: string, v: SearchValues, page?: number): string {
  const p = new URLSearchParams({ org })
  for (const s of v.skills.split(/\r?\n/).map((x) => x.trim()).filter(Boolean)) p.append('skill', s)
  for (const k of ['match', 'atLeast', 'issuer', 'eqfMin', 'withinMonths', 'country', 'location'] as const) if (v[k]) p.set(k, v[k])
  if (page && page > 1) p.set('page', String(page))
  return p.toString()
}

function MatchCard({ match, org, total }: { match: TalentMatch; org: string; total: number }) {
  const { t } = usePage()
  const where = [match.location, match.country ? countryName(match.country) : ''].filter(Boolean).join(', ')
  return (
    <li class="talent-match">
      <article aria-labelledby={`m-${match.handle}`}>
        <header class="talent-match-head">
          <span class="talent-monogram" aria-hidden="true">{monogramOf(match.displayName)}</span>
          <div class="talent-match-who">
            <h3 id={`m-${match.handle}`}>{match.displayName}</h3>
            {where && <p class="muted small"><Icon name="globe" /> {where}</p>}
          </div>
          <span class={`pill ${match.matched === total ? 'ok' : ''}`}><Icon name="check" />{t.t('talent.search.matched', { matched: match.matched, total })}</span>
        </header>
        <h4 class="sr-only">{t.t('talent.search.proves')}</h4>
        <ul class="talent-skills">
          {match.skills.map((s) => (
            <li>
              <span class="talent-skill-name"><Icon name="sparkle" />{s.label}</span>
              <ul class="talent-proofs">
                {s.credentials.slice(0, 3).map((c) => (
                  <li>
                    <a href={c.url}>{c.name}</a>
                    <small class="muted">{t.t('talent.search.issuedBy', { issuer: c.issuerName, date: c.issuedAt ? t.date(c.issuedAt, 'medium') : '—' })}</small>
                    <span class="pill ok" title={t.t('talent.search.checked', { date: t.date(c.verification.checkedAt, 'medium') })}><Icon name="shield" />{t.t('talent.search.verified')}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
        <footer class="talent-match-actions">
          <a class="button secondary sm" href={`/employers/view/${match.handle}?org=${encodeURIComponent(org)}`}><Icon name="user" />{t.t('talent.search.viewProfile')}<span class="sr-only"> — {match.displayName}</span></a>
          <a class="button sm" href={`/employers/learners/${match.handle}?org=${encodeURIComponent(org)}`}><Icon name="mail" />{t.t('talent.search.contact')}<span class="sr-only"> — {match.displayName}</span></a>
        </footer>
      </article>
    </li>
  )
}

export function SearchView({ model }: { model: SearchModel }) {
  const { t } = usePage()
  const v = model.values
  const r = model.results
  const labels = { skills: t.t('talent.search.skills'), atLeast: t.t('talent.search.atLeast'), issuer: t.t('talent.search.issuer'), eqfMin: t.t('talent.search.eqf'), withinMonths: t.t('talent.search.within'), country: t.t('talent.search.country'), location: t.t('talent.search.location'), name: t.t('talent.saved.name') }
  const pages = r ? Math.max(1, Math.ceil(r.total / r.pageSize)) : 1
  const total = r ? r.search.skills.length : 0
  const needed = r ? (r.search.match === 'all' ? total : Math.min(r.search.atLeast ?? 1, total)) : 0
  return (
    <div class="container page talent-search">
      <PageHeader eyebrow={t.t('talent.search.eyebrow', { org: model.org.name })} title={t.t('talent.search.title')} lead={t.t('talent.search.lead')} />
      <Flash message={model.notice} />
      {model.orgs.length > 1 && (
        <form method="get" action="/employers/search" class="talent-org-switch cluster">
          <Select name="org" label={t.t('talent.search.orgSwitch')} value={model.org.slug} options={model.orgs.map((o) => [o.slug, o.name] as const)} autosubmit />
          <button type="submit" class="button secondary sm no-js">{t.t('talent.search.submit')}</button>
        </form>
      )}
      <div class="talent-layout">
        <aside class="talent-side stack-lg">
          <Card title={t.t('talent.search.formTitle')} id="search">
            <ErrorSummary errors={model.errors} labels={labels} />
            <form method="get" action="/employers/search" class="form" aria-label={t.t('talent.search.formTitle')}>
              <input type="hidden" name="org" value={model.org.slug} />
              <TextArea name="skills" label={labels.skills} hint={t.t('talent.search.skillsHint')} value={v.skills} errors={model.errors} rows={3} maxLength={3000} required />
              <fieldset class="talent-match-mode">
                <legend>{t.t('talent.search.match')}</legend>
                <label class="check"><input type="radio" name="match" value="all" checked={v.match !== 'atLeast'} /> {t.t('talent.search.matchAll')}</label>
                <label class="check"><input type="radio" name="match" value="atLeast" checked={v.match === 'atLeast'} /> {t.t('talent.search.matchAtLeast')}</label>
              </fieldset>
              <TextField name="atLeast" type="number" label={labels.atLeast} value={v.atLeast} errors={model.errors} min={1} max={10} inputMode="numeric" markOptional />
              <details class="talent-filters" open={Boolean(v.issuer || v.eqfMin || v.withinMonths || v.country || v.location)}>
                <summary>{t.t('talent.search.filters')}</summary>
                <TextField name="issuer" label={labels.issuer} hint={t.t('talent.search.issuerHint')} value={v.issuer} errors={model.errors} maxLength={300} markOptional />
                <Select name="eqfMin" label={labels.eqfMin} value={v.eqfMin} errors={model.errors} placeholder={t.t('talent.search.eqfAny')} options={[1, 2, 3, 4, 5, 6, 7, 8].map((l) => [String(l), t.t('talent.search.eqfLevel', { level: l })] as const)} />
                <Select name="withinMonths" label={labels.withinMonths} value={v.withinMonths} errors={model.errors} placeholder={t.t('talent.search.withinAny')} options={[6, 12, 24, 36, 60].map((m) => [String(m), t.t('talent.search.withinMonths', { months: m })] as const)} />
                <Select name="country" label={labels.country} value={v.country} errors={model.errors} placeholder={t.t('talent.search.countryAny')} options={countryOptions().map((c) => [c.code, c.name] as const)} />
                <TextField name="location" label={labels.location} value={v.location} errors={model.errors} maxLength={100} markOptional />
              </details>
              <FormActions>
                <button type="submit" class="button block"><Icon name="search" />{t.t('talent.search.submit')}</button>
              </FormActions>
            </form>
          </Card>
          <Card title={t.t('talent.saved.title')} id="saved">
            {model.saved.length === 0 ? (
              <p class="muted">{t.t('talent.saved.empty')}</p>
            ) : (
              <ul class="talent-saved">
                {model.saved.map((s) => (
                  <li>
                    <a href={`/employers/search?org=${encodeURIComponent(model.org.slug)}&saved=${encodeURIComponent(s.id)}`}>{s.name}</a>
                    <small class="muted">{s.search.skills.join(' · ')}</small>
                    {model.canWrite && (
                      <form method="post" action={`/employers/searches/${encodeURIComponent(s.id)}/delete?org=${encodeURIComponent(model.org.slug)}`} class="inline-form">
                        <CsrfField />
                        <button type="submit" class="button ghost sm" aria-label={t.t('talent.saved.deleteLabel', { name: s.name })}><Icon name="trash" /></button>
                      </form>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </aside>
        <section class="talent-results" aria-labelledby="results-title">
          {!r ? (
            <EmptyState icon="search" title={t.t('talent.search.startTitle')}>{t.t('talent.search.startBody')}</EmptyState>
          ) : (
            <>
              <div class="talent-results-head">
                <h2 id="results-title">{model.savedName ? t.t('talent.saved.showing', { name: model.savedName }) : t.t('talent.search.results', { count: r.total })}</h2>
                {model.savedName && <p class="muted">{t.t('talent.search.results', { count: r.total })}</p>}
                {model.canWrite && !model.savedName && r.total > 0 && (
                  <form method="post" action={`/employers/searches?org=${encodeURIComponent(model.org.slug)}`} class="talent-save cluster">
                    <CsrfField />
                    <input type="hidden" name="query" value={searchQueryOf(model.org.slug, v)} />
                    <label for="saved-name" class="sr-only">{t.t('talent.saved.name')}</label>
                    <input id="saved-name" name="name" maxlength={100} required placeholder={t.t('talent.saved.name')} />
                    <button type="submit" class="button secondary sm"><Icon name="plus" />{t.t('talent.saved.save')}</button>
                  </form>
                )}
              </div>
              <p class="muted small"><Icon name="shield" /> {t.t('talent.search.privacy')}</p>
              {r.learners.length === 0 ? (
                <EmptyState icon="users" title={t.t('talent.search.emptyTitle')} headingLevel={3}>{t.t('talent.search.emptyBody')}</EmptyState>
              ) : (
                <ul class="talent-matches">{r.learners.map((m) => <MatchCard match={m} org={model.org.slug} total={needed === total ? total : total} />)}</ul>
              )}
              {pages > 1 && (
                <nav class="pagination" aria-label={t.t('talent.search.page', { page: r.page, pages })}>
                  {r.page > 1 && <a class="button secondary sm" href={`/employers/search?${searchQueryOf(model.org.slug, v, r.page - 1)}`}>{t.t('talent.search.previous')}</a>}
                  <span>{t.t('talent.search.page', { page: r.page, pages })}</span>
                  {r.page < pages && <a class="button secondary sm" href={`/employers/search?${searchQueryOf(model.org.slug, v, r.page + 1)}`}>{t.t('talent.search.next')}</a>}
                </nav>
              )}
            </>
          )}
        </section>
      </div>
    </div>
  )
}
