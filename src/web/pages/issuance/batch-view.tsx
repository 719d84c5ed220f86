// A batch's page (its live progress, counts and the rows not issued) and the list of batches.
// While a batch runs, batch-progress.ts follows its server-sent events; without script a Refresh
// link reloads the page (no meta refresh: it moves the reader's focus away without asking).
import type { BatchListItem, BatchView as BatchRecordView } from '../../../app/issuance/find-batches.js'
import type { RowError } from '../../../app/issuance/ports.js'
import { hasRole, MIN_ROLE, type RoleName } from '../../../app/platform/roles.js'
import type { Translator } from '../../../app/i18n/translator.js'
import { Alert, Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { EmptyState } from '../../components/empty-state.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { StatusPill } from '../../components/status-pill.js'
import { DataTable, Pagination } from '../../components/table.js'
import { useT } from '../../kit/env.js'

/** Whether a batch is still being worked on. */
export const isActive = (state: BatchRecordView['state']): boolean => state === 'queued' || state === 'running'

/** The progress sentence of a batch (the page and its events say the same). */
export function progressText(t: Translator, batch: Pick<BatchRecordView, 'nextRow' | 'totalRows' | 'issued' | 'failed'>): string {
  const fraction = batch.totalRows === 0 ? 1 : Math.min(1, batch.nextRow / batch.totalRows)
  return t.t('iss.batch.progressText', { handled: batch.nextRow, total: batch.totalRows, percent: Math.floor(fraction * 100) / 100, issued: batch.issued, failed: batch.failed })
}

/** What the batch page shows. */
export interface BatchPageModel {
  org: ShellOrg
  role: RoleName
  batch: BatchRecordView
  achievementName: string
  errors: readonly RowError[]
  /** What the redirect here said happened (`queued`, `existing`). */
  done?: string | undefined
}

/** The message after a confirmation, in words that follow the batch's state. */
function flashOf(t: Translator, done: string | undefined, batch: BatchRecordView): string | undefined {
  if (done === 'existing') return t.t('iss.batch.flashExisting')
  if (done !== 'queued') return undefined
  if (isActive(batch.state)) return t.t('iss.batch.flashQueued')
  return batch.state === 'done' ? t.t('iss.batch.flashDone', { issued: batch.issued, failed: batch.failed }) : undefined
}

/** The part of the page the live progress refreshes as a whole when the batch's state changes. */
function LiveRegion({ model }: { model: BatchPageModel }) {
  const t = useT()
  const { org, batch, errors } = model
  const base = `/orgs/${org.slug}/batches/${batch.id}`
  const active = isActive(batch.state)
  return (
    <div class="stack-lg" data-batch-live>
      <Card class="iss-batch-progress" id="progress" title={t.t('iss.batch.progress')} actions={<StatusPill state={batch.state} />}>
        <progress max={Math.max(batch.totalRows, 1)} value={batch.totalRows === 0 ? 1 : batch.nextRow} aria-labelledby="progress-title" aria-describedby="progress-text" data-batch-bar />
        <p id="progress-text" class="iss-progress-text" role="status" data-batch-text>{progressText(t, batch)}</p>
        <dl class="fact-tiles iss-summary">
          <div><dt>{t.t('iss.batch.total')}</dt><dd data-batch-count="totalRows">{t.number(batch.totalRows)}</dd></div>
          <div class="ok"><dt>{t.t('iss.batch.issued')}</dt><dd data-batch-count="issued">{t.number(batch.issued)}</dd></div>
          <div class={batch.failed > 0 ? 'bad' : undefined}><dt>{t.t('iss.batch.failed')}</dt><dd data-batch-count="failed">{t.number(batch.failed)}</dd></div>
        </dl>
        {active && (
          <p class="muted iss-refresh">
            <span class="js-only">{t.t('iss.batch.live')} </span>
            <a href={base} class="no-js"><Icon name="refresh" />{t.t('iss.batch.refresh')}</a>
          </p>
        )}
      </Card>
      {batch.error && <Alert kind="bad" title={t.t('iss.batch.stopped')}><p>{batch.error}</p></Alert>}
      {/* Not a labelled region: the table below is one already, under the same name. */}
      <div>
        <div class="spread">
          <h2 id="rows-not-issued">{t.t('iss.batch.errorsTitle')}</h2>
          {errors.length > 0 && (
            <a class="button secondary sm" href={`/api/v1/orgs/${org.slug}/batches/${batch.id}/errors.csv`} download><Icon name="download" />{t.t('iss.batch.errorReport')}</a>
          )}
        </div>
        {errors.length === 0 ? (
          <p class="muted">{t.t(active ? 'iss.batch.noErrorsYet' : 'iss.batch.noErrors')}</p>
        ) : (
          <DataTable
            id="batch-errors"
            caption={batch.failed > errors.length ? t.t('iss.batch.errorsCaptionSome', { shown: errors.length, count: batch.failed }) : t.t('iss.batch.errorsCaption')}
            rows={errors}
            columns={[
              { key: 'row', header: t.t('iss.col.row'), cell: (e) => t.number(e.row), rowHeader: true, numeric: true },
              { key: 'email', header: t.t('iss.col.email'), cell: (e) => e.email },
              { key: 'problem', header: t.t('iss.col.problem'), cell: (e) => e.message },
            ]}
          />
        )}
      </div>
    </div>
  )
}

/** The batch page. */
export function BatchPageView({ model }: { model: BatchPageModel }) {
  const t = useT()
  const { org, batch } = model
  const base = `/orgs/${org.slug}`
  const active = isActive(batch.state)
  return (
    <OrgShell org={org} role={model.role} current="batches">
      <PageHeader
        eyebrow={t.t('iss.batch.eyebrow')}
        title={batch.fileName}
        lead={t.t('iss.batch.lead', { achievement: model.achievementName, date: t.dateTime(batch.createdAt) })}
        crumbs={[{ label: t.t('iss.batches.title'), href: `${base}/batches` }, { label: batch.fileName }]}
        actions={<a class="button secondary" href={`${base}/credentials?batch=${batch.id}`}><Icon name="list" />{t.t('iss.batch.credentials')}</a>}
      />
      <Flash message={flashOf(t, model.done, batch)} />
      <div class="iss-batch" data-batch-progress={active ? `${base}/batches/${batch.id}/events` : undefined}>
        <LiveRegion model={model} />
      </div>
    </OrgShell>
  )
}

/** What the list of batches shows. */
export interface BatchesModel {
  org: ShellOrg
  role: RoleName
  items: readonly BatchListItem[]
  next?: string | undefined
}

/** The list of batches, newest first. */
export function BatchesView({ model }: { model: BatchesModel }) {
  const t = useT()
  const { org } = model
  const base = `/orgs/${org.slug}`
  const canIssue = hasRole(model.role, MIN_ROLE.issue)
  const upload = canIssue ? <a class="button" href={`${base}/batches/new`}><Icon name="upload" />{t.t('iss.batches.upload')}</a> : undefined
  return (
    <OrgShell org={org} role={model.role} current="batches">
      <PageHeader eyebrow={t.t('iss.eyebrow')} title={t.t('iss.batches.title')} lead={t.t('iss.batches.lead')} actions={upload} />
      {model.items.length === 0 ? (
        <EmptyState icon="upload" title={t.t('iss.batches.emptyTitle')} actions={upload}>{t.t('iss.batches.emptyText')}</EmptyState>
      ) : (
        <DataTable
          id="batches"
          caption={t.t('iss.batches.caption', { org: org.name })}
          rows={model.items}
          columns={[
            { key: 'file', header: t.t('iss.col.file'), cell: (b) => <a href={`${base}/batches/${b.id}`}>{b.fileName}</a>, rowHeader: true },
            { key: 'achievement', header: t.t('iss.col.achievement'), cell: (b) => b.achievementName },
            { key: 'state', header: t.t('iss.col.state'), cell: (b) => <StatusPill state={b.state} /> },
            { key: 'progress', header: t.t('iss.col.progress'), cell: (b) => t.number(b.progress, { style: 'percent' }), numeric: true },
            { key: 'issued', header: t.t('iss.col.issued'), cell: (b) => t.number(b.issued), numeric: true },
            { key: 'failed', header: t.t('iss.col.failed'), cell: (b) => t.number(b.failed), numeric: true },
            { key: 'created', header: t.t('iss.col.uploaded'), cell: (b) => <span class="nowrap">{t.date(b.createdAt, 'medium')}</span> },
          ]}
          footer={model.next ? <Pagination next={model.next} /> : undefined}
        />
      )}
    </OrgShell>
  )
}
