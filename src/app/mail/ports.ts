/** An e-mail to send: plain text and HTML bodies of the same message. */
export interface MailMessage {
  to: string
  /** The sender's display name (the organization's name, or "Emblem"); the address is EMBLEM_MAIL_FROM. */
  fromName: string
  subject: string
  text: string
  html: string
  /** The organization it is sent for (its admins can read it in the outbox); undefined for account mail. */
  orgId?: string | undefined
}

/** A message as the outbox keeps it. */
export interface OutboxEntry extends MailMessage {
  id: string
  state: 'queued' | 'sent' | 'failed' | 'held'
  attempts: number
  lastError: string | null
  /** When the delivery worker tries it next (queued messages). */
  nextAttemptAt: string
  createdAt: string
  sentAt: string | null
}

/** The e-mail outbox: the queue the delivery worker drains over SMTP, or where messages are held without SMTP. */
export interface OutboxRepo {
  /**
   * Queues a message (state 'queued' when SMTP is configured, else 'held') and returns its id.
   * Call it inside the transaction that made the message necessary, so neither exists without the other.
   */
  enqueue(message: MailMessage, options: { smtpConfigured: boolean; id: string }): Promise<string>
  /** Queues many messages at once (multi-row inserts), as `enqueue` does each: bulk issuance queues a chunk's e-mails in its transaction. */
  enqueueMany(messages: readonly { message: MailMessage; id: string }[], options: { smtpConfigured: boolean }): Promise<void>
  /** The organization's messages, newest first; `before` is the id of the last entry of the previous page. */
  listForOrg(orgId: string, options: { limit: number; before?: string | undefined }): Promise<OutboxEntry[]>
  /**
   * The instance's own messages (no organization: confirmations, resets), newest first, optionally
   * only those to `to`; `before` is the id of the last entry of the previous page.
   */
  listInstance(options: { limit: number; before?: string | undefined; to?: string | undefined }): Promise<OutboxEntry[]>
  get(id: string): Promise<OutboxEntry | undefined>
  /** Queued messages whose next attempt is at or before `now`, oldest first. */
  due(now: Date, limit: number): Promise<OutboxEntry[]>
  /**
   * Takes a due queued message for one delivery attempt by moving its next attempt to `leaseUntil`;
   * false when it is no longer due (another worker took it, or it was sent). Only the taker sends it.
   */
  claim(id: string, now: Date, leaseUntil: Date): Promise<boolean>
  /** Records a delivery: state 'sent', `sentAt` stamped, one more attempt counted. */
  markSent(id: string, at: Date): Promise<void>
  /** Records a failed attempt: retried at `nextAttemptAt`, or state 'failed' for good when it is null. */
  markFailed(id: string, error: string, nextAttemptAt: Date | null): Promise<void>
}

/** Sends one message over the wire (SMTP in production; implemented in src/mail/). */
export interface MailTransport {
  /**
   * Sends `message` from `fromAddress` (EMBLEM_MAIL_FROM) with `message.fromName` as the display
   * name. Rejects with MailDeliveryError; `permanent` says retrying cannot help (a 5xx reply).
   */
  send(message: MailMessage, fromAddress: string): Promise<void>
  /** Closes pooled connections. */
  close(): void
}

/** A failed send: the server's reply (or the connection error) and whether a retry could succeed. */
export class MailDeliveryError extends Error {
  override name = 'MailDeliveryError'
  readonly permanent: boolean
  constructor(message: string, { permanent, cause }: { permanent: boolean; cause?: unknown }) {
    super(message, { cause })
    this.permanent = permanent
  }
}
