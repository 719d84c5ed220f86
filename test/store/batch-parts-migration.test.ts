// Migration 0028 on both stores: a batch queued or running when the server is upgraded becomes one
// part that carries its progress and lease, so it resumes where it was; a finished batch gets none.
import { randomBytes, randomUUID } from 'node:crypto'
import { Migrator, sql } from 'kysely'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../src/store/index.js'
import { migrationsFor } from '../../src/store/migrations.js'
import { fileDigest, seedAchievement, seedOrg, seedUser } from './repo-fixtures.js'
import { TEST_DATABASE_URL } from './postgres-schema.js'

/** A store migrated up to 0027 (before batch parts), and how to take it on to the latest schema and drop it. */
async function storeBefore0028(dialect: 'sqlite' | 'postgres'): Promise<{ store: Store; migrator: Migrator; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const store = await openStore({ url: ':memory:' })
    return { store, migrator: new Migrator({ db: store.db, provider: migrationsFor('sqlite') }), drop: () => store.close() }
  }
  const url = TEST_DATABASE_URL!
  const schema = `emblem_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  const store = await openStore({ url, schema })
  return {
    store,
    migrator: new Migrator({ db: store.db, provider: migrationsFor('postgres'), migrationTableSchema: schema }),
    drop: async () => {
      await store.close()
      await admin.query(`drop schema ${schema} cascade`)
      await admin.end()
    },
  }
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe.skipIf(dialect === 'postgres' && !TEST_DATABASE_URL)(`migration 0028 (batch parts) on ${dialect}`, () => {
    let drop: (() => Promise<void>) | undefined
    afterEach(async () => {
      await drop?.()
      drop = undefined
    })

    it('makes each unfinished batch one part with its progress and lease, and a finished one none', async () => {
      const before = await storeBefore0028(dialect)
      drop = before.drop
      const { store, migrator } = before
      expect((await migrator.migrateTo('0027_look_counts')).error).toBeUndefined()
      const user = await seedUser(store)
      const org = await seedOrg(store, user.id)
      const achievementId = await seedAchievement(store, org.id)
      const at = '2026-03-01T09:00:00.000Z'
      const batch = (name: string, state: string, nextRow: number, lease: [string, string] | [null, null]) => ({
        id: randomUUID(),
        org_id: org.id,
        achievement_id: achievementId,
        file_digest: fileDigest(name),
        file_name: `${name}.csv`,
        state,
        total_rows: 500,
        next_row: nextRow,
        issued: nextRow,
        failed: 0,
        error: null,
        lease_owner: lease[0],
        lease_until: lease[1],
        created_by: null,
        created_at: at,
        updated_at: at,
      })
      const running = batch('running', 'running', 120, ['host:42:abc', '2026-03-01T09:01:00.000Z'])
      const queued = batch('queued', 'queued', 0, [null, null])
      const done = batch('done', 'done', 500, [null, null])
      for (const row of [running, queued, done]) await sql`insert into batches ${sql.raw(`(${Object.keys(row).join(', ')})`)} values (${sql.join(Object.values(row))})`.execute(store.db)

      await store.migrate()
      const parts = await store.db.selectFrom('batch_parts').selectAll().orderBy('next_row', 'desc').execute()
      expect(parts.map((p) => ({ ...p, first_row: Number(p.first_row), end_row: Number(p.end_row), next_row: Number(p.next_row), done: Number(p.done) }))).toEqual([
        { batch_id: running.id, first_row: 0, end_row: 500, next_row: 120, done: 0, lease_owner: 'host:42:abc', lease_until: '2026-03-01T09:01:00.000Z' },
        { batch_id: queued.id, first_row: 0, end_row: 500, next_row: 0, done: 0, lease_owner: null, lease_until: null },
      ])
      expect(await store.repos.batches.get(org.id, running.id)).toMatchObject({ state: 'running', nextRow: 120, leaseOwner: 'host:42:abc', leaseUntil: '2026-03-01T09:01:00.000Z' })
      // The lease still holds: the part is the running batch's own until it runs out.
      expect((await store.repos.batches.lease('new', '2026-03-01T09:00:30.000Z', '2026-03-01T09:02:00.000Z'))?.batch.id).toBe(queued.id)
      expect(await store.repos.batches.lease('other', '2026-03-01T09:02:00.000Z', '2026-03-01T09:03:00.000Z')).toMatchObject({ batch: { id: running.id }, part: { firstRow: 0, endRow: 500, nextRow: 120 } })
    })
  })
}
