import { Hono, type Context } from 'hono'
import { accepts } from 'hono/accepts'
import { credentialUuid } from '../../app/credentials/credential-id.js'
import type { FetchLocal } from '../../app/credentials/ports.js'
import { DEFAULT_INPUT_LIMITS } from '../../core/credential/index.js'
import { PlatformError } from '../../core/errors.js'
import { publicViewer } from '../auth/viewer.js'
import '../context.js'
import { formKind, InputError, readBytes, readMultipart, readText, readUploadedBytes } from '../request.js'
import { clientIp, withRetryAfter } from '../auth/session-cookie.js'
import { MAX_INTAKE_BYTES, type IntakeInput } from '../../app/intake/index.js'
import { browserVerificationBody } from '../schemas/public-documents.js'
import { preparedResponse } from '../security-headers.js'

/** The largest report a browser sends after verifying on /verify (`{"verified":false}` is 18 bytes). */
const BROWSER_VERIFICATION_MAX_BYTES = 100

/** Media types a credential with an embedded proof is served as (VC 2.0's first, the default). */
const JSON_TYPES = ['application/vc', 'application/vc+ld+json', 'application/ld+json', 'application/json'] as const
/** Media types of a compact VC-JWT. */
const JWT_TYPES = ['application/vc+jwt', 'application/jwt'] as const
/** What the signed JSON route answers in, by the credential's format (the first is its default). */
const JSON_DOCUMENT_TYPES: string[] = [...JSON_TYPES, 'text/html']
const JWT_DOCUMENT_TYPES: string[] = [...JWT_TYPES, ...JSON_TYPES, 'text/html']

/** The CORS headers of public documents anyone may read from any origin (allowAnyOrigin's). */
const ANY_ORIGIN = Object.freeze({ 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin', Vary: 'Accept' })
/** A verification report's own headers (frozen: merged with the security headers once). */
const REPORT_HEADERS = Object.freeze({ ...ANY_ORIGIN, 'Cache-Control': 'no-store', 'Content-Type': 'application/json' })

/**
 * A report's JSON, serialised once per report object: a kept report is the same object on every
 * look it answers (reports are never changed once made), so its bytes are made once.
 */
const reportJson = new WeakMap<object, string>()
const jsonOfReport = (report: object): string => {
  let json = reportJson.get(report)
  if (json === undefined) {
    json = JSON.stringify(report)
    reportJson.set(report, json)
  }
  return json
}

/** Public documents anyone may read from any origin. */
function allowAnyOrigin(c: Context): void {
  c.header('Access-Control-Allow-Origin', '*')
  c.header('Cross-Origin-Resource-Policy', 'cross-origin')
  c.header('Vary', 'Accept')
}

/**
 * `GET /credentials/:id` (the UUID or the full `urn:uuid:` id): the signed OB 3.0 credential,
 * negotiated: `application/vc` (default), `application/vc+ld+json`, `application/ld+json`,
 * `application/json`; a VC-JWT credential as `application/vc+jwt` / `application/jwt` (its default);
 * `text/html` is sent to the page `/c/:id` (303). Revoked and suspended credentials still resolve.
 * The stored bytes are sent as they are, with a strong ETag (304 on a matching If-None-Match).
 */
async function credentialDocument(c: Context): Promise<Response> {
  const document = await c.get('platform').credentials.document(c.req.param('id') ?? '')
  const supports = document.format === 'jwt' ? JWT_DOCUMENT_TYPES : JSON_DOCUMENT_TYPES
  const type = accepts(c, { header: 'Accept', supports, default: supports[0]! })
  if (type === 'text/html') {
    allowAnyOrigin(c)
    return c.redirect(`/c/${credentialUuid(document.id)}`, 303)
  }
  const { body, etag } = document.format === 'jwt' && (JWT_TYPES as readonly string[]).includes(type) ? document.compact : document.json
  // Written out rather than spread from ANY_ORIGIN: object spreads cost microseconds on this path.
  const headers: Record<string, string> = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin', Vary: 'Accept', 'Cache-Control': 'public, max-age=300', ETag: etag }
  const match = c.req.header('if-none-match')
  if (match && match.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) return preparedResponse(c, null, 304, headers)
  headers['Content-Type'] = type
  return preparedResponse(c, body, 200, headers)
}

/**
 * What `POST /api/v1/verify` was sent, as intake reads it: a multipart upload (`file`, or the
 * fields `url` / `credential`), `{"url"}` or `{"credential": <object or JWT>}`, an image or PDF
 * body, or the credential itself (JSON or a compact JWS) as the body.
 */
export async function submittedInput(c: Context): Promise<IntakeInput> {
  const type = (c.req.header('content-type') ?? '').toLowerCase()
  if (formKind(c) === 'multipart') {
    const form = await readMultipart(c)
    if (form.file?.field === 'file' && form.file.fileName !== '') {
      const upload = await readUploadedBytes(c, { field: 'file', maxBytes: MAX_INTAKE_BYTES, what: 'The file' })
      if (!upload) throw new InputError([{ path: 'file', code: 'required', message: 'The file is empty' }])
      return { bytes: upload.bytes, filename: upload.fileName, contentType: upload.mimeType }
    }
    form.discard()
    const fields = form.fields
    if (fields.url?.trim()) return { url: fields.url }
    if (fields.credential?.trim()) return { text: fields.credential }
    throw new InputError([{ path: 'file', code: 'required', message: 'Send a file, a url or a credential field' }])
  }
  if (/^(image\/|application\/pdf|application\/octet-stream)/.test(type)) {
    return { bytes: await readBytes(c, { maxBytes: MAX_INTAKE_BYTES, what: 'The file' }) }
  }
  const text = await readText(c, { maxBytes: DEFAULT_INPUT_LIMITS.maxBytes, what: 'A credential' })
  if (text.trim() === '') throw new PlatformError('ERR_INPUT_INVALID', 'Send the credential as the request body: its JSON, or a compact VC-JWT; or {"url": …}; or upload a file')
  const trimmed = text.trim()
  if (trimmed.startsWith('{')) {
    let value: unknown
    try {
      value = JSON.parse(trimmed)
    } catch (err) {
      throw new PlatformError('ERR_JSON_PARSE', `The body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`)
    }
    const wrapper = wrapperOf(value)
    if (wrapper) return wrapper
  }
  return { text }
}

/** `{"url": …}` or `{"credential": …}` (and nothing else): what it asks for; undefined for a credential itself. */
function wrapperOf(value: unknown): IntakeInput | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const keys = Object.keys(value)
  const record = value as Record<string, unknown>
  if (keys.length !== 1) return undefined
  if (keys[0] === 'url') {
    if (typeof record.url !== 'string') throw new InputError([{ path: 'url', code: 'invalid_type', message: 'must be a string' }])
    return { url: record.url }
  }
  if (keys[0] === 'credential') {
    const credential = record.credential
    if (typeof credential === 'string') return { text: credential }
    if (typeof credential === 'object' && credential !== null && !Array.isArray(credential)) return { text: JSON.stringify(credential) }
    throw new InputError([{ path: 'credential', code: 'invalid_type', message: 'must be the credential: a JSON object, or a compact JWT as a string' }])
  }
  return undefined
}

/**
 * Public credential routes, no authentication and no session (mounted before it): the credential
 * document with content negotiation, `GET /api/v1/credentials/:id/verification` (its live
 * VerificationReport) and `POST /api/v1/verify` (a VerificationReport for any credential).
 */
export const publicCredentialRoutes = (): Hono =>
  new Hono()
    .get('/credentials/:id', credentialDocument)
    .on('OPTIONS', ['/credentials/:id', '/api/v1/credentials/:id/verification', '/api/v1/verify'], (c) => {
      allowAnyOrigin(c)
      c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
      c.header('Access-Control-Allow-Headers', 'Accept, Content-Type')
      c.header('Access-Control-Max-Age', '86400')
      return c.body(null, 204)
    })
    .get('/api/v1/credentials/:id/verification', async (c) => {
      const report = await c.get('platform').credentials.verify(c.req.param('id'), c.get('fetchLocal'), await publicViewer(c))
      return preparedResponse(c, jsonOfReport(report), 200, REPORT_HEADERS)
    })
    .post('/api/v1/verify', async (c) => {
      try {
        await c.get('platform').intake.limit(clientIp(c))
      } catch (err) {
        withRetryAfter(c, err)
      }
      const input = await submittedInput(c)
      const { report } = await c.get('platform').intake.inspect(input, { fetchLocal: c.get('fetchLocal'), viewer: await publicViewer(c) })
      allowAnyOrigin(c)
      c.header('Cache-Control', 'no-store')
      return c.json(report)
    })
    .post('/api/v1/credentials/:id/verifications', async (c) => {
      // Same origin only (no CORS): application/json cannot be sent cross-site without a preflight this route never answers.
      if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) throw new PlatformError('ERR_INPUT_INVALID', 'Send {"verified": true|false} as application/json')
      const text = await readText(c, { maxBytes: BROWSER_VERIFICATION_MAX_BYTES, what: 'The report' })
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch {
        throw new PlatformError('ERR_JSON_PARSE', 'The body is not valid JSON')
      }
      const parsed = browserVerificationBody.safeParse(value)
      if (!parsed.success) throw new InputError([{ path: 'verified', code: 'invalid_type', message: 'Send {"verified": true|false} and nothing else' }])
      let counted: { counted: boolean }
      try {
        counted = await c.get('platform').credentials.countBrowserVerification(c.req.param('id'), parsed.data.verified, clientIp(c), await publicViewer(c))
      } catch (err) {
        withRetryAfter(c, err)
      }
      c.header('Cache-Control', 'no-store')
      return c.json(counted, 202)
    })

/** How this instance's verifications reach its own URLs: `request` (the app's `app.request`), in-process, never over the network. */
export const localFetch =
  (request: (path: string, init?: RequestInit) => Response | Promise<Response>): FetchLocal =>
  async (path, init) =>
    request(path, init)
