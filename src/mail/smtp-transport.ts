import nodemailer from 'nodemailer'
import SMTPPool from 'nodemailer/lib/smtp-pool/index.js'
import { MailDeliveryError, type MailMessage, type MailTransport } from '../app/mail/ports.js'

/** A display name on one line: no CR/LF or other control characters reach a header. */
const displayName = (name: string): string =>
  Array.from(name, (ch) => (ch < ' ' || ch === '\u007f' ? ' ' : ch))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()

/**
 * The From header `"<name>" <address>`: the name quoted, its backslashes and double quotes escaped,
 * control characters folded to spaces. (nodemailer encodes non-ASCII names as RFC 2047 words.)
 */
export const fromHeader = (name: string, address: string): string => `"${displayName(name).replace(/["\\]/g, '\\$&')}" <${address}>`

/** Options for the SMTP connection besides the URL. */
export interface SmtpTransportOptions {
  /** Milliseconds to wait for the TCP connection and for the greeting (default 10 s each). */
  connectionTimeoutMs?: number
  /** Milliseconds of inactivity before the socket is dropped (default 60 s). */
  socketTimeoutMs?: number
}

/**
 * Mail over SMTP with nodemailer from an `smtp://` or `smtps://` URL (user and password in the URL;
 * STARTTLS is used when the server offers it). One pooled connection, reused between messages.
 */
export function createSmtpTransport(url: string, { connectionTimeoutMs = 10_000, socketTimeoutMs = 60_000 }: SmtpTransportOptions = {}): MailTransport {
  const pool = new SMTPPool({ url, pool: true, maxConnections: 1, maxMessages: 100, connectionTimeout: connectionTimeoutMs, greetingTimeout: connectionTimeoutMs, socketTimeout: socketTimeoutMs })
  const transporter = nodemailer.createTransport(pool)
  return {
    async send(message: MailMessage, fromAddress: string) {
      try {
        await transporter.sendMail({
          from: fromHeader(message.fromName, fromAddress),
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
        })
      } catch (err) {
        const code = (err as { responseCode?: unknown }).responseCode
        const reply = err instanceof Error ? err.message : String(err)
        // 5xx: the server refused for good (no such mailbox, policy); anything else may pass later.
        throw new MailDeliveryError(reply, { permanent: typeof code === 'number' && code >= 500 && code < 600, cause: err })
      }
    },
    close() {
      transporter.close()
    },
  }
}
