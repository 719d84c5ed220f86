// Two batch runners (as two worker processes would) share one batch part by part, on both stores:
// every row is issued once, a repeated e-mail is refused once whichever part meets it second, no
// credential is signed twice for a status entry the other took, and the batch is finished once, by
// the runner that finishes its last part.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inlineSigner, type CohortSigner } from '../../src/app/issuance/cohort-signer.js'
import type { Cohort } from '../../src/app/issuance/cohort.js'
import { startBatch } from '../../src/app/issuance/start-batch.js'
import { startBatchRunner } from '../../src/jobs/batch-runner.js'
import { startIssuancePlatform, type IssuancePlatform } from '../e2e/platform/issuance-fixture.js'
import { hasPostgres } from '../support/platform.js'

/** A signer that waits a moment before signing, so two runners' chunks interleave; counts what it signs into `signed`. */
const unhurried =
  (signed: { count: number }) =>
  (cohort: Cohort, publicUrl: string): CohortSigner => {
    const signer = inlineSigner(cohort, publicUrl)
    return {
      async sign(jobs, created) {
        await new Promise((resolve) => setTimeout(resolve, 5))
        signed.count += jobs.length
        return signer.sign(jobs, created)
      },
    }
  }

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe.skipIf(dialect === 'postgres' && !hasPostgres)(`two batch runners on ${dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'}`, () => {
    let p: IssuancePlatform
    beforeAll(async () => {
      p = await startIssuancePlatform({ dialect })
    })
    afterAll(() => p?.close())

    it('share a batch part by part: every row issued once, a repeated e-mail refused once, the batch done once', async () => {
      // 64 rows in parts of 8. Rows 2 and 10 (0-based) share an e-mail and sit in the first chunks of
      // the two parts taken first, so both runners meet it at once; rows 17 and 58 share another.
      const emails = Array.from({ length: 64 }, (_, i) => `share-${dialect}-${i}@example.org`)
      emails[10] = emails[2]!
      emails[58] = emails[17]!
      const csv = ['email,name', ...emails.map((email, i) => `${email},Learner ${i}`)].join('\n')
      const { batch } = await startBatch(p.t.ports, { orgId: p.org.id, achievementId: p.achievementId, body: [new TextEncoder().encode(csv)], fileName: 'share.csv', createdBy: null, partRows: 8 })
      const chunks = { a: 0, b: 0 }
      const signed = { count: 0 }
      // Every draw of a status entry starts at index 0, so two runners that picked from what they read
      // before would pick the same entries for every chunk: the worst case of picking at random.
      const platform = { ...p.t.ports, random: { ...p.t.ports.random, int: () => 0 } }
      const runner = (name: 'a' | 'b') =>
        startBatchRunner({ platform, workerId: `runner-${name}`, chunkSize: 3, signerFor: unhurried(signed), pollMs: 60_000, onChunk: () => chunks[name]++ })
      const [a, b] = [runner('a'), runner('b')]
      await Promise.all([a.settled(), b.settled()])
      await Promise.all([a.stop(), b.stop()])

      expect(chunks.a).toBeGreaterThan(0)
      expect(chunks.b).toBeGreaterThan(0)
      expect(await p.t.store.repos.batches.get(p.org.id, batch.id)).toMatchObject({ state: 'done', nextRow: 64, issued: 62, failed: 2, leaseOwner: null })
      const issued = await p.t.store.db.selectFrom('issued_credentials').select(['batch_row', 'recipient_email']).where('batch_id', '=', batch.id).execute()
      expect(issued).toHaveLength(62)
      expect(new Set(issued.map((r) => r.batch_row)).size).toBe(62)
      expect(new Set(issued.map((r) => r.recipient_email)).size).toBe(62)
      // Each runner claims its part's status entries before signing: no two credentials share one, and
      // no credential was signed twice because another runner took its entry (the two repeated
      // e-mails are signed once each and refused when they commit).
      const entries = await p.t.store.db.selectFrom('issued_credentials').select(['revocation_list_id', 'revocation_index', 'suspension_list_id', 'suspension_index']).where('batch_id', '=', batch.id).execute()
      expect(new Set(entries.map((e) => `${e.revocation_list_id}#${e.revocation_index}`)).size).toBe(62)
      expect(new Set(entries.map((e) => `${e.suspension_list_id}#${e.suspension_index}`)).size).toBe(62)
      expect(signed.count).toBe(64)
      // CSV row numbers count the header as row 1: index i is row i + 2.
      const pairs = [
        [4, 12],
        [19, 60],
      ]
      const errors = await p.t.store.repos.batches.errors(batch.id, { limit: 10 })
      expect(errors).toHaveLength(2)
      for (const [first, second] of pairs) {
        const error = errors.find((e) => e.row === first || e.row === second)!
        const other = error.row === first ? second : first
        expect(error.message).toBe(`email: the same address as row ${other}; each learner gets one credential per file`)
        expect(issued.some((r) => r.batch_row === other)).toBe(true)
      }
      const parts = await p.t.store.db.selectFrom('batch_parts').selectAll().where('batch_id', '=', batch.id).orderBy('first_row').execute()
      expect(parts.map((part) => [Number(part.first_row), Number(part.next_row), Number(part.done), part.lease_owner])).toEqual(
        Array.from({ length: 8 }, (_, i) => [i * 8, i * 8 + 8, 1, null]),
      )
    })
  })
}
