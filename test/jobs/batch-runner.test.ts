import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pruneBatchUploads } from '../../src/app/issuance/batch-run.js'
import { inlineSigner, type CohortSigner } from '../../src/app/issuance/cohort-signer.js'
import type { Cohort } from '../../src/app/issuance/cohort.js'
import { stageBatchUpload, startBatch } from '../../src/app/issuance/start-batch.js'
import { startBatchRunner } from '../../src/jobs/batch-runner.js'
import { startIssuancePlatform, type IssuancePlatform } from '../e2e/platform/issuance-fixture.js'

let p: IssuancePlatform
beforeAll(async () => {
  p = await startIssuancePlatform()
})
afterAll(() => p.close())

let files = 0
/** A CSV of `rows` learners, different from every other this file makes. */
function csvOf(rows: number): Uint8Array[] {
  const tag = ++files
  return [new TextEncoder().encode(['email,name', ...Array.from({ length: rows }, (_, i) => `r${tag}-${i}@example.org,Learner ${i}`)].join('\n'))]
}

/** Uploads a CSV of `rows` learners and queues a batch of it (the API's one step); returns the batch id and the file's digest. */
async function queue(rows: number, achievementId = p.achievementId): Promise<{ id: string; digest: string }> {
  const { batch } = await startBatch(p.t.ports, { orgId: p.org.id, achievementId, body: csvOf(rows), fileName: `f${files}.csv`, createdBy: null })
  return { id: batch.id, digest: batch.fileDigest }
}
const batchOf = async (id: string) => (await p.t.store.repos.batches.get(p.org.id, id))!
const issuedCount = async (id: string) => (await p.t.store.db.selectFrom('issued_credentials').select('batch_row').where('batch_id', '=', id).execute()).length
const inline = (cohort: Cohort, publicUrl: string) => inlineSigner(cohort, publicUrl)
/** Marks the batch running with every part leased to `owner` until `until`, as a runner elsewhere would. */
async function leaseParts(id: string, owner: string, until: string): Promise<void> {
  await p.t.store.db.updateTable('batches').set({ state: 'running' }).where('id', '=', id).execute()
  await p.t.store.db.updateTable('batch_parts').set({ lease_owner: owner, lease_until: until }).where('batch_id', '=', id).execute()
}

describe('the batch runner', () => {
  it.each([0, 1])('issues an organization’s chosen status entries, revocation and suspension, from %i signing threads', async (signingThreads) => {
    await p.t.store.repos.orgs.update(p.org.id, { statusEntries: 'revocation-and-suspension' })
    try {
      const { id } = await queue(3)
      const runner = startBatchRunner({ platform: p.t.ports, chunkSize: 2, signingThreads, pollMs: 60_000 })
      await runner.settled()
      await runner.stop()
      expect(await batchOf(id)).toMatchObject({ state: 'done', issued: 3 })
      const rows = await p.t.store.db.selectFrom('issued_credentials').select('credential_id').where('batch_id', '=', id).execute()
      for (const row of rows) {
        const stored = await p.t.store.db.selectFrom('credentials').select('json').where('id', '=', row.credential_id).executeTakeFirstOrThrow()
        const credential = JSON.parse(stored.json) as { credentialStatus: { statusPurpose: string }[] }
        expect(credential.credentialStatus.map((e) => e.statusPurpose)).toEqual(['revocation', 'suspension'])
        expect((await p.verify(credential)).verified).toBe(true)
      }
    } finally {
      await p.t.store.repos.orgs.update(p.org.id, { statusEntries: 'revocation' })
    }
  })

  it('wakes on platform.wake("batches"), issues a batch in chunks and marks it done', async () => {
    const runner = startBatchRunner({ platform: p.t.ports, chunkSize: 3, signingThreads: 0, pollMs: 60_000 })
    p.t.handle.onWake('batches', runner.notify)
    await runner.settled()
    const { id } = await queue(10)
    await runner.settled()
    await runner.stop()
    expect(await batchOf(id)).toMatchObject({ state: 'done', nextRow: 10, issued: 10, failed: 0, leaseOwner: null, leaseUntil: null })
  })

  it('takes over a batch whose runner’s lease expired, and leaves one with a live lease alone', async () => {
    const { id } = await queue(5)
    const expired = new Date(p.t.clock.now().getTime() - 1000).toISOString()
    await leaseParts(id, 'ghost', expired)
    const live = await queue(5)
    const future = new Date(p.t.clock.now().getTime() + 60_000).toISOString()
    await leaseParts(live.id, 'alive', future)
    const runner = startBatchRunner({ platform: p.t.ports, signingThreads: 0, pollMs: 60_000 })
    await runner.settled()
    await runner.stop()
    expect((await batchOf(id)).state).toBe('done')
    expect(await batchOf(live.id)).toMatchObject({ state: 'running', leaseOwner: 'alive', issued: 0 })
    await p.t.store.db.updateTable('batches').set({ state: 'failed' }).where('id', '=', live.id).execute()
  })

  it('commits nothing of a chunk once another runner holds the lease', async () => {
    const { id } = await queue(6)
    const thief: (cohort: Cohort, publicUrl: string) => CohortSigner = (cohort, publicUrl) => {
      const signer = inline(cohort, publicUrl)
      return {
        async sign(jobs, created) {
          await p.t.store.db.updateTable('batch_parts').set({ lease_owner: 'thief' }).where('batch_id', '=', id).execute()
          return signer.sign(jobs, created)
        },
      }
    }
    const runner = startBatchRunner({ platform: p.t.ports, chunkSize: 2, signerFor: thief, pollMs: 60_000 })
    await runner.settled()
    await runner.stop()
    expect(await batchOf(id)).toMatchObject({ state: 'running', leaseOwner: 'thief', nextRow: 0, issued: 0 })
    expect(await issuedCount(id)).toBe(0)
    await p.t.store.db.updateTable('batches').set({ state: 'failed' }).where('id', '=', id).execute()
  })

  it('fails a batch, saying why, when its file is gone or its achievement was archived', async () => {
    const gone = await queue(2)
    await p.t.ports.batchFiles.remove(gone.digest)
    const archivedAchievement = await p.seedAchievement(p.org)
    const archived = await queue(2, archivedAchievement)
    await p.t.store.db.updateTable('achievements').set({ state: 'archived' }).where('id', '=', archivedAchievement).execute()
    const runner = startBatchRunner({ platform: p.t.ports, signingThreads: 0, pollMs: 60_000 })
    await runner.settled()
    await runner.stop()
    expect(await batchOf(gone.id)).toMatchObject({ state: 'failed', error: 'The uploaded CSV file of this batch is gone; upload it again' })
    expect((await batchOf(archived.id)).error).toMatch(/archived/)
  })

  it('stops between chunks, gives its lease back, and another runner finishes the batch at once, every row once', async () => {
    const { id } = await queue(40)
    let chunks = 0
    const first: { stop?: () => Promise<void> } = {}
    const stopping: (cohort: Cohort, publicUrl: string) => CohortSigner = (cohort, publicUrl) => {
      const signer = inline(cohort, publicUrl)
      return {
        async sign(jobs, created) {
          if (++chunks === 3) void first.stop!()
          return signer.sign(jobs, created)
        },
      }
    }
    const runner = startBatchRunner({ platform: p.t.ports, chunkSize: 5, signerFor: stopping, pollMs: 60_000 })
    first.stop = runner.stop
    await runner.settled()
    await runner.stop()
    const stopped = await batchOf(id)
    expect(stopped.state).toBe('running')
    expect(stopped.nextRow).toBeGreaterThan(0)
    expect(stopped.nextRow).toBeLessThan(40)
    // The lease (60 s by default) was given back: no waiting for it to run out.
    expect(stopped).toMatchObject({ leaseOwner: null, leaseUntil: null })
    const second = startBatchRunner({ platform: p.t.ports, chunkSize: 7, signingThreads: 0, pollMs: 60_000 })
    await second.settled()
    await second.stop()
    expect(await batchOf(id)).toMatchObject({ state: 'done', nextRow: 40, issued: 40 })
    const rows = await p.t.store.db.selectFrom('issued_credentials').select('batch_row').where('batch_id', '=', id).execute()
    expect(new Set(rows.map((r) => r.batch_row)).size).toBe(40)
  })

  it('signs in a signing thread, and the credentials verify', async () => {
    const { id } = await queue(30)
    const runner = startBatchRunner({ platform: p.t.ports, chunkSize: 8, signingThreads: 1, pollMs: 60_000 })
    await runner.settled()
    await runner.stop()
    expect((await batchOf(id)).issued).toBe(30)
    const row = await p.t.store.db
      .selectFrom('issued_credentials as i')
      .innerJoin('credentials as c', 'c.id', 'i.credential_id')
      .select('c.json')
      .where('i.batch_id', '=', id)
      .executeTakeFirstOrThrow()
    const report = await p.verify(JSON.parse(row.json))
    expect(report.checks.filter((c) => c.outcome === 'failed')).toEqual([])
  })
})

describe('stored CSV files', () => {
  it('are pruned once their upload expired or, kept by nothing, a day old; never while a queued or running batch reads them', async () => {
    const { utimes, readdir } = await import('node:fs/promises')
    const { join } = await import('node:path')
    const kept = await queue(1)
    const staged = await stageBatchUpload(p.t.ports, { orgId: p.org.id, achievementId: p.achievementId, body: csvOf(1), fileName: 'preview.csv', createdBy: null })
    const stray = await p.t.ports.batchFiles.receive(csvOf(1), { maxBytes: 1024 })
    await stray.keep()
    const dir = join(p.dataDir, 'batches')
    const old = new Date(Date.now() - 2 * 86_400_000)
    for (const name of await readdir(dir)) await utimes(join(dir, name), old, old)
    // A live upload keeps its file however old the file is; an expired one lets it go.
    await pruneBatchUploads(p.t.ports, { filesOlderThan: new Date() })
    expect(await readdir(dir)).toEqual(expect.arrayContaining([`${kept.digest}.csv`, `${staged.fileDigest}.csv`]))
    expect(await readdir(dir)).not.toContain(`${stray.digest}.csv`)
    p.t.clock.advance(2 * 86_400_000)
    try {
      await pruneBatchUploads(p.t.ports, { filesOlderThan: new Date() })
      const left = await readdir(dir)
      expect(left).toContain(`${kept.digest}.csv`)
      expect(left).not.toContain(`${staged.fileDigest}.csv`)
      expect(await p.t.store.repos.batchUploads.get(p.org.id, staged.id)).toBeUndefined()
    } finally {
      p.t.clock.advance(-2 * 86_400_000)
    }
  })
})
