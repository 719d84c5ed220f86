// Issue #9 item 1 / #14 targets, what the caches must never change: a suspension shows on the very
// next look; POST /api/v1/verify always verifies the submitted proof but keeps this instance's own
// status list per version (a revocation shows on the very next POST) and passed log checks per
// checkpoint size; a graceful shutdown writes the looks counted in memory.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseDefinition } from '../../../src/app/achievements/definition.js'
import { issueCredential } from '../../../src/app/issuance/issue-credential.js'
import { loadConfig } from '../../../src/config.js'
import { silentLogger as log } from '../../../src/http/logger.js'
import { createApp, openServices } from '../../../src/main.js'
import { openStore } from '../../../src/store/index.js'
import { hasPostgres, readJson } from '../../support/platform.js'
import { startCredentialPlatform, type CredentialPlatform } from './public-credential-fixture.js'

let p: CredentialPlatform
beforeAll(async () => {
  p = await startCredentialPlatform()
})
afterAll(() => p.close())

type Check = { id: string; outcome: string; code?: string; cachedFrom?: string }
type Report = { verified: boolean; checks: Check[] }
const check = (report: Report, id: string) => report.checks.find((c) => c.id === id)!
const verification = async (uuid: string) => (await readJson(await p.request(`/api/v1/credentials/${uuid}/verification`))) as Report
// The fixture trusts no proxy: every POST here counts against one client, the limit test's last.
let posted = 0
const post = (body: string) => (posted++, p.request('/api/v1/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body }))
const postVerify = async (body: string) => (await readJson(await post(body))) as Report
const signedJson = async (uuid: string) => (await p.request(`/credentials/${uuid}`, { headers: { accept: 'application/vc' } })).text()

describe('the caches keep the meaning of every check', () => {
  it('shows a suspension on the very next page view and verification, and the lifted suspension on the one after', async () => {
    const issued = await p.issue({ email: 'suspended-next@example.org' })
    expect((await verification(issued.uuid)).verified).toBe(true)
    expect(check(await verification(issued.uuid), 'proof').cachedFrom).toBeDefined()
    await p.changeStatus(issued.id, 'suspend', 'Under review')
    expect(await (await p.request(`/c/${issued.uuid}`)).text()).toContain('data-verdict="suspended"')
    const suspended = await verification(issued.uuid)
    expect(suspended.verified).toBe(false)
    expect(check(suspended, 'status')).toMatchObject({ outcome: 'failed', code: 'CREDENTIAL_SUSPENDED' })
    await p.changeStatus(issued.id, 'unsuspend')
    const lifted = await verification(issued.uuid)
    expect(lifted.verified).toBe(true)
    expect(check(lifted, 'status').outcome).toBe('passed')
  })

  it('POST /api/v1/verify verifies the submitted proof every time, and a revocation shows on the very next POST', async () => {
    const issued = await p.issue({ email: 'posted@example.org' })
    await p.signCheckpoint()
    const body = await signedJson(issued.uuid)
    const first = await postVerify(body)
    expect(first.verified).toBe(true)
    const second = await postVerify(body)
    expect(second.verified).toBe(true)
    // Nothing of the submitted credential's own proof stage is reused.
    for (const id of ['schema', 'proof', 'issuer-binding']) expect(check(second, id).cachedFrom).toBeUndefined()
    expect(check(second, 'log-inclusion').outcome).toBe('passed')
    await p.changeStatus(issued.id, 'revoke', 'Issued in error')
    const revoked = await postVerify(body)
    expect(revoked.verified).toBe(false)
    expect(check(revoked, 'status')).toMatchObject({ outcome: 'failed', code: 'CREDENTIAL_REVOKED' })
  })

  it('POST /api/v1/verify still fails a tampered copy of a credential whose genuine copy was verified just before', async () => {
    const issued = await p.issue({ email: 'tampered@example.org' })
    const body = await signedJson(issued.uuid)
    expect((await postVerify(body)).verified).toBe(true)
    const tampered = body.replace('"Example University"', '"Forged University"')
    expect(tampered).not.toBe(body)
    const report = await postVerify(tampered)
    expect(report.verified).toBe(false)
    expect(check(report, 'proof').outcome).toBe('failed')
  })

  it('POST /api/v1/verify keeps the per-client limit: 120 a minute from one address, the next refused', async () => {
    const issued = await p.issue({ email: 'limited@example.org' })
    const body = await signedJson(issued.uuid)
    const before = posted
    const statuses: number[] = []
    for (let i = before; i < 122; i++) statuses.push((await post(body)).status)
    expect(statuses.slice(0, 120 - before).every((s) => s === 200)).toBe(true)
    expect(statuses.slice(120 - before)).toEqual([429, 429])
  })
})

describe.skipIf(!hasPostgres)('POST /api/v1/verify on PostgreSQL', () => {
  let pg: CredentialPlatform
  beforeAll(async () => {
    pg = await startCredentialPlatform({ dialect: 'postgres' })
  })
  afterAll(() => pg?.close())

  it('keeps the status list per version (a revocation shows on the very next POST) and still refuses past the limit', async () => {
    const issued = await pg.issue({ email: 'pg-posted@example.org' })
    await pg.signCheckpoint()
    const body = await (await pg.request(`/credentials/${issued.uuid}`, { headers: { accept: 'application/vc' } })).text()
    const verify = async () => pg.request('/api/v1/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    for (let i = 0; i < 2; i++) {
      const report = (await readJson(await verify())) as Report
      expect(report.verified).toBe(true)
      expect(check(report, 'log-inclusion').outcome).toBe('passed')
    }
    await pg.changeStatus(issued.id, 'revoke', 'Issued in error')
    const revoked = (await readJson(await verify())) as Report
    expect(check(revoked, 'status')).toMatchObject({ outcome: 'failed', code: 'CREDENTIAL_REVOKED' })
    const statuses = await Promise.all(Array.from({ length: 117 }, async () => (await verify()).status))
    expect(statuses.every((s) => s === 200)).toBe(true)
    expect((await verify()).status).toBe(429)
  })
})

describe('a graceful shutdown', () => {
  it('writes the page views and verifications counted in memory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'emblem-fastverify-'))
    try {
      const config = loadConfig({}, { EMBLEM_DATA_DIR: dataDir, EMBLEM_PUBLIC_URL: 'https://badges.example.edu', EMBLEM_LOG_LEVEL: 'silent' })
      const services = await openServices(config, log)
      const { store, platform } = services
      const ports = platform.ports
      const now = new Date().toISOString()
      const orgId = ports.random.uuid()
      await store.db.insertInto('organizations').values({ id: orgId, slug: 'shutdown', name: 'Shutdown University', created_at: now }).execute()
      await ports.keys.rotate(orgId)
      const achievementId = ports.random.uuid()
      const definition = parseDefinition({ name: 'Counting', description: 'Counting looks.', criteria: { narrative: 'Look.' } })
      await store.db
        .insertInto('achievements')
        .values({ id: achievementId, org_id: orgId, state: 'published', name: definition.name, definition: JSON.stringify(definition), image_id: null, created_at: now, updated_at: now })
        .execute()
      const outcome = await issueCredential(ports, { orgId, achievementId, input: { recipient: { email: 'counted@example.org', name: 'Counted' } } })
      if (outcome.replayed) throw new Error('no Idempotency-Key was sent')
      const credentialId = outcome.view.id
      const uuid = credentialId.slice('urn:uuid:'.length)
      const app = createApp(config, { log, platform: platform.platform, transparencyLog: services.transparencyLog })
      expect((await app.request(`/c/${uuid}`)).status).toBe(200)
      expect((await app.request(`/api/v1/credentials/${uuid}/verification`)).status).toBe(200)
      await services.close()
      const reopened = await openStore({ url: config.databaseUrl })
      try {
        const kinds = (await reopened.db.selectFrom('verification_events').select('kind').where('credential_id', '=', credentialId).execute()).map((r) => r.kind).sort()
        expect(kinds).toEqual(['verification', 'view'])
      } finally {
        await reopened.close()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
