import { CONTEXT } from '../canonical/index.js'
import {
  at,
  checkDateTime,
  checkType,
  checkUri,
  eachObject,
  isObject,
  Issues,
  optionalString,
  requireString,
  typesOf,
  type JsonObject,
  type ValidationResult,
} from './shape.js'
import { checkAchievementSubject, checkOptionalImage } from './validate-subject.js'

const OB_CONTEXT = /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.\d\.\d)*\.json$/
const BITSTRING_INDEX = /^(0|[1-9]\d*)$/

/**
 * Checks the OB 3.0 shape of an OpenBadgeCredential / AchievementCredential or an EndorsementCredential,
 * in the VC 2.0 form (validFrom/validUntil) or the VC 1.1 form (issuanceDate/expirationDate), accepting
 * compacted single values for sets. Reports every problem with its JSON Pointer; never throws.
 * Not checked here: proofs, validity against a clock, status.
 * @example validateCredential(JSON.parse(text)).errors // [{ path: '/credentialSubject/achievement/criteria', message: 'is required: …' }]
 * @see https://www.imsglobal.org/spec/ob/v3p0/#achievementcredential
 */
export function validateCredential(value: unknown): ValidationResult {
  const issues = new Issues()
  if (!isObject(value)) {
    issues.add('', 'must be a JSON object')
    return { valid: false, errors: issues.errors }
  }
  const form = checkContext(value, issues)
  checkUri(value, 'id', '', issues)
  checkType(value, '', ['VerifiableCredential'], issues)
  const isEndorsement = typesOf(value).includes('EndorsementCredential')
  if (isEndorsement) requireString(value, 'name', '', issues)
  else {
    checkType(value, '', ['OpenBadgeCredential', 'AchievementCredential'], issues)
    if (form === 'v1') requireString(value, 'name', '', issues)
    else optionalString(value, 'name', '', issues)
  }
  optionalString(value, 'description', '', issues)
  checkOptionalImage(value, '', issues)
  checkIssuer(value, issues)
  checkValidity(value, form, issues)
  checkDateTime(value, 'awardedDate', '', issues, true)
  checkSubject(value, isEndorsement, issues)
  eachObject(value, 'evidence', '', issues, (evidence, p) => checkType(evidence, p, ['Evidence'], issues))
  eachObject(value, 'endorsement', '', issues, (endorsement, p) => {
    for (const error of validateCredential(endorsement).errors) issues.add(p + error.path, error.message)
  })
  checkStatus(value, issues)
  eachObject(value, 'credentialSchema', '', issues, (schema, p) => {
    checkUri(schema, 'id', p, issues)
    requireString(schema, 'type', p, issues)
  })
  eachObject(value, 'proof', '', issues, (proof, p) => requireString(proof, 'type', p, issues))
  return { valid: issues.errors.length === 0, errors: issues.errors }
}

/** Item 0 says the form (VC 2.0 or 1.1); item 1 must be an OB 3.0 context. */
function checkContext(credential: JsonObject, issues: Issues): 'v2' | 'v1' {
  const contexts = credential['@context']
  if (contexts === undefined) {
    issues.add('/@context', 'is required')
    return 'v2'
  }
  if (!Array.isArray(contexts) || contexts.length < 2) {
    issues.add('/@context', `must be an array that starts with ${CONTEXT.VC_V2} and an Open Badges 3.0 context`)
    return 'v2'
  }
  const [first, second] = contexts
  const form = first === CONTEXT.VC_V1 ? 'v1' : 'v2'
  if (first !== CONTEXT.VC_V2 && first !== CONTEXT.VC_V1)
    issues.add('/@context/0', `must be ${CONTEXT.VC_V2} (VC 2.0) or ${CONTEXT.VC_V1} (VC 1.1)`)
  if (typeof second !== 'string' || !OB_CONTEXT.test(second))
    issues.add('/@context/1', `must be an Open Badges 3.0 context, e.g. ${CONTEXT.OB_V3}`)
  contexts.forEach((context, i) => {
    if (typeof context !== 'string' && !isObject(context)) issues.add(`/@context/${i}`, 'must be a URL or a context object')
  })
  return form
}

function checkIssuer(credential: JsonObject, issues: Issues): void {
  const issuer = credential.issuer
  if (issuer === undefined) return issues.add('/issuer', 'is required')
  if (typeof issuer === 'string') return checkUri(credential, 'issuer', '', issues)
  if (!isObject(issuer)) return issues.add('/issuer', 'must be a URI or a Profile object')
  checkUri(issuer, 'id', '/issuer', issues)
  checkType(issuer, '/issuer', ['Profile'], issues)
  checkOptionalImage(issuer, '/issuer', issues)
}

/** VC 2.0: validFrom [1], validUntil [0..1]. VC 1.1: issuanceDate [1], expirationDate [0..1]. */
function checkValidity(credential: JsonObject, form: 'v2' | 'v1', issues: Issues): void {
  if (form === 'v1') {
    checkDateTime(credential, 'issuanceDate', '', issues)
    checkDateTime(credential, 'expirationDate', '', issues, true)
    return
  }
  checkDateTime(credential, 'validFrom', '', issues)
  checkDateTime(credential, 'validUntil', '', issues, true)
  for (const [legacy, current] of [['issuanceDate', 'validFrom'], ['expirationDate', 'validUntil']] as const) {
    if (credential[legacy] !== undefined)
      issues.add(`/${legacy}`, `belongs to the VC 1.1 form; a credential with the VC 2.0 context uses ${current}`)
  }
}

function checkSubject(credential: JsonObject, isEndorsement: boolean, issues: Issues): void {
  const subject = credential.credentialSubject
  if (subject === undefined) return issues.add('/credentialSubject', 'is required')
  if (!isObject(subject))
    return issues.add('/credentialSubject', `must be one ${isEndorsement ? 'EndorsementSubject' : 'AchievementSubject'} object`)
  if (!isEndorsement) return checkAchievementSubject(subject, '/credentialSubject', issues)
  checkUri(subject, 'id', '/credentialSubject', issues)
  checkType(subject, '/credentialSubject', ['EndorsementSubject'], issues)
  optionalString(subject, 'endorsementComment', '/credentialSubject', issues)
}

/** OB allows one status entry; a BitstringStatusListEntry needs its purpose, a string index and the list URL. */
/** One status entry, or several (VC 2.0 allows a list: revocation and suspension); each is checked at its own path. */
function checkStatus(credential: JsonObject, issues: Issues): void {
  const status = credential.credentialStatus
  if (status === undefined) return
  if (Array.isArray(status)) {
    if (status.length === 0) return issues.add('/credentialStatus', 'must not be an empty list')
    status.forEach((entry, i) => checkStatusEntry(entry, `/credentialStatus/${i}`, issues))
    return
  }
  checkStatusEntry(status, '/credentialStatus', issues)
}

function checkStatusEntry(status: unknown, path: string, issues: Issues): void {
  if (!isObject(status)) return issues.add(path, 'must be a status object with a type')
  requireString(status, 'type', path, issues)
  checkUri(status, 'id', path, issues, true)
  if (status.type !== 'BitstringStatusListEntry') return
  requireString(status, 'statusPurpose', path, issues)
  checkUri(status, 'statusListCredential', path, issues)
  if (typeof status.statusListIndex !== 'string' || !BITSTRING_INDEX.test(status.statusListIndex))
    issues.add(at(path, 'statusListIndex'), 'must be a non-negative integer written as a string, e.g. "94567"')
}
