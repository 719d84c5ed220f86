import { ACCOUNT_MAIL_FROM_NAME } from '../accounts/deps.js'
import { expiryReminderMessage } from '../mail/templates.js'
import type { PlatformPorts } from '../platform/ports.js'

/** Days before expiry when a wallet credential's owner is reminded: once each. */
export const REMINDER_THRESHOLDS = [30, 7] as const

/**
 * Queues the expiry reminders that are due (through the outbox): for each threshold, items expiring
 * within that many days whose owner wants reminders and who was not reminded at that threshold. A
 * credential already within 7 days gets only the 7-day reminder. Returns how many were queued.
 */
export async function sendExpiryReminders(ports: Pick<PlatformPorts, 'store' | 'clock' | 'random' | 'publicUrl' | 'smtpConfigured' | 'wake'>, { batch = 200 }: { batch?: number } = {}): Promise<number> {
  const now = ports.clock.now()
  let queued = 0
  for (const days of [...REMINDER_THRESHOLDS].sort((a, b) => a - b)) {
    const due = await ports.store.repos.walletItems.dueReminders(days, now, batch)
    for (const r of due) {
      const sent = await ports.store.transaction(async (tx) => {
        // The nearer threshold counts for the farther ones too: no 30-day reminder after the 7-day one.
        let first = false
        for (const d of REMINDER_THRESHOLDS) if (d >= days && (await tx.repos.walletItems.markReminded(r.itemId, d, now.toISOString())) && d === days) first = true
        if (!first) return false
        // The days actually left (the threshold is only when the reminder became due).
        const left = Math.max(1, Math.ceil((Date.parse(r.expiresAt) - now.getTime()) / 86_400_000))
        const content = expiryReminderMessage({ name: r.userName, achievementName: r.name, issuerName: r.issuerName, expiresAt: r.expiresAt, days: left, walletUrl: `${ports.publicUrl}/wallet/${r.itemId}` })
        await tx.repos.outbox.enqueue({ to: r.email, fromName: ACCOUNT_MAIL_FROM_NAME, ...content }, { smtpConfigured: ports.smtpConfigured, id: ports.random.uuid() })
        return true
      })
      if (sent) queued++
    }
  }
  if (queued > 0) ports.wake('mail')
  return queued
}
