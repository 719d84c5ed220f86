// Issue #11 item 2: /readyz for load balancers beside /healthz: 200 while the database answers and
// its schema is current; a 503 problem with Retry-After when it is unreachable or a migration is pending.
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { readJson, startTestPlatform, type TestPlatform } from '../../support/platform.js'

let t: TestPlatform | undefined
afterEach(async () => {
  await t?.close().catch(() => {})
  t = undefined
})

describe('GET /readyz', () => {
  it('answers 200 with the version while the database answers and every migration is applied', async () => {
    t = await startTestPlatform()
    const res = await t.app.request('/readyz')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await readJson(res)).toEqual({ status: 'ready', version: t.config.version })
  })

  it('answers 503 naming the pending migration when the schema is behind, and 200 again once migrated', async () => {
    t = await startTestPlatform()
    await sql`delete from kysely_migration where name = ${'0008_sign_in_throttle'}`.execute(t.store.db)
    const res = await t.app.request('/readyz')
    expect(res.status).toBe(503)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.headers.get('retry-after')).toBe('5')
    const problem = await readJson(res)
    expect(problem.code).toBe('ERR_STORE_UNAVAILABLE')
    expect(problem.detail).toContain('0008_sign_in_throttle')
    expect(problem.detail).toContain('emblem migrate')
    // /healthz only says the process is alive.
    expect((await t.app.request('/healthz')).status).toBe(200)
    await sql`insert into kysely_migration (name, timestamp) values (${'0008_sign_in_throttle'}, ${new Date().toISOString()})`.execute(t.store.db)
    expect((await t.app.request('/readyz')).status).toBe(200)
  })

  it('answers 503 when the database cannot be reached', async () => {
    t = await startTestPlatform()
    await t.store.close()
    const res = await t.app.request('/readyz')
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('5')
    expect((await readJson(res)).code).toBe('ERR_STORE_UNAVAILABLE')
    expect((await t.app.request('/healthz')).status).toBe(200)
  })
})
