// The expiry reminder worker over a real store with a fixed clock: it queues the reminders that are
// due when it starts and when notified, each once, through the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startExpiryReminders } from '../../src/jobs/expiry-reminders.js'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'

const DAY = 86_400_000

describe('the expiry reminder worker', () => {
  let t: TestPlatform
  beforeAll(async () => {
    t = await startTestPlatform()
  })
  afterAll(() => t.close())

  it('queues a due reminder once, at start and not again after a notify', async () => {
    const learner = await t.seedUser({ email: 'worker-learner@example.org', name: 'Wanda Worker' })
    await t.platform.wallet.addImported(learner.userId, {
      format: 'vc-json',
      document: '{"id":"urn:uuid:worker-badge"}',
      verified: true,
      report: { verified: true, checks: [] },
      display: { name: 'Worker Badge', issuer: { name: 'Worker College' }, expiresAt: new Date(t.clock.now().getTime() + 6 * DAY).toISOString(), skills: [] },
    })
    const errors: unknown[] = []
    const worker = startExpiryReminders({ platform: t.ports, intervalMs: 60_000, onError: (err) => errors.push(err) })
    await worker.settled()
    worker.notify()
    await worker.settled()
    await worker.stop()
    const mail = await t.store.db.selectFrom('outbox').select(['subject', 'text', 'state']).where('to_address', '=', 'worker-learner@example.org').execute()
    expect(mail).toHaveLength(1)
    expect(mail[0]!.subject).toBe('"Worker Badge" expires in 6 days')
    expect(mail[0]!.text).toContain('Hello Wanda Worker,')
    expect(mail[0]!.text).toContain('Worker College')
    expect(mail[0]!.state).toBe('held')
    expect(errors).toEqual([])
  })
})
