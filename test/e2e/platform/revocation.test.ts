import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StatusList } from '../../../src/core/status-list/index.js'
import { verifyProofs } from '../../../src/core/proof/index.js'
import { readJson } from '../../support/platform.js'
import { anonymously, castFor, type Caller } from './issuance-access.js'
import { failedChecks, startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

let p: IssuancePlatform
beforeAll(async () => {
  p = await startIssuancePlatform()
})
afterAll(() => p.close())

const uuidOf = (id: string) => id.slice('urn:uuid:'.length)

/** Issues one credential through the API; returns its API view and its status slots. */
async function issued(email = `learner-${Math.random().toString(36).slice(2)}@example.org`) {
  const res = await p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/${p.achievementId}/credentials`, { as: p.owner, method: 'POST', json: { recipient: { email, name: 'Learner' } } })
  const body = await readJson(res)
  const row = await p.t.store.db.selectFrom('issued_credentials').selectAll().where('credential_id', '=', body.id).executeTakeFirstOrThrow()
  return { body, row }
}

const act = (id: string, action: string, json: unknown = {}, as: Caller['as'] = p.owner) =>
  p.t.request(`/api/v1/orgs/${p.org.slug}/credentials/${uuidOf(id)}/${action}`, { as, method: 'POST', json })

/** The served list credential at /status/<listId>, and whether entry `index` is set. */
async function listBit(listId: string, index: number) {
  const res = await p.t.request(`/status/${listId}`)
  expect(res.status).toBe(200)
  const list = await readJson(res)
  return { list, isSet: StatusList.decode(list.credentialSubject.encodedList).isSet(index), etag: res.headers.get('etag') }
}

describe('revoking', () => {
  it('sets the bit in the re-signed revocation list, and verification then reports the credential revoked', async () => {
    const { body, row } = await issued()
    const before = await listBit(row.revocation_list_id, row.revocation_index)
    expect(before.isSet).toBe(false)
    p.t.clock.advance(60_000)
    const res = await act(body.id, 'revoke', { reason: 'Academic misconduct' })
    expect(res.status).toBe(200)
    expect(await readJson(res)).toMatchObject({ state: 'revoked', stateReason: 'Academic misconduct', stateChangedAt: '2026-03-01T09:01:00.000Z' })
    const after = await listBit(row.revocation_list_id, row.revocation_index)
    expect(after.isSet).toBe(true)
    expect(after.etag).not.toBe(before.etag)
    expect(after.list.validFrom).toBe('2026-03-01T09:01:00Z')
    const report = await p.verify(body.credential)
    expect(report.verified).toBe(false)
    expect(failedChecks(report).map((c) => c.code)).toEqual(['CREDENTIAL_REVOKED'])
    const read = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/credentials/${uuidOf(body.id)}`, { as: p.owner }))
    expect(read).toMatchObject({ state: 'revoked', stateReason: 'Academic misconduct' })
  })

  it('is permanent: a second revoke, a suspend or an unsuspend answer ERR_STATE_INVALID', async () => {
    const { body } = await issued()
    expect((await act(body.id, 'revoke')).status).toBe(200)
    for (const action of ['revoke', 'suspend', 'unsuspend']) {
      const res = await act(body.id, action, { reason: 'again' })
      expect(res.status, action).toBe(409)
      expect((await readJson(res)).code).toBe('ERR_STATE_INVALID')
    }
  })

  it('lets exactly one of two concurrent revocations through', async () => {
    const { body } = await issued()
    const statuses = (await Promise.all([act(body.id, 'revoke'), act(body.id, 'revoke')])).map((r) => r.status).sort()
    expect(statuses).toEqual([200, 409])
  })

  it('refuses an overlong reason and unknown fields, and 404s for an unknown credential', async () => {
    const { body } = await issued()
    expect((await act(body.id, 'revoke', { reason: 'x'.repeat(501) })).status).toBe(400)
    expect((await act(body.id, 'revoke', { reason: 'ok', extra: true })).status).toBe(400)
    expect((await act('urn:uuid:00000000-0000-4000-8000-000000000000', 'revoke')).status).toBe(404)
    expect((await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/credentials/${uuidOf(body.id)}`, { as: p.owner }))).state).toBe('active')
  })
})

describe('suspending', () => {
  it('round-trips: suspended with a reason, its suspension bit set; unsuspended, the bit cleared and the credential verifies', async () => {
    const { body, row } = await issued()
    const suspended = await act(body.id, 'suspend', { reason: 'Under review' })
    expect(suspended.status).toBe(200)
    expect(await readJson(suspended)).toMatchObject({ state: 'suspended', stateReason: 'Under review' })
    expect((await listBit(row.suspension_list_id, row.suspension_index)).isSet).toBe(true)
    expect((await listBit(row.revocation_list_id, row.revocation_index)).isSet).toBe(false)
    expect((await act(body.id, 'suspend')).status).toBe(409)

    const back = await act(body.id, 'unsuspend')
    expect(back.status).toBe(200)
    expect(await readJson(back)).toMatchObject({ state: 'active', stateReason: null })
    expect((await listBit(row.suspension_list_id, row.suspension_index)).isSet).toBe(false)
    expect((await act(body.id, 'unsuspend')).status).toBe(409)
    expect((await p.verify(body.credential)).verified).toBe(true)
  })

  it('can still be revoked while suspended', async () => {
    const { body } = await issued()
    await act(body.id, 'suspend')
    const res = await act(body.id, 'revoke', { reason: 'Confirmed' })
    expect(res.status).toBe(200)
    expect((await readJson(res)).state).toBe('revoked')
  })
})

describe('GET /status/:listId', () => {
  it('serves the signed list credential with its version as ETag, a minute of caching, CORS, and 304 when unchanged', async () => {
    const { row } = await issued()
    const res = await p.t.request(`/status/${row.revocation_list_id}`)
    expect(res.headers.get('content-type')).toBe('application/vc+ld+json')
    expect(res.headers.get('cache-control')).toBe('public, max-age=60')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    const etag = res.headers.get('etag')!
    expect(etag).toMatch(/^"\d+"$/)
    const list = await readJson(res)
    expect(list).toMatchObject({
      id: `http://localhost:3000/status/${row.revocation_list_id}`,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: p.org.did,
      credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation', ttl: 60000 },
    })
    expect(list.validUntil).toBeUndefined()
    expect(StatusList.decode(list.credentialSubject.encodedList).length).toBe(131072)
    const did = await readJson(await p.t.request(`/orgs/${p.org.slug}/did.json`))
    const proof = await verifyProofs(list, { resolveVerificationMethod: async (id) => did.verificationMethod.find((m: { id: string }) => m.id === id) })
    expect(proof.verified).toBe(true)

    const again = await p.t.request(`/status/${row.revocation_list_id}`, { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const json = await p.t.request(`/status/${row.revocation_list_id}`, { headers: { accept: 'application/json' } })
    expect(json.headers.get('content-type')).toBe('application/json')
  })

  it('signs a list once per change: reads between changes serve the stored credential', async () => {
    const { row } = await issued()
    const first = await (await p.t.request(`/status/${row.suspension_list_id}`)).text()
    p.t.clock.advance(5_000)
    expect(await (await p.t.request(`/status/${row.suspension_list_id}`)).text()).toBe(first)
  })

  it('answers 404 for an unknown or malformed list id', async () => {
    expect((await p.t.request('/status/00000000-0000-4000-8000-000000000000')).status).toBe(404)
    expect((await p.t.request('/status/..%2F..%2Fetc')).status).toBe(404)
  })
})

describe('who may revoke, suspend and unsuspend', () => {
  it('lets owners, admins, issuers and issuer keys; viewers get 403, outsiders 404, anonymous 401', async () => {
    const cast = await castFor(p.t, p.org, p.owner)
    for (const action of ['suspend', 'unsuspend', 'revoke']) {
      const { body } = await issued()
      if (action === 'unsuspend') await act(body.id, 'suspend')
      for (const c of cast.lowReaders) expect((await act(body.id, action, {}, c.as)).status, `${c.name} ${action}`).toBe(403)
      for (const c of cast.outsiders) expect((await act(body.id, action, {}, c.as)).status, `${c.name} ${action}`).toBe(404)
      expect((await anonymously(p.t, `/api/v1/orgs/${p.org.slug}/credentials/${uuidOf(body.id)}/${action}`, { json: {} })).status).toBe(401)
      for (const c of cast.writers) {
        const { body: fresh } = await issued()
        if (action === 'unsuspend') await act(fresh.id, 'suspend')
        expect((await act(fresh.id, action, {}, c.as)).status, `${c.name} ${action}`).toBe(200)
      }
    }
  })
})
