// 100,000 learners from one CSV through the API, issued by the runner with a signing thread: every
// row once, every status entry distinct, memory not in proportion to the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBatchRunner, type BatchRunner } from '../../../src/jobs/batch-runner.js'
import { readJson } from '../../support/platform.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

const ROWS = 100_000
let p: IssuancePlatform
let runner: BatchRunner
beforeAll(async () => {
  p = await startIssuancePlatform()
  runner = startBatchRunner({ platform: p.t.ports, signingThreads: 1, pollMs: 60_000 })
  p.t.handle.onWake('batches', runner.notify)
})
afterAll(async () => {
  await runner.stop()
  await p.close()
})

/** The CSV body, streamed in pieces as a client would send it. */
function body(): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let i = -1
  return new ReadableStream({
    pull(controller) {
      if (i >= ROWS) return controller.close()
      const lines: string[] = []
      if (i < 0) lines.push('email,name,evidence_url')
      for (let k = 0; k < 5000 && ++i < ROWS; k++) lines.push(`learner${i}@example.org,Learner ${i},https://lms.example.edu/work/${i}`)
      controller.enqueue(encoder.encode(`${lines.join('\r\n')}\r\n`))
    },
  })
}

describe('a 100,000-row CSV file', () => {
  it('is streamed, counted and issued: one credential per row, each with its own status entries', async () => {
    const res = await p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/${p.achievementId}/batches`, {
      as: p.owner,
      method: 'POST',
      body: body(),
      headers: { 'content-type': 'text/csv' },
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(202)
    const queued = await readJson(res)
    expect(queued.totalRows).toBe(ROWS)
    await runner.settled()
    const done = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/batches/${queued.id}`, { as: p.owner }))
    expect(done).toMatchObject({ state: 'done', nextRow: ROWS, issued: ROWS, failed: 0, progress: 1 })
    const db = p.t.store.db
    const stats = await db
      .selectFrom('issued_credentials')
      .select((eb) => [
        eb.fn.countAll().as('n'),
        eb.fn.count('batch_row').distinct().as('rows'),
        eb.fn.count('recipient_email').distinct().as('emails'),
        eb.fn.count('revocation_index').distinct().as('revocation'),
        eb.fn.count('suspension_index').distinct().as('suspension'),
      ])
      .where('batch_id', '=', queued.id)
      .executeTakeFirstOrThrow()
    expect(Object.values(stats).map(Number)).toEqual([ROWS, ROWS, ROWS, ROWS, ROWS])
    const leaves = await db.selectFrom('log_leaves').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    expect(Number(leaves.n)).toBe(ROWS)
    const sample = await db.selectFrom('issued_credentials').select('credential_id').where('batch_id', '=', queued.id).where('batch_row', '=', 77_777).executeTakeFirstOrThrow()
    const { credential } = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/credentials/${sample.credential_id.slice(9)}`, { as: p.owner }))
    expect(credential.evidence[0].id).toBe('https://lms.example.edu/work/77775')
    expect((await p.verify(credential)).verified).toBe(true)
  }, 400_000)
})
