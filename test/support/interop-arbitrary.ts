import fc from 'fast-check'
import { arbitraryCredential } from './credential-arbitrary.js'

/**
 * fast-check arbitraries for the credential shapes other issuers write (the OB 3.0 spec examples and
 * the 1EdTech validator fixtures in ../shared/interop/examples): endorsements embedded in the
 * credential, its achievement and its issuer, each with its own `@context` and one or more Data
 * Integrity proofs (JSON-LD `@graph` containers); VC 1.1 forms (the 2018 context, issuanceDate,
 * expirationDate); several subjects, each with its achievement and results.
 */

const V2 = 'https://www.w3.org/ns/credentials/v2'
const OB = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,11}$/)
const httpsUrl = fc.tuple(slug, slug).map(([host, path]) => `https://${host}.example/${path}`)
const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('Good standing', 'Ünïcödé ✓', 'line\nbreak "quoted"'))
const dateTime = fc.date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString().replace('.000Z', 'Z'))
const base58 = fc.stringMatching(/^[1-9A-HJ-NP-Za-km-z]{40,88}$/)

const proof = fc
  .record({ created: dateTime, method: httpsUrl, value: base58, suite: fc.constantFrom('eddsa-rdfc-2022', 'eddsa-jcs-2022') })
  .map(({ created, method, value, suite }) => ({
    type: 'DataIntegrityProof',
    cryptosuite: suite,
    created,
    verificationMethod: `${method}#key-1`,
    proofPurpose: 'assertionMethod',
    proofValue: `z${value}`,
  }))

const endorsement = fc
  .record({ id: httpsUrl, name: text, issuer: httpsUrl, validFrom: dateTime, subject: httpsUrl, comment: fc.option(text, { nil: undefined }), proofs: fc.array(proof, { minLength: 1, maxLength: 2 }) })
  .map(({ id, name, issuer, validFrom, subject, comment, proofs }) => ({
    '@context': [V2, OB],
    id,
    type: ['VerifiableCredential', 'EndorsementCredential'],
    name,
    issuer: { id: issuer, type: ['Profile'], name: 'Endorser' },
    validFrom,
    credentialSubject: { id: subject, type: ['EndorsementSubject'], ...(comment === undefined ? {} : { endorsementComment: comment }) },
    proof: proofs.length === 1 ? proofs[0] : proofs,
  }))

type Json = Record<string, any>

/** An OB 3.0 credential with endorsements where other issuers put them (credential, achievement, issuer). */
export const arbitraryEndorsedCredential: fc.Arbitrary<Json> = fc
  .tuple(arbitraryCredential, fc.array(endorsement, { minLength: 1, maxLength: 2 }), endorsement, endorsement, fc.nat({ max: 7 }))
  .map(([credential, onCredential, onAchievement, onIssuer, where]) => {
    const c = structuredClone(credential) as Json
    if (where & 1) c.endorsement = onCredential
    if (where & 2) c.credentialSubject.achievement.endorsement = [onAchievement]
    if (where & 4 && typeof c.issuer === 'object') c.issuer.endorsement = [onIssuer]
    if (where === 0) c.endorsement = onCredential
    return c
  })

/**
 * The same credential in VC 1.1 form: the 2018 context, issuanceDate and expirationDate. With the
 * OB 3.0.3 context (the earlier versions lack terms these achievements use; the spec examples test them).
 */
export const arbitraryVc11Credential: fc.Arbitrary<Json> = fc
  .tuple(arbitraryCredential, fc.constant('context-3.0.3.json'))
  .map(([credential, ob]) => {
    // BitstringStatusListEntry, awardedDate and the schema's validator type are VC 2.0 / OB 3.0.3 terms.
    const { validFrom, validUntil, credentialSchema: _schema, credentialStatus: _status, awardedDate: _awarded, ...rest } = structuredClone(credential) as Json
    return {
      ...rest,
      '@context': ['https://www.w3.org/2018/credentials/v1', `https://purl.imsglobal.org/spec/ob/v3p0/${ob}`],
      issuanceDate: validFrom,
      ...(validUntil === undefined ? {} : { expirationDate: validUntil }),
    }
  })

/** A credential about several subjects, each with its own achievement and results (as aggregating issuers write). */
export const arbitraryMultiSubjectCredential: fc.Arbitrary<Json> = fc
  .tuple(arbitraryCredential, fc.array(arbitraryCredential, { minLength: 1, maxLength: 3 }))
  .map(([credential, others]) => ({ ...structuredClone(credential), credentialSubject: [credential, ...others].map((c) => structuredClone((c as Json).credentialSubject)) }))

/** Any of the shapes above. */
export const arbitraryInteropCredential: fc.Arbitrary<Json> = fc.oneof(arbitraryEndorsedCredential, arbitraryVc11Credential, arbitraryMultiSubjectCredential)
