import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { MailMessage } from '../../src/app/mail/ports.js'
import { credentialIssuedMessage } from '../../src/app/mail/templates.js'
import { createSmtpTransport, fromHeader } from '../../src/mail/smtp-transport.js'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp.js'
import { startMailDelivery, type MailDelivery } from '../../src/jobs/mail-delivery.js'

const FROM = 'no-reply@emblem.example'

let t: TestPlatform
let smtp: TestSmtpServer
const running: { delivery: MailDelivery; close(): void }[] = []

beforeAll(async () => {
  t = await startTestPlatform()
})
afterAll(() => t.close())
beforeEach(async () => {
  smtp = await startTestSmtpServer()
})
afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.delivery.stop()
    r.close()
  }
  await smtp.close()
})

function startDelivery(url = smtp.url, onFailure?: (error: string, final: boolean) => void): MailDelivery {
  const transport = createSmtpTransport(url, { connectionTimeoutMs: 2000 })
  const delivery = startMailDelivery({ platform: t.ports, transport, from: FROM, intervalMs: 60_000, ...(onFailure ? { onFailure: (_e, error, final) => onFailure(error, final) } : {}) })
  running.push({ delivery, close: () => transport.close() })
  return delivery
}

let n = 0
async function queue(overrides: Partial<MailMessage> = {}, smtpConfigured = true): Promise<string> {
  n += 1
  const message: MailMessage = { to: `learner${n}@example.org`, fromName: 'Test University', subject: `Message ${n}`, text: `Hello ${n}\n`, html: `<p>Hello ${n}</p>`, ...overrides }
  return t.store.repos.outbox.enqueue(message, { smtpConfigured, id: t.ports.random.uuid() })
}

const outboxRow = (id: string) => t.store.repos.outbox.get(id)

describe('mail delivery', () => {
  it('sends a queued message with the organization as the From display name, and marks it sent', async () => {
    const content = credentialIssuedMessage({
      orgName: 'Université "Test" <Lyon>',
      recipientName: 'Zoë',
      achievementName: 'Data Literacy',
      claimUrl: 'https://emblem.example/claim?token=abc',
      credentialUrl: 'https://emblem.example/c/1',
    })
    const id = await queue({ to: 'zoe@example.org', fromName: 'Université "Test" <Lyon>', ...content })
    const delivery = startDelivery()
    delivery.notify()
    const mail = await smtp.waitFor((m) => m.envelope.to.includes('zoe@example.org'))
    await delivery.settled()
    expect(mail.from).toBe('Université "Test" <Lyon> <no-reply@emblem.example>')
    expect(mail.raw).toMatch(/^From: =\?UTF-8\?Q\?Universit=C3=A9_=22Test=22_=3CLyon=3E\?=\s+<no-reply@emblem\.example>\r$/m)
    expect(mail.envelope.from).toBe(FROM)
    expect(mail.subject).toBe('Université "Test" <Lyon> awarded you "Data Literacy"')
    expect(mail.text).toContain('https://emblem.example/claim?token=abc')
    expect(mail.html).toContain('Université &quot;Test&quot; &lt;Lyon&gt;')
    const row = await outboxRow(id)
    expect(row).toMatchObject({ state: 'sent', attempts: 1, lastError: null, sentAt: t.clock.now().toISOString() })
  })

  it('quotes the display name so a comma or quote in it cannot add a sender', () => {
    expect(fromHeader('Uni "of" Tests, Inc.', FROM)).toBe(`"Uni \\"of\\" Tests, Inc." <${FROM}>`)
    expect(fromHeader('Evil\r\nBcc: victim@example.org', FROM)).toBe(`"Evil Bcc: victim@example.org" <${FROM}>`)
    expect(fromHeader('back\\slash', FROM)).toBe(`"back\\\\slash" <${FROM}>`)
  })

  it('never sends a held message (no SMTP when it was queued)', async () => {
    const held = await queue({}, false)
    const sent = await queue()
    const delivery = startDelivery()
    delivery.notify()
    await smtp.waitFor((m) => m.envelope.to.includes(`learner${n}@example.org`))
    await delivery.settled()
    expect((await outboxRow(held))!.state).toBe('held')
    expect((await outboxRow(sent))!.state).toBe('sent')
    expect(smtp.messages).toHaveLength(1)
  })

  it('retries a refused message with exponential backoff, then marks it failed after 5 attempts', async () => {
    smtp.refuseWith({ code: 451, message: 'Greylisted, try again later' })
    const failures: boolean[] = []
    const id = await queue()
    const delivery = startDelivery(smtp.url, (_error, final) => failures.push(final))
    const waits = [60_000, 120_000, 240_000, 480_000]
    for (const [i, wait] of waits.entries()) {
      delivery.notify()
      await delivery.settled()
      const row = (await outboxRow(id))!
      expect(row).toMatchObject({ state: 'queued', attempts: i + 1 })
      expect(row.lastError).toMatch(/451 Greylisted/)
      expect(Date.parse(row.nextAttemptAt) - t.clock.now().getTime()).toBe(wait)
      // Not due yet: asking again sends nothing.
      delivery.notify()
      await delivery.settled()
      expect((await outboxRow(id))!.attempts).toBe(i + 1)
      t.clock.advance(wait)
    }
    delivery.notify()
    await delivery.settled()
    expect(await outboxRow(id)).toMatchObject({ state: 'failed', attempts: 5 })
    expect(smtp.refused).toBe(5)
    expect(failures).toEqual([false, false, false, false, true])
    t.clock.advance(86_400_000)
    delivery.notify()
    await delivery.settled()
    expect(smtp.refused).toBe(5)
  })

  it('sends on a later attempt once the server accepts again', async () => {
    smtp.refuseWith({ code: 421, message: 'Service busy' })
    const id = await queue()
    const delivery = startDelivery()
    delivery.notify()
    await delivery.settled()
    smtp.refuseWith(undefined)
    t.clock.advance(60_000)
    delivery.notify()
    await delivery.settled()
    expect(await outboxRow(id)).toMatchObject({ state: 'sent', attempts: 2, lastError: null })
    expect(smtp.messages).toHaveLength(1)
  })

  it('gives up at once on a permanent refusal (5xx)', async () => {
    smtp.refuseWith({ code: 550, message: 'No such mailbox' })
    const id = await queue()
    const delivery = startDelivery()
    delivery.notify()
    await delivery.settled()
    expect(await outboxRow(id)).toMatchObject({ state: 'failed', attempts: 1 })
    expect((await outboxRow(id))!.lastError).toMatch(/550 No such mailbox/)
  })

  it('retries when the server cannot be reached', async () => {
    const down = await startTestSmtpServer()
    await down.close()
    const id = await queue()
    const delivery = startDelivery(down.url)
    delivery.notify()
    await delivery.settled()
    const row = (await outboxRow(id))!
    expect(row).toMatchObject({ state: 'queued', attempts: 1 })
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i)
  })

  it('sends each message exactly once when notifications race, even across two workers', async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => queue({ to: `race${i}@example.org` })))
    const a = startDelivery()
    const b = startDelivery()
    for (let i = 0; i < 5; i++) {
      a.notify()
      b.notify()
    }
    await Promise.all([a.settled(), b.settled()])
    a.notify()
    b.notify()
    await Promise.all([a.settled(), b.settled()])
    const received = smtp.messages.map((m) => m.envelope.to[0]).sort()
    expect(received).toEqual(Array.from({ length: 12 }, (_, i) => `race${i}@example.org`).sort())
    for (const id of ids) expect(await outboxRow(id)).toMatchObject({ state: 'sent', attempts: 1 })
  })
})
