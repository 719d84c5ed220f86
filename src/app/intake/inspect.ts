// Reading a credential out of whatever holds it — pasted text (JSON or a compact JWT), a file (JSON,
// a baked PNG or SVG of OB 3.0 or 2.0, a PDF certificate whose link or QR code leads to it), a URL
// (content negotiation, an HTML page's alternate link, an image, a hosted OB 2.0 assertion) — and
// verifying it: a VC through the submitted-credential verifier, an OB 2.0 assertion through ob2.ts.
import { createHash } from 'node:crypto'
import { PlatformError, isPlatformError, type ErrorCode } from '../../core/errors.js'
import type { VerificationReport } from '../../core/verification/index.js'
import { InputError, type InputIssueCode } from '../platform/input-error.js'
import type { MediaPort } from '../media/ports.js'
import { displayOf, type CredentialDisplay } from '../wallet/display.js'
import { isOb2Assertion, ob2PayloadOf, verifyOb2, type Ob2Found } from './ob2.js'
import { ob2Display } from './ob2-display.js'
import { MAX_FETCHED_BYTES, reachUrl, type Reach } from './reach.js'

/** The three kinds of credential intake tells apart. */
export type IntakeFormat = 'vc-json' | 'vc-jwt' | 'ob2'

/** What someone hands over: pasted text, a file's bytes, or a URL. */
export type IntakeInput = { text: string } | { bytes: Uint8Array; filename?: string | undefined; contentType?: string | undefined } | { url: string }

/** A credential read and verified. */
export interface Inspection {
  format: IntakeFormat
  /** The credential's text as received: JSON, a compact JWS, or (OB 2.0 hosted) the assertion's JSON as its URL served it. */
  document: string
  /** The parsed JSON, a VC-JWT's credential, or the OB 2.0 assertion. */
  credential: Record<string, unknown>
  credentialId?: string | undefined
  /** SHA-256 (hex) of `document`. */
  digest: string
  report: VerificationReport
  display: CredentialDisplay
}

/** What inspecting takes: reaching URLs, reading images and PDFs, the time, and the verifier of VCs. */
export interface InspectDeps extends Reach {
  media: Pick<MediaPort, 'readBaked' | 'pdfLinks'>
  now: Date
  verifyVc(text: string): Promise<VerificationReport>
}

/** The largest file or text intake reads. */
export const MAX_INTAKE_BYTES = MAX_FETCHED_BYTES
/** How many links intake follows from a URL (a page to its document, a certificate to its page, …). */
const MAX_HOPS = 4
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/
const ACCEPT = 'application/vc+ld+json, application/vc, application/ld+json;q=0.9, application/json;q=0.9, application/vc+jwt;q=0.8, application/jwt;q=0.8, image/png;q=0.6, image/svg+xml;q=0.6, application/pdf;q=0.5, text/html;q=0.4, */*;q=0.1'

/** Where the input came from, for the field an error belongs to. */
type Field = 'credential' | 'file' | 'url'

/** The credential text found, before verification. */
type Found = { kind: 'vc'; format: 'vc-json' | 'vc-jwt'; text: string } | { kind: 'ob2'; found: Ob2Found; document: string }

const refuse = (field: Field, code: InputIssueCode, message: string, errorCode: ErrorCode = 'ERR_INPUT_INVALID'): InputError =>
  new InputError([{ path: field, code, message }], { message, code: errorCode })

/** Reads and verifies a credential from any container; InputError (4xx) naming the field for input that holds none. */
export async function inspect(deps: InspectDeps, input: IntakeInput): Promise<Inspection> {
  const found = 'url' in input ? await fromUrl(deps, input.url.trim(), 0, 'url') : 'bytes' in input ? await fromBytes(deps, input.bytes, 0, 'file') : await fromText(deps, input.text, 0, 'credential')
  if (found.kind === 'vc') {
    const report = await deps.verifyVc(found.text)
    const credential = report.credential ?? {}
    return finish(found.format, found.text, credential, report, displayOf(credential))
  }
  const { report, badge, issuer } = await verifyOb2(deps, found.found, deps.now)
  return finish('ob2', found.document, found.found.assertion, report, ob2Display(found.found.assertion, badge, issuer))
}

function finish(format: IntakeFormat, document: string, credential: Record<string, unknown>, report: VerificationReport, display: CredentialDisplay): Inspection {
  const digest = createHash('sha256').update(document).digest('hex')
  const credentialId = typeof credential.id === 'string' ? credential.id : undefined
  return { format, document, credential, ...(credentialId ? { credentialId } : {}), digest, report, display }
}

async function fromText(deps: InspectDeps, raw: string, hops: number, field: Field): Promise<Found> {
  const text = raw.trim()
  if (text === '') throw refuse(field, 'required', field === 'file' ? 'The file is empty' : 'Paste a credential: its JSON, or a compact JWT')
  if (text.length > MAX_INTAKE_BYTES) throw refuse(field, 'too_large', `The credential is larger than ${MAX_INTAKE_BYTES} bytes`, 'ERR_INPUT_TOO_LARGE')
  if (/^https?:\/\/\S+$/i.test(text)) return fromUrl(deps, text, hops, field)
  if (COMPACT_JWS.test(text)) {
    const assertion = ob2PayloadOf(text)
    if (assertion) return { kind: 'ob2', found: { kind: 'jws', compact: text, assertion }, document: text }
    return { kind: 'vc', format: 'vc-jwt', text }
  }
  if (!text.startsWith('{')) throw refuse(field, 'invalid_format', field === 'file' ? 'The file is not a credential: not JSON, a JWT, a PNG, an SVG or a PDF' : 'This is not a credential: expected its JSON, a compact JWT or a URL')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw refuse(field, 'invalid_format', `The JSON cannot be read: ${err instanceof Error ? err.message : String(err)}`, 'ERR_JSON_PARSE')
  }
  if (isOb2Assertion(value)) return { kind: 'ob2', found: { kind: 'json', assertion: value, text }, document: text }
  return { kind: 'vc', format: 'vc-json', text }
}

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b)
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const PDF = [...'%PDF-'].map((c) => c.charCodeAt(0))

async function fromBytes(deps: InspectDeps, bytes: Uint8Array, hops: number, field: Field): Promise<Found> {
  if (bytes.byteLength === 0) throw refuse(field, 'required', 'The file is empty')
  if (bytes.byteLength > MAX_INTAKE_BYTES) throw refuse(field, 'too_large', `The file is larger than ${MAX_INTAKE_BYTES} bytes`, 'ERR_INPUT_TOO_LARGE')
  if (startsWith(bytes, PNG)) return fromBaked(deps, { type: 'png', bytes }, hops, field)
  if (startsWith(bytes, PDF)) return fromPdf(deps, bytes, hops, field)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    throw refuse(field, 'invalid_format', 'The file is not a credential: not JSON, a JWT, a PNG, an SVG or a PDF')
  }
  const head = text.trimStart().slice(0, 2048)
  if (head.startsWith('<') && /<svg[\s>]/i.test(text.slice(0, 64 * 1024))) return fromBaked(deps, { type: 'svg', text }, hops, field)
  if (head.startsWith('<')) throw refuse(field, 'invalid_format', 'The file is HTML or XML, not a credential or a badge image')
  return fromText(deps, text, hops, field)
}

async function fromBaked(deps: InspectDeps, image: { type: 'png'; bytes: Uint8Array } | { type: 'svg'; text: string }, hops: number, field: Field): Promise<Found> {
  const label = image.type.toUpperCase()
  let baked
  try {
    baked = deps.media.readBaked(image)
  } catch (err) {
    throw refuse(field, 'invalid_format', `The ${label} cannot be read: ${err instanceof Error ? err.message : String(err)}`, 'ERR_IMAGE_INVALID')
  }
  if (!baked) throw refuse(field, 'invalid', `No credential is baked into this ${label} image`, 'ERR_IMAGE_INVALID')
  if (baked.standard === 'ob3') return fromText(deps, baked.text, hops, field)
  const text = baked.text
  if (/^https?:\/\//i.test(text)) return fromUrl(deps, text, hops, field)
  if (COMPACT_JWS.test(text)) {
    const assertion = ob2PayloadOf(text)
    if (!assertion) throw refuse(field, 'invalid', `The ${label} carries a signed badge whose payload is not an Open Badges 2.0 assertion`, 'ERR_IMAGE_INVALID')
    return { kind: 'ob2', found: { kind: 'jws', compact: text, assertion }, document: text }
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw refuse(field, 'invalid', `The ${label} carries Open Badges 2.0 data that is not JSON, a URL or a JWS`, 'ERR_IMAGE_INVALID')
  }
  if (!isOb2Assertion(value)) throw refuse(field, 'invalid', `The ${label} carries JSON that is not an Open Badges assertion`, 'ERR_IMAGE_INVALID')
  // A baked 2.0 assertion is verified against its hosted copy (when it is hosted); the document kept is what was baked.
  return { kind: 'ob2', found: { kind: 'json', assertion: value, text }, document: text }
}

async function fromPdf(deps: InspectDeps, bytes: Uint8Array, hops: number, field: Field): Promise<Found> {
  let links: string[]
  try {
    links = await deps.media.pdfLinks(bytes)
  } catch (err) {
    throw refuse(field, 'invalid_format', err instanceof Error ? err.message : 'The PDF cannot be read')
  }
  if (links.length === 0) throw refuse(field, 'invalid', 'This PDF has no verification link or QR code')
  let last: unknown
  for (const link of links.slice(0, 5)) {
    try {
      return await fromUrl(deps, link, hops, field)
    } catch (err) {
      last = err
    }
  }
  const why = last instanceof Error ? last.message : 'none of its links leads to a credential'
  throw refuse(field, 'invalid', `The PDF’s links lead to no credential (${why})`)
}

async function fromUrl(deps: InspectDeps, url: string, hops: number, field: Field): Promise<Found> {
  if (hops >= MAX_HOPS) throw refuse(field, 'invalid', 'Too many links to follow before reaching a credential')
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw refuse(field, 'invalid_url', 'Enter a full URL, starting with https://')
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw refuse(field, 'invalid_url', 'Enter a web address (https://…)')
  let res
  try {
    res = await reachUrl(deps, parsed.href, ACCEPT)
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    if (isPlatformError(err, 'ERR_FETCH_BLOCKED')) throw refuse(field, 'invalid_url', `This address cannot be fetched: ${reason}`, 'ERR_FETCH_BLOCKED')
    throw refuse(field, 'invalid_url', `The address could not be reached: ${reason}`)
  }
  if (res.status !== 200) throw refuse(field, 'invalid_url', `${parsed.href} answered HTTP ${res.status}`)
  const type = (res.contentType ?? '').split(';')[0]!.trim().toLowerCase()
  if (type === 'text/html' || type === 'application/xhtml+xml') {
    const html = new TextDecoder().decode(res.body)
    const alternate = alternateOf(html, res.url)
    if (!alternate) throw refuse(field, 'invalid', 'The page links to no credential (no <link rel="alternate"> to its JSON)')
    return fromUrl(deps, alternate, hops + 1, field)
  }
  return fromBytes(deps, res.body, hops + 1, field)
}

const ALTERNATE_TYPES = ['application/vc', 'application/vc+ld+json', 'application/ld+json', 'application/json', 'application/vc+jwt']

/** The href of an HTML page's `<link rel="alternate">` to a credential document, resolved against the page's URL. */
export function alternateOf(html: string, base: string): string | undefined {
  for (const [tag] of html.slice(0, 512 * 1024).matchAll(/<link\b[^>]*>/gi)) {
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(1).find((v) => v !== undefined)
    const rel = attr('rel')?.toLowerCase().split(/\s+/) ?? []
    const type = attr('type')?.toLowerCase().split(';')[0]?.trim()
    const href = attr('href')
    if (!rel.includes('alternate') || !href || !type || !ALTERNATE_TYPES.includes(type)) continue
    try {
      return new URL(href.replace(/&amp;/g, '&'), base).href
    } catch {
      continue
    }
  }
  return undefined
}

/** Whether an error is intake's own refusal of the input (a 4xx), as opposed to a failure of this instance. */
export const isInputRefusal = (err: unknown): err is PlatformError => err instanceof InputError
