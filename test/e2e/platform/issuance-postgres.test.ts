// Issuance on both stores, the PostgreSQL pass above all: issue, revoke, a CSV batch, and
// concurrent issuers that pick the same status entry (the loser picks again; entries never collide).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueCredential } from '../../../src/app/issuance/issue-credential.js'
import { startBatchRunner, type BatchRunner } from '../../../src/jobs/batch-runner.js'
import { hasPostgres, readJson } from '../../support/platform.js'
import { failedChecks, startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

for (const dialect of ['postgres', 'sqlite'] as const) {
  describe.skipIf(dialect === 'postgres' && !hasPostgres)(`issuance on ${dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'}`, () => {
    let p: IssuancePlatform
    let runner: BatchRunner
    beforeAll(async () => {
      p = await startIssuancePlatform({ dialect })
      runner = startBatchRunner({ platform: p.t.ports, chunkSize: 7, signingThreads: 0, pollMs: 60_000 })
      p.t.handle.onWake('batches', runner.notify)
    })
    afterAll(async () => {
      await runner?.stop()
      await p?.close()
    })

    it('issues a credential that verifies, then revokes it and verification says so', async () => {
      const res = await p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/${p.achievementId}/credentials`, {
        as: p.owner,
        method: 'POST',
        json: { recipient: { email: 'pg@example.org', name: 'Post Gres' } },
        headers: { 'idempotency-key': 'pg-1' },
      })
      expect(res.status).toBe(201)
      const body = await readJson(res)
      expect(failedChecks(await p.verify(body.credential))).toEqual([])
      const revoked = await p.t.request(`/api/v1/orgs/${p.org.slug}/credentials/${body.id.slice(9)}/revoke`, { as: p.owner, method: 'POST', json: { reason: 'Test' } })
      expect(revoked.status).toBe(200)
      expect(failedChecks(await p.verify(body.credential)).map((c) => c.code)).toEqual(['CREDENTIAL_REVOKED'])
    })

    it('gives 40 concurrent issuances distinct status entries, even when every one first picks the same entry', async () => {
      // Every random draw is 0: each issuer's first pick is the lowest free entry, so they collide and pick again.
      const colliding = { ...p.t.ports, random: { ...p.t.ports.random, int: () => 0 } }
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => issueCredential(colliding, { orgId: p.org.id, achievementId: p.achievementId, input: { recipient: { email: `c${i}@example.org`, name: `C ${i}` } } })),
      )
      const rows = await p.t.store.db
        .selectFrom('issued_credentials')
        .select(['revocation_list_id', 'revocation_index', 'suspension_list_id', 'suspension_index'])
        .where('credential_id', 'in', results.map((r) => (r.replayed ? '' : r.view.id)))
        .execute()
      expect(rows).toHaveLength(40)
      expect(new Set(rows.map((r) => `${r.revocation_list_id}/${r.revocation_index}`)).size).toBe(40)
      expect(new Set(rows.map((r) => `${r.suspension_list_id}/${r.suspension_index}`)).size).toBe(40)
      const lists = await p.t.store.db.selectFrom('status_lists').select(['purpose', 'allocated']).where('org_id', '=', p.org.id).execute()
      for (const list of lists) expect(Number(list.allocated)).toBe(41)
    })

    it('opens one list per purpose when an organization’s first 20 credentials are issued at once', async () => {
      const org = await p.t.seedOrg({ owner: p.owner })
      const achievementId = await p.seedAchievement(org)
      await Promise.all(Array.from({ length: 20 }, (_, i) => issueCredential(p.t.ports, { orgId: org.id, achievementId, input: { recipient: { email: `first${i}@example.org`, name: 'First' } } })))
      const lists = await p.t.store.db.selectFrom('status_lists').select(['purpose', 'seq', 'allocated']).where('org_id', '=', org.id).orderBy('purpose').execute()
      expect(lists.map((l) => [l.purpose, Number(l.seq), Number(l.allocated)])).toEqual([
        ['revocation', 0, 20],
        ['suspension', 0, 20],
      ])
    })

    it('runs a CSV batch to the end while single issuances go on beside it', async () => {
      const csv = `email,name\n${Array.from({ length: 60 }, (_, i) => `batch${i}@example.org,Batch ${i}`).join('\n')}\nbatch3@example.org,Again\nnope,Bad\n`
      const upload = await p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/${p.achievementId}/batches`, { as: p.owner, method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } })
      expect(upload.status).toBe(202)
      const { id } = await readJson(upload)
      await Promise.all(Array.from({ length: 10 }, (_, i) => issueCredential(p.t.ports, { orgId: p.org.id, achievementId: p.achievementId, input: { recipient: { email: `side${i}@example.org`, name: 'Side' } } })))
      await runner.settled()
      const done = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/batches/${id}`, { as: p.owner }))
      expect(done).toMatchObject({ state: 'done', totalRows: 62, issued: 60, failed: 2 })
      expect(done.errors.map((e: { row: number }) => e.row)).toEqual([62, 63])
      const slots = await p.t.store.db.selectFrom('issued_credentials').select(['revocation_list_id', 'revocation_index']).where('org_id', '=', p.org.id).execute()
      expect(new Set(slots.map((r) => `${r.revocation_list_id}/${r.revocation_index}`)).size).toBe(slots.length)
    })
  })
}
