import { Hono, type Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { BatchView } from '../../../app/issuance/find-batches.js'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { PlatformError } from '../../../core/errors.js'
import { requireOrg, signedInUser } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { cursorParam, readMultipart } from '../../../http/request.js'
import { Alert } from '../../components/alert.js'
import { OrgShell } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { render, tOf } from '../../kit/render.js'
import { BatchesView, BatchPageView, isActive, progressText } from './batch-view.js'
import { BulkPreviewView, BulkUploadView, type BulkUploadModel } from './bulk-view.js'

/** How often the progress events look at the batch, and how long one stream lasts (the browser then reconnects). */
export const BATCH_EVENTS = { pollMs: 1000, maxMs: 5 * 60_000 }

const uploadPage = (c: Context, model: BulkUploadModel, status: 200 | 409 | 413 | 422 = 200) =>
  render(c, <BulkUploadView model={model} />, { title: tOf(c).t('iss.bulk.pageTitle', { org: model.org.name }), status })

/** What one progress event carries: the counts, and the progress sentence in the reader's language. */
const progressEvent = (c: Context, batch: BatchView) =>
  JSON.stringify({ state: batch.state, totalRows: batch.totalRows, nextRow: batch.nextRow, issued: batch.issued, failed: batch.failed, text: progressText(tOf(c), batch) })

const actorId = (c: Context): string | null => signedInUser(c)?.id ?? null

/** Bulk issuance pages: upload a CSV, its preview at a URL of its own, confirm; a batch's live progress and errors; the batch history. */
export const batchRoutes = (): Hono =>
  new Hono()
    .get('/orgs/:org/batches', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const { items, nextCursor } = await c.get('platform').issuance.batches(org.id, { limit: 50, cursor: cursorParam(c) })
      const next = nextCursor ? `/orgs/${org.slug}/batches?cursor=${encodeURIComponent(nextCursor)}` : undefined
      return render(c, <BatchesView model={{ org, role, items, next }} />, { title: tOf(c).t('iss.batches.pageTitle', { org: org.name }) })
    })
    .get('/orgs/:org/batches/new', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const achievements = await c.get('platform').achievements.published(org.id)
      return uploadPage(c, { org, role, achievements, achievement: c.req.query('achievement') })
    })
    // The form's fields (CSRF token, achievement) come before the file: both are checked before a byte of it is read.
    .post('/orgs/:org/batches/uploads', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const t = tOf(c)
      const achievements = await c.get('platform').achievements.published(org.id)
      const form = await readMultipart(c)
      const chosen = form.fields['achievement'] ?? ''
      const achievement = achievements.find((a) => a.id === chosen)
      if (!achievement || form.file?.field !== 'file') {
        form.discard()
        const errors: Record<string, string> = {}
        if (!achievement) errors['achievement'] = t.t(chosen ? 'iss.issue.achievementUnknown' : 'iss.issue.achievementRequired')
        if (form.file?.field !== 'file') errors['file'] = t.t('iss.bulk.fileRequired')
        return uploadPage(c, { org, role, achievements, achievement: achievement?.id, errors }, 422)
      }
      try {
        const upload = await c.get('platform').issuance.stageUpload({ orgId: org.id, achievementId: achievement.id, body: form.file.stream, fileName: form.file.fileName || 'upload.csv', createdBy: actorId(c) })
        return c.redirect(`/orgs/${org.slug}/batches/uploads/${upload.id}`, 303)
      } catch (err) {
        if (!(err instanceof PlatformError) || !['ERR_CSV_INVALID', 'ERR_INPUT_TOO_LARGE'].includes(err.code)) throw err
        form.discard()
        return uploadPage(c, { org, role, achievements, achievement: achievement.id, errors: { file: err.message } }, err.code === 'ERR_INPUT_TOO_LARGE' ? 413 : 422)
      }
    })
    // The preview can be reopened (back button, a new tab) until the upload expires; once confirmed it leads to the batch.
    .get('/orgs/:org/batches/uploads/:uploadId', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const upload = await c.get('platform').issuance.upload(org.id, c.req.param('uploadId'))
      if (upload.batchId) return c.redirect(`/orgs/${org.slug}/batches/${upload.batchId}`, 303)
      const achievement = await c.get('platform').achievements.get(org.id, upload.achievementId)
      return render(c, <BulkPreviewView model={{ org, role, achievementName: achievement.name, upload }} />, { title: tOf(c).t('iss.preview.pageTitle', { file: upload.fileName }) })
    })
    .post('/orgs/:org/batches/uploads/:uploadId', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      try {
        const { batch, created } = await c.get('platform').issuance.confirmBatch({ orgId: org.id, uploadId: c.req.param('uploadId'), createdBy: actorId(c) })
        return c.redirect(`/orgs/${org.slug}/batches/${batch.id}?done=${created ? 'queued' : 'existing'}`, 303)
      } catch (err) {
        if (!(err instanceof PlatformError) || !['ERR_STATE_INVALID', 'ERR_NOT_FOUND', 'ERR_CSV_INVALID'].includes(err.code)) throw err
        const t = tOf(c)
        const view = (
          <OrgShell org={org} role={role} current="batches">
            <PageHeader title={t.t('iss.preview.notStarted')} />
            <Alert kind="bad"><p>{err.message}</p></Alert>
            <p><a class="button" href={`/orgs/${org.slug}/batches/new`}>{t.t('iss.preview.uploadAgain')}</a></p>
          </OrgShell>
        )
        return render(c, view, { title: t.t('iss.preview.notStarted'), status: err.code === 'ERR_STATE_INVALID' ? 409 : 422 })
      }
    })
    .get('/orgs/:org/batches/:id', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const { batch, achievementName, errors } = await c.get('platform').issuance.batch(org.id, c.req.param('id'))
      return render(c, <BatchPageView model={{ org, role, batch, achievementName, errors, done: c.req.query('done') }} />, { title: tOf(c).t('iss.batch.pageTitle', { file: batch.fileName }) })
    })
    // Server-sent events of a batch's progress: `progress` when its counts change, `done` (and the end of the stream) once it finished.
    .get('/orgs/:org/batches/:id/events', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const id = c.req.param('id')
      let batch = await c.get('platform').issuance.batchProgress(org.id, id)
      c.header('Cache-Control', 'no-store')
      c.header('X-Accel-Buffering', 'no')
      return streamSSE(c, async (stream) => {
        const until = Date.now() + BATCH_EVENTS.maxMs
        let sent = ''
        for (;;) {
          const data = progressEvent(c, batch)
          if (!isActive(batch.state)) {
            await stream.writeSSE({ event: 'done', data })
            return
          }
          if (data !== sent) await stream.writeSSE({ event: 'progress', data, retry: 3000 })
          sent = data
          if (stream.aborted || Date.now() > until) return
          await stream.sleep(BATCH_EVENTS.pollMs)
          if (stream.aborted) return
          batch = await c.get('platform').issuance.batchProgress(org.id, id)
        }
      })
    })
