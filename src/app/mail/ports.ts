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
}
