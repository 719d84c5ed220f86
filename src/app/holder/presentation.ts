// Verifiable Presentations: a learner proves they hold credentials (W3C VC 2.0 §4.13, Data Integrity
// eddsa-rdfc-2022 with proofPurpose "authentication"), and anyone checks one.
import { PlatformError, isPlatformError } from '../../core/errors.js'
import { CONTEXT } from '../../core/canonical/index.js'
import { signCredential, verifyProofs, type DataIntegrityProof, type ProofResult, type Signer } from '../../core/proof/index.js'
import { createDocumentSource, createVerificationMethodResolver, type VerificationReport } from '../../core/verification/index.js'
import { jsonDocuments, type Fetcher } from '../platform/fetcher.js'
import { InputError } from '../platform/input-error.js'

/** A credential as the wallet keeps it: its format and its text as received. */
export interface HeldCredential {
  id: string
  format: 'vc-json' | 'vc-jwt' | 'ob2'
  document: string
}

/** The media types of VC-JWTs in an EnvelopedVerifiableCredential's data: URL (VC-JOSE-COSE, and the older names). */
const JWT_MEDIA_TYPES = ['application/vc+jwt', 'application/vc+ld+jwt', 'application/jwt']
const ENVELOPE_TYPE = 'application/vc+jwt'

/** How a credential goes into a presentation: JSON as stored, a VC-JWT enveloped in a data: URL. */
export function embeddable(held: HeldCredential): Record<string, unknown> {
  if (held.format === 'ob2')
    throw new PlatformError('ERR_INPUT_INVALID', `Credential ${held.id} is an Open Badges 2.0 assertion, not a verifiable credential: it cannot go into a verifiable presentation`)
  if (held.format === 'vc-jwt') return { '@context': CONTEXT.VC_V2, id: `data:${ENVELOPE_TYPE},${held.document.trim()}`, type: 'EnvelopedVerifiableCredential' }
  const parsed: unknown = JSON.parse(held.document)
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new PlatformError('ERR_INPUT_INVALID', `Credential ${held.id} is not a JSON object`)
  return parsed as Record<string, unknown>
}

/**
 * A Verifiable Presentation of `credentials` by `signer`'s DID, signed with eddsa-rdfc-2022 for
 * authentication with the verifier's challenge and domain in the proof.
 */
export async function signPresentation(
  { signer, holder, credentials, challenge, domain, id, now }: { signer: Signer; holder: string; credentials: readonly HeldCredential[]; challenge: string; domain?: string | undefined; id: string; now: Date },
): Promise<Record<string, unknown>> {
  const presentation = {
    '@context': [CONTEXT.VC_V2],
    id,
    type: ['VerifiablePresentation'],
    holder,
    verifiableCredential: credentials.map(embeddable),
  }
  try {
    return await signCredential(presentation, signer, {
      suite: 'eddsa-rdfc-2022',
      proofPurpose: 'authentication',
      created: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      challenge,
      ...(domain === undefined ? {} : { domain }),
    })
  } catch (err) {
    if (isPlatformError(err, 'ERR_CONTEXT_UNKNOWN') || isPlatformError(err, 'ERR_JSONLD'))
      throw new PlatformError(err.code, `A chosen credential cannot be signed into a presentation: ${err.message}. Present it on its own or leave it out.`, { cause: err })
    throw err
  }
}

/** The holder's proof on a presentation, as a verifier sees it. */
export interface HolderProofCheck {
  verified: boolean
  /** The DID whose key made the proof (when it verified). */
  controller?: string
  challengeMatches: boolean
  domainMatches: boolean
  code?: string
  message?: string
}

/** One credential of a presentation with its verification. */
export interface PresentedCredentialCheck {
  index: number
  /** The credential's `id`, when it has one. */
  id?: string
  format: 'json' | 'jwt'
  verified: boolean
  /** Whether the credential's subject is the presentation's holder (a credential issued to the holder's DID). */
  boundToHolder: boolean
  report: VerificationReport
}

/** What `POST /api/v1/presentations/verify` answers. */
export interface PresentationCheckResult {
  /** True only when the holder's proof verified with the expected challenge and domain and every credential verified. */
  verified: boolean
  holder: string | null
  holderProof: HolderProofCheck
  credentials: PresentedCredentialCheck[]
}

/** Most credentials one presentation check verifies (each is a full verification). */
const MAX_PRESENTED = 50

const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v])
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A credential embedded in a presentation, as the verifier takes it: JSON, or the VC-JWT of an envelope. */
function unwrap(entry: unknown): { input: unknown; format: 'json' | 'jwt' } {
  if (isObject(entry) && asList(entry.type).includes('EnvelopedVerifiableCredential') && typeof entry.id === 'string') {
    const match = /^data:([^,;]+)(;[^,]*)?,(.*)$/s.exec(entry.id)
    if (match && JWT_MEDIA_TYPES.includes(match[1]!.toLowerCase())) {
      const body = match[2]?.includes(';base64') ? Buffer.from(match[3]!, 'base64').toString('utf8') : decodeURIComponent(match[3]!)
      return { input: body.trim(), format: 'jwt' }
    }
  }
  return { input: entry, format: 'json' }
}

const subjectIds = (credential: Record<string, unknown> | undefined): string[] =>
  asList(credential?.credentialSubject).flatMap((s) => (isObject(s) && typeof s.id === 'string' ? [s.id] : []))

/**
 * Checks a presentation: the holder's authentication proof (signed by the holder's key, the
 * verifier's challenge and domain in it), then every credential through `verifyCredential`. Never
 * throws for a bad presentation (the result says what failed), only for one holding more than
 * {@link MAX_PRESENTED} credentials (InputError).
 */
export async function checkPresentation(
  deps: { fetcher?: Fetcher | undefined; now: Date; verifyCredential: (input: unknown) => Promise<VerificationReport> },
  { presentation, challenge, domain }: { presentation: unknown; challenge: string; domain?: string | undefined },
): Promise<PresentationCheckResult> {
  let vp: unknown = presentation
  if (typeof vp === 'string') {
    try {
      vp = JSON.parse(vp)
    } catch {
      vp = undefined
    }
  }
  if (!isObject(vp) || !asList(vp.type).includes('VerifiablePresentation'))
    return {
      verified: false,
      holder: null,
      holderProof: { verified: false, challengeMatches: false, domainMatches: false, code: 'PRESENTATION_MALFORMED', message: 'This is not a JSON object of type VerifiablePresentation' },
      credentials: [],
    }
  const presented = asList(vp.verifiableCredential)
  if (presented.length > MAX_PRESENTED)
    throw new InputError([{ path: 'presentation.verifiableCredential', code: 'too_many', message: `A presentation checked here holds at most ${MAX_PRESENTED} credentials; this one holds ${presented.length}` }])
  const holder = typeof vp.holder === 'string' ? vp.holder : isObject(vp.holder) && typeof vp.holder.id === 'string' ? vp.holder.id : null
  const holderProof = await checkHolderProof(deps, vp, holder, { challenge, domain })
  const credentials: PresentedCredentialCheck[] = []
  for (const [index, entry] of presented.entries()) {
    const { input, format } = unwrap(entry)
    const report = await deps.verifyCredential(input)
    const id = report.credential?.id
    credentials.push({
      index,
      ...(typeof id === 'string' ? { id } : {}),
      format,
      verified: report.verified,
      boundToHolder: holder !== null && holderProof.verified && subjectIds(report.credential).includes(holder),
      report,
    })
  }
  return { verified: holderProof.verified && credentials.every((c) => c.verified), holder, holderProof, credentials }
}

async function checkHolderProof(
  { fetcher, now }: { fetcher?: Fetcher | undefined; now: Date },
  vp: Record<string, unknown>,
  holder: string | null,
  expected: { challenge: string; domain?: string | undefined },
): Promise<HolderProofCheck> {
  const proofs = asList(vp.proof).filter(isObject) as DataIntegrityProof[]
  const proof = proofs.find((p) => p.proofPurpose === 'authentication') ?? proofs[0]
  const challengeMatches = proof?.challenge === expected.challenge
  const domains = asList(proof?.domain)
  const domainMatches = expected.domain === undefined ? true : domains.includes(expected.domain)
  const base = { challengeMatches, domainMatches }
  if (!proof) return { verified: false, ...base, code: 'PROOF_MISSING', message: 'The presentation has no proof: its holder did not sign it' }
  const resolver = createVerificationMethodResolver(createDocumentSource(undefined, fetcher ? jsonDocuments(fetcher) : undefined))
  const result: ProofResult = await verifyProofs(vp, { resolveVerificationMethod: resolver.resolve, expectedProofPurpose: 'authentication', now: now.toISOString() })
  if (!result.verified) return { verified: false, ...base, code: result.code ?? 'PROOF_SIGNATURE_INVALID', message: result.message ?? 'The holder proof does not verify' }
  const controller = result.proofs.find((p) => p.verified)?.controller
  const withController = { ...base, ...(controller ? { controller } : {}) }
  if (holder === null || controller !== holder)
    return { verified: false, ...withController, code: 'PROOF_HOLDER_MISMATCH', message: `The proof was made by ${controller ?? 'an unknown key'}, not by the holder ${holder ?? '(none named)'}` }
  if (!challengeMatches)
    return { verified: false, ...withController, code: 'PROOF_CHALLENGE_MISMATCH', message: `The proof's challenge is ${JSON.stringify(proof.challenge ?? null)}, not the one expected` }
  if (!domainMatches)
    return { verified: false, ...withController, code: 'PROOF_DOMAIN_MISMATCH', message: `The proof's domain is ${JSON.stringify(proof.domain ?? null)}, not ${JSON.stringify(expected.domain)}` }
  return { verified: true, ...withController }
}
