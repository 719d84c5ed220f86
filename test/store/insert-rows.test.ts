// insertRows (src/store/insert-rows.ts) on both stores: what it writes reads back as given (text in
// any script, NULLs, integers, bytes, a column's default where rows leave it out), past the size of
// one statement, and rows an array cannot carry still go in (through Kysely's multi-row insert).
import { randomBytes } from 'node:crypto'
import type { KyselyPlugin } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertRows } from '../../src/store/insert-rows.js'
import { openStore, type Store } from '../../src/store/index.js'
import { hasPostgres } from '../support/platform.js'
import { openTestPostgresStore, TEST_DATABASE_URL } from './postgres-schema.js'

const AT = '2026-03-01T09:00:00.000Z'
const mail = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  org_id: null,
  to_address: `${id}@example.org`,
  from_name: 'Université de Genève — 東京大学',
  subject: `Your credential "${id}"\n`,
  text: 'Ünïcödé ✓ \\ \' " \t',
  html: '<p>&amp;</p>',
  state: 'held' as const,
  next_attempt_at: AT,
  created_at: AT,
  sent_at: null,
  last_error: null,
  ...extra,
})

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe.skipIf(dialect === 'postgres' && !hasPostgres)(`insertRows on ${dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'}`, () => {
    let store: Store
    beforeAll(async () => {
      store = dialect === 'postgres' ? await openTestPostgresStore(TEST_DATABASE_URL!) : await openStore({ url: ':memory:' })
      if (dialect === 'sqlite') await store.migrate()
    })
    afterAll(() => store?.close())

    it('writes text in any script, NULLs, integers and defaults as given, and reads them back', async () => {
      const rows = [mail('a'), mail('b', { attempts: 3, last_error: 'refused' }), mail('c', { attempts: 0, sent_at: AT })]
      // Rows that name different columns, and rows that leave `attempts` to its default (0).
      await insertRows(store.db, 'outbox', rows.slice(1), 500)
      await insertRows(store.db, 'outbox', rows.slice(0, 1), 500)
      const back = await store.db.selectFrom('outbox').selectAll().where('id', 'in', ['a', 'b', 'c']).orderBy('id').execute()
      expect(back.map((r) => ({ ...r, attempts: Number(r.attempts) }))).toEqual([
        { ...rows[0], attempts: 0 },
        { ...rows[1], attempts: 3 },
        { ...rows[2], attempts: 0 },
      ])
    })

    it('writes bytes as they are, and more rows than one statement takes', async () => {
      const leaves = Array.from({ length: 12_001 }, (_, i) => ({
        idx: 1_000_000 + i,
        leaf_hash: randomBytes(32),
        entry: i === 7 ? new Uint8Array([0, 0x5c, 0x27, 0xff]) : randomBytes(1 + (i % 200)),
        credential_id: `urn:uuid:insert-rows-${i}`,
        issuer: 'did:web:insert-rows.example',
        created_at: AT,
      }))
      // PostgreSQL: 3 statements of up to 5,000 rows (unnest); SQLite: 7 multi-row inserts of up to 2,000.
      const statements: string[] = []
      const recorder: KyselyPlugin = { transformQuery: ({ node }) => (statements.push(node.kind), node), transformResult: async ({ result }) => result }
      await insertRows(store.db.withPlugin(recorder), 'log_leaves', leaves, 2000)
      expect(statements).toEqual(dialect === 'postgres' ? ['RawNode', 'RawNode', 'RawNode'] : Array(7).fill('InsertQueryNode'))
      const back = await store.db.selectFrom('log_leaves').selectAll().where('issuer', '=', 'did:web:insert-rows.example').orderBy('idx').execute()
      expect(back).toHaveLength(leaves.length)
      back.forEach((row, i) => {
        expect(Number(row.idx)).toBe(leaves[i]!.idx)
        expect(Buffer.from(row.leaf_hash).equals(leaves[i]!.leaf_hash)).toBe(true)
        expect(Buffer.compare(Buffer.from(row.entry), Buffer.from(leaves[i]!.entry))).toBe(0)
      })
    })

    it('writes rows whose keys differ, or whose values an array cannot carry, as Kysely would', async () => {
      const rows = [mail('d', { attempts: 1 }), mail('e', { attempts: 2n }), mail('f', { attempts: 0, last_error: undefined })]
      await insertRows(store.db, 'outbox', rows, 500)
      const back = await store.db.selectFrom('outbox').select(['id', 'attempts', 'last_error']).where('id', 'in', ['d', 'e', 'f']).orderBy('id').execute()
      expect(back.map((r) => [r.id, Number(r.attempts), r.last_error])).toEqual([
        ['d', 1, null],
        ['e', 2, null],
        ['f', 0, null],
      ])
    })

    it('writes nothing of a statement that fails: a repeated key rolls the transaction back', async () => {
      const rows = [mail('g'), mail('h'), mail('g')]
      await expect(store.db.transaction().execute((trx) => insertRows(trx, 'outbox', rows, 500))).rejects.toThrow()
      expect(await store.db.selectFrom('outbox').select('id').where('id', 'in', ['g', 'h']).execute()).toEqual([])
    })
  })
}
