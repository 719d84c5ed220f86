// The look recorder (issue #9 item 1, issue #14 item 9): page views and verifications counted in
// memory, one row per credential, kind, outcome and channel with its count, written in one
// transaction; a write the database refuses loses nothing, and what came since merges into it.
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLookRecorder } from '../../src/app/credentials/look-recorder.js'
import type { VerificationEvent } from '../../src/app/credentials/ports.js'
import { openStore, type Store } from '../../src/store/index.js'

let store: Store
beforeEach(async () => {
  store = await openStore({ url: ':memory:' })
  await store.migrate()
})
afterEach(() => store.close())

const A = 'urn:uuid:00000000-0000-4000-8000-00000000000a'
const B = 'urn:uuid:00000000-0000-4000-8000-00000000000b'
const look = (credentialId: string, kind: VerificationEvent['kind'], at: string, extra: Partial<VerificationEvent> = {}): VerificationEvent => ({ credentialId, orgId: null, kind, verified: true, at, ...extra })
const rows = () =>
  store.db.selectFrom('verification_events').select(['credential_id', 'kind', 'verified', 'channel', 'count', 'at']).orderBy('credential_id').orderBy('kind').orderBy('channel').orderBy('verified').execute()

describe('the look recorder', () => {
  it('writes one row per credential, kind, outcome and channel, with the count and the latest time', async () => {
    const looks = createLookRecorder({ store, publicUrl: 'https://badges.example.edu' }, { intervalMs: 60_000 })
    looks.record(look(A, 'view', '2026-12-05T10:00:00.000Z'))
    looks.record(look(A, 'view', '2026-12-05T10:00:01.000Z'))
    looks.record(look(A, 'view', '2026-12-05T10:00:00.500Z'))
    looks.record(look(A, 'verification', '2026-12-05T10:00:00.000Z'))
    looks.record(look(A, 'verification', '2026-12-05T10:00:00.100Z', { verified: false }))
    looks.record(look(A, 'verification', '2026-12-05T10:00:00.200Z', { channel: 'browser' }))
    looks.record(look(B, 'view', '2026-12-05T10:00:00.300Z'))
    expect(looks.pending).toBe(5)
    expect(await rows()).toEqual([])
    await looks.flush()
    expect(looks.pending).toBe(0)
    expect(await rows()).toEqual([
      { credential_id: A, kind: 'verification', verified: 0, channel: null, count: 1, at: '2026-12-05T10:00:00.100Z' },
      { credential_id: A, kind: 'verification', verified: 1, channel: null, count: 1, at: '2026-12-05T10:00:00.000Z' },
      { credential_id: A, kind: 'verification', verified: 1, channel: 'browser', count: 1, at: '2026-12-05T10:00:00.200Z' },
      { credential_id: A, kind: 'view', verified: 1, channel: null, count: 3, at: '2026-12-05T10:00:01.000Z' },
      { credential_id: B, kind: 'view', verified: 1, channel: null, count: 1, at: '2026-12-05T10:00:00.300Z' },
    ])
    // The next flush writes new rows; it never rewrites what was written.
    looks.record(look(A, 'view', '2026-12-05T10:00:02.000Z'))
    await looks.flush()
    expect((await rows()).filter((r) => r.credential_id === A && r.kind === 'view').map((r) => r.count)).toEqual([3, 1])
  })

  it('writes a large flush whole, in short transactions', async () => {
    const looks = createLookRecorder({ store, publicUrl: 'https://badges.example.edu' }, { intervalMs: 60_000 })
    const ids = Array.from({ length: 250 }, (_, i) => `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)
    for (const id of ids) for (let n = 0; n < 3; n++) looks.record(look(id, 'view', '2026-12-05T10:00:00.000Z'))
    expect(looks.pending).toBe(250)
    await looks.flush()
    const written = await rows()
    expect(written.map((r) => r.credential_id)).toEqual(ids)
    expect(written.every((r) => r.count === 3)).toBe(true)
  })

  it('keeps the counts when the database refuses the write, merges what came since, and writes them later', async () => {
    const errors: unknown[] = []
    const looks = createLookRecorder({ store, publicUrl: 'https://badges.example.edu' }, { intervalMs: 60_000, onError: (err) => errors.push(err) })
    looks.record(look(A, 'view', '2026-12-05T10:00:00.000Z'))
    looks.record(look(A, 'view', '2026-12-05T10:00:01.000Z'))
    looks.record(look(B, 'verification', '2026-12-05T10:00:00.000Z'))
    await sql`pragma query_only = 1`.execute(store.db)
    await looks.flush()
    expect(errors).toHaveLength(1)
    expect(looks.pending).toBe(2)
    looks.record(look(A, 'view', '2026-12-05T10:00:03.000Z'))
    looks.record(look(B, 'view', '2026-12-05T10:00:03.000Z'))
    expect(looks.pending).toBe(3)
    await sql`pragma query_only = 0`.execute(store.db)
    await looks.flush()
    expect(errors).toHaveLength(1)
    expect((await rows()).map((r) => [r.credential_id, r.kind, r.count, r.at])).toEqual([
      [A, 'view', 3, '2026-12-05T10:00:03.000Z'],
      [B, 'verification', 1, '2026-12-05T10:00:00.000Z'],
      [B, 'view', 1, '2026-12-05T10:00:03.000Z'],
    ])
  })
})
