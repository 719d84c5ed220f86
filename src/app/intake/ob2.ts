// Open Badges 2.0 assertions, hosted and signed, verified as the OB 2.0 specification describes:
// a hosted assertion must be identical at its own URL, on its issuer's origin; a signed one's JWS
// must verify with the issuer's CryptographicKey (RS256 / ES256); then the badge class and the
// issuer are fetched, revocation (the assertion's `revoked`, the issuer's revocationList), expiry
// and the recipient's identity checked. The result is a VerificationReport like any credential's.
// https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html#Verification
import { compactVerify, decodeProtectedHeader, importSPKI } from 'jose'
import { jcs } from '../../core/canonical/index.js'
import { decodeBase64url } from '../../core/encoding/index.js'
import type { Check, VerificationReport } from '../../core/verification/index.js'
import { reachJson, type Reach } from './reach.js'

type Json = Record<string, unknown>

/** An OB 2.0 assertion as found: its JSON (embedded, hosted, or the payload of a signed one), where it came from. */
export type Ob2Found = { kind: 'json'; assertion: Json; text: string } | { kind: 'jws'; compact: string; assertion: Json }

/** What OB 2.0 verification found: the report, and the badge class and issuer it fetched (for display). */
export interface Ob2Result {
  report: VerificationReport
  badge?: Json | undefined
  issuer?: Json | undefined
}

const OB2_CONTEXT = /^https?:\/\/w3id\.org\/openbadges\/v2\/?$|^https:\/\/openbadgespec\.org\/v2\/context\.json$/
const JWS_ALGS = ['RS256', 'ES256', 'RS384', 'RS512', 'ES384'] as const
const SKEW_MS = 300_000

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value])
const typesOf = (value: Json): string[] => asArray(value.type).filter((t): t is string => typeof t === 'string')

/** Whether `value` looks like an OB 2.0 assertion (its context, or type Assertion with a recipient and a badge). */
export function isOb2Assertion(value: unknown): value is Json {
  if (!isObject(value)) return false
  if (asArray(value['@context']).some((c) => typeof c === 'string' && OB2_CONTEXT.test(c))) return true
  return typesOf(value).includes('Assertion') && 'recipient' in value && 'badge' in value
}

/** The payload of a compact JWS when it is an OB 2.0 assertion, else undefined. */
export function ob2PayloadOf(compact: string): Json | undefined {
  const payload = compact.split('.')[1] ?? ''
  try {
    const value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(decodeBase64url(payload))) as unknown
    return isOb2Assertion(value) ? value : undefined
  } catch {
    return undefined
  }
}

const passed = (id: Check['id'], message: string): Check => ({ id, outcome: 'passed', message })
const failed = (id: Check['id'], code: NonNullable<Check['code']>, message: string): Check => ({ id, outcome: 'failed', code, message })
const skipped = (id: Check['id'], message: string): Check => ({ id, outcome: 'skipped', message })
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err))

/** Verifies an OB 2.0 assertion (never throws: every problem is a failed check). */
export async function verifyOb2(reach: Reach, found: Ob2Found, now: Date): Promise<Ob2Result> {
  const checks: Check[] = []
  const assertion = found.assertion
  const finish = (extra: Partial<Ob2Result> = {}): Ob2Result => {
    const verified = checks.every((c) => c.outcome !== 'failed') && checks.some((c) => c.id === 'proof' && c.outcome === 'passed')
    return { report: { verified, credential: assertion, checks }, ...extra }
  }
  checks.push(passed('parse', found.kind === 'jws' ? 'Open Badges 2.0 signed assertion (compact JWS)' : 'Open Badges 2.0 assertion (JSON)'))

  // schema: what every assertion must have
  const problems: string[] = []
  if (typeof assertion.id !== 'string') problems.push('has no id')
  if (!isObject(assertion.recipient)) problems.push('has no recipient')
  if (!(typeof assertion.badge === 'string' || isObject(assertion.badge))) problems.push('has no badge')
  if (!isObject(assertion.verification)) problems.push('has no verification')
  if (typeof assertion.issuedOn !== 'string' || Number.isNaN(Date.parse(assertion.issuedOn))) problems.push('has no valid issuedOn date')
  if (problems.length > 0) {
    checks.push(failed('schema', 'OB2_INVALID', `The assertion ${problems.join(', ')}`))
    return finish()
  }
  checks.push(passed('schema', 'An Open Badges 2.0 Assertion with a recipient, a badge, a verification method and an issue date'))
  const verification = assertion.verification as Json
  const method = String(verification.type ?? '').toLowerCase()
  const id = assertion.id as string

  // badge class and issuer (needed by the proof of a signed assertion and by the issuer check)
  let badge: Json | undefined
  let issuer: Json | undefined
  let documentsError: string | undefined
  try {
    badge = isObject(assertion.badge) ? assertion.badge : await fetchObject(reach, assertion.badge as string)
    issuer = isObject(badge.issuer) ? badge.issuer : typeof badge.issuer === 'string' ? await fetchObject(reach, badge.issuer) : undefined
    if (!issuer) documentsError = 'The badge class names no issuer'
  } catch (err) {
    documentsError = errorText(err)
  }

  // proof
  if (found.kind === 'jws' || method === 'signed' || method === 'signedbadge') {
    checks.push(found.kind === 'jws' ? await checkSigned(reach, found.compact, verification, issuer) : failed('proof', 'OB2_SIGNATURE_INVALID', 'The assertion says it is signed, but this copy is plain JSON: give the signed (JWS) form'))
  } else if (method === 'hosted' || method === 'hostedbadge') {
    checks.push(await checkHosted(reach, id, assertion))
  } else {
    checks.push(failed('proof', 'OB2_INVALID', `Unknown verification type ${JSON.stringify(verification.type ?? null)}`))
  }

  // issuer-binding
  if (documentsError !== undefined || !issuer) {
    checks.push(failed('issuer-binding', 'OB2_BADGE_UNRESOLVED', `The badge class or its issuer could not be read: ${documentsError ?? 'none'}`))
  } else if (found.kind === 'json' && (method === 'hosted' || method === 'hostedbadge')) {
    checks.push(checkOrigin(id, issuer))
  } else {
    checks.push(passed('issuer-binding', `Issued by ${String(issuer.name ?? issuer.id ?? 'its issuer')}; the signing key belongs to it`))
  }

  // recipient
  const recipient = assertion.recipient as Json
  const identity = typeof recipient.identity === 'string' ? recipient.identity.trim() : ''
  if (identity === '') checks.push(failed('recipient', 'RECIPIENT_MISSING', 'The assertion names no recipient identity'))
  else checks.push(passed('recipient', `Issued to ${recipient.hashed === true ? 'a hashed' : 'an'} ${typeof recipient.type === 'string' ? recipient.type : 'identity'}${recipient.hashed === true ? ' (the recipient can prove it is theirs)' : ''}`))

  // validity-period
  const issuedOn = Date.parse(assertion.issuedOn as string)
  const expires = typeof assertion.expires === 'string' ? Date.parse(assertion.expires) : undefined
  if (issuedOn > now.getTime() + SKEW_MS) checks.push(failed('validity-period', 'CREDENTIAL_NOT_YET_VALID', `Issued on ${assertion.issuedOn as string}, which is in the future`))
  else if (expires !== undefined && Number.isNaN(expires)) checks.push(failed('validity-period', 'VALIDITY_PERIOD_INVALID', 'The expiry date is not a date'))
  else if (expires !== undefined && expires < now.getTime()) checks.push(failed('validity-period', 'CREDENTIAL_EXPIRED', `Expired on ${assertion.expires as string}`))
  else checks.push(passed('validity-period', expires === undefined ? 'Issued in the past; it does not expire' : `Valid until ${assertion.expires as string}`))

  // status
  checks.push(await checkRevocation(reach, assertion, issuer))
  checks.push(skipped('log-inclusion', 'Open Badges 2.0 assertions are not recorded in a transparency log'))
  return finish({ badge, issuer })
}

async function fetchObject(reach: Reach, url: string): Promise<Json> {
  const { value } = await reachJson(reach, url)
  if (!isObject(value)) throw new Error(`${url} is not a JSON object`)
  return value
}

async function checkHosted(reach: Reach, id: string, assertion: Json): Promise<Check> {
  if (!/^https?:\/\//.test(id)) return failed('proof', 'OB2_INVALID', 'A hosted assertion’s id must be its HTTP(S) URL')
  let hosted: Json
  try {
    hosted = await fetchObject(reach, id)
  } catch (err) {
    return failed('proof', 'OB2_ASSERTION_UNREACHABLE', `The assertion could not be fetched from its URL: ${errorText(err)}`)
  }
  let same: boolean
  try {
    same = jcs(hosted) === jcs(assertion)
  } catch {
    same = false
  }
  return same ? passed('proof', `Hosted by its issuer at ${id}, identical to this copy`) : failed('proof', 'OB2_HOSTED_MISMATCH', `The assertion at ${id} differs from this copy`)
}

/** A hosted assertion must live on its issuer's origin (or one the issuer's verification properties allow). */
function checkOrigin(id: string, issuer: Json): Check {
  const allowed: string[] = []
  const policy = isObject(issuer.verification) ? issuer.verification : undefined
  for (const origin of asArray(policy?.allowedOrigins)) if (typeof origin === 'string') allowed.push(origin.toLowerCase())
  const starts = asArray(policy?.startsWith).filter((s): s is string => typeof s === 'string')
  let host: string
  try {
    host = new URL(id).host.toLowerCase()
  } catch {
    return failed('issuer-binding', 'OB2_ORIGIN_MISMATCH', 'The assertion id is not a URL')
  }
  if (allowed.length === 0 && typeof issuer.id === 'string') {
    try {
      allowed.push(new URL(issuer.id).host.toLowerCase())
    } catch {
      // an issuer id that is not a URL allows no origin
    }
  }
  const ok = allowed.includes(host) && (starts.length === 0 || starts.some((prefix) => id.startsWith(prefix)))
  return ok
    ? passed('issuer-binding', `Issued by ${String(issuer.name ?? issuer.id)}, hosted on its own origin (${host})`)
    : failed('issuer-binding', 'OB2_ORIGIN_MISMATCH', `The assertion is hosted on ${host}, which its issuer ${String(issuer.id ?? '')} does not allow`)
}

async function checkSigned(reach: Reach, compact: string, verification: Json, issuer: Json | undefined): Promise<Check> {
  let alg: string
  try {
    alg = String(decodeProtectedHeader(compact).alg)
  } catch {
    return failed('proof', 'OB2_SIGNATURE_INVALID', 'The JWS header cannot be read')
  }
  if (!(JWS_ALGS as readonly string[]).includes(alg)) return failed('proof', 'OB2_SIGNATURE_INVALID', `The JWS algorithm ${alg} is not one Open Badges 2.0 uses (RS256, ES256)`)
  const creator = typeof verification.creator === 'string' ? verification.creator : undefined
  const keyIds = asArray(issuer?.publicKey).map((k) => (isObject(k) ? k.id : k)).filter((k): k is string => typeof k === 'string')
  const keyUrl = creator ?? keyIds[0]
  if (!keyUrl) return failed('proof', 'OB2_KEY_UNRESOLVED', 'The assertion names no public key (verification.creator), nor does its issuer')
  let key: Json
  try {
    key = await fetchObject(reach, keyUrl)
  } catch (err) {
    return failed('proof', 'OB2_KEY_UNRESOLVED', `The public key could not be fetched: ${errorText(err)}`)
  }
  if (typeof key.publicKeyPem !== 'string') return failed('proof', 'OB2_KEY_UNRESOLVED', `${keyUrl} has no publicKeyPem`)
  try {
    await compactVerify(compact, await importSPKI(key.publicKeyPem, alg))
  } catch (err) {
    return failed('proof', 'OB2_SIGNATURE_INVALID', `The signature does not verify with ${keyUrl}: ${errorText(err)}`)
  }
  if (issuer && typeof key.owner === 'string' && typeof issuer.id === 'string' && key.owner !== issuer.id)
    return failed('proof', 'ISSUER_MISMATCH', `The key ${keyUrl} belongs to ${key.owner}, not to the issuer ${issuer.id}`)
  return passed('proof', `Signed (${alg}) with the issuer’s key ${keyUrl}`)
}

async function checkRevocation(reach: Reach, assertion: Json, issuer: Json | undefined): Promise<Check> {
  const reasonOf = (reason: unknown) => (typeof reason === 'string' && reason.trim() !== '' ? `: ${reason.trim().slice(0, 300)}` : '')
  if (assertion.revoked === true) return failed('status', 'CREDENTIAL_REVOKED', `The issuer has revoked this badge${reasonOf(assertion.revocationReason)}`)
  const listUrl = typeof issuer?.revocationList === 'string' ? issuer.revocationList : undefined
  if (!listUrl) return passed('status', 'Not marked revoked; the issuer publishes no revocation list')
  let list: Json
  try {
    list = await fetchObject(reach, listUrl)
  } catch (err) {
    return failed('status', 'STATUS_RETRIEVAL_ERROR', `The issuer’s revocation list could not be fetched: ${errorText(err)}`)
  }
  const uid = typeof assertion.uid === 'string' ? assertion.uid : undefined
  for (const entry of asArray(list.revokedAssertions)) {
    const entryId = isObject(entry) ? (entry.id ?? entry.uid) : entry
    if (entryId === assertion.id || (uid !== undefined && entryId === uid)) return failed('status', 'CREDENTIAL_REVOKED', `The issuer has revoked this badge${reasonOf(isObject(entry) ? entry.revocationReason : undefined)}`)
  }
  return passed('status', 'Not on the issuer’s revocation list')
}
