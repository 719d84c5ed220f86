// /orgs/:org/programs (list), /new and /:id/edit (the form): an organization's programs. Admins
// create, edit, publish and archive; every member sees the list. The requirement rows of the form
// are five fixed rows (empty titles are left out), so the form works without script.
import type { AchievementRecord } from '../../../app/achievements/ports.js'
import { hasRole, MIN_ROLE, type RoleName } from '../../../app/platform/roles.js'
import type { EnrolmentRecord, ProgramRecord } from '../../../app/programs/ports.js'
import { CURRENCIES, PROGRAM_LANGUAGES } from '../../../app/programs/program-input.js'
import { Alert, Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { EmptyState } from '../../components/empty-state.js'
import { Checkbox, CsrfField, ErrorSummary, Form, FormActions, FormSection, Select, TextArea, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { StatusPill } from '../../components/status-pill.js'
import { useT } from '../../kit/env.js'
import { formatText, kindText, languageName, priceText } from './program-parts.js'

/** Requirement rows the form offers. */
export const REQUIREMENT_ROWS = 5

export interface OrgProgramsModel {
  shell: ShellOrg
  role: RoleName
  programs: readonly (ProgramRecord & { enrolled: number })[]
  requests: readonly (EnrolmentRecord & { programTitle: string })[]
  done?: string | undefined
}

export function OrgProgramsView({ model }: { model: OrgProgramsModel }) {
  const t = useT()
  const { shell, role } = model
  const canManage = hasRole(role, MIN_ROLE.manage)
  const canIssue = hasRole(role, MIN_ROLE.issue)
  return (
    <OrgShell org={shell} role={role} current="programs">
      <PageHeader eyebrow={shell.name} title={t.t('prog.org.title')} lead={t.t('prog.org.lead')} actions={canManage ? <a class="button" href={`/orgs/${shell.slug}/programs/new`}><Icon name="plus" />{t.t('prog.org.new')}</a> : undefined} />
      <Flash message={model.done ? t.t('prog.org.saved') : undefined} />
      <div class="stack-lg">
        {model.requests.length > 0 && canIssue && (
          <Card title={t.t('prog.org.requests', { count: model.requests.length })}>
            <ul class="prog-requests">
              {model.requests.map((r) => (
                <li>
                  <span><strong>{r.userName}</strong> <span class="muted small">{r.userEmail} · {r.programTitle}</span></span>
                  <span class="prog-actions">
                    <form method="post" action={`/orgs/${shell.slug}/enrolments/${r.id}/decide`}>
                      <CsrfField />
                      <input type="hidden" name="decision" value="approve" />
                      <button type="submit" class="button sm"><Icon name="check" />{t.t('prog.org.approve')}<span class="sr-only"> {r.userName}</span></button>
                    </form>
                    <form method="post" action={`/orgs/${shell.slug}/enrolments/${r.id}/decide`}>
                      <CsrfField />
                      <input type="hidden" name="decision" value="decline" />
                      <button type="submit" class="button secondary sm"><Icon name="x" />{t.t('prog.org.decline')}<span class="sr-only"> {r.userName}</span></button>
                    </form>
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        )}
        {model.programs.length === 0 ? (
          <EmptyState icon="book" title={t.t('prog.org.empty')} actions={canManage ? <a class="button" href={`/orgs/${shell.slug}/programs/new`}>{t.t('prog.org.new')}</a> : undefined}>{t.t('prog.org.emptyText')}</EmptyState>
        ) : (
          <ul class="prog-org-list">
            {model.programs.map((p) => (
              <li class="card prog-org-item">
                <div class="prog-org-head">
                  <h2 class="prog-card-title">{p.state === 'published' ? <a href={`/programs/${p.id}`}>{p.title}</a> : p.title}</h2>
                  <StatusPill state={p.state} />
                </div>
                <p class="muted small">{t.t('prog.leadsTo', { name: p.achievementName })} · {formatText(t, p.format)} · {t.t('prog.hours', { count: p.hours })} · {priceText(t, p)} · {languageName(t, p.language)}</p>
                <p class="small"><a href={`/orgs/${shell.slug}/programs/${p.id}`}>{t.t('prog.org.enrolled', { count: p.enrolled })}</a> · {t.t('prog.org.requirementCount', { count: p.requirements.length })}{hasRole(model.role, MIN_ROLE.issue) && p.enrolled > 0 && <> · <a href={`/orgs/${shell.slug}/programs/${p.id}/records`}>{t.t('clr.program.link')}<span class="sr-only"> {p.title}</span></a></>}</p>
                {canManage && (
                  <div class="prog-actions">
                    <a class="button secondary sm" href={`/orgs/${shell.slug}/programs/${p.id}/edit`}><Icon name="edit" />{t.t('prog.org.edit')}<span class="sr-only"> {p.title}</span></a>
                    <form method="post" action={`/orgs/${shell.slug}/programs/${p.id}/state`}>
                      <CsrfField />
                      <input type="hidden" name="state" value={p.state === 'published' ? 'draft' : 'published'} />
                      <button type="submit" class="button secondary sm">{t.t(p.state === 'published' ? 'prog.org.unpublish' : 'prog.org.publish')}<span class="sr-only"> {p.title}</span></button>
                    </form>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </OrgShell>
  )
}

export interface ProgramFormModel {
  shell: ShellOrg
  role: RoleName
  programId?: string | undefined
  achievements: readonly Pick<AchievementRecord, 'id' | 'name'>[]
  values: Record<string, string>
  errors?: FieldErrors | undefined
  formError?: string | undefined
}

/** The form's values of a stored program. */
export function valuesOfProgram(p: ProgramRecord): Record<string, string> {
  const values: Record<string, string> = {
    achievementId: p.achievementId,
    title: p.title,
    summary: p.summary,
    format: p.format,
    hours: String(p.hours),
    durationWeeks: p.durationWeeks === null ? '' : String(p.durationWeeks),
    selfPaced: p.selfPaced ? 'true' : '',
    startsOn: p.startsOn ?? '',
    endsOn: p.endsOn ?? '',
    price: p.priceCents === 0 ? '' : String(p.priceCents / 100),
    currency: p.currency,
    language: p.language,
    prerequisites: p.prerequisites,
    seats: p.seats === null ? '' : String(p.seats),
    enrolmentMode: p.enrolmentMode,
    finalSignoff: p.finalSignoff ? 'true' : '',
  }
  p.requirements.forEach((r, i) => {
    values[`req${i}.id`] = r.id
    values[`req${i}.kind`] = r.kind
    values[`req${i}.title`] = r.title
    values[`req${i}.threshold`] = r.config.threshold === undefined ? '' : String(r.config.threshold)
    values[`req${i}.achievementUrl`] = r.config.achievementUrl ?? ''
  })
  return values
}

export function ProgramFormView({ model }: { model: ProgramFormModel }) {
  const t = useT()
  const { shell, values: v, errors } = model
  const action = model.programId ? `/orgs/${shell.slug}/programs/${model.programId}/edit` : `/orgs/${shell.slug}/programs/new`
  const labels: Record<string, string> = {
    achievementId: t.t('prog.form.achievement'), title: t.t('prog.form.title'), summary: t.t('prog.form.summary'), format: t.t('prog.fact.format'), hours: t.t('prog.form.hours'),
    durationWeeks: t.t('prog.form.weeks'), startsOn: t.t('prog.form.startsOn'), endsOn: t.t('prog.form.endsOn'), price: t.t('prog.form.price'), language: t.t('prog.fact.language'), seats: t.t('prog.form.seats'),
  }
  const reqErrors: Record<string, string> = {}
  for (const [path, message] of Object.entries(errors ?? {})) {
    const m = /^requirements\.(\d+)\.(\w+)$/.exec(path)
    if (m) reqErrors[`req${m[1]}.${m[2]}`] = message
  }
  return (
    <OrgShell org={shell} role={model.role} current="programs">
      <PageHeader crumbs={[{ href: `/orgs/${shell.slug}/programs`, label: t.t('prog.org.title') }, { label: model.programId ? t.t('prog.form.editTitle') : t.t('prog.org.new') }]} title={model.programId ? t.t('prog.form.editTitle') : t.t('prog.org.new')} lead={t.t('prog.form.lead')} />
      <ErrorSummary errors={errors && { ...errors, ...reqErrors }} labels={labels} />
      {model.formError && <Alert kind="bad">{model.formError}</Alert>}
      <Form action={action}>
        <FormSection title={t.t('prog.form.what')}>
          <Select name="achievementId" label={labels.achievementId} required value={v.achievementId} errors={errors} options={model.achievements.map((a) => [a.id, a.name] as const)} hint={t.t('prog.form.achievementHint')} />
          <TextField name="title" label={labels.title} required maxLength={200} value={v.title} errors={errors} />
          <TextArea name="summary" label={labels.summary} required rows={4} maxLength={5000} value={v.summary} errors={errors} />
          <TextArea name="prerequisites" label={t.t('prog.page.prerequisites')} rows={2} maxLength={2000} value={v.prerequisites} errors={errors} />
        </FormSection>
        <FormSection title={t.t('prog.form.how')}>
          <Select name="format" label={labels.format} required value={v.format} errors={errors} options={[['online', formatText(t, 'online')], ['onsite', formatText(t, 'onsite')], ['blended', formatText(t, 'blended')]]} />
          <div class="grid cols-2">
            <TextField name="hours" type="number" inputMode="numeric" min={1} label={labels.hours} required value={v.hours} errors={errors} />
            <TextField name="durationWeeks" type="number" inputMode="numeric" min={1} label={labels.durationWeeks} value={v.durationWeeks} errors={errors} />
          </div>
          <Checkbox name="selfPaced" value="true" label={t.t('prog.selfPaced')} checked={v.selfPaced === 'true'} />
          <div class="grid cols-2">
            <TextField name="startsOn" type="date" label={labels.startsOn} value={v.startsOn} errors={errors} />
            <TextField name="endsOn" type="date" label={labels.endsOn} value={v.endsOn} errors={errors} />
          </div>
          <Select name="language" label={labels.language} required value={v.language} errors={errors} options={PROGRAM_LANGUAGES.map((c) => [c, languageName(t, c)] as const)} />
        </FormSection>
        <FormSection title={t.t('prog.form.access')}>
          <div class="grid cols-2">
            <TextField name="price" type="number" inputMode="decimal" min={0} step="0.01" label={labels.price} hint={t.t('prog.form.priceHint')} value={v.price} errors={errors} />
            <Select name="currency" label={t.t('prog.form.currency')} value={v.currency || 'EUR'} errors={errors} options={CURRENCIES.map((c) => [c, c] as const)} />
          </div>
          <TextField name="seats" type="number" inputMode="numeric" min={1} label={labels.seats} hint={t.t('prog.form.seatsHint')} value={v.seats} errors={errors} />
          <Select name="enrolmentMode" label={t.t('prog.form.mode')} required value={v.enrolmentMode || 'open'} errors={errors} options={[['open', t.t('prog.form.modeOpen')], ['approval', t.t('prog.form.modeApproval')]]} />
          <Checkbox name="finalSignoff" value="true" label={t.t('prog.form.signoff')} checked={v.finalSignoff === 'true'} />
        </FormSection>
        <FormSection title={t.t('prog.page.requirements')} hint={t.t('prog.form.reqHint')}>
          {Array.from({ length: REQUIREMENT_ROWS }, (_, i) => (
            <fieldset class="prog-req-row">
              <legend>{t.t('prog.form.reqN', { n: i + 1 })}</legend>
              {v[`req${i}.id`] && <input type="hidden" name={`req${i}.id`} value={v[`req${i}.id`]} />}
              <div class="grid cols-2">
                <Select name={`req${i}.kind`} label={t.t('prog.form.reqKind')} placeholder={t.t('prog.form.reqNone')} value={v[`req${i}.kind`]} errors={reqErrors} options={(['evidence', 'review', 'score', 'attendance', 'credential'] as const).map((k) => [k, kindText(t, k)] as const)} />
                <TextField name={`req${i}.title`} label={t.t('prog.form.reqTitle')} maxLength={200} value={v[`req${i}.title`]} errors={reqErrors} />
                <TextField name={`req${i}.threshold`} type="number" inputMode="numeric" min={0} label={t.t('prog.form.reqThreshold')} value={v[`req${i}.threshold`]} errors={reqErrors} />
                <TextField name={`req${i}.achievementUrl`} type="url" label={t.t('prog.form.reqAchievement')} value={v[`req${i}.achievementUrl`]} errors={reqErrors} />
              </div>
            </fieldset>
          ))}
        </FormSection>
        <FormActions>
          <button type="submit" class="button">{t.t('prog.form.save')}</button>
          <a class="button secondary" href={`/orgs/${shell.slug}/programs`}>{t.t('prog.form.cancel')}</a>
        </FormActions>
      </Form>
    </OrgShell>
  )
}
