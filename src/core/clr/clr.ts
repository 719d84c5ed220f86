// 1EdTech Comprehensive Learner Record 2.0: a ClrCredential bundles a learner's individually signed
// credentials (AchievementCredential / OpenBadgeCredential) under one more proof — the learner's
// (a self-assembled record) or an issuer's (a program transcript). Pure: building and reading only;
// signing is core/proof's, verification core/verification's.
// @see https://www.imsglobal.org/spec/clr/v2p0/
import { CONTEXT } from '../canonical/index.js'

/** CLR 2.0 association types (§ Association). */
export const ASSOCIATION_TYPES = ['exactMatchOf', 'isChildOf', 'isParentOf', 'isPartOf', 'isPeerOf', 'isRelatedTo', 'precedes', 'replacedBy'] as const
export type AssociationType = (typeof ASSOCIATION_TYPES)[number]

/** A relation between two achievements of the record, by their ids. */
export interface ClrAssociation {
  type: 'Association'
  associationType: AssociationType
  sourceId: string
  targetId: string
}

/** What a ClrCredential is made of. */
export interface ClrParts {
  id: string
  name: string
  description?: string | undefined
  /** The signer: a DID (the learner's did:key) or an issuer Profile. */
  issuer: string | Record<string, unknown>
  validFrom: string
  /** The learner (their DID, or the issued credentials' subject id). */
  subjectId?: string | undefined
  /** The embedded credentials, each as issued (with its own proof). */
  credentials: readonly Record<string, unknown>[]
  /** The achievements the record describes (OB 3.0 Achievement objects); those of the credentials when omitted. */
  achievements?: readonly Record<string, unknown>[] | undefined
  associations?: readonly ClrAssociation[] | undefined
}

/** The contexts of a ClrCredential, in the order CLR 2.0 requires. */
export const CLR_CONTEXTS = [CONTEXT.VC_V2, CONTEXT.CLR_V2, CONTEXT.OB_V3] as const

const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v])
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The achievement of an OB 3.0 credential (its subject's), when it has one with an id. */
export function achievementOf(credential: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const subject of asList(credential.credentialSubject)) {
    if (isObject(subject) && isObject(subject.achievement) && typeof subject.achievement.id === 'string') return subject.achievement
  }
  return undefined
}

/** An unsigned ClrCredential (VC 2.0) of `parts`; the caller signs it (eddsa-rdfc-2022). */
export function buildClrCredential(parts: ClrParts): Record<string, unknown> {
  const achievements = parts.achievements ?? uniqueById(parts.credentials.flatMap((c): Record<string, unknown>[] => { const a = achievementOf(c); return a ? [a] : [] }))
  const subject: Record<string, unknown> = {
    ...(parts.subjectId ? { id: parts.subjectId } : {}),
    type: ['ClrSubject'],
    verifiableCredential: [...parts.credentials],
    ...(achievements.length > 0 ? { achievement: achievements.map(stripContext) } : {}),
    ...(parts.associations && parts.associations.length > 0 ? { association: [...parts.associations] } : {}),
  }
  return {
    '@context': [...CLR_CONTEXTS],
    id: parts.id,
    type: ['VerifiableCredential', 'ClrCredential'],
    issuer: parts.issuer,
    validFrom: parts.validFrom,
    name: parts.name,
    ...(parts.description ? { description: parts.description } : {}),
    credentialSubject: subject,
  }
}

function uniqueById(list: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const seen = new Set<unknown>()
  return list.filter((a) => (seen.has(a.id) ? false : (seen.add(a.id), true)))
}

const stripContext = (achievement: Record<string, unknown>): Record<string, unknown> => {
  const { '@context': _context, ...rest } = achievement
  return rest
}

/** Whether a credential is a ClrCredential (its type says so). */
export const isClrCredential = (credential: Record<string, unknown> | undefined): boolean => credential !== undefined && asList(credential.type).includes('ClrCredential')

/** The embedded credentials of a ClrCredential (`credentialSubject.verifiableCredential`), as they are. */
export function embeddedCredentials(clr: Record<string, unknown>): unknown[] {
  return asList(clr.credentialSubject).flatMap((s) => (isObject(s) ? asList(s.verifiableCredential) : []))
}

/** The media types of VC-JWTs in an EnvelopedVerifiableCredential's data: URL (VC-JOSE-COSE, and the older names). */
const JWT_MEDIA_TYPES = ['application/vc+jwt', 'application/vc+ld+jwt', 'application/jwt']

/** An embedded credential as a verifier takes it: the JSON as it is, or the compact VC-JWT an EnvelopedVerifiableCredential carries. */
export function unwrapEmbedded(entry: unknown): { input: unknown; format: 'json' | 'jwt' } {
  if (isObject(entry) && asList(entry.type).includes('EnvelopedVerifiableCredential') && typeof entry.id === 'string') {
    const match = /^data:([^,;]+)(;[^,]*)?,(.*)$/s.exec(entry.id)
    if (match && JWT_MEDIA_TYPES.includes(match[1]!.toLowerCase())) {
      const body = match[2]?.includes(';base64') ? Buffer.from(match[3]!, 'base64').toString('utf8') : decodeURIComponent(match[3]!)
      return { input: body.trim(), format: 'jwt' }
    }
  }
  return { input: entry, format: 'json' }
}

/**
 * The CLR 2.0 shape a verifier relies on (the parts of the ClrCredential JSON Schema that matter to
 * reading it): the contexts in order, the types, the required fields and a ClrSubject with at least
 * one credential. Returns plain-English problems; empty when the shape is right.
 */
export function clrShapeProblems(clr: Record<string, unknown>): string[] {
  const problems: string[] = []
  const context = asList(clr['@context'])
  if (context[0] !== CONTEXT.VC_V2) problems.push(`/@context/0 must be ${CONTEXT.VC_V2}`)
  if (typeof context[1] !== 'string' || !/^https:\/\/purl\.imsglobal\.org\/spec\/clr\/v2p0\/context(-2\.0\.\d+)?\.json$/.test(context[1])) problems.push('/@context/1 must be the CLR 2.0 context')
  if (!asList(clr.type).includes('VerifiableCredential')) problems.push('/type must contain VerifiableCredential')
  for (const field of ['id', 'name', 'validFrom'] as const) if (typeof clr[field] !== 'string' || clr[field] === '') problems.push(`/${field} is required`)
  if (!(typeof clr.issuer === 'string' || (isObject(clr.issuer) && typeof clr.issuer.id === 'string'))) problems.push('/issuer must be an id or a Profile with an id')
  const subject = clr.credentialSubject
  if (!isObject(subject)) problems.push('/credentialSubject must be one ClrSubject object')
  else {
    if (!asList(subject.type).includes('ClrSubject')) problems.push('/credentialSubject/type must contain ClrSubject')
    if (asList(subject.verifiableCredential).length === 0) problems.push('/credentialSubject/verifiableCredential must hold at least one credential')
    for (const [i, a] of asList(subject.association).entries()) {
      if (!isObject(a) || !ASSOCIATION_TYPES.includes(a.associationType as AssociationType) || typeof a.sourceId !== 'string' || typeof a.targetId !== 'string')
        problems.push(`/credentialSubject/association/${i} must have an associationType (${ASSOCIATION_TYPES.join(', ')}), a sourceId and a targetId`)
    }
  }
  return problems
}
