// The instance's own e-mail (not tied to an organization: address confirmations, password resets)
// for the instance's administrators (EMBLEM_ADMIN_EMAILS). Without SMTP these messages are held in
// the outbox; this is where they can be read, so signing up works out of the box.
import { PlatformError } from '../../core/errors.js'
import type { PlatformPorts } from '../platform/ports.js'
import type { OutboxEntry } from './ports.js'

/** Where the instance's own e-mail goes, as the pages tell people truthfully. */
export type InstanceMailRoute =
  /** Sent over SMTP. */
  | 'email'
  /** Held in the outbox, readable by the instance's administrator at /admin/outbox. */
  | 'admin-outbox'
  /** Held, and printed to the server log (development, no administrator configured). */
  | 'server-log'
  /** Held where nobody can read it in the interface: no SMTP, no administrator, not development. */
  | 'held'

/** What an administrator may read: everything, or (address not confirmed yet) only messages to them. */
export type OutboxScope = 'all' | 'own'

/** The instance outbox read queries. */
export interface InstanceOutboxUseCases {
  /** Where the instance's own e-mail goes on this server. */
  readonly route: InstanceMailRoute
  /** The user's scope when they are an administrator, else undefined. */
  scopeOf(userId: string): Promise<OutboxScope | undefined>
  /**
   * The instance's messages, newest first, `limit` at a time; `next` is the `before` of the following
   * page. ERR_FORBIDDEN unless the user is an administrator; one whose address is not confirmed yet
   * sees only the messages sent to it (their own confirmation link), so a stranger who signed up
   * first with that address cannot read anyone else's mail.
   */
  list(userId: string, options: { limit: number; before?: string | undefined }): Promise<{ scope: OutboxScope; items: OutboxEntry[]; next?: string }>
  /** One instance message the administrator may read; ERR_NOT_FOUND otherwise. */
  message(userId: string, id: string): Promise<OutboxEntry>
}

/** The http(s) links of a message's text (confirmation and reset links), in order, each once. */
export const linksIn = (text: string): string[] => [...new Set([...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]))]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Where the instance's own mail goes, from the ports' facts. */
export const instanceMailRoute = ({ smtpConfigured, adminEmails = [], devMailLog = false }: Pick<PlatformPorts, 'smtpConfigured' | 'adminEmails' | 'devMailLog'>): InstanceMailRoute =>
  smtpConfigured ? 'email' : adminEmails.length > 0 ? 'admin-outbox' : devMailLog ? 'server-log' : 'held'

/** The instance outbox bound to `ports`. */
export function instanceOutboxUseCases(ports: Pick<PlatformPorts, 'store' | 'smtpConfigured' | 'adminEmails' | 'devMailLog'>): InstanceOutboxUseCases {
  const { store, adminEmails = [] } = ports
  const scopeOf = async (userId: string): Promise<{ scope: OutboxScope; email: string } | undefined> => {
    const user = await store.repos.accounts.userById(userId)
    if (!user || !adminEmails.includes(user.email.toLowerCase())) return undefined
    return { scope: user.emailVerifiedAt ? 'all' : 'own', email: user.email }
  }
  const requireAdmin = async (userId: string) => {
    const admin = await scopeOf(userId)
    if (!admin) throw new PlatformError('ERR_FORBIDDEN', 'Only the instance’s administrators (EMBLEM_ADMIN_EMAILS) can read the instance’s outbox')
    return admin
  }
  return {
    route: instanceMailRoute(ports),
    scopeOf: async (userId) => (await scopeOf(userId))?.scope,
    async list(userId, { limit, before }) {
      const { scope, email } = await requireAdmin(userId)
      const entries = await store.repos.outbox.listInstance({
        limit: limit + 1,
        before: before && UUID.test(before) ? before.toLowerCase() : undefined,
        to: scope === 'own' ? email : undefined,
      })
      const items = entries.slice(0, limit)
      const next = entries.length > limit ? items.at(-1)?.id : undefined
      return next ? { scope, items, next } : { scope, items }
    },
    async message(userId, id) {
      const { scope, email } = await requireAdmin(userId)
      const message = UUID.test(id) ? await store.repos.outbox.get(id.toLowerCase()) : undefined
      if (!message || message.orgId !== undefined || (scope === 'own' && message.to !== email)) throw new PlatformError('ERR_NOT_FOUND', 'No such message in the instance’s outbox')
      return message
    },
  }
}
