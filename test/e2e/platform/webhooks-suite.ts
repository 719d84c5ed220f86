// Webhooks end to end on either dialect (webhooks.test.ts, webhooks-postgres.test.ts): an admin adds
// endpoints through the API; issuing and revoking queue events in their own transactions; the
// delivery attempts (deliverWebhook, driven here with the test clock) reach a local receiver that
// verifies every signature with the standardwebhooks library and fails on purpose the first times;
// retries come with exponential backoff, a failed delivery is redelivered, a disabled endpoint and
// another organization's endpoint get nothing.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { deliverWebhook, dueWebhooks, type WebhookPolicy } from '../../../src/app/webhooks/deliver-webhook.js'
import { sealStoredWebhookSecrets } from '../../../src/app/webhooks/webhooks-use-cases.js'
import { createWebhookSender } from '../../../src/fetch/index.js'
import { startBatchRunner } from '../../../src/jobs/batch-runner.js'
import { readJson, type TestOrg } from '../../support/platform.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

interface Received {
  path: string
  id: string
  timestamp: number
  body: { type: string; timestamp: string; data: Record<string, unknown> }
  verified: boolean
}

export function webhooksSuite(dialect: 'sqlite' | 'postgres'): void {
  let p: IssuancePlatform
  let server: Server
  let base = ''
  let other: TestOrg
  const received: Received[] = []
  /** Secrets by receiver path (the receiver verifies each request with its endpoint's secret). */
  const secrets = new Map<string, string>()
  /** Answers still to fail on purpose, by path. */
  const failFirst = new Map<string, number>()
  const policy: WebhookPolicy = { sender: createWebhookSender({ allowHttp: true, allowPrivateAddresses: true, timeoutMs: 5000 }), backoffMs: 30_000, maxBackoffMs: 6 * 3600_000, leaseMs: 60_000 }

  /** One pass of the worker at the test clock's time: every due delivery attempted once. */
  const drain = async () => {
    for (const d of await dueWebhooks(p.t.ports, 100)) await deliverWebhook(p.t.ports, d, policy)
  }
  const addEndpoint = async (org: TestOrg, path: string, events: string[], as = p.owner) => {
    const res = await p.t.request(`/api/v1/orgs/${org.slug}/webhooks`, { as, method: 'POST', json: { url: `${base}${path}`, description: `Receiver ${path}`, events } })
    expect(res.status).toBe(201)
    const endpoint = await readJson(res)
    secrets.set(path, endpoint.secret)
    return endpoint
  }
  const issue = async (email: string) => {
    const res = await p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/${p.achievementId}/credentials`, { as: p.owner, method: 'POST', json: { recipient: { email, name: 'Webhook Learner' } } })
    expect(res.status).toBe(201)
    return readJson(res)
  }

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8')
        const path = req.url ?? '/'
        const headers = { 'webhook-id': String(req.headers['webhook-id']), 'webhook-timestamp': String(req.headers['webhook-timestamp']), 'webhook-signature': String(req.headers['webhook-signature']) }
        const timestamp = Number(headers['webhook-timestamp'])
        let verified: boolean
        // The library checks the timestamp against its clock: the receiver's clock agrees with the platform's (the test clock).
        const now = vi.spyOn(Date, 'now').mockReturnValue(timestamp * 1000)
        try {
          new Webhook(secrets.get(path)!).verify(body, headers)
          verified = true
        } catch {
          verified = false
        } finally {
          now.mockRestore()
        }
        received.push({ path, id: headers['webhook-id'], timestamp, body: JSON.parse(body), verified })
        const failures = failFirst.get(path) ?? 0
        if (failures > 0) {
          failFirst.set(path, failures - 1)
          res.writeHead(503, { 'content-type': 'text/plain' }).end('receiver down on purpose')
          return
        }
        res.writeHead(verified ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: verified }))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    p = await startIssuancePlatform({ dialect })
    other = await p.t.seedOrg({ owner: await p.t.seedUser(), name: 'Other College' })
  })
  afterAll(async () => {
    await p?.close()
    await new Promise((resolve) => server?.close(resolve))
  })

  it('signs deliveries per Standard Webhooks and retries with exponential backoff until the receiver answers', async () => {
    const endpoint = await addEndpoint(p.org, '/flaky', ['credential.issued', 'credential.revoked'])
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/)
    const disabled = await addEndpoint(p.org, '/disabled', ['credential.issued'])
    const patched = await p.t.request(`/api/v1/orgs/${p.org.slug}/webhooks/${disabled.id}`, { as: p.owner, method: 'PATCH', json: { enabled: false } })
    expect((await readJson(patched)).enabled).toBe(false)
    const otherOwner = await p.t.seedUser()
    await p.t.seedMember(other, otherOwner, 'admin')
    await addEndpoint(other, '/other-org', ['credential.issued', 'credential.revoked'], otherOwner)

    failFirst.set('/flaky', 3)
    const credential = await issue('hook@example.org')
    // Issuing answered without waiting for any receiver: nothing was sent yet.
    expect(received).toHaveLength(0)

    const times: number[] = []
    for (let i = 0; i < 4; i++) {
      await drain()
      times.push(p.t.clock.now().getTime())
      const log = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/webhooks/${endpoint.id}/deliveries`, { as: p.owner }))
      const [delivery] = log.items
      expect(delivery.attempts).toBe(i + 1)
      if (i < 3) {
        expect(delivery).toMatchObject({ state: 'pending', responseStatus: 503, responseBody: 'receiver down on purpose' })
        // The next attempt waits 30 s, then 60 s, then 120 s: not due a second earlier.
        const wait = Date.parse(delivery.nextAttemptAt) - p.t.clock.now().getTime()
        expect(wait).toBe(30_000 * 2 ** i)
        p.t.clock.advance(wait - 1000)
        await drain()
        expect(received.filter((r) => r.path === '/flaky')).toHaveLength(i + 1)
        p.t.clock.advance(1000)
      } else expect(delivery).toMatchObject({ state: 'delivered', responseStatus: 200 })
    }
    const flaky = received.filter((r) => r.path === '/flaky')
    expect(flaky).toHaveLength(4)
    expect(flaky.every((r) => r.verified)).toBe(true)
    // The same message id on every attempt (receivers deduplicate), a fresh timestamp each time.
    expect(new Set(flaky.map((r) => r.id)).size).toBe(1)
    expect(flaky.map((r) => r.timestamp * 1000)).toEqual(times.map((t) => Math.floor(t / 1000) * 1000))
    expect(flaky[0]!.body).toMatchObject({ type: 'credential.issued', data: { credentialId: credential.id, achievementId: p.achievementId, recipientEmail: 'hook@example.org' } })

    // The disabled endpoint and the other organization's endpoint got nothing.
    expect(received.filter((r) => r.path !== '/flaky')).toEqual([])

    // The delivery's log: every attempt with its signed request headers and the answer.
    const one = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/webhooks/${endpoint.id}/deliveries/${flaky[0]!.id}`, { as: p.owner }))
    expect(one.attemptLog).toHaveLength(4)
    expect(one.attemptLog[0]).toMatchObject({ responseStatus: 200 })
    expect(one.attemptLog[3]).toMatchObject({ responseStatus: 503, error: 'The endpoint answered HTTP 503' })
    expect(one.attemptLog[0].requestHeaders['webhook-signature']).toMatch(/^v1,/)
  })

  it('revocation is an event too, and another organization never reads or redelivers this one’s log', async () => {
    const [endpoint] = (await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/webhooks`, { as: p.owner }))).items
    const credential = await issue('revoked@example.org')
    const uuid = credential.id.replace('urn:uuid:', '')
    expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/credentials/${uuid}/revoke`, { as: p.owner, method: 'POST', json: { reason: 'Issued in error' } })).status).toBe(200)
    const before = received.length
    await drain()
    const got = received.slice(before).filter((r) => r.path === '/flaky').map((r) => r.body)
    expect(got.map((b) => b.type).sort()).toEqual(['credential.issued', 'credential.revoked'])
    expect(got.find((b) => b.type === 'credential.revoked')!.data).toMatchObject({ credentialId: credential.id, reason: 'Issued in error' })
    expect(received.filter((r) => r.path !== '/flaky')).toEqual([])

    const otherAdmin = await p.t.seedUser()
    await p.t.seedMember(other, otherAdmin, 'admin')
    expect((await p.t.request(`/api/v1/orgs/${other.slug}/webhooks/${endpoint.id}`, { as: otherAdmin })).status).toBe(404)
    expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/webhooks`, { as: otherAdmin })).status).toBe(404)
    // An issuer of the organization may issue, not manage webhooks.
    const issuer = await p.t.seedUser()
    await p.t.seedMember(p.org, issuer, 'issuer')
    expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/webhooks`, { as: issuer })).status).toBe(403)
  })

  it('gives up after 3 days of retries, and "Redeliver" sends the same message again', async () => {
    const endpoint = await addEndpoint(p.org, '/down', ['credential.issued'])
    failFirst.set('/down', 1000)
    await issue('late@example.org')
    const start = p.t.clock.now().getTime()
    let attempts = 0
    for (let i = 0; i < 40; i++) {
      await drain()
      const [d] = (await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/webhooks/${endpoint.id}/deliveries`, { as: p.owner }))).items
      attempts = d.attempts
      if (d.state !== 'pending') {
        expect(d.state).toBe('failed')
        break
      }
      p.t.clock.set(d.nextAttemptAt)
    }
    const elapsed = p.t.clock.now().getTime() - start
    expect(elapsed).toBeLessThanOrEqual(3 * 86_400_000)
    expect(elapsed).toBeGreaterThan(2 * 86_400_000)
    expect(attempts).toBeGreaterThan(8)
    const [failed] = (await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/webhooks/${endpoint.id}/deliveries`, { as: p.owner }))).items
    const listed = (await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/webhooks/${endpoint.id}`, { as: p.owner }))).stats
    expect(listed).toMatchObject({ failed: 1, pending: 0, lastState: 'failed' })

    failFirst.set('/down', 0)
    const again = await p.t.request(`/api/v1/orgs/${p.org.slug}/webhooks/${endpoint.id}/deliveries/${failed.id}/redeliver`, { as: p.owner, method: 'POST' })
    expect(again.status).toBe(202)
    expect((await readJson(again)).state).toBe('pending')
    const before = received.length
    await drain()
    expect(received.slice(before).map((r) => [r.path, r.id, r.verified])).toEqual([['/down', failed.id, true]])
    const [delivered] = (await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/webhooks/${endpoint.id}/deliveries`, { as: p.owner }))).items
    expect(delivered).toMatchObject({ id: failed.id, state: 'delivered', attempts: attempts + 1 })
  })

  it('sends a test event, signs with a rotated secret at once, and refuses bad input with field errors', async () => {
    const endpoint = await addEndpoint(p.org, '/test', ['batch.finished'])
    const rotated = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/webhooks/${endpoint.id}/rotate-secret`, { as: p.owner, method: 'POST' }))
    expect(rotated.secret).not.toBe(endpoint.secret)
    secrets.set('/test', rotated.secret)
    const queued = await p.t.request(`/api/v1/orgs/${p.org.slug}/webhooks/${endpoint.id}/test`, { as: p.owner, method: 'POST' })
    expect(queued.status).toBe(202)
    const before = received.length
    await drain()
    expect(received.slice(before).map((r) => [r.path, r.body.type, r.verified])).toEqual([['/test', 'webhook.test', true]])

    const bad = await p.t.request(`/api/v1/orgs/${p.org.slug}/webhooks`, { as: p.owner, method: 'POST', json: { url: 'ftp://example.org/x', events: ['credential.exploded'] } })
    expect(bad.status).toBe(400)
    const problem = await readJson(bad)
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(['events.0', 'url'])
    expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/webhooks/not-an-id`, { as: p.owner })).status).toBe(404)
    expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/webhooks/${endpoint.id}/deliveries/msg_nope/redeliver`, { as: p.owner, method: 'POST' })).status).toBe(404)
    expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/webhooks/${endpoint.id}`, { as: p.owner, method: 'DELETE' })).status).toBe(204)
    expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/webhooks/${endpoint.id}`, { as: p.owner })).status).toBe(404)
  })

  it('a claim and an outside verification are events too', async () => {
    await addEndpoint(p.org, '/more', ['credential.claimed', 'credential.verified'])
    const credential = await issue('claimer@example.org')
    const mail = await p.t.store.db.selectFrom('outbox').select('text').where('to_address', '=', 'claimer@example.org').executeTakeFirstOrThrow()
    const token = /\/claim\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]!
    await p.t.platform.credentials.acceptClaim({ token, showName: true })
    const uuid = credential.id.replace('urn:uuid:', '')
    expect((await p.t.request('/api/v1/verify', { method: 'POST', json: { url: `${p.t.config.publicUrl}/c/${uuid}` } })).status).toBe(200)
    await p.t.platform.flush()
    const before = received.length
    await drain()
    const got = received.slice(before).filter((r) => r.path === '/more')
    expect(got.every((r) => r.verified)).toBe(true)
    expect(got.map((r) => [r.body.type, r.body.data['credentialId']]).sort()).toEqual([['credential.claimed', credential.id], ['credential.verified', credential.id]])
    expect(got.find((r) => r.body.type === 'credential.verified')!.body.data).toMatchObject({ verified: true, count: 1 })
  })

  it('a finished batch is one event, and each of its credentials one issued event', async () => {
    await addEndpoint(p.org, '/batches', ['batch.finished', 'credential.issued'])
    const runner = startBatchRunner({ platform: p.t.ports, chunkSize: 4, signingThreads: 0, pollMs: 60_000 })
    try {
      const res = await p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/${p.achievementId}/batches`, {
        as: p.owner,
        method: 'POST',
        body: 'email,name\nb1@example.org,One\nb2@example.org,Two\nnot-an-email,Three\n',
        headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="cohort.csv"' },
      })
      expect(res.status).toBe(202)
      const batch = await readJson(res)
      runner.notify()
      await runner.settled()
      const before = received.length
      await drain()
      const got = received.slice(before).filter((r) => r.path === '/batches').map((r) => r.body)
      expect(got.filter((b) => b.type === 'credential.issued').map((b) => b.data['recipientEmail']).sort()).toEqual(['b1@example.org', 'b2@example.org'])
      expect(got.filter((b) => b.type === 'batch.finished').map((b) => b.data)).toEqual([expect.objectContaining({ batchId: batch.id, state: 'done', totalRows: 3, issued: 2, failed: 1 })])
    } finally {
      await runner.stop()
    }
  })

  it('refuses private addresses unless the instance allows them', async () => {
    const guarded = createWebhookSender()
    await expect(guarded({ url: `${base}/flaky`, headers: {}, body: '{}' })).rejects.toMatchObject({ code: 'ERR_FETCH_BLOCKED' })
    await expect(createWebhookSender({ allowHttp: true })({ url: `${base}/flaky`, headers: {}, body: '{}' })).rejects.toMatchObject({ code: 'ERR_FETCH_BLOCKED' })
  })

  it('an enrolment that completes is one enrolment.completed event, queued with the award', async () => {
    await addEndpoint(p.org, '/enrolments', ['enrolment.completed'])
    const learner = await p.t.seedUser({ name: 'Enrolled Learner' })
    const base = `/api/v1/orgs/${p.org.slug}/programs`
    const program = await readJson(
      await p.t.request(base, {
        as: p.owner,
        method: 'POST',
        json: { achievementId: p.achievementId, title: 'Webhook Workshop', summary: 'One workshop.', format: 'online', hours: 2, selfPaced: true, price: 0, language: 'en', requirements: [{ kind: 'attendance', title: 'Workshop' }] },
      }),
    )
    expect((await p.t.request(`${base}/${program.id}/state`, { as: p.owner, method: 'POST', json: { state: 'published' } })).status).toBe(200)
    const enrolment = await readJson(await p.t.request(`/api/v1/programs/${program.id}/enrolments`, { as: learner, method: 'POST' }))
    expect(enrolment.state).toBe('active')
    let before = received.length
    await drain()
    expect(received.slice(before).filter((r) => r.path === '/enrolments')).toEqual([])
    const done = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/enrolments/${enrolment.id}/requirements/${program.requirements[0].id}`, { as: p.owner, method: 'POST', json: { action: 'attendance' } }))
    expect(done).toMatchObject({ state: 'completed' })
    before = received.length
    await drain()
    const got = received.slice(before).filter((r) => r.path === '/enrolments')
    expect(got).toHaveLength(1)
    expect(got[0]!.verified).toBe(true)
    expect(got[0]!.body).toMatchObject({ type: 'enrolment.completed', data: { enrolmentId: enrolment.id, programId: program.id, achievementId: p.achievementId, credentialId: done.credentialId, recipientEmail: learner.email } })
    // Marking it again completes nothing more: no second event.
    await p.t.request(`/api/v1/orgs/${p.org.slug}/enrolments/${enrolment.id}/requirements/${program.requirements[0].id}`, { as: p.owner, method: 'POST', json: { action: 'attendance' } })
    before = received.length
    await drain()
    expect(received.slice(before).filter((r) => r.path === '/enrolments')).toEqual([])
  })

  it('keeps signing secrets sealed under the master key: the database never holds one in the clear', async () => {
    const endpoint = await addEndpoint(p.org, '/sealed', ['credential.issued'])
    const rows = await p.t.store.db.selectFrom('webhook_endpoints').select(['id', 'secret']).execute()
    expect(rows.length).toBeGreaterThan(1)
    for (const row of rows) {
      expect(row.secret).toMatch(/^v1\./)
      expect(row.secret).not.toContain('whsec_')
    }
    // Admins still read it (to configure their receiver), and a rotated one is sealed too.
    expect((await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/webhooks/${endpoint.id}`, { as: p.owner }))).secret).toBe(endpoint.secret)
    // A secret stored plain before 0023 is sealed at start, and deliveries are still signed with it.
    const legacy = `whsec_${Buffer.alloc(24, 7).toString('base64')}`
    await p.t.store.db.updateTable('webhook_endpoints').set({ secret: legacy }).where('id', '=', endpoint.id).execute()
    expect(await sealStoredWebhookSecrets(p.t.ports)).toBe(1)
    expect(await sealStoredWebhookSecrets(p.t.ports)).toBe(0)
    const stored = await p.t.store.db.selectFrom('webhook_endpoints').select('secret').where('id', '=', endpoint.id).executeTakeFirstOrThrow()
    expect(stored.secret).toMatch(/^v1\./)
    secrets.set('/sealed', legacy)
    await issue('sealed@example.org')
    const before = received.length
    await drain()
    expect(received.slice(before).filter((r) => r.path === '/sealed').map((r) => r.verified)).toEqual([true])
  })
}
