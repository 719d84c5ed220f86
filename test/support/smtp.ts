// A local SMTP server for tests (smtp-server on 127.0.0.1, a free port, no auth, no TLS) that keeps
// every message it accepts, parsed just enough to assert on: headers (unfolded, RFC 2047 decoded),
// the text and HTML parts (quoted-printable and base64 decoded). It can be told to refuse messages.
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** A message the server accepted. */
export interface ReceivedMail {
  /** The envelope sender and recipients (MAIL FROM, RCPT TO). */
  envelope: { from: string; to: string[] }
  /** The message as sent, CRLF line ends. */
  raw: string
  /** Header values by lower-case name (the first of repeated ones), unfolded and decoded. */
  headers: Record<string, string>
  subject: string
  /** The From header, decoded: `"Name" <address>` or `Name <address>`. */
  from: string
  to: string
  text: string
  html: string | undefined
}

/** A running test server. */
export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>` (plain, no auth: pass it as EMBLEM_SMTP_URL). */
  url: string
  port: number
  /** Every accepted message, in order. */
  messages: ReceivedMail[]
  /** How many DATA commands it refused. */
  refused: number
  /** Resolves with the first accepted message (already received or yet to come) that matches; rejects after `timeoutMs`. */
  waitFor(predicate?: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>
  /** From now on refuse every message with this SMTP reply (e.g. 451 or 550), or accept again with undefined. */
  refuseWith(reply: { code: number; message: string } | undefined): void
  close(): Promise<void>
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = []
  const waiters: { predicate: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }[] = []
  let refusal: { code: number; message: string } | undefined
  let refused = 0

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (refusal) {
          refused += 1
          const err = Object.assign(new Error(refusal.message), { responseCode: refusal.code })
          return callback(err)
        }
        const raw = Buffer.concat(chunks).toString('utf8')
        const mail = parseMail(raw, {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        })
        messages.push(mail)
        for (const waiter of [...waiters]) {
          if (waiter.predicate(mail)) {
            waiters.splice(waiters.indexOf(waiter), 1)
            waiter.resolve(mail)
          }
        }
        callback()
      })
    },
  })
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port))
  })

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    get refused() {
      return refused
    },
    waitFor(predicate = () => true, timeoutMs = 5000) {
      const found = messages.find(predicate)
      if (found) return Promise.resolve(found)
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (m: ReceivedMail) => {
            clearTimeout(timer)
            resolve(m)
          },
        }
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1)
          reject(new Error(`No matching message within ${timeoutMs} ms (${messages.length} received)`))
        }, timeoutMs)
        waiters.push(waiter)
      })
    },
    refuseWith(reply) {
      refusal = reply
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Splits a MIME entity into its unfolded headers and body. */
function splitEntity(entity: string): { headers: Record<string, string>; body: string } {
  const at = entity.indexOf('\r\n\r\n')
  const head = at === -1 ? entity : entity.slice(0, at)
  const body = at === -1 ? '' : entity.slice(at + 4)
  const headers: Record<string, string> = {}
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    headers[name] ??= line.slice(colon + 1).trim()
  }
  return { headers, body }
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`); whitespace between two of them goes. */
export function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    )
}

/** Decodes a body by its Content-Transfer-Encoding. */
function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    case 'quoted-printable':
      return Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
    default:
      return body
  }
}

/** The text/plain and text/html parts of an entity, descending into multiparts. */
function bodies(headers: Record<string, string>, body: string): { text?: string; html?: string } {
  const type = headers['content-type'] ?? 'text/plain'
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1]
  if (/^multipart\//i.test(type) && boundary) {
    const found: { text?: string; html?: string } = {}
    const parts = body.split(`--${boundary}`).slice(1)
    for (const part of parts) {
      if (part.startsWith('--')) break
      const entity = splitEntity(part.replace(/^\r\n/, ''))
      const inner = bodies(entity.headers, entity.body.replace(/\r\n$/, ''))
      found.text ??= inner.text
      found.html ??= inner.html
    }
    return found
  }
  const decoded = decodeBody(body, headers['content-transfer-encoding'])
  return /^text\/html/i.test(type) ? { html: decoded } : { text: decoded }
}

/** Parses what the server received, minimally (enough for tests). */
export function parseMail(raw: string, envelope: { from: string; to: string[] }): ReceivedMail {
  const { headers, body } = splitEntity(raw)
  const decoded = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, /^content-/.test(k) ? v : decodeWords(v)]))
  const parts = bodies(headers, body)
  return {
    envelope,
    raw,
    headers: decoded,
    subject: decoded['subject'] ?? '',
    from: decoded['from'] ?? '',
    to: decoded['to'] ?? '',
    text: parts.text ?? '',
    html: parts.html,
  }
}
