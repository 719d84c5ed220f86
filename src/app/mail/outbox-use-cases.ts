import { PlatformError } from '../../core/errors.js'
import type { PlatformPorts } from '../platform/ports.js'
import type { OutboxEntry } from './ports.js'

/** An organization's outgoing e-mail, for its admins (held messages are read here when there is no SMTP). */
export interface OutboxUseCases {
  /** The organization's messages, newest first, `limit` at a time; `next` is the `before` of the following page. */
  list(orgId: string, options: { limit: number; before?: string | undefined }): Promise<{ items: OutboxEntry[]; next?: string }>
  /** One of the organization's messages; ERR_NOT_FOUND otherwise (also another organization's). */
  message(orgId: string, id: string): Promise<OutboxEntry>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The outbox read queries bound to `ports`. */
export function outboxUseCases({ store }: Pick<PlatformPorts, 'store'>): OutboxUseCases {
  return {
    async list(orgId, { limit, before }) {
      const entries = await store.repos.outbox.listForOrg(orgId, { limit: limit + 1, before: before && UUID.test(before) ? before.toLowerCase() : undefined })
      const items = entries.slice(0, limit)
      const next = entries.length > limit ? items.at(-1)?.id : undefined
      return next ? { items, next } : { items }
    },
    async message(orgId, id) {
      const message = UUID.test(id) ? await store.repos.outbox.get(id.toLowerCase()) : undefined
      if (!message || message.orgId !== orgId) throw new PlatformError('ERR_NOT_FOUND', 'No such message in this organization’s outbox')
      return message
    },
  }
}
