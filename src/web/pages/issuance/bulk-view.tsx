// Bulk issuance before anything is issued: the upload form (with the file format beside it) and the
// preview of an uploaded file at its own URL (first rows, every problem, then confirm).
import type { StagedUpload } from '../../../app/issuance/ports.js'
import type { RoleName } from '../../../app/platform/roles.js'
import { Alert } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { ErrorSummary, FileField, Form, FormActions, Select, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { DataTable } from '../../components/table.js'
import { useT } from '../../kit/env.js'
import { achievementOptions, NothingToIssue, type AchievementChoice } from './shared.js'

/** What the upload form shows. */
export interface BulkUploadModel {
  org: ShellOrg
  role: RoleName
  achievements: readonly AchievementChoice[]
  achievement?: string | undefined
  errors?: FieldErrors | undefined
}

const COLUMNS = [
  ['email', true],
  ['name', true],
  ['did', false],
  ['validUntil', false],
  ['evidence_url', false],
  ['evidence_narrative', false],
] as const

/** The upload page. */
export function BulkUploadView({ model }: { model: BulkUploadModel }) {
  const t = useT()
  const { org, errors } = model
  const base = `/orgs/${org.slug}`
  const labels = { achievement: t.t('iss.issue.achievement'), file: t.t('iss.bulk.file') }
  return (
    <OrgShell org={org} role={model.role} current="batches">
      <PageHeader
        eyebrow={t.t('iss.eyebrow')}
        title={t.t('iss.bulk.title')}
        lead={t.t('iss.bulk.lead')}
        crumbs={[{ label: t.t('iss.batches.title'), href: `${base}/batches` }, { label: t.t('iss.bulk.title') }]}
      />
      {model.achievements.length === 0 ? (
        <NothingToIssue orgSlug={org.slug} />
      ) : (
        <div class="grid sidebar-right">
          <Card class="iss-form-card">
            <ErrorSummary errors={errors} labels={labels} />
            <ol class="iss-progress-steps" aria-label={t.t('iss.bulk.stepsLabel')}>
              <li aria-current="step"><span>1</span>{t.t('iss.bulk.step1')}</li>
              <li><span>2</span>{t.t('iss.bulk.step2')}</li>
              <li><span>3</span>{t.t('iss.bulk.step3')}</li>
            </ol>
            {/* The fields come before the file: both are checked before a byte of it is read. */}
            <Form action={`${base}/batches/uploads`} enctype="multipart/form-data" id="bulk-form">
              <div class="stack">
                <Select name="achievement" label={labels.achievement} required options={achievementOptions(model.achievements)} value={model.achievement} placeholder={t.t('iss.issue.choose')} errors={errors} />
                <FileField name="file" label={labels.file} required accept=".csv,text/csv" hint={t.t('iss.bulk.fileHint')} errors={errors} />
              </div>
              <FormActions>
                <button type="submit" class="button"><Icon name="eye" />{t.t('iss.bulk.submit')}</button>
                <a href={`${base}/batches`}>{t.t('iss.bulk.earlier')}</a>
              </FormActions>
            </Form>
          </Card>
          <Card title={t.t('iss.bulk.formatTitle')} id="csv-format" class="sunken">
            <p>{t.t('iss.bulk.formatText')}</p>
            <ul class="iss-columns">
              {COLUMNS.map(([name, required]) => (
                <li>
                  <code>{name}</code>
                  <span class={required ? 'pill info' : 'pill'}>{t.t(required ? 'iss.bulk.required' : 'iss.bulk.optional')}</span>
                </li>
              ))}
            </ul>
            <p class="muted">{t.t('iss.bulk.example')}</p>
            <pre class="iss-sample" tabindex={0} aria-label={t.t('iss.bulk.example')}><code>{'email,name\nada@example.org,Ada Lovelace\ngrace@example.org,Grace Hopper'}</code></pre>
          </Card>
        </div>
      )}
    </OrgShell>
  )
}

/** What the preview shows. */
export interface BulkPreviewModel {
  org: ShellOrg
  role: RoleName
  achievementName: string
  upload: StagedUpload
}

/** The preview page: what the file holds and what will not be issued, then the confirmation. */
export function BulkPreviewView({ model }: { model: BulkPreviewModel }) {
  const t = useT()
  const { org, upload } = model
  const { scan } = upload
  const base = `/orgs/${org.slug}`
  const good = scan.totalRows - scan.problemCount
  return (
    <OrgShell org={org} role={model.role} current="batches">
      <PageHeader
        eyebrow={t.t('iss.eyebrow')}
        title={t.t('iss.preview.title')}
        lead={t.t('iss.preview.lead', { file: upload.fileName, count: scan.totalRows, achievement: model.achievementName })}
        crumbs={[{ label: t.t('iss.batches.title'), href: `${base}/batches` }, { label: t.t('iss.bulk.title'), href: `${base}/batches/new` }, { label: t.t('iss.preview.crumb') }]}
      />
      <ol class="iss-progress-steps" aria-label={t.t('iss.bulk.stepsLabel')}>
        <li class="done"><span><Icon name="check" /></span>{t.t('iss.bulk.step1')}</li>
        <li aria-current="step"><span>2</span>{t.t('iss.bulk.step2')}</li>
        <li><span>3</span>{t.t('iss.bulk.step3')}</li>
      </ol>
      <dl class="fact-tiles iss-summary">
        <div><dt>{t.t('iss.preview.rows')}</dt><dd>{t.number(scan.totalRows)}</dd></div>
        <div class="ok"><dt>{t.t('iss.preview.ready')}</dt><dd>{t.number(good)}</dd></div>
        <div class={scan.problemCount > 0 ? 'bad' : undefined}><dt>{t.t('iss.preview.problems')}</dt><dd>{t.number(scan.problemCount)}</dd></div>
      </dl>
      {scan.problemCount === 0 ? (
        <Alert kind="ok"><p>{t.t('iss.preview.noProblems')}</p></Alert>
      ) : (
        <Alert kind="warn"><p>{t.t('iss.preview.someProblems', { count: scan.problemCount })}</p></Alert>
      )}
      <section class="section" aria-labelledby="first-rows">
        <h2 id="first-rows">{t.t('iss.preview.firstRows')}</h2>
        <DataTable
          id="preview-rows"
          caption={t.t('iss.preview.firstRowsCaption', { count: scan.preview.length })}
          rows={scan.preview}
          columns={[
            { key: 'row', header: t.t('iss.col.row'), cell: (r) => t.number(r.row), rowHeader: true, numeric: true },
            { key: 'email', header: t.t('iss.col.email'), cell: (r) => r.email },
            { key: 'name', header: t.t('iss.col.name'), cell: (r) => r.name },
            { key: 'did', header: t.t('iss.col.did'), cell: (r) => r.did ?? '' },
            { key: 'validUntil', header: t.t('iss.col.validUntil'), cell: (r) => r.validUntil ?? '' },
            { key: 'evidence', header: t.t('iss.col.evidence'), cell: (r) => r.evidenceUrl ?? r.evidenceNarrative ?? '' },
          ]}
        />
      </section>
      {scan.problems.length > 0 && (
        <section class="section" aria-labelledby="problems">
          <h2 id="problems">{t.t('iss.preview.problemsTitle')}</h2>
          <DataTable
            id="preview-problems"
            caption={t.t('iss.preview.problemsCaption')}
            rows={scan.problems}
            columns={[
              { key: 'row', header: t.t('iss.col.row'), cell: (p) => t.number(p.row), rowHeader: true, numeric: true },
              { key: 'email', header: t.t('iss.col.email'), cell: (p) => p.email },
              { key: 'problem', header: t.t('iss.col.problem'), cell: (p) => p.message },
            ]}
            footer={scan.problemCount > scan.problems.length ? <span>{t.t('iss.preview.moreProblems', { count: scan.problemCount - scan.problems.length })}</span> : undefined}
          />
        </section>
      )}
      <Card class="iss-confirm section">
        <Form action={`${base}/batches/uploads/${upload.id}`} id="confirm-form">
          <p>{t.t('iss.preview.confirmText', { count: good, achievement: model.achievementName })}</p>
          <FormActions>
            <button type="submit" class="button" disabled={good === 0}><Icon name="send" />{t.t('iss.preview.submit', { count: good })}</button>
            <a class="button secondary" href={`${base}/batches/new`}>{t.t('iss.preview.another')}</a>
          </FormActions>
        </Form>
      </Card>
    </OrgShell>
  )
}
