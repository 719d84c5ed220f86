// The learner-record exports' schemas and operations (routes/api/clr.ts): CLR 2.0 records of a
// learner's chosen credentials and of a completed program or pathway, and Europass ELM 3 exports.
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { walletClrRequestSchema } from '../../app/clr/clr-input.js'
import { ACCESS, header, json, jsonBody, needs } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { idParam, orgParam } from './common.js'

const walletClrRequest = walletClrRequestSchema.meta({ id: 'WalletClrRequest' })
const tags = ['Learner records']

/** A ClrCredential as Emblem signs it. */
export const clrCredentialSchema = z
  .looseObject({
    '@context': z.array(z.string()).describe('VC 2.0, CLR 2.0 (context-2.0.1.json) and OB 3.0 (context-3.0.3.json), in that order'),
    id: z.string(),
    type: z.array(z.string()).describe('`["VerifiableCredential", "ClrCredential"]`'),
    issuer: z.union([z.string(), z.record(z.string(), z.unknown())]).describe('Who assembled and signed the record: your DID (a record you made), or the organization’s Profile (a program record)'),
    validFrom: z.string(),
    name: z.string(),
    description: z.string().optional(),
    credentialSubject: z
      .looseObject({
        type: z.array(z.string()),
        verifiableCredential: z.array(z.record(z.string(), z.unknown())).describe('The credentials, each exactly as issued with its own proof (VC-JWTs as `EnvelopedVerifiableCredential`)'),
        achievement: z.array(z.record(z.string(), z.unknown())).optional(),
        association: z.array(z.record(z.string(), z.unknown())).optional().describe('How the achievements relate (`isPartOf` the program’s achievement)'),
      })
      .describe('ClrSubject'),
    proof: z.record(z.string(), z.unknown()).describe('DataIntegrityProof, eddsa-rdfc-2022, proofPurpose `assertionMethod`'),
  })
  .meta({ id: 'ClrCredential' })

/** An ELM 3 JSON-LD document (a LearningAchievementSpecification or a EuropeanDigitalCredential). */
export const elmDocumentSchema = z
  .record(z.string(), z.unknown())
  .meta({ id: 'ElmDocument', description: 'European Learning Model 3 JSON-LD (contexts: W3C credentials v1 and the EDC application profile)' })

const download = { 'Content-Disposition': header('`attachment; filename="…-elm.json"`') }

export const postWalletClr = createRoute({
  method: 'post',
  path: '/api/v1/wallet/clr',
  operationId: 'exportWalletClr',
  tags,
  summary: 'Export credentials as a CLR 2.0 record',
  description:
    'A 1EdTech Comprehensive Learner Record 2.0 `ClrCredential` holding the chosen wallet credentials exactly as issued, signed by your holder key (Data Integrity, eddsa-rdfc-2022). Any verifier checks the record’s proof and each credential’s own proof (`POST /api/v1/verify` reports each under `embedded`). Only your own wallet credentials (404 for any other id); Open Badges 2.0 assertions are not verifiable credentials and are refused (422).',
  security: ACCESS.personWrite,
  request: { body: jsonBody(walletClrRequest, { example: { credentialIds: ['w_x2b9…', 'w_k81q…'], name: 'My learner record' } }) },
  responses: { 200: json(clrCredentialSchema, 'The signed record'), ...problems(400, 401, 403, [404, 'A credential is not in your wallet'], 413, 422) },
})

export const postProgramClr = createRoute({
  method: 'post',
  path: '/api/v1/orgs/{org}/programs/{id}/enrolments/{enrolment}/clr',
  operationId: 'issueProgramClr',
  tags,
  summary: 'Issue a CLR 2.0 record of a completed program',
  description: `${needs('issuer')} A \`ClrCredential\` for a learner who completed the program: the program’s credential and the credentials the learner showed for its requirements, each as issued, with \`isPartOf\` associations to the program’s achievement, signed by the organization’s key (eddsa-rdfc-2022). 409 until the program’s credential is awarded.`,
  security: ACCESS.write,
  request: { params: z.object({ org: orgParam, id: idParam('The program’s id'), enrolment: idParam('The enrolment’s id') }) },
  responses: { 200: json(clrCredentialSchema, 'The signed record'), ...problems(401, 403, 404, [409, 'The learner has not completed the program yet']) },
})

const pathwayRecordsSchema = z
  .object({
    pathway: z.object({ id: z.string(), title: z.string() }),
    items: z.array(
      z.object({
        learnerId: z.string().describe('The learner’s id (the record’s path names it)'),
        name: z.string(),
        email: z.string(),
        held: z.number().int().describe('How many of the pathway’s parts the learner held when last evaluated'),
        awardState: z.enum(['none', 'issuing', 'awarded']),
        credentialId: z.string().nullable().describe('The pathway’s credential, once awarded'),
        record: z.string().optional().describe('Where to POST for the learner’s record (awarded learners only)'),
      }),
    ),
  })
  .meta({ id: 'PathwayRecords' })

export const getPathwayRecords = createRoute({
  method: 'get',
  path: '/api/v1/orgs/{org}/pathways/{id}/records',
  operationId: 'listPathwayRecords',
  tags,
  summary: 'The learners of a pathway, for their CLR 2.0 records',
  description: `${needs('issuer')} Every learner with a standing on the pathway (awarded first): how many parts they hold, whether its credential was awarded, and for those who completed it where to ask for their record.`,
  security: ACCESS.write,
  request: { params: z.object({ org: orgParam, id: idParam('The pathway’s id') }) },
  responses: { 200: json(pathwayRecordsSchema, 'The learners'), ...problems(401, 403, 404) },
})

export const postPathwayClr = createRoute({
  method: 'post',
  path: '/api/v1/orgs/{org}/pathways/{id}/records/{learner}/clr',
  operationId: 'issuePathwayClr',
  tags,
  summary: 'Issue a CLR 2.0 record of a completed pathway',
  description: `${needs('issuer')} A \`ClrCredential\` for a learner who completed the pathway: the pathway’s credential and the credentials of its parts the learner holds (this instance’s as issued, other issuers’ as kept in the learner’s wallet), each part \`isPartOf\` the pathway’s achievement, signed by the organization’s key (eddsa-rdfc-2022). 409 until the pathway’s credential is awarded.`,
  security: ACCESS.write,
  request: { params: z.object({ org: orgParam, id: idParam('The pathway’s id'), learner: idParam('The learner’s id (as the records list names it)') }) },
  responses: { 200: json(clrCredentialSchema, 'The signed record'), ...problems(401, 403, 404, [409, 'The learner has not completed the pathway yet']) },
})

export const getAchievementElm = createRoute({
  method: 'get',
  path: '/api/v1/orgs/{org}/achievements/{id}/elm',
  operationId: 'getAchievementElm',
  tags,
  summary: 'An achievement as Europass ELM 3',
  description: `${needs('viewer')} The achievement as a European Learning Model 3 \`LearningAchievementSpecification\` (JSON-LD) for the Europass Digital Credentials tools: learning outcomes (with their ESCO skills), workload (\`volumeOfLearning\`), ECTS (\`creditPoint\`), EQF level, mode of participation, language, prerequisites (\`entryRequirement\`), assessment, supervision, quality assurance and stackability as notes, and the awarding body with its country.`,
  security: ACCESS.read,
  request: { params: z.object({ org: orgParam, id: idParam('The achievement’s id') }) },
  responses: { 200: { ...json(elmDocumentSchema, 'The ELM document'), headers: download }, ...problems(401, 404) },
})

export const getCredentialElm = createRoute({
  method: 'get',
  path: '/api/v1/credentials/{id}/elm',
  operationId: 'getCredentialElm',
  tags,
  summary: 'A credential as Europass ELM 3',
  description:
    'A credential issued on this instance as an unsigned European Learning Model 3 `EuropeanDigitalCredential` (JSON-LD) for the Europass Digital Credentials tools: the learner (`Person`, named only when the learner shows their name), a `LearningAchievement` specified by the achievement’s Annex I elements, proven by its assessment (grade, identity verification), awarded by the organization on the date of issuing. Europass seals credentials with JAdES: import it in the EDC builder to issue it there; the Open Badges 3.0 credential stays the signed original.',
  security: ACCESS.public,
  request: { params: z.object({ id: idParam('The credential’s UUID (or its full `urn:uuid:` id)') }) },
  responses: { 200: { ...json(elmDocumentSchema, 'The ELM document'), headers: { ...download, 'Access-Control-Allow-Origin': header('`*`') } }, ...problems(404) },
})

/** The learner-record operations. */
export const clrOperations = [postWalletClr, postProgramClr, getPathwayRecords, postPathwayClr, getAchievementElm, getCredentialElm]
