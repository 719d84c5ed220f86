import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBatchRunner, type BatchRunner } from '../../../src/jobs/batch-runner.js'
import { BATCH_EVENTS } from '../../../src/web/pages/issuance/batch-routes.js'
import { readJson, type TestSession } from '../../support/platform.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

let p: IssuancePlatform
let runner: BatchRunner
let viewer: TestSession
let issuer: TestSession
beforeAll(async () => {
  p = await startIssuancePlatform()
  runner = startBatchRunner({ platform: p.t.ports, signingThreads: 0, pollMs: 60_000 })
  p.t.handle.onWake('batches', runner.notify)
  viewer = await p.t.seedUser()
  issuer = await p.t.seedUser()
  await p.t.seedMember(p.org, viewer, 'viewer')
  await p.t.seedMember(p.org, issuer, 'issuer')
})
afterAll(async () => {
  await runner.stop()
  await p.close()
})

const page = (path: string, as: TestSession = p.owner) => p.t.request(path, { as, headers: { accept: 'text/html' } })
const base = () => `/orgs/${p.org.slug}`

describe('the issue form', () => {
  it('lists only published achievements and issues a credential, then shows it', async () => {
    const draft = await p.seedAchievement(p.org, { state: 'draft', definition: { name: 'Draft Only' } })
    const form = await (await page(`${base()}/issue`)).text()
    expect(form).toContain('Open Science Basics')
    expect(form).not.toContain('Draft Only')
    expect(form).not.toContain(draft)
    expect(form).toContain('name="_csrf"')

    const res = await p.t.submitForm(`${base()}/issue`, { achievement: p.achievementId, email: 'Form.Learner@Example.org', name: 'Form Learner', validUntil: '2030-06-30', evidenceUrl: 'https://lms.example.edu/42' }, issuer)
    expect(res.status).toBe(303)
    const location = res.headers.get('location')!
    expect(location).toMatch(new RegExp(`^${base()}/credentials/[0-9a-f-]{36}\\?done=issued$`))
    const detail = await (await page(location)).text()
    expect(detail).toContain('The credential was issued')
    expect(detail).toContain('<h1>Form Learner</h1>')
    expect(detail).toContain('<dd>form.learner@example.org</dd>')
    const api = await readJson(await p.t.request(`/api/v1${location.replace('?done=issued', '')}`, { as: p.owner }))
    expect(api.credential.validUntil).toBe('2030-06-30T23:59:59Z')
    expect(api.credential.evidence).toEqual([{ id: 'https://lms.example.edu/42', type: ['Evidence'] }])
    expect((await p.verify(api.credential)).verified).toBe(true)
  })

  it('shows problems next to their fields with 422, keeping what was typed', async () => {
    const res = await p.t.submitForm(`${base()}/issue`, { achievement: p.achievementId, email: 'not-an-email', name: '', did: 'nope' }, p.owner)
    expect(res.status).toBe(422)
    const text = await res.text()
    expect(text).toContain('role="alert"')
    expect(text).toMatch(/id="field-email-error"[^>]*>.*is not an e-mail address/s)
    expect(text).toContain('id="field-name-error"')
    expect(text).toContain('id="field-did-error"')
    expect(text).toContain('value="not-an-email"')
    expect(text).toContain('aria-invalid="true"')
  })

  it('never picks an achievement for the issuer, and says so when none was chosen', async () => {
    const form = await (await page(`${base()}/issue`)).text()
    expect(form).toMatch(/<select id="field-achievement" name="achievement" required="">\s*<option value="" selected="" disabled="">Choose an achievement…<\/option>/)
    expect(form).not.toMatch(/<option value="[^"]+" selected=""/)
    // A link that names the achievement ("Issue this achievement") selects it on purpose.
    expect(await (await page(`${base()}/issue?achievement=${p.achievementId}`)).text()).toContain(`<option value="${p.achievementId}" selected="">`)
    const res = await p.t.submitForm(`${base()}/issue`, { email: 'nobody@example.org', name: 'Nobody' }, p.owner)
    expect(res.status).toBe(422)
    const text = await res.text()
    expect(text).toMatch(/id="field-achievement-error"[^>]*>.*Choose the achievement to issue/s)
    expect(text).toContain('href="#field-achievement"')
    expect(text).toContain('value="nobody@example.org"')
  })

  it('refuses viewers (403) and sends anonymous visitors to sign in', async () => {
    expect((await page(`${base()}/issue`, viewer)).status).toBe(403)
    const anonymous = await p.t.request(`${base()}/issue`, { headers: { accept: 'text/html' } })
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toContain('/sign-in?next=')
  })
})

/** Uploads a file through the form as a browser does: multipart, the CSRF token the first field, the file last. */
async function uploadForm(csv: string, as: TestSession = p.owner, achievementId = p.achievementId) {
  const form = new FormData()
  form.set('_csrf', as.csrf)
  form.set('achievement', achievementId)
  form.set('file', new Blob([csv], { type: 'text/csv' }), 'spring cohort.csv')
  return p.t.app.request(`${base()}/batches/uploads`, { method: 'POST', body: form, headers: { cookie: as.cookie, accept: 'text/html' } })
}

describe('bulk issuance pages', () => {
  it('previews the first rows and the problems at a URL of its own, then issues on confirmation and shows progress, counts and errors', async () => {
    const csv = 'email,name\nspring1@example.org,Spring One\n=HYPERLINK("x"),Formula\nspring2@example.org,Spring Two\n'
    const uploaded = await uploadForm(csv, issuer)
    expect(uploaded.status).toBe(303)
    const previewPath = uploaded.headers.get('location')!
    expect(previewPath).toMatch(new RegExp(`^${base()}/batches/uploads/[0-9a-f-]{36}$`))
    expect(previewPath).not.toContain('_csrf')
    // The preview reopens (back button, a new tab) as often as needed.
    for (let i = 0; i < 2; i++) {
      const preview = await page(previewPath, issuer)
      expect(preview.status).toBe(200)
      const text = await preview.text()
      expect(text).toContain('spring cohort.csv')
      expect(text).toContain('3 learners')
      expect(text).toContain('Spring One')
      expect(text).toContain('is not an e-mail address')
      expect(text).toContain('Issue 2 credentials')
      expect(text).toContain(`action="${previewPath}"`)
    }
    expect(await p.t.store.db.selectFrom('batches').select('id').where('file_name', '=', 'spring cohort.csv').execute()).toHaveLength(0)

    const confirm = await p.t.submitForm(previewPath, {}, issuer)
    expect(confirm.status).toBe(303)
    const location = confirm.headers.get('location')!
    expect(location).toMatch(/\/batches\/[0-9a-f-]{36}\?done=queued$/)
    await runner.settled()
    const done = await (await page(location)).text()
    expect(done).toContain('2 issued, 1 not issued')
    expect(done).toContain('<progress max="3" value="3"')
    expect(done).not.toContain('http-equiv="refresh"')
    expect(done).toContain('Download the error report (CSV)')
    // The words follow the state: once done, the page no longer says the batch is queued.
    expect(done).toContain('data-state="done"')
    expect(done).not.toMatch(/is queued/i)
    expect(done).toContain('The batch is done: 2 credentials issued, 1 row not issued.')
    expect(done).not.toContain('data-batch-progress')
    expect(done).toContain('=HYPERLINK(&quot;x&quot;)')

    // Confirmed, the preview leads to its batch; confirming twice or uploading the same file again issues nothing twice.
    const reopened = await page(previewPath, issuer)
    expect(reopened.status).toBe(303)
    expect(reopened.headers.get('location')).toBe(location.replace('?done=queued', ''))
    const again = await p.t.submitForm(previewPath, {}, issuer)
    expect(again.headers.get('location')).toBe(location.replace('done=queued', 'done=existing'))
    const sameFile = await uploadForm(csv, issuer)
    const secondConfirm = await p.t.submitForm(sameFile.headers.get('location')!, {}, issuer)
    expect(secondConfirm.headers.get('location')).toBe(location.replace('done=queued', 'done=existing'))
    expect(await (await page(`${base()}/batches`)).text()).toContain('spring cohort.csv')
  })

  it('answers an unknown or expired upload with 404, and refuses a confirmation without the CSRF token', async () => {
    const missing = await page(`${base()}/batches/uploads/00000000-0000-4000-8000-000000000000`, issuer)
    expect(missing.status).toBe(404)
    expect(await missing.text()).toContain('upload the file again')
    const uploaded = await uploadForm('email,name\nlate@example.org,Late\n', issuer)
    const previewPath = uploaded.headers.get('location')!
    const forged = await p.t.app.request(previewPath, { method: 'POST', headers: { cookie: issuer.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: '' })
    expect(forged.status).toBe(403)
    p.t.clock.advance(25 * 3_600_000)
    try {
      expect((await page(previewPath, issuer)).status).toBe(404)
      expect((await p.t.submitForm(previewPath, {}, issuer)).status).toBe(422)
    } finally {
      p.t.clock.advance(-25 * 3_600_000)
    }
  })

  it('follows a running batch live (server-sent events, a Refresh link without script) and ends the stream when it is done', async () => {
    const owner = await p.t.seedUser()
    const org = await p.t.seedOrg({ owner })
    const achievementId = await p.seedAchievement(org)
    const res = await p.t.request(`/api/v1/orgs/${org.slug}/achievements/${achievementId}/batches`, { as: owner, method: 'POST', body: 'email,name\nx@example.org,X\n', headers: { 'content-type': 'text/csv' } })
    const { id } = await readJson(res)
    const path = `/orgs/${org.slug}/batches/${id}`
    // A queued batch: lease it elsewhere so this page sees it before it finishes.
    await p.t.store.db.updateTable('batches').set({ state: 'running' }).where('id', '=', id).execute()
    await p.t.store.db.updateTable('batch_parts').set({ lease_owner: 'elsewhere', lease_until: '2099-01-01T00:00:00Z' }).where('batch_id', '=', id).execute()
    const running = await (await page(`${path}?done=queued`, owner)).text()
    expect(running).not.toContain('http-equiv="refresh"')
    expect(running).toContain(`data-batch-progress="${path}/events"`)
    expect(running).toMatch(new RegExp(`<a href="${path}" class="no-js">.*Refresh</a>`))
    expect(running).toContain('The batch is queued.')

    // Outsiders get no events.
    const stranger = await p.t.seedUser()
    expect((await page(`${path}/events`, stranger)).status).toBe(404)

    const saved = { ...BATCH_EVENTS }
    BATCH_EVENTS.pollMs = 20
    try {
      const res = await p.t.request(`${path}/events`, { as: owner, headers: { accept: 'text/event-stream' } })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toContain('text/event-stream')
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
      let text = ''
      const nextEvent = async (): Promise<{ event: string; data: Record<string, unknown> }> => {
        while (!text.includes('\n\n')) {
          const { done, value } = await reader.read()
          if (done) throw new Error(`the stream ended: ${text}`)
          text += value
        }
        const [block, ...rest] = text.split('\n\n')
        text = rest.join('\n\n')
        const field = (name: string) => block!.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2)
        return { event: field('event')!, data: JSON.parse(field('data')!) as Record<string, unknown> }
      }
      const first = await nextEvent()
      expect(first).toMatchObject({ event: 'progress', data: { state: 'running', totalRows: 1, nextRow: 0, issued: 0, failed: 0 } })
      expect(first.data['text']).toBe('0 of 1 rows handled (0%): 0 issued, 0 not issued.')
      await p.t.store.db.updateTable('batches').set({ next_row: 1, failed: 1 }).where('id', '=', id).execute()
      expect(await nextEvent()).toMatchObject({ event: 'progress', data: { nextRow: 1, failed: 1 } })
      await p.t.store.db.updateTable('batches').set({ state: 'failed', error: 'stopped by the test' }).where('id', '=', id).execute()
      expect(await nextEvent()).toMatchObject({ event: 'done', data: { state: 'failed' } })
      expect((await reader.read()).done).toBe(true)
    } finally {
      Object.assign(BATCH_EVENTS, saved)
    }
    const stopped = await (await page(path, owner)).text()
    expect(stopped).toContain('stopped by the test')
    expect(stopped).not.toContain('data-batch-progress')
    expect(stopped).not.toContain('class="no-js"')
  })

  it('shows a file that is not a recipient list as an error next to the file field', async () => {
    const res = await uploadForm('name;mail\nAda;ada@example.org\n')
    expect(res.status).toBe(422)
    const text = await res.text()
    expect(text).toMatch(/id="field-file-error"[^>]*>.*missing: email, name/s)
  })

  it('refuses viewers on every bulk form and preview, and lets them read batches', async () => {
    expect((await page(`${base()}/batches/new`, viewer)).status).toBe(403)
    expect((await uploadForm('email,name\nv@example.org,V\n', viewer)).status).toBe(403)
    const previewPath = (await uploadForm('email,name\nw@example.org,W\n', issuer)).headers.get('location')!
    expect((await page(previewPath, viewer)).status).toBe(403)
    expect((await p.t.submitForm(previewPath, {}, viewer)).status).toBe(403)
    expect((await page(`${base()}/batches`, viewer)).status).toBe(200)
  })
})

describe('credential pages', () => {
  it('searches and filters the table, and each row leads to the credential', async () => {
    await p.t.submitForm(`${base()}/issue`, { achievement: p.achievementId, email: 'searchable@example.org', name: 'Searchable Person' }, p.owner)
    const text = await (await page(`${base()}/credentials?q=searchable`)).text()
    expect(text).toContain('Searchable Person')
    expect(text).not.toContain('Spring One')
    expect(await (await page(`${base()}/credentials?state=revoked&q=searchable`)).text()).toContain('No credentials match')
    expect((await page(`${base()}/credentials?issuedFrom=someday`)).status).toBe(400)
  })

  it('suspends, unsuspends and revokes with a reason; a stale form answers 409 and says why', async () => {
    const res = await p.t.submitForm(`${base()}/issue`, { achievement: p.achievementId, email: 'stateful@example.org', name: 'Stateful' }, p.owner)
    const path = res.headers.get('location')!.replace('?done=issued', '')
    const before = await (await page(path)).text()
    expect(before).toContain('Suspend the credential')
    // Revoking starts on a page of its own that says it is permanent; only its form revokes.
    expect(before).toContain(`href="${path}/revoke"`)
    expect(before).not.toContain('Revoke the credential')
    const confirmPage = await (await page(`${path}/revoke`, issuer)).text()
    expect(confirmPage).toContain('Revocation is permanent')
    expect(confirmPage).toContain('name="revoke-reason"')
    expect(confirmPage).toContain('name="confirm" value="yes"')
    expect(confirmPage).toContain('Revoke the credential')
    // A post without the confirmation step shows the step (reason kept) and revokes nothing.
    const unconfirmed = await p.t.submitForm(`${path}/revoke`, { 'revoke-reason': 'Too quick' }, issuer)
    expect(unconfirmed.status).toBe(200)
    expect(await unconfirmed.text()).toContain('>Too quick</textarea>')
    expect(await (await page(path)).text()).toContain('data-state="active"')

    const suspended = await p.t.submitForm(`${path}/suspend`, { 'suspend-reason': 'Under review' }, issuer)
    expect(suspended.status).toBe(303)
    expect(await (await page(suspended.headers.get('location')!)).text()).toContain('Under review')
    expect((await p.t.submitForm(`${path}/unsuspend`, {}, issuer)).status).toBe(303)
    const revoked = await p.t.submitForm(`${path}/revoke`, { 'revoke-reason': 'Plagiarism', confirm: 'yes' }, issuer)
    expect(revoked.status).toBe(303)
    const after = await (await page(revoked.headers.get('location')!)).text()
    expect(after).toContain('data-state="revoked"')
    expect(after).toContain('Plagiarism')
    expect(after).not.toContain(`href="${path}/revoke"`)
    expect((await page(`${path}/revoke`, issuer)).status).toBe(303)
    const stale = await p.t.submitForm(`${path}/revoke`, { 'revoke-reason': 'again', confirm: 'yes' }, issuer)
    expect(stale.status).toBe(409)
    expect(await stale.text()).toContain('revocation is permanent')
  })

  it('shows viewers the record without the forms, and refuses their posts', async () => {
    const res = await p.t.submitForm(`${base()}/issue`, { achievement: p.achievementId, email: 'viewed@example.org', name: 'Viewed' }, p.owner)
    const path = res.headers.get('location')!.replace('?done=issued', '')
    const text = await (await page(path, viewer)).text()
    expect(text).toContain('Viewed')
    expect(text).not.toContain(`${path}/revoke`)
    expect(text).not.toContain('resend-claim')
    expect((await page(`${path}/revoke`, viewer)).status).toBe(403)
    expect((await p.t.submitForm(`${path}/revoke`, { 'revoke-reason': 'no', confirm: 'yes' }, viewer)).status).toBe(403)
  })

  it('offers issuers a new claim link while the credential is unclaimed', async () => {
    const res = await p.t.submitForm(`${base()}/issue`, { achievement: p.achievementId, email: 'unclaimed@example.org', name: 'Unclaimed' }, p.owner)
    const path = res.headers.get('location')!.replace('?done=issued', '')
    const text = await (await page(path, issuer)).text()
    expect(text).toMatch(new RegExp(`<form action="${path}/resend-claim" method="post"[^>]*><input type="hidden" name="_csrf" value="${issuer.csrf}"/>`))
    expect(text).toContain('Send a new claim link')
  })

  it('hides another organization’s credential as 404', async () => {
    const res = await p.t.submitForm(`${base()}/issue`, { achievement: p.achievementId, email: 'private@example.org', name: 'Private' }, p.owner)
    const uuid = res.headers.get('location')!.split('/').pop()!.split('?')[0]
    const stranger = await p.t.seedUser()
    const theirs = await p.t.seedOrg({ owner: stranger })
    expect((await page(`/orgs/${theirs.slug}/credentials/${uuid}`, stranger)).status).toBe(404)
    expect((await page(`${base()}/credentials/${uuid}`, stranger)).status).toBe(404)
  })
})

describe('the outbox page', () => {
  it('lets admins read held mail with its claim link; issuers get 403; another organization’s message is 404', async () => {
    await p.t.submitForm(`${base()}/issue`, { achievement: p.achievementId, email: 'mailbox@example.org', name: 'Mailbox' }, p.owner)
    const list = await (await page(`${base()}/outbox`)).text()
    expect(list).toContain('No SMTP server is configured')
    expect(list).toContain('mailbox@example.org')
    const id = /href="\/orgs\/[^/]+\/outbox\/([0-9a-f-]{36})"/.exec(list)![1]
    const message = await (await page(`${base()}/outbox/${id}`)).text()
    // The HTML version in a sandboxed frame (no scripts, no same-origin access), from a route with a strict CSP of its own…
    expect(message).toContain(`src="${base()}/outbox/${id}/html" sandbox="allow-popups allow-popups-to-escape-sandbox"`)
    const html = await page(`${base()}/outbox/${id}/html`)
    expect(html.status).toBe(200)
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(html.headers.get('content-security-policy')).toContain('sandbox allow-popups')
    expect(html.headers.get('content-security-policy')).not.toContain('allow-scripts')
    const body = await html.text()
    expect(body).toMatch(/<head[^>]*><base target="_blank">/)
    expect(body).toMatch(/href="http:\/\/localhost:3000\/claim\/[A-Za-z0-9_-]{43}"/)
    // …and the plain-text version with its links clickable, opening in a new tab.
    expect(message).toMatch(/<a href="http:\/\/localhost:3000\/claim\/[A-Za-z0-9_-]{43}" target="_blank" rel="noopener noreferrer">/)
    expect((await page(`${base()}/outbox/${id}/html`, issuer)).status).toBe(403)
    expect((await page(`${base()}/outbox`, issuer)).status).toBe(403)
    const stranger = await p.t.seedUser()
    const theirs = await p.t.seedOrg({ owner: stranger })
    expect((await page(`/orgs/${theirs.slug}/outbox/${id}`, stranger)).status).toBe(404)
  })
})
