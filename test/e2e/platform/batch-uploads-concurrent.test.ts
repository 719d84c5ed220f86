// Issue #11 item 7: concurrent uploads of the same CSV file (to the same and to another
// achievement) deleted the file of a new batch, which then failed for good, and 5 in 50 concurrent
// re-uploads answered 500 (ENOENT). Files are content-addressed and removed only under their lock
// row when nothing reads them; here 50 uploads at once, with two batch runners (two processes)
// finishing batches meanwhile, on SQLite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBatchRunner, type BatchRunner } from '../../../src/jobs/batch-runner.js'
import { hasPostgres, readJson } from '../../support/platform.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe.skipIf(dialect === 'postgres' && !hasPostgres)(`50 concurrent uploads of one CSV file on ${dialect}`, () => {
    let p: IssuancePlatform
    let runners: BatchRunner[]
    beforeAll(async () => {
      p = await startIssuancePlatform({ dialect })
      runners = [0, 1].map((n) => startBatchRunner({ platform: p.t.ports, chunkSize: 10, signingThreads: 0, pollMs: 60_000, workerId: `runner-${n}` }))
      for (const runner of runners) p.t.handle.onWake('batches', runner.notify)
    })
    afterAll(async () => {
      for (const runner of runners ?? []) await runner.stop()
      await p?.close()
    })
    const settled = () => Promise.all(runners.map((r) => r.settled()))

    it('never answers 500 and never leaves a batch without its file', { timeout: 240_000 }, async () => {
      const csv = `email,name\n${Array.from({ length: 20 }, (_, i) => `same${i}@example.org,Same ${i}`).join('\n')}\n`
      const achievements = [p.achievementId, await p.seedAchievement(p.org, { definition: { name: 'Same File, Other Achievement' } })]
      const statuses: number[] = []
      const ids = new Set<string>()
      for (let round = 0; round < 2; round++) {
        const responses = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/${achievements[i % 2]}/batches`, { as: p.owner, method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } }),
          ),
        )
        for (const res of responses) {
          statuses.push(res.status)
          if (res.status < 300) ids.add((await readJson(res)).id)
        }
        await settled()
        // A third achievement after the first batches are done: their release of the file must not take it from this one.
        achievements.push(await p.seedAchievement(p.org, { definition: { name: `Same File, Round ${round}` } }))
        achievements.shift()
      }
      await settled()
      expect(statuses.filter((s) => s !== 200 && s !== 202)).toEqual([])
      expect(ids.size).toBe(3) // one batch per (achievement, file): the first two, then the one added after round 0
      for (const id of ids) {
        const batch = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/batches/${id}`, { as: p.owner }))
        expect(batch).toMatchObject({ state: 'done', issued: 20, failed: 0, error: null })
      }
    })
  })
}
