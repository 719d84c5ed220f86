import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MailMessage } from '../../../src/app/mail/ports.js'
import { createApp } from '../../../src/main.js'
import { createSmtpTransport } from '../../../src/mail/smtp-transport.js'
import { silentLogger } from '../../../src/http/logger.js'
import { masterKeyFrom } from '../../../src/keys/master-key.js'
import { createPlatform } from '../../../src/platform.js'
import { startMailDelivery } from '../../../src/jobs/mail-delivery.js'
import { hasPostgres, startTestPlatform, type TestPlatform } from '../../support/platform.js'
import { startTestSmtpServer } from '../../support/smtp.js'
import { anonymousBrowser, getPage, postForm } from './account-helpers.js'

/** The outbox repository's contract, on one store. */
function outboxContract(dialect: 'sqlite' | 'postgres') {
  let t: TestPlatform
  beforeAll(async () => {
    t = await startTestPlatform({ dialect })
  })
  afterAll(() => t.close())

  const message = (to: string, orgId?: string): MailMessage => ({ to, fromName: 'Org', subject: `To ${to}`, text: 't', html: '<p>h</p>', orgId })
  const enqueue = (m: MailMessage, smtpConfigured = true) => t.store.repos.outbox.enqueue(m, { smtpConfigured, id: t.ports.random.uuid() })
  // The repository stamps with the store's clock (the system's on PostgreSQL, the test clock on SQLite):
  // ask for what is due at the moment the message was queued.
  const queuedAt = async (id: string) => new Date((await t.store.repos.outbox.get(id))!.nextAttemptAt)

  it("lists an organization's messages newest first, page by page, and never another organization's", async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner, withKey: false })
    const other = await t.seedOrg({ owner, withKey: false })
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      ids.push(await enqueue(message(`r${i}@example.org`, org.id)))
      await enqueue(message(`x${i}@example.org`, other.id))
      if (i % 2 === 0) t.clock.advance(1000) // some share a timestamp: the id breaks the tie
    }
    await enqueue(message('account@example.org'))
    const { outbox } = t.store.repos
    const first = await outbox.listForOrg(org.id, { limit: 2 })
    const second = await outbox.listForOrg(org.id, { limit: 2, before: first[1]!.id })
    const third = await outbox.listForOrg(org.id, { limit: 2, before: second[1]!.id })
    const all = [...first, ...second, ...third]
    expect(all.map((e) => e.to).sort()).toEqual(ids.map((_, i) => `r${i}@example.org`))
    expect(new Set(all.map((e) => e.id)).size).toBe(5)
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.createdAt >= all[i]!.createdAt).toBe(true)
    expect(all.every((e) => e.orgId === org.id)).toBe(true)
    // A cursor from another organization leads nowhere.
    const foreign = (await outbox.listForOrg(other.id, { limit: 1 }))[0]!
    expect(await outbox.listForOrg(org.id, { limit: 10, before: foreign.id })).toEqual([])
  })

  it('holds messages without SMTP and queues them with it; only queued, due ones come out of due()', async () => {
    const { outbox } = t.store.repos
    const held = await enqueue(message('held@example.org'), false)
    const queued = await enqueue(message('queued@example.org'))
    expect((await outbox.get(held))!.state).toBe('held')
    const due = (await outbox.due(await queuedAt(queued), 100)).map((e) => e.id)
    expect((await outbox.due(new Date((await queuedAt(queued)).getTime() - 1), 100)).map((e) => e.id)).not.toContain(queued)
    expect(due).toContain(queued)
    expect(due).not.toContain(held)
    expect(await outbox.get('00000000-0000-4000-8000-000000000000')).toBeUndefined()
  })

  it('lets exactly one of two claimants take a message, and records sent and failed attempts', async () => {
    const { outbox } = t.store.repos
    const id = await enqueue(message('claim@example.org'))
    const now = await queuedAt(id)
    const lease = new Date(now.getTime() + 60_000)
    const results = await Promise.all([outbox.claim(id, now, lease), outbox.claim(id, now, lease)])
    expect(results.filter(Boolean)).toHaveLength(1)
    expect((await outbox.due(now, 1000)).map((e) => e.id)).not.toContain(id)
    await outbox.markFailed(id, 'x'.repeat(5000), new Date(now.getTime() + 120_000))
    expect(await outbox.get(id)).toMatchObject({ state: 'queued', attempts: 1, nextAttemptAt: new Date(now.getTime() + 120_000).toISOString() })
    expect((await outbox.get(id))!.lastError).toHaveLength(1000)
    await outbox.markSent(id, now)
    expect(await outbox.get(id)).toMatchObject({ state: 'sent', attempts: 2, lastError: null, sentAt: now.toISOString() })
    expect(await outbox.claim(id, new Date(now.getTime() + 999_999), lease)).toBe(false)
    const doomed = await enqueue(message('doomed@example.org'))
    await outbox.markFailed(doomed, '550 no', null)
    expect(await outbox.get(doomed)).toMatchObject({ state: 'failed', attempts: 1, lastError: '550 no' })
  })
}

describe('outbox (SQLite)', () => {
  outboxContract('sqlite')
})

describe.skipIf(!hasPostgres)('outbox (PostgreSQL)', () => {
  outboxContract('postgres')
})

describe('account e-mail over SMTP', () => {
  it('delivers the verification e-mail of a sign-up through SMTP, woken by the sign-up, with a working link', async () => {
    const t = await startTestPlatform()
    const smtp = await startTestSmtpServer()
    // The wiring main.ts does when EMBLEM_SMTP_URL is set: a platform that queues, a worker woken on 'mail'.
    const { platform, ports, onWake } = createPlatform({ store: t.store, masterKey: masterKeyFrom(randomBytes(32)), publicUrl: t.config.publicUrl, clock: t.clock, smtpConfigured: true })
    const transport = createSmtpTransport(smtp.url)
    const delivery = startMailDelivery({ platform: ports, transport, from: 'no-reply@localhost' })
    onWake('mail', delivery.notify)
    const app = createApp(t.config, { log: silentLogger, platform })
    try {
      const res = await postForm({ ...t, app }, '/sign-up', { name: 'Mary Somerville', email: 'mary@example.org', password: 'on the connexion of the sciences' }, anonymousBrowser())
      expect(res.status).toBe(303)
      const mail = await smtp.waitFor((m) => m.envelope.to.includes('mary@example.org'))
      expect(mail.from).toBe('Emblem <no-reply@localhost>')
      expect(mail.subject).toBe('Confirm your e-mail address for Emblem')
      const link = /http:\/\/localhost:3000(\/verify-email\?token=[A-Za-z0-9_-]+)/.exec(mail.text)![1]!
      expect(mail.html).toContain(`href="http://localhost:3000${link}"`)
      expect((await getPage({ ...t, app }, link)).status).toBe(200)
      await delivery.settled()
      const row = await t.store.db.selectFrom('outbox').selectAll().where('to_address', '=', 'mary@example.org').executeTakeFirstOrThrow()
      expect(row.state).toBe('sent')
    } finally {
      await delivery.stop()
      transport.close()
      await smtp.close()
      await t.close()
    }
  })
})
