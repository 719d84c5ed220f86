import { Hono, type Context } from 'hono'
import { html } from 'hono/html'
import type { AchievementRecord } from '../../../app/achievements/ports.js'
import type { BatchListItem, BatchView } from '../../../app/issuance/find-batches.js'
import type { StagedUpload } from '../../../app/issuance/ports.js'
import type { OrgRef } from '../../../app/platform/access-ports.js'
import { MIN_ROLE, hasRole } from '../../../app/platform/roles.js'
import { PlatformError } from '../../../core/errors.js'
import { requireOrg } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readMultipart } from '../../../http/request.js'
import { orgNav } from '../../components/org-nav.js'
import { renderPage } from '../../page.js'
import { BATCH_PILL, count, csrfField, errorSummary, formAlert, notice, publishedAchievements, selectField, when, type FieldErrors } from './parts.js'

const NOTICES: Record<string, string> = {
  queued: 'The batch is queued. Credentials are issued in the background; this page follows its progress.',
  existing: 'This file was already uploaded for this achievement: here is its batch. Nothing was issued twice.',
}

function uploadPage(c: Context, org: OrgRef, achievements: AchievementRecord[], { achievement = '', errors, status = 200 }: { achievement?: string; errors?: FieldErrors; status?: 200 | 409 | 413 | 422 } = {}) {
  const fileError = errors?.['file']
  return renderPage(c, {
    title: `Bulk issue · ${org.name}`,
    status,
    main: html`<h1>Issue from a CSV file</h1>
      ${orgNav(org, 'batches/new')}
      ${errorSummary(errors, { achievement: 'Achievement', file: 'CSV file' })}
      ${achievements.length === 0
        ? html`<p>${org.name} has no published achievement yet. <a href="/orgs/${org.slug}/achievements">Publish one</a> to issue it.</p>`
        : html`<p class="lead">One learner per row. The first row names the columns: <code>email</code> and <code>name</code> are required; <code>did</code>, <code>validUntil</code>, <code>evidence_url</code> and <code>evidence_narrative</code> are optional, other columns are ignored. You see the first rows and every problem before anything is issued.</p>
            <form method="post" action="/orgs/${org.slug}/batches/uploads" enctype="multipart/form-data">
              ${csrfField(c)}
              ${selectField({ name: 'achievement', label: 'Achievement', value: achievement, options: achievements.map((a) => [a.id, a.name] as const), required: true, errors })}
              <div class="field">
                <label for="field-file">CSV file</label>
                <span class="hint" id="field-file-hint">UTF-8, comma-separated, at most 256 MB (about a million learners).</span>
                ${fileError ? html`<span class="error" id="field-file-error"><span class="sr-only">Error: </span>${fileError}</span>` : ''}
                <input id="field-file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="field-file-hint${fileError ? ' field-file-error' : ''}" ${fileError ? html`aria-invalid="true"` : ''} />
              </div>
              <p class="actions"><button type="submit">Preview</button></p>
            </form>
            <p><a href="/orgs/${org.slug}/batches">Earlier batches</a></p>`}`,
  })
}

function previewPage(c: Context, org: OrgRef, achievement: AchievementRecord, upload: StagedUpload) {
  const { scan } = upload
  const good = scan.totalRows - scan.problemCount
  return renderPage(c, {
    title: `Check the file · ${org.name}`,
    main: html`<h1>Check the file before issuing</h1>
      ${orgNav(org, 'batches/new')}
      <p class="lead"><strong>${upload.fileName}</strong>: ${count(scan.totalRows)} ${scan.totalRows === 1 ? 'learner' : 'learners'} for <strong>${achievement.name}</strong>.
        ${scan.problemCount === 0 ? 'No problems found.' : html`${count(scan.problemCount)} ${scan.problemCount === 1 ? 'row' : 'rows'} will not be issued (listed below); the others will.`}</p>
      <h2>First rows</h2>
      <div class="table-wrap"><table>
        <caption class="sr-only">The first ${scan.preview.length} rows of the file</caption>
        <thead><tr><th scope="col">Row</th><th scope="col">E-mail</th><th scope="col">Name</th><th scope="col">DID</th><th scope="col">Valid until</th><th scope="col">Evidence</th></tr></thead>
        <tbody>${scan.preview.map((r) => html`<tr><th scope="row">${r.row}</th><td>${r.email}</td><td>${r.name}</td><td>${r.did ?? ''}</td><td>${r.validUntil ?? ''}</td><td>${r.evidenceUrl ?? r.evidenceNarrative ?? ''}</td></tr>`)}</tbody>
      </table></div>
      ${scan.problems.length > 0
        ? html`<h2>Problems</h2>
            <div class="table-wrap"><table>
              <caption class="sr-only">Rows that will not be issued${scan.problemCount > scan.problems.length ? html` (the first ${scan.problems.length} of ${count(scan.problemCount)})` : ''}</caption>
              <thead><tr><th scope="col">Row</th><th scope="col">E-mail</th><th scope="col">Problem</th></tr></thead>
              <tbody>${scan.problems.map((p) => html`<tr><th scope="row">${p.row}</th><td>${p.email}</td><td>${p.message}</td></tr>`)}</tbody>
            </table></div>
            ${scan.problemCount > scan.problems.length ? html`<p class="muted">…and ${count(scan.problemCount - scan.problems.length)} more; the batch’s error report lists them all.</p>` : ''}`
        : ''}
      <form method="post" action="/orgs/${org.slug}/batches/uploads/${upload.id}">
        ${csrfField(c)}
        <p class="actions">
          <button type="submit" ${good === 0 ? html`disabled` : ''}>Issue ${count(good)} ${good === 1 ? 'credential' : 'credentials'}</button>
          <a href="/orgs/${org.slug}/batches/new">Upload another file</a>
        </p>
      </form>`,
  })
}

function batchPage(c: Context, org: OrgRef, batch: BatchView, achievementName: string, errors: { row: number; email: string; message: string }[]) {
  const isActive = batch.state === 'queued' || batch.state === 'running'
  const isRefreshing = isActive && c.req.query('refresh') !== 'off'
  const percent = batch.totalRows === 0 ? 100 : Math.floor((100 * batch.nextRow) / batch.totalRows)
  const base = `/orgs/${org.slug}/batches/${batch.id}`
  return renderPage(c, {
    title: `Batch ${batch.fileName} · ${org.name}`,
    head: isRefreshing ? html`<meta http-equiv="refresh" content="3" />` : '',
    main: html`<h1>Batch: ${batch.fileName}</h1>
      ${orgNav(org)}
      ${notice(NOTICES[c.req.query('done') ?? ''])}
      <p>${BATCH_PILL[batch.state]} ${achievementName}, uploaded ${when(batch.createdAt)}.</p>
      <h2 id="progress-label">Progress</h2>
      <progress max="${Math.max(batch.totalRows, 1)}" value="${batch.totalRows === 0 ? 1 : batch.nextRow}" aria-labelledby="progress-label" aria-describedby="progress-text">${percent}%</progress>
      <p id="progress-text" role="status">${count(batch.nextRow)} of ${count(batch.totalRows)} rows handled (${percent}%): ${count(batch.issued)} issued, ${count(batch.failed)} not issued.</p>
      ${isActive
        ? html`<p class="muted">${isRefreshing ? html`This page refreshes every 3 seconds. <a href="${base}?refresh=off">Stop refreshing</a>` : html`<a href="${base}">Refresh automatically</a>`}</p>`
        : ''}
      ${batch.error ? html`<div class="alert bad" role="alert"><p>The batch stopped: ${batch.error}</p></div>` : ''}
      <p><a href="/orgs/${org.slug}/credentials?batch=${batch.id}">The credentials of this batch</a></p>
      <h2>Rows not issued</h2>
      ${errors.length === 0
        ? html`<p>None${isActive ? ' so far' : ''}.</p>`
        : html`<p><a href="/api/v1/orgs/${org.slug}/batches/${batch.id}/errors.csv" download>Download the error report (CSV)</a></p>
            <div class="table-wrap"><table>
              <caption class="sr-only">Rows not issued${batch.failed > errors.length ? html` (the first ${errors.length} of ${count(batch.failed)})` : ''}</caption>
              <thead><tr><th scope="col">Row</th><th scope="col">E-mail</th><th scope="col">Problem</th></tr></thead>
              <tbody>${errors.map((e) => html`<tr><th scope="row">${e.row}</th><td>${e.email}</td><td>${e.message}</td></tr>`)}</tbody>
            </table></div>`}`,
  })
}

function batchListPage(c: Context, org: OrgRef, batches: BatchListItem[], canIssue: boolean) {
  return renderPage(c, {
    title: `Batches · ${org.name}`,
    main: html`<h1>Batches</h1>
      ${orgNav(org)}
      ${canIssue ? html`<p><a class="button" href="/orgs/${org.slug}/batches/new">Issue from a CSV file</a></p>` : ''}
      ${batches.length === 0
        ? html`<p>No batches yet.</p>`
        : html`<div class="table-wrap"><table>
            <caption class="sr-only">Batches of ${org.name}, newest first</caption>
            <thead><tr><th scope="col">File</th><th scope="col">Achievement</th><th scope="col">State</th><th scope="col">Issued</th><th scope="col">Not issued</th><th scope="col">Uploaded</th></tr></thead>
            <tbody>${batches.map(
              (b) => html`<tr><th scope="row"><a href="/orgs/${org.slug}/batches/${b.id}">${b.fileName}</a></th><td>${b.achievementName}</td><td>${BATCH_PILL[b.state]}</td><td>${count(b.issued)}</td><td>${count(b.failed)}</td><td>${when(b.createdAt)}</td></tr>`,
            )}</tbody>
          </table></div>`}`,
  })
}

/** Bulk issuance pages: upload a CSV, its preview at a URL of its own, confirm; a batch's progress and errors; the batch history. */
export const batchRoutes = (): Hono =>
  new Hono()
    .get('/orgs/:org/batches', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const { items } = await c.var.platform.issuance.batches(org.id, { limit: 100 })
      return batchListPage(c, org, items, hasRole(role, MIN_ROLE.issue))
    })
    .get('/orgs/:org/batches/new', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      return uploadPage(c, org, await publishedAchievements(c, org.id), { achievement: c.req.query('achievement') ?? '' })
    })
    // The form's fields (CSRF token, achievement) come before the file: both are checked before a byte of it is read.
    .post('/orgs/:org/batches/uploads', async (c) => {
      const actor = c.var.actor
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const achievements = await publishedAchievements(c, org.id)
      const form = await readMultipart(c)
      const achievement = achievements.find((a) => a.id === form.fields['achievement'])
      if (!achievement || form.file?.field !== 'file') {
        form.discard()
        const errors: FieldErrors = achievement ? { file: 'Choose a CSV file to upload' } : { achievement: 'Choose one of the published achievements' }
        return uploadPage(c, org, achievements, { achievement: achievement?.id ?? '', errors, status: 422 })
      }
      try {
        const upload = await c.var.platform.issuance.stageUpload({
          orgId: org.id,
          achievementId: achievement.id,
          body: form.file.stream,
          fileName: form.file.fileName || 'upload.csv',
          createdBy: actor?.kind === 'user' ? actor.user.id : null,
        })
        return c.redirect(`/orgs/${org.slug}/batches/uploads/${upload.id}`, 303)
      } catch (err) {
        if (!(err instanceof PlatformError) || !['ERR_CSV_INVALID', 'ERR_INPUT_TOO_LARGE'].includes(err.code)) throw err
        form.discard()
        return uploadPage(c, org, achievements, { achievement: achievement.id, errors: { file: err.message }, status: err.code === 'ERR_INPUT_TOO_LARGE' ? 413 : 422 })
      }
    })
    // The preview can be reopened (back button, a new tab) until the upload expires; once confirmed it leads to the batch.
    .get('/orgs/:org/batches/uploads/:uploadId', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const upload = await c.var.platform.issuance.upload(org.id, c.req.param('uploadId'))
      if (upload.batchId) return c.redirect(`/orgs/${org.slug}/batches/${upload.batchId}`, 303)
      return previewPage(c, org, await c.var.platform.achievements.get(org.id, upload.achievementId), upload)
    })
    .post('/orgs/:org/batches/uploads/:uploadId', async (c) => {
      const actor = c.var.actor
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      try {
        const { batch, created } = await c.var.platform.issuance.confirmBatch({ orgId: org.id, uploadId: c.req.param('uploadId'), createdBy: actor?.kind === 'user' ? actor.user.id : null })
        return c.redirect(`/orgs/${org.slug}/batches/${batch.id}?done=${created ? 'queued' : 'existing'}`, 303)
      } catch (err) {
        if (!(err instanceof PlatformError) || !['ERR_STATE_INVALID', 'ERR_NOT_FOUND', 'ERR_CSV_INVALID'].includes(err.code)) throw err
        return renderPage(c, { title: 'Bulk issue', status: err.code === 'ERR_STATE_INVALID' ? 409 : 422, main: html`<h1>The batch was not started</h1>${orgNav(org, 'batches/new')}${formAlert(err.message)}<p><a href="/orgs/${org.slug}/batches/new">Upload a file</a></p>` })
      }
    })
    .get('/orgs/:org/batches/:id', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const { batch, achievementName, errors } = await c.var.platform.issuance.batch(org.id, c.req.param('id'))
      return batchPage(c, org, batch, achievementName, errors)
    })
