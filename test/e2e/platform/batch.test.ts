import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBatchRunner, type BatchRunner } from '../../../src/jobs/batch-runner.js'
import { readJson } from '../../support/platform.js'
import { anonymously, castFor, type Caller } from './issuance-access.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

let p: IssuancePlatform
let runner: BatchRunner
beforeAll(async () => {
  p = await startIssuancePlatform()
  runner = startBatchRunner({ platform: p.t.ports, chunkSize: 4, signingThreads: 0, pollMs: 60_000 })
  p.t.handle.onWake('batches', runner.notify)
})
afterAll(async () => {
  await runner.stop()
  await p.close()
})

const batchesPath = (achievementId = p.achievementId) => `/api/v1/orgs/${p.org.slug}/achievements/${achievementId}/batches`
const upload = (csv: string | Uint8Array, { achievementId = p.achievementId, as = p.owner as Caller['as'], type = 'text/csv' } = {}) =>
  p.t.request(batchesPath(achievementId), { as, method: 'POST', body: csv, headers: { 'content-type': type } })

/** Uploads a file, waits for the runner, and returns the finished batch as the API shows it. */
async function run(csv: string) {
  const res = await upload(csv)
  expect([200, 202]).toContain(res.status)
  const { id } = await readJson(res)
  await runner.settled()
  return readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/batches/${id}`, { as: p.owner }))
}

const issuedOf = (batchId: string) =>
  p.t.store.db.selectFrom('issued_credentials').select(['batch_row', 'recipient_email', 'recipient_name', 'credential_id']).where('batch_id', '=', batchId).orderBy('batch_row').execute()

describe('bulk issuance from a CSV file', () => {
  it('answers 202 with the queued batch, then issues every good row and reports each bad one', async () => {
    const csv = 'email,name\nada@example.org,Ada Lovelace\nnot-an-email,Bad Mail\nalan@example.org,\ngrace@example.org,Grace Hopper\nADA@example.org,Ada Again\n'
    const res = await upload(csv)
    expect(res.status).toBe(202)
    const queued = await readJson(res)
    expect(queued).toMatchObject({ state: 'queued', totalRows: 5, nextRow: 0, issued: 0, failed: 0, progress: 0, achievementId: p.achievementId, fileName: 'upload.csv' })
    expect(res.headers.get('location')).toBe(`/api/v1/orgs/${p.org.slug}/batches/${queued.id}`)
    await runner.settled()
    const done = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/batches/${queued.id}`, { as: p.owner }))
    expect(done).toMatchObject({ state: 'done', totalRows: 5, nextRow: 5, issued: 2, failed: 3, progress: 1, error: null })
    expect(done.errors).toEqual([
      { row: 3, email: 'not-an-email', message: 'email: "not-an-email" is not an e-mail address like name@example.org' },
      { row: 4, email: 'alan@example.org', message: 'name: Enter the learner’s name' },
      { row: 6, email: 'ada@example.org', message: 'email: the same address as row 2; each learner gets one credential per file' },
    ])
    const rows = await issuedOf(queued.id)
    expect(rows.map((r) => [r.batch_row, r.recipient_email])).toEqual([
      [2, 'ada@example.org'],
      [5, 'grace@example.org'],
    ])
    const { credential } = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/credentials/${rows[0]!.credential_id.slice(9)}`, { as: p.owner }))
    expect((await p.verify(credential)).verified).toBe(true)
    const mails = await p.t.store.db.selectFrom('outbox').select('to_address').where('to_address', 'in', ['ada@example.org', 'grace@example.org']).execute()
    expect(mails).toHaveLength(2)
    const logged = await p.t.store.db.selectFrom('log_leaves').select('credential_id').where('credential_id', 'in', rows.map((r) => r.credential_id)).execute()
    expect(logged).toHaveLength(2)
  })

  it('reads a UTF-8 BOM, CRLF, quoted commas, quotes and line breaks, any header case and order, and extra columns', async () => {
    const csv =
      '\uFEFFNotes,Full Name,E-Mail,DID,valid_until,Evidence URL\r\n' +
      '"anything, really","Lovelace, Ada",ada.quoted@example.org,,,https://lms.example.edu/1\r\n' +
      'x,"Grace ""Amazing"" Hopper",grace.quoted@example.org,did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK,2030-01-01T00:00:00Z,\r\n' +
      '"multi\r\nline note","Two\nLines",two.lines@example.org,,,\r\n' +
      '\r\n,,,,,\r\n' +
      'y,Ünïcödé Ñame,unicode@example.org,,,\r\n'
    const done = await run(csv)
    expect(done).toMatchObject({ state: 'done', totalRows: 4, issued: 3, failed: 1 })
    expect(done.errors).toEqual([{ row: 4, email: 'two.lines@example.org', message: 'name: A name cannot contain control characters or line breaks' }])
    const rows = await issuedOf(done.id)
    expect(rows.map((r) => r.recipient_name)).toEqual(['Lovelace, Ada', 'Grace "Amazing" Hopper', 'Ünïcödé Ñame'])
    const grace = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/credentials/${rows[1]!.credential_id.slice(9)}`, { as: p.owner }))
    expect(grace.credential.credentialSubject.id).toBe('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK')
    expect(grace.credential.validUntil).toBe('2030-01-01T00:00:00Z')
    const ada = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/credentials/${rows[0]!.credential_id.slice(9)}`, { as: p.owner }))
    expect(ada.credential.evidence).toEqual([{ id: 'https://lms.example.edu/1', type: ['Evidence'] }])
  })

  it('finds a repeated e-mail even when the first is in an earlier chunk', async () => {
    const lines = Array.from({ length: 9 }, (_, i) => `chunk${i}@example.org,Learner ${i}`)
    lines.push('CHUNK1@example.org,Learner 1 again')
    const done = await run(`email,name\n${lines.join('\n')}\n`)
    expect(done).toMatchObject({ issued: 9, failed: 1 })
    expect(done.errors).toEqual([{ row: 11, email: 'chunk1@example.org', message: 'email: the same address as row 3; each learner gets one credential per file' }])
  })

  it('answers the same file for the same achievement with the existing batch (200) and never issues twice', async () => {
    const csv = 'email,name\ntwice@example.org,Twice\n'
    const first = await run(csv)
    const count = async () => (await p.t.store.db.selectFrom('issued_credentials').select('credential_id').where('recipient_email', '=', 'twice@example.org').execute()).length
    expect(await count()).toBe(1)
    const again = await upload(csv)
    expect(again.status).toBe(200)
    expect((await readJson(again)).id).toBe(first.id)
    await runner.settled()
    expect(await count()).toBe(1)
    const other = await p.seedAchievement(p.org, { definition: { name: 'Another Achievement' } })
    const elsewhere = await upload(csv, { achievementId: other })
    expect(elsewhere.status).toBe(202)
    await runner.settled()
    expect(await count()).toBe(2)
  })

  it('never loses a batch’s file to concurrent uploads of the same CSV, to the same and to another achievement (issue #11)', async () => {
    const csv = `email,name\n${Array.from({ length: 30 }, (_, i) => `concurrent${i}@example.org,Concurrent ${i}`).join('\n')}\n`
    const other = await p.seedAchievement(p.org, { definition: { name: 'Concurrent Other' } })
    // Waves of uploads while the runner finishes the batches of the waves before: a finished batch releases the file another upload just kept.
    const statuses: number[] = []
    const ids = new Set<string>()
    for (let wave = 0; wave < 5; wave++) {
      const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => upload(csv, { achievementId: i % 2 === 0 ? p.achievementId : other })))
      for (const res of responses) {
        statuses.push(res.status)
        if (res.status < 300) ids.add((await readJson(res)).id)
      }
      if (wave % 2 === 0) await runner.settled()
    }
    await runner.settled()
    expect(statuses.every((s) => s === 200 || s === 202)).toBe(true)
    expect(ids.size).toBe(2)
    for (const id of ids) {
      const batch = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/batches/${id}`, { as: p.owner }))
      expect(batch).toMatchObject({ state: 'done', issued: 30, failed: 0, error: null })
    }
    // And the same file after its batches are done: a new upload finds it (or stores it again), never a batch without its file.
    const later = await upload(csv, { achievementId: await p.seedAchievement(p.org, { definition: { name: 'Concurrent Later' } }) })
    expect(later.status).toBe(202)
    await runner.settled()
    expect(await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/batches/${(await readJson(later)).id}`, { as: p.owner }))).toMatchObject({ state: 'done', issued: 30 })
  })

  const refusals: [string, string | Uint8Array, RegExp, string?][] = [
    ['an empty file', '', /empty/],
    ['a file of blank lines', '\r\n\r\n', /empty/],
    ['a header without email', 'name,mail\nAda,ada@example.org\n', /missing: email/],
    ['a header without name', 'email\nada@example.org\n', /missing: name/],
    ['a header and no rows', 'email,name\n', /no recipient rows/],
    ['an unclosed quote', 'email,name\n"ada@example.org,Ada\n', /not valid CSV/],
    ['a body that is not text/csv', 'email,name\nada@example.org,Ada\n', /Content-Type text\/csv/, 'application/json'],
  ]
  for (const [what, body, message, type] of refusals) {
    it(`refuses ${what} with ERR_CSV_INVALID and creates no batch`, async () => {
      const before = (await p.t.store.db.selectFrom('batches').select('id').execute()).length
      const res = await upload(body, { ...(type ? { type } : {}) })
      expect(res.status).toBe(400)
      const problem = await readJson(res)
      expect(problem.code).toBe('ERR_CSV_INVALID')
      expect(problem.detail).toMatch(message)
      expect((await p.t.store.db.selectFrom('batches').select('id').execute()).length).toBe(before)
    })
  }

  it('refuses a draft achievement before reading the file', async () => {
    const draft = await p.seedAchievement(p.org, { state: 'draft' })
    const res = await upload('email,name\nx@example.org,X\n', { achievementId: draft })
    expect(res.status).toBe(409)
    expect((await readJson(res)).code).toBe('ERR_STATE_INVALID')
  })
})

describe('the error report', () => {
  it('is a CSV of row, email and message in which no cell a spreadsheet would run as a formula starts with = + - @ or a tab', async () => {
    const csv = [
      'email,name',
      '"=HYPERLINK(""http://evil.example"",""click"")",Formula',
      '+31612345678,Plus',
      '-2+3,Minus',
      '@SUM(A1:A2),At',
      'fine@example.org,Fine',
    ].join('\r\n')
    const done = await run(csv)
    expect(done).toMatchObject({ issued: 1, failed: 4 })
    const res = await p.t.request(`/api/v1/orgs/${p.org.slug}/batches/${done.id}/errors.csv`, { as: p.owner })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="batch-${done.id}-errors.csv"`)
    const lines = (await res.text()).split('\r\n')
    expect(lines[0]).toBe('"row","email","message"')
    expect(lines[1]).toMatch(/^"2","'=HYPERLINK\(""http:\/\/evil\.example"",""click""\)","email: ""'?=HYPERLINK/)
    for (const line of lines.slice(1).filter(Boolean)) for (const cell of line.split('","')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/)
    expect(lines[2]).toContain(`"'+31612345678"`)
    expect(lines[4]).toContain(`"'@SUM(A1:A2)"`)
  })
})

describe('batches as the API lists them', () => {
  it('lists an organization’s batches newest first with cursor pages, and 404s another organization’s', async () => {
    const owner = await p.t.seedUser()
    const org = await p.t.seedOrg({ owner })
    const achievementId = await p.seedAchievement(org)
    const ids: string[] = []
    for (const n of [1, 2, 3]) {
      const res = await p.t.request(`/api/v1/orgs/${org.slug}/achievements/${achievementId}/batches`, { as: owner, method: 'POST', body: `email,name\nlist${n}@example.org,N${n}\n`, headers: { 'content-type': 'text/csv', 'content-disposition': `attachment; filename="cohort-${n}.csv"` } })
      ids.push((await readJson(res)).id)
      p.t.clock.advance(1000)
    }
    await runner.settled()
    const page1 = await readJson(await p.t.request(`/api/v1/orgs/${org.slug}/batches?limit=2`, { as: owner }))
    expect(page1.items.map((b: { fileName: string }) => b.fileName)).toEqual(['cohort-3.csv', 'cohort-2.csv'])
    const page2 = await readJson(await p.t.request(`/api/v1/orgs/${org.slug}/batches?limit=2&cursor=${page1.nextCursor}`, { as: owner }))
    expect(page2.items.map((b: { id: string }) => b.id)).toEqual([ids[0]])
    expect(page2.items[0]).not.toHaveProperty('leaseOwner')
    expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/batches/${ids[0]}`, { as: p.owner })).status).toBe(404)
    expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/batches/${ids[0]}/errors.csv`, { as: p.owner })).status).toBe(404)
  })
})

describe('who may run and read batches', () => {
  it('lets owners, admins, issuers and issuer keys upload; viewers get 403, outsiders 404, anonymous 401', async () => {
    const cast = await castFor(p.t, p.org, p.owner)
    let n = 0
    const csv = () => `email,name\nwho${n++}@example.org,Who\n`
    for (const c of cast.writers) expect((await upload(csv(), { as: c.as })).status, c.name).toBe(202)
    for (const c of cast.lowReaders) expect((await upload(csv(), { as: c.as })).status, c.name).toBe(403)
    for (const c of cast.outsiders) expect((await upload(csv(), { as: c.as })).status, c.name).toBe(404)
    expect((await anonymously(p.t, batchesPath(), { body: csv(), headers: { 'content-type': 'text/csv' } })).status).toBe(401)
    await runner.settled()
  })

  it('lets every member and key read batches, one batch and its error report; outsiders get 404, anonymous 401', async () => {
    const cast = await castFor(p.t, p.org, p.owner)
    const done = await run('email,name\nbad,Reader\n')
    for (const path of [`/api/v1/orgs/${p.org.slug}/batches`, `/api/v1/orgs/${p.org.slug}/batches/${done.id}`, `/api/v1/orgs/${p.org.slug}/batches/${done.id}/errors.csv`]) {
      for (const c of cast.readers) expect((await p.t.request(path, { as: c.as })).status, `${c.name} ${path}`).toBe(200)
      for (const c of cast.outsiders) expect((await p.t.request(path, { as: c.as })).status, `${c.name} ${path}`).toBe(404)
      expect((await p.t.request(path)).status).toBe(401)
    }
  })
})
