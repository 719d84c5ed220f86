// Queuing webhook events: called inside the transaction that made them happen (issuing, a status
// change, a claim, a batch's end, counted verifications), so an event is queued exactly when its
// cause is committed, and delivery happens later in the worker, never in the issuing request.
import type { PlatformRepos } from '../platform/ports.js'
import type { WebhookEvent } from './ports.js'

/** How long a delivery is retried (Standard Webhooks: exponential backoff for up to 3 days). */
export const RETRY_WINDOW_MS = 3 * 24 * 60 * 60 * 1000

/** Queues `events` of `orgId` for its subscribed, enabled endpoints through `repos` (a transaction's). */
export async function queueWebhookEvents(repos: Pick<PlatformRepos, 'webhooks'>, orgId: string, events: readonly WebhookEvent[], now: Date): Promise<number> {
  if (events.length === 0) return 0
  return repos.webhooks.enqueue(orgId, events, now, new Date(now.getTime() + RETRY_WINDOW_MS))
}

/** The `data` of a credential event: what a receiver needs to look the credential up, no more. */
export function credentialEventData(
  publicUrl: string,
  c: { credentialId: string; achievementId: string; recipientEmail?: string | undefined; batchId?: string | null | undefined },
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const uuid = c.credentialId.replace(/^urn:uuid:/i, '')
  return {
    credentialId: c.credentialId,
    achievementId: c.achievementId,
    ...(c.recipientEmail !== undefined ? { recipientEmail: c.recipientEmail } : {}),
    ...(c.batchId ? { batchId: c.batchId } : {}),
    url: `${publicUrl}/c/${uuid}`,
    ...extra,
  }
}
