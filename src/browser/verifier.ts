// The browser's composition root for /verify: core's verifyCredential, unchanged, wired to what a
// browser has. Documents (DID documents, status lists, the log's key and inclusion proofs) are
// fetched by the browser itself — this instance's over its own origin, others' directly (CORS
// permitting); trust in the issuer is asked of this instance's public GET /api/v1/trust, the one
// thing that needs the server's lists. Node's crypto, zlib and module are replaced at bundle time
// (./node/, see src/web/kit/assets.ts), so core carries no browser special case.
//
// Anything the browser cannot check the same way the server does is answered `{ checkedIn: 'server' }`
// with the reason, and the page sends that input to the server instead: PDF certificates, Open
// Badges 2.0 assertions, CLR 2.0 records (the server lists each credential they hold), input that is not a credential (the server names the field's error), a
// URL the browser cannot read (CORS), and a credential of this instance whose log entry awaits its checkpoint.
import { verdictOf, type Verdict } from '../app/credentials/verdict.js'
import { localPathOf } from '../app/credentials/instance-fetcher.js'
import { isLocalDid, replaceCheck } from '../app/credentials/verify-local.js'
import { alternateOf } from '../app/intake/inspect.js'
import { isOb2Assertion, ob2PayloadOf } from '../app/intake/ob2.js'
import { trustSubjectOf, withTrustVerdict, type TrustVerdict, type TrustedReport } from '../app/trust/trust-check.js'
import { displayOf, type CredentialDisplay } from '../app/wallet/display.js'
import { isClrCredential } from '../core/clr/index.js'
import { verifyCredential, type DocumentFetcher, type VerificationReport } from '../core/verification/index.js'
import type { LogInclusionSource } from '../core/verification/check-log-inclusion.js'
import { readBakedPng, readBakedSvg } from '../media/baked-reading.js'

/** What the page hands over: pasted text, a dropped or chosen file's bytes, or a URL. */
export type BrowserInput = { text: string } | { bytes: Uint8Array } | { url: string }

/** Why an input goes to the server instead. */
export type ServerReason = 'pdf' | 'ob2' | 'not-credential' | 'unreachable' | 'log-pending' | 'trust-unavailable' | 'failed' | 'clr'

/** The browser's answer: a verification it made, or the reason the server must make it. */
export type BrowserOutcome =
  | {
      checkedIn: 'browser'
      verdict: Verdict
      report: TrustedReport
      display: CredentialDisplay
      format: 'vc-json' | 'vc-jwt'
      checkedAt: Date
      /**
       * Set for a credential this instance issued: its id, and whether this verification still needs
       * reporting (POST /api/v1/credentials/{id}/verifications) so its issuer counts it — false when
       * the browser already asked the server for the issuer's record, which counted it.
       */
      hosted?: { id: string; report: boolean }
    }
  | { checkedIn: 'server'; reason: ServerReason; detail?: string }

/** Where the page runs: this instance's public URL (its own documents are fetched from there). */
export interface BrowserEnv {
  publicUrl: string
  now?: Date
  fetch?: typeof fetch
}

const ACCEPT = 'application/did+json, application/vc, application/vc+ld+json, application/ld+json, application/json'
const CREDENTIAL_ACCEPT = 'application/vc+ld+json, application/vc, application/ld+json;q=0.9, application/json;q=0.9, application/vc+jwt;q=0.8, application/jwt;q=0.8, image/png;q=0.6, image/svg+xml;q=0.6'
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/
const MAX_BYTES = 2 * 1024 * 1024

class ToServer extends Error {
  constructor(
    readonly reason: ServerReason,
    detail?: string,
  ) {
    super(detail ?? reason)
  }
}

/** This instance's URL for `url` when it is one of its own (did:web resolves over https; the instance may be on http), else `url`. */
function targetOf(publicUrl: string, url: string): string {
  const path = localPathOf(publicUrl, url)
  return path === undefined ? url : `${publicUrl.replace(/\/+$/, '')}${path}`
}

/** Verifies `input` in this browser, or says why the server must. Never throws. */
export async function verifyInBrowser(input: BrowserInput, env: BrowserEnv): Promise<BrowserOutcome> {
  try {
    const found = await credentialText(input, env, 0)
    return await verifyText(found, env)
  } catch (err) {
    if (err instanceof ToServer) return { checkedIn: 'server', reason: err.reason, detail: err.message }
    return { checkedIn: 'server', reason: 'failed', detail: err instanceof Error ? err.message : String(err) }
  }
}

type Found = { format: 'vc-json' | 'vc-jwt'; text: string }

async function credentialText(input: BrowserInput, env: BrowserEnv, hops: number): Promise<Found> {
  if ('url' in input) return fromUrl(input.url.trim(), env, hops)
  if ('bytes' in input) return fromBytes(input.bytes, env, hops)
  return fromText(input.text, env, hops)
}

async function fromText(raw: string, env: BrowserEnv, hops: number): Promise<Found> {
  const text = raw.trim()
  if (text === '' || text.length > MAX_BYTES) throw new ToServer('not-credential')
  if (/^https?:\/\/\S+$/i.test(text)) return fromUrl(text, env, hops)
  if (COMPACT_JWS.test(text)) {
    if (ob2PayloadOf(text)) throw new ToServer('ob2')
    return { format: 'vc-jwt', text }
  }
  if (!text.startsWith('{')) throw new ToServer('not-credential')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new ToServer('not-credential')
  }
  if (isOb2Assertion(value)) throw new ToServer('ob2')
  // A CLR's page lists every credential it holds with its own checks: the server draws that.
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && isClrCredential(value as Record<string, unknown>)) throw new ToServer('clr')
  return { format: 'vc-json', text }
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b)
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]

async function fromBytes(bytes: Uint8Array, env: BrowserEnv, hops: number): Promise<Found> {
  if (bytes.byteLength === 0 || bytes.byteLength > MAX_BYTES) throw new ToServer('not-credential')
  if (startsWith(bytes, PDF)) throw new ToServer('pdf')
  if (startsWith(bytes, PNG)) return fromBaked(() => readBakedPng(bytes), env, hops)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    throw new ToServer('not-credential')
  }
  if (text.trimStart().startsWith('<')) return fromBaked(() => readBakedSvg(text), env, hops)
  return fromText(text, env, hops)
}

async function fromBaked(read: () => { standard: 'ob3' | 'ob2'; text: string } | undefined, env: BrowserEnv, hops: number): Promise<Found> {
  let baked
  try {
    baked = read()
  } catch {
    throw new ToServer('not-credential')
  }
  if (!baked) throw new ToServer('not-credential')
  if (baked.standard === 'ob2') throw new ToServer('ob2')
  return fromText(baked.text, env, hops)
}

async function fromUrl(url: string, env: BrowserEnv, hops: number): Promise<Found> {
  if (hops >= 4) throw new ToServer('unreachable')
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new ToServer('not-credential')
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ToServer('not-credential')
  let res: Response
  try {
    res = await (env.fetch ?? fetch)(targetOf(env.publicUrl, parsed.href), { headers: { accept: CREDENTIAL_ACCEPT }, credentials: 'omit', redirect: 'follow' })
  } catch (err) {
    // Most often CORS: the other host does not let pages read its documents. The server can.
    throw new ToServer('unreachable', err instanceof Error ? err.message : String(err))
  }
  if (res.status !== 200) throw new ToServer('unreachable', `${parsed.href} answered HTTP ${res.status}`)
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  // A credential's page leads to its document through <link rel="alternate">, as the server follows it.
  if (type === 'text/html' || type === 'application/xhtml+xml') {
    const alternate = alternateOf(await res.text(), res.url || parsed.href)
    if (!alternate) throw new ToServer('unreachable', 'an HTML page that links to no credential')
    return fromUrl(alternate, env, hops + 1)
  }
  return fromBytes(new Uint8Array(await res.arrayBuffer()), env, hops + 1)
}

/** A fetcher of JSON documents for core: this instance's own over its public URL, others' directly. */
function browserFetcher(env: BrowserEnv): DocumentFetcher {
  return async (url) => {
    const res = await (env.fetch ?? fetch)(targetOf(env.publicUrl, url), { headers: { accept: ACCEPT }, credentials: 'omit', redirect: 'follow' })
    if (res.status !== 200) throw new Error(`${url} answered HTTP ${res.status}`)
    try {
      return (await res.json()) as unknown
    } catch {
      throw new Error(`${url} did not return JSON`)
    }
  }
}

/** This instance's log as the browser reaches it: its checkpoint key, and inclusion proofs for its own organizations' credentials. */
async function instanceLog(env: BrowserEnv): Promise<LogInclusionSource | undefined> {
  const base = env.publicUrl.replace(/\/+$/, '')
  const res = await (env.fetch ?? fetch)(`${base}/log/key`, { credentials: 'omit' }).catch(() => undefined)
  if (res?.status !== 200) return undefined
  const key = (await res.text()).trim()
  return { verifierKeys: [key], remoteLogOf: (issuer) => (isLocalDid(env.publicUrl, issuer) ? `${base}/log` : undefined) }
}

async function trustOf(env: BrowserEnv, issuerId: string): Promise<TrustVerdict> {
  const base = env.publicUrl.replace(/\/+$/, '')
  const res = await (env.fetch ?? fetch)(`${base}/api/v1/trust?issuer=${encodeURIComponent(issuerId)}`, { credentials: 'omit' }).catch(() => undefined)
  if (res?.status !== 200) throw new ToServer('trust-unavailable')
  const body = (await res.json()) as { trusted?: unknown; list?: unknown }
  return { trusted: body.trusted === true, ...(typeof body.list === 'string' ? { list: body.list } : {}) }
}

/**
 * A credential of this instance that carries its revocation entry only (the organization's choice):
 * a suspension is then the issuer's own record, which no status list shows. The browser asks this
 * instance's public GET /api/v1/credentials/{id}/verification, by the credential's id alone, and
 * takes its status check when the issuer suspended it: the verdict then matches the server's. That
 * request is counted as a verification for the issuer, as the server's would be.
 */
async function withIssuerRecord(env: BrowserEnv, report: VerificationReport, issuerId: string, asked: Set<string>): Promise<VerificationReport> {
  const credential = report.credential ?? {}
  const status = report.checks.find((c) => c.id === 'status')
  const entries = (Array.isArray(credential.credentialStatus) ? credential.credentialStatus : [credential.credentialStatus]) as unknown[]
  const suspensionListed = entries.some((e) => typeof e === 'object' && e !== null && (e as { statusPurpose?: unknown }).statusPurpose === 'suspension')
  if (!isLocalDid(env.publicUrl, issuerId) || typeof credential.id !== 'string' || status?.outcome !== 'passed' || suspensionListed) return report
  const base = env.publicUrl.replace(/\/+$/, '')
  const res = await (env.fetch ?? fetch)(`${base}/api/v1/credentials/${encodeURIComponent(credential.id)}/verification`, { credentials: 'omit', headers: { accept: 'application/json' } }).catch(() => undefined)
  if (res?.status !== 200) throw new ToServer('failed', 'the issuer’s record of this credential could not be read')
  asked.add(credential.id)
  const hosted = (await res.json()) as { checks?: Array<{ id?: unknown; outcome?: unknown; code?: unknown; message?: unknown }> }
  const recorded = hosted.checks?.find((c) => c.id === 'status')
  if (recorded?.outcome !== 'failed' || recorded.code !== 'CREDENTIAL_SUSPENDED') return report
  return replaceCheck(report, { id: 'status', outcome: 'failed', code: 'CREDENTIAL_SUSPENDED', message: typeof recorded.message === 'string' ? recorded.message : 'The issuer has suspended this credential' })
}

async function verifyText(found: Found, env: BrowserEnv): Promise<BrowserOutcome> {
  const now = env.now ?? new Date()
  const log = await instanceLog(env)
  let report: VerificationReport = await verifyCredential(found.text, { now, fetcher: browserFetcher(env), ...(log ? { log } : {}) })
  if (!log) report = replaceCheck(report, { id: 'log-inclusion', outcome: 'skipped', message: 'This instance publishes no transparency log' })
  const logCheck = report.checks.find((c) => c.id === 'log-inclusion')
  // This instance's log answers 404 for a credential no signed checkpoint covers yet (seconds after
  // issuance): only the server can tell that apart from one it never logged.
  if (logCheck?.outcome === 'failed' && logCheck.code === 'LOG_RETRIEVAL_ERROR') throw new ToServer('log-pending', logCheck.message)
  const issuerId = trustSubjectOf(report)
  const asked = new Set<string>()
  if (issuerId !== undefined) report = await withIssuerRecord(env, report, issuerId, asked)
  const trusted = withTrustVerdict(report, issuerId === undefined ? undefined : await trustOf(env, issuerId))
  const credential = trusted.credential ?? {}
  const hosted = issuerId !== undefined && isLocalDid(env.publicUrl, issuerId) && typeof credential.id === 'string' && /^urn:uuid:[0-9a-f-]{36}$/i.test(credential.id) ? { id: credential.id, report: !asked.has(credential.id) } : undefined
  return { checkedIn: 'browser', verdict: verdictOf(trusted), report: trusted, display: displayOf(credential), format: found.format, checkedAt: now, ...(hosted ? { hosted } : {}) }
}
