// Pathways' pages: an organization's pathways with learners at each step (/orgs/:org/pathways), the
// form (/new, /:id/edit), one pathway (/orgs/:org/pathways/:id), the public page (/pathways/:id) and
// the learner's progress (/wallet/pathways). Part rows are fixed rows, so the form works without script.
import type { AchievementRecord } from '../../../app/achievements/ports.js'
import type { PathwayProgress, PathwayWithSteps, PublicPathway } from '../../../app/pathways/pathways-use-cases.js'
import type { Translator } from '../../../app/i18n/translator.js'
import { PATHWAY_MAX_PARTS } from '../../../app/pathways/pathway-input.js'
import { hasRole, MIN_ROLE, type RoleName } from '../../../app/platform/roles.js'
import { Alert, Flash } from '../../components/alert.js'
import { BadgeTile } from '../../components/badge-tile.js'
import { Card } from '../../components/card.js'
import { EmptyState } from '../../components/empty-state.js'
import { Checkbox, CsrfField, ErrorSummary, Form, FormActions, FormSection, Select, TextArea, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { useT } from '../../kit/env.js'

/** Part rows the form offers. */
export const PART_ROWS = 6

/** "All 3 parts", "Any 2 of 3 parts", with the order and window rules. */
export function ruleText(t: Translator, p: Pick<PublicPathway, 'rule' | 'required' | 'ordered' | 'windowDays'> & { parts: readonly unknown[] }): string {
  const base = p.rule === 'all' ? t.t('path.rule.all', { count: p.parts.length }) : t.t('path.rule.some', { required: p.required, count: p.parts.length })
  const extra = [p.ordered ? t.t('path.rule.ordered') : '', p.windowDays ? t.t('path.rule.window', { days: p.windowDays }) : ''].filter(Boolean)
  return [base, ...extra].join(' · ')
}

/** Learners at each step, 0/N … N/N, as a row of labelled bars. */
function Steps({ steps }: { steps: readonly number[] }) {
  const t = useT()
  const n = steps.length - 1
  const most = Math.max(1, ...steps)
  return (
    <ol class="path-steps" aria-label={t.t('path.steps.label')}>
      {steps.map((count, i) => (
        <li class={i === n ? 'path-step done' : 'path-step'}>
          <span class="path-step-label">{t.t('path.steps.of', { held: i, required: n })}</span>
          <meter min={0} max={most} value={count} aria-hidden="true" />
          <span class="path-step-count">{t.t('path.steps.learners', { count })}</span>
        </li>
      ))}
    </ol>
  )
}

export interface OrgPathwaysModel {
  shell: ShellOrg
  role: RoleName
  pathways: readonly PathwayWithSteps[]
  done?: string | undefined
}

export function OrgPathwaysView({ model }: { model: OrgPathwaysModel }) {
  const t = useT()
  const { shell, role } = model
  const canManage = hasRole(role, MIN_ROLE.manage)
  const newButton = canManage ? <a class="button" href={`/orgs/${shell.slug}/pathways/new`}><Icon name="plus" />{t.t('path.org.new')}</a> : undefined
  return (
    <OrgShell org={shell} role={role} current="pathways">
      <PageHeader eyebrow={shell.name} title={t.t('path.org.title')} lead={t.t('path.org.lead')} actions={newButton} />
      <Flash message={model.done === 'deleted' ? t.t('path.org.deleted') : model.done ? t.t('path.org.saved') : undefined} />
      {model.pathways.length === 0 ? (
        <EmptyState icon="layers" title={t.t('path.org.empty')} actions={newButton}>{t.t('path.org.emptyText')}</EmptyState>
      ) : (
        <ul class="path-org-list">
          {model.pathways.map((p) => (
            <li class="card path-org-item">
              <h2 class="prog-card-title"><a href={`/orgs/${shell.slug}/pathways/${p.id}`}>{p.title}</a></h2>
              <p class="muted small">{t.t('path.leadsTo', { name: p.achievementName })} · {ruleText(t, p)}</p>
              <Steps steps={p.steps} />
            </li>
          ))}
        </ul>
      )}
    </OrgShell>
  )
}

export interface OrgPathwayModel {
  shell: ShellOrg
  role: RoleName
  pathway: PathwayWithSteps
  done?: string | undefined
}

export function OrgPathwayView({ model }: { model: OrgPathwayModel }) {
  const t = useT()
  const { shell, role, pathway: p } = model
  const canManage = hasRole(role, MIN_ROLE.manage)
  return (
    <OrgShell org={shell} role={role} current="pathways">
      <PageHeader
        crumbs={[{ href: `/orgs/${shell.slug}/pathways`, label: t.t('path.org.title') }, { label: p.title }]}
        eyebrow={shell.name}
        title={p.title}
        lead={p.summary || undefined}
        actions={canManage ? <a class="button secondary" href={`/orgs/${shell.slug}/pathways/${p.id}/edit`}><Icon name="edit" />{t.t('path.org.edit')}</a> : undefined}
      />
      <Flash message={model.done ? t.t('path.org.saved') : undefined} />
      <div class="stack-lg">
        <Card title={t.t('path.page.progressTitle')} note={t.t('path.page.progressNote')}>
          <Steps steps={p.steps} />
          {hasRole(role, MIN_ROLE.issue) && <p><a href={`/orgs/${shell.slug}/pathways/${p.id}/records`}><Icon name="download" />{t.t('clr.pathwayRecords.link')}</a></p>}
        </Card>
        <Card title={t.t('path.page.takes')}>
          <p><Icon name="award" /> {t.t('path.leadsTo', { name: p.achievementName })} · {ruleText(t, p)}</p>
          <ol class="path-part-list">
            {p.parts.map((part) => (
              <li>
                <strong>{part.name}</strong>
                <span class="muted small path-url">{part.achievementUrl}</span>
              </li>
            ))}
          </ol>
          {p.achievementState === 'published' ? (
            <p><a href={`/pathways/${p.id}`}><Icon name="external" />{t.t('path.page.public')}</a></p>
          ) : (
            <Alert kind="warn">{t.t('path.page.unpublished')}</Alert>
          )}
        </Card>
        {canManage && (
          <Card title={t.t('path.page.deleteTitle')}>
            <p class="muted">{t.t('path.page.deleteText')}</p>
            <form method="post" action={`/orgs/${shell.slug}/pathways/${p.id}/delete`}>
              <CsrfField />
              <button type="submit" class="button danger"><Icon name="trash" />{t.t('path.page.delete')}</button>
            </form>
          </Card>
        )}
      </div>
    </OrgShell>
  )
}

export interface PathwayFormModel {
  shell: ShellOrg
  role: RoleName
  pathwayId?: string | undefined
  achievements: readonly Pick<AchievementRecord, 'id' | 'name'>[]
  /** Achievement ids (URLs) of this instance to suggest for parts, with their names. */
  suggestions: readonly { url: string; name: string }[]
  values: Record<string, string>
  errors?: FieldErrors | undefined
}

/** The form's values of a stored pathway. */
export function valuesOfPathway(p: PathwayWithSteps): Record<string, string> {
  const values: Record<string, string> = {
    achievementId: p.achievementId,
    title: p.title,
    summary: p.summary,
    rule: p.rule,
    required: String(p.required),
    ordered: p.ordered ? 'true' : '',
    windowDays: p.windowDays === null ? '' : String(p.windowDays),
  }
  p.parts.forEach((part, i) => {
    values[`part${i}.achievementUrl`] = part.achievementUrl
    values[`part${i}.name`] = part.name
  })
  return values
}

export function PathwayFormView({ model }: { model: PathwayFormModel }) {
  const t = useT()
  const { shell, values: v, errors } = model
  const action = model.pathwayId ? `/orgs/${shell.slug}/pathways/${model.pathwayId}/edit` : `/orgs/${shell.slug}/pathways/new`
  const title = model.pathwayId ? t.t('path.form.editTitle') : t.t('path.org.new')
  const labels: Record<string, string> = { achievementId: t.t('path.form.target'), title: t.t('path.form.title'), summary: t.t('path.form.summary'), required: t.t('path.form.required'), windowDays: t.t('path.form.window'), parts: t.t('path.form.parts') }
  const partErrors: Record<string, string> = {}
  for (const [path, message] of Object.entries(errors ?? {})) {
    const m = /^parts\.(\d+)\.(\w+)$/.exec(path)
    if (m) partErrors[`part${m[1]}.${m[2]}`] = message
  }
  return (
    <OrgShell org={shell} role={model.role} current="pathways">
      <PageHeader crumbs={[{ href: `/orgs/${shell.slug}/pathways`, label: t.t('path.org.title') }, { label: title }]} title={title} lead={t.t('path.form.lead')} />
      <ErrorSummary errors={errors && { ...errors, ...partErrors }} labels={labels} />
      <Form action={action}>
        <FormSection title={t.t('path.form.what')}>
          <Select name="achievementId" label={labels.achievementId} required value={v.achievementId} errors={errors} options={model.achievements.map((a) => [a.id, a.name] as const)} hint={t.t('path.form.targetHint')} />
          <TextField name="title" label={labels.title} required maxLength={200} value={v.title} errors={errors} />
          <TextArea name="summary" label={labels.summary} rows={3} maxLength={5000} value={v.summary} errors={errors} />
        </FormSection>
        <FormSection title={t.t('path.form.rules')}>
          <div class="grid cols-2">
            <Select name="rule" label={t.t('path.form.rule')} required value={v.rule || 'all'} errors={errors} options={[['all', t.t('path.form.ruleAll')], ['some', t.t('path.form.ruleSome')]]} />
            <TextField name="required" type="number" inputMode="numeric" min={1} max={PATHWAY_MAX_PARTS} label={labels.required} hint={t.t('path.form.requiredHint')} value={v.required} errors={errors} />
          </div>
          <Checkbox name="ordered" value="true" label={t.t('path.form.ordered')} hint={t.t('path.form.orderedHint')} checked={v.ordered === 'true'} />
          <TextField name="windowDays" type="number" inputMode="numeric" min={1} label={labels.windowDays} hint={t.t('path.form.windowHint')} value={v.windowDays} errors={errors} />
        </FormSection>
        <FormSection title={labels.parts} hint={t.t('path.form.partsHint')}>
          {errors?.parts && <Alert kind="bad">{errors.parts}</Alert>}
          <datalist id="path-suggestions">
            {model.suggestions.map((s) => <option value={s.url}>{s.name}</option>)}
          </datalist>
          {Array.from({ length: PART_ROWS }, (_, i) => (
            <fieldset class="prog-req-row">
              <legend>{t.t('path.form.partN', { n: i + 1 })}</legend>
              <div class="grid cols-2">
                <TextField name={`part${i}.achievementUrl`} type="url" list="path-suggestions" label={t.t('path.form.partUrl')} value={v[`part${i}.achievementUrl`]} errors={partErrors} />
                <TextField name={`part${i}.name`} label={t.t('path.form.partName')} hint={t.t('path.form.partNameHint')} maxLength={200} value={v[`part${i}.name`]} errors={partErrors} />
              </div>
            </fieldset>
          ))}
        </FormSection>
        <FormActions>
          <button type="submit" class="button">{t.t('path.form.save')}</button>
          <a class="button secondary" href={`/orgs/${shell.slug}/pathways`}>{t.t('path.form.cancel')}</a>
        </FormActions>
      </Form>
    </OrgShell>
  )
}

/** A part as a badge tile: its image, issuer, and programs of the catalog leading to it. */
function PartTile({ part, held }: { part: PublicPathway['parts'][number]; held?: { name: string; issuedAt: string | null } | null | undefined }) {
  const t = useT()
  const status = held === undefined ? undefined : held ? (
    <span class="pill ok"><Icon name="check" />{t.t('path.my.held')}</span>
  ) : (
    <span class="pill neutral"><Icon name="clock" />{t.t('path.my.missing')}</span>
  )
  return (
    <BadgeTile
      image={part.imageUrl ?? undefined}
      imageAlt={part.name}
      name={part.name}
      meta={part.issuerName ?? t.t('path.part.external')}
      footer={
        <>
          {status}
          {(held === undefined || held === null) &&
            part.programs.map((g) => (
              <a class="path-program" href={`/programs/${g.id}`}><Icon name="book" />{t.t('path.part.program', { title: g.title })}</a>
            ))}
        </>
      }
    />
  )
}

export function PublicPathwayView({ model }: { model: { pathway: PublicPathway } }) {
  const t = useT()
  const p = model.pathway
  return (
    <div class="container page">
      <PageHeader crumbs={[{ href: '/catalog', label: t.t('prog.catalog.title') }, { label: p.title }]} eyebrow={<a href={`/orgs/${p.orgSlug}`}>{p.orgName}</a>} title={p.title} lead={p.summary || undefined} />
      <div class="stack-lg">
        <Card title={t.t('path.page.takes')}>
          <p class="path-earn"><Icon name="award" />{t.t('path.page.earns', { name: p.achievementName })}</p>
          <p>{ruleText(t, p)}</p>
          <p class="muted small">{t.t('path.page.auto')}</p>
        </Card>
        <section aria-labelledby="path-parts">
          <h2 id="path-parts" class="path-section-title">{t.t('path.page.parts', { count: p.parts.length })}</h2>
          <ul class="badge-grid">
            {p.parts.map((part) => <li><PartTile part={part} /></li>)}
          </ul>
        </section>
        <p><a class="button secondary" href="/wallet/pathways"><Icon name="layers" />{t.t('path.page.mine')}</a></p>
      </div>
    </div>
  )
}

export function MyPathwaysView({ model }: { model: { items: readonly PathwayProgress[] } }) {
  const t = useT()
  return (
    <div class="container page">
      <PageHeader crumbs={[{ href: '/wallet', label: t.t('path.my.wallet') }, { label: t.t('path.my.title') }]} title={t.t('path.my.title')} lead={t.t('path.my.lead')} />
      {model.items.length === 0 ? (
        <EmptyState icon="layers" title={t.t('path.my.empty')} actions={<a class="button" href="/catalog">{t.t('path.my.catalog')}</a>}>{t.t('path.my.emptyText')}</EmptyState>
      ) : (
        <div class="stack-lg">
          {model.items.map((v) => (
            <Card
              title={<a href={`/pathways/${v.pathway.id}`}>{v.pathway.title}</a>}
              note={`${v.pathway.orgName} · ${ruleText(t, v.pathway)}`}
              class="path-progress"
            >
              <div class="path-progress-head">
                <p class="path-earn"><Icon name="award" />{t.t('path.page.earns', { name: v.pathway.achievementName })}</p>
                {v.awardState === 'awarded' ? (
                  <span class="pill ok"><Icon name="check" />{t.t('path.my.awarded')}</span>
                ) : (
                  <span class="pill info">{t.t('path.my.count', { counted: Math.min(v.counted, v.pathway.required), required: v.pathway.required })}</span>
                )}
              </div>
              <progress max={v.pathway.required} value={Math.min(v.counted, v.pathway.required)} aria-label={t.t('path.my.count', { counted: Math.min(v.counted, v.pathway.required), required: v.pathway.required })} />
              {v.held > v.counted && v.awardState !== 'awarded' && <p class="muted small">{t.t('path.my.notCounted')}</p>}
              <ul class="badge-grid path-parts">
                {v.parts.map((part) => <li><PartTile part={part} held={part.holding ? { name: part.holding.name, issuedAt: part.holding.issuedAt } : null} /></li>)}
              </ul>
            </Card>
          ))}
        </div>
      )}
    </div>
  )
}
