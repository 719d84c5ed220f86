// What integrators fetch without an account: verification (routes/public-credentials.ts), the
// signed credential and its downloads (web/pages/credential), badge images, status lists, issuer
// documents (routes/public-orgs.ts, public-status.ts, public-images.ts) and the service's own.
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { ACCESS, bytes, header, json } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { binary, idParam } from './common.js'

const CHECK_IDS = ['parse', 'schema', 'proof', 'issuer-binding', 'validity-period', 'status', 'log-inclusion', 'recipient', 'trust'] as const

const checkSchema = z
  .object({
    id: z.enum(CHECK_IDS),
    outcome: z.enum(['passed', 'failed', 'skipped']),
    code: z.string().optional().describe('Why it failed: `CREDENTIAL_REVOKED`, `CREDENTIAL_EXPIRED`, `PROOF_SIGNATURE_INVALID`, `JWT_CLAIM_ABSENT`, `NOT_IN_LOG`, … (docs/VERIFICATION.md); on a skipped schema check, what was set aside: `SCHEMA_VC1_FORM`, `SCHEMA_STATUS_ENTRIES`'),
    message: z.string().describe('What the check found, in English'),
    cachedFrom: z
      .string()
      .optional()
      .describe('Set on schema, proof and issuer-binding when their outcome was kept from an earlier verification of the same signed text under the same issuer key set: when that verification ran (ISO 8601). Revoking a key discards it.'),
  })
  .meta({ id: 'Check' })

export const reportSchema = z
  .object({
    verified: z.boolean().describe('True when no check failed (the `trust` check aside)'),
    credential: z.record(z.string(), z.unknown()).optional().describe('The credential checked: its JSON, or the `vc` claim of a VC-JWT'),
    checks: z.array(checkSchema).describe('Every check, in the order it ran; the last, `trust`, says whether the issuer is in a list this instance trusts'),
    trust: z
      .object({
        trusted: z.boolean().describe('Whether the issuer is one of this instance’s organizations, an issuer its administrators added, or in a registry they subscribed to'),
        list: z.string().optional().describe('The list that trusts it: this instance, "Added by an administrator of this instance", or the registry’s name'),
      })
      .optional()
      .describe('Whether the issuer is trusted. Separate from `verified` (the signature, dates and status): a valid credential from an issuer in no trusted list is `verified: true, trust.trusted: false` (the verdict "Issuer not trusted").'),
  })
  .meta({ id: 'VerificationReport', description: 'What a verification found. A credential that does not verify is a report (200), not an error.' })

/** Any JSON document (a credential, a DID document, a Profile). */
const jsonDocument = z.record(z.string(), z.unknown())
const credentialId = z.object({ id: idParam('The credential’s UUID (or its full `urn:uuid:` id)') })
const cors = { 'Access-Control-Allow-Origin': header('`*`: readable from any origin') }

export const getVerification = createRoute({
  method: 'get',
  path: '/api/v1/credentials/{id}/verification',
  operationId: 'verifyIssuedCredential',
  tags: ['Verification'],
  summary: 'Verify a credential of this instance',
  description: 'Verifies a credential this instance issued, live: its proof, issuer, validity, status and log inclusion.',
  security: ACCESS.public,
  request: { params: credentialId },
  responses: { 200: { ...json(reportSchema, 'The report'), headers: cors }, ...problems(404) },
})

/** What `POST /api/v1/verify` and wallet import take besides the credential itself. */
export const intakeUpload = z
  .object({
    file: binary.optional().describe('A credential file: JSON, a compact JWT, a baked PNG or SVG (Open Badges 3.0 or 2.0), or a PDF certificate (its verification link or QR code is followed)'),
    url: z.string().optional().describe('Or a URL that serves a credential, a page linking to one, a baked image or an OB 2.0 hosted assertion'),
    credential: z.string().optional().describe('Or the credential as text (JSON or a compact JWT)'),
  })
  .meta({ id: 'CredentialUpload' })
/** `{"url"}` or `{"credential"}`. */
export const intakeReference = z
  .object({ url: z.string().optional(), credential: z.union([jsonDocument, z.string()]).optional() })
  .meta({ id: 'CredentialReference', description: 'Exactly one of `url` (a URL to fetch the credential from, through the guarded fetcher) or `credential` (the credential: its JSON object, or a compact JWT as a string)' })

export const postVerify = createRoute({
  method: 'post',
  path: '/api/v1/verify',
  operationId: 'verifyCredential',
  tags: ['Verification'],
  summary: 'Verify any credential',
  description:
    'Verifies a credential from anywhere: an Open Badges 3.0 / VC credential (JSON with an embedded proof, or a compact VC-JWT), an Open Badges 2.0 assertion (hosted or signed), a baked PNG or SVG badge of either version, or a PDF certificate (its verification link or QR code is followed). Send the credential as the body, `{"url"}` or `{"credential"}` as JSON, an image or PDF as the body, or a multipart upload (`file`). Remote documents are fetched through a guarded fetcher (public addresses, size and time caps). Rate-limited per client address (429 with `Retry-After`).',
  security: ACCESS.public,
  request: {
    body: {
      required: true,
      description: 'The credential: JSON, a compact JWT as text, `{"url"}` / `{"credential"}`, an image or PDF, or a multipart upload',
      content: {
        'application/json': { schema: z.union([jsonDocument, intakeReference]) },
        'application/vc': { schema: jsonDocument },
        'application/vc+jwt': { schema: z.string() },
        'text/plain': { schema: z.string() },
        'multipart/form-data': { schema: intakeUpload },
        'image/png': { schema: binary },
        'image/svg+xml': { schema: binary },
        'application/pdf': { schema: binary },
      },
    },
  },
  responses: {
    200: { ...json(reportSchema, 'The report, verified or not'), headers: cors },
    ...problems([400, 'The body is empty, not valid JSON, holds no credential, or its URL cannot be reached'], 413, [422, 'An image that cannot be read or has no credential baked in'], 429),
  },
})

export const getCredentialDocument = createRoute({
  method: 'get',
  path: '/credentials/{id}',
  operationId: 'getCredentialDocument',
  tags: ['Credential documents'],
  summary: 'The signed credential',
  description:
    'The signed OpenBadgeCredential, by content negotiation: `application/vc` (default), `application/vc+ld+json`, `application/ld+json` or `application/json`; a VC-JWT credential as `application/vc+jwt` or `application/jwt` (its default). A browser asking for `text/html` is sent to the credential’s page (303). Revoked and suspended credentials still resolve: their status says so. The signed bytes never change: a strong ETag (their SHA-256), cacheable for five minutes, 304 on If-None-Match.',
  security: ACCESS.public,
  request: { params: credentialId },
  responses: {
    200: {
      description: 'The credential',
      headers: { ETag: header('The SHA-256 of the body (base64url), quoted: a strong validator'), ...cors },
      content: {
        'application/vc': { schema: jsonDocument },
        'application/vc+ld+json': { schema: jsonDocument },
        'application/ld+json': { schema: jsonDocument },
        'application/json': { schema: jsonDocument },
        'application/vc+jwt': { schema: z.string() },
        'application/jwt': { schema: z.string() },
      },
    },
    303: { description: 'For `Accept: text/html`: the credential’s page, `/c/{id}`', headers: { Location: header('`/c/{id}`') } },
    304: { description: 'Not modified (If-None-Match)' },
    ...problems(404),
  },
})

const download = (file: string, operationId: string, summary: string, mediaType: string, description: string, schema: z.ZodType = binary) =>
  createRoute({
    method: 'get',
    path: `/c/{id}/${file}`,
    operationId,
    tags: ['Credential documents'],
    summary,
    description,
    security: ACCESS.public,
    request: { params: credentialId },
    responses: {
      200: { ...bytes(schema, [mediaType], `\`${file}\`, as an attachment`), headers: { 'Content-Disposition': header('attachment; filename=…') } },
      ...(file.startsWith('credential.') ? { 303: { description: 'The credential is in the other format: its download', headers: { Location: header('`/c/{id}/credential.json` or `.jwt`') } } } : {}),
      ...(file === 'badge.svg' ? { 303: { description: 'The badge image is a PNG: the baked PNG', headers: { Location: header('`/c/{id}/badge.png`') } } } : {}),
      ...problems(404),
    },
  })

export const downloadJson = download('credential.json', 'downloadCredentialJson', 'Download the credential (JSON)', 'application/vc+ld+json', 'The signed credential as a file, for wallets and archives.', jsonDocument)
export const downloadJwt = download('credential.jwt', 'downloadCredentialJwt', 'Download the credential (VC-JWT)', 'application/vc+jwt', 'The compact VC-JWT of a credential its organization issues as a VC-JWT.', z.string())
export const downloadPng = download('badge.png', 'downloadBadgePng', 'Baked badge (PNG)', 'image/png', 'The badge image with the signed credential baked in (OB 3.0 baking: an iTXt `openbadgecredential` chunk). Every credential has one: an SVG badge (or the badge designed from the achievement’s name) is drawn to a 512 px PNG first.')
export const downloadSvg = download('badge.svg', 'downloadBadgeSvg', 'Baked badge (SVG)', 'image/svg+xml', 'The badge image with the signed credential baked in (an `openbadges:credential` element), for an SVG badge or none; a PNG badge answers 303 to the baked PNG.')
export const downloadPdf = download('certificate.pdf', 'downloadCertificate', 'PDF certificate', 'application/pdf', 'A printable certificate with a QR code to the credential’s page, its words in the reader’s language (the language cookie, then `Accept-Language`); a revoked or suspended credential’s is marked so across the page, with when and why.')

export const getImage = createRoute({
  method: 'get',
  path: '/images/{id}',
  operationId: 'getImage',
  tags: ['Credential documents'],
  summary: 'A badge image or logo',
  description: 'Images are stored under the SHA-256 of their bytes, so a response never changes: cached for a year, with the digest as its ETag.',
  security: ACCESS.public,
  request: { params: z.object({ id: idParam('The SHA-256 of the image (64 hex digits)') }) },
  responses: { 200: bytes(binary, ['image/png', 'image/svg+xml'], 'The image'), 304: { description: 'Not modified (If-None-Match)' }, ...problems(404) },
})

export const getStatusList = createRoute({
  method: 'get',
  path: '/status/{listId}',
  operationId: 'getStatusList',
  tags: ['Status lists'],
  summary: 'A status list credential',
  description: 'The signed BitstringStatusListCredential credentials point to in `credentialStatus`, re-signed when a bit changes, with its version as ETag (304 on If-None-Match) and cacheable for a minute. `application/vc+ld+json` by default; `application/json` when only that is accepted.',
  security: ACCESS.public,
  request: { params: z.object({ listId: idParam('The list id (a UUID)') }) },
  responses: {
    200: { description: 'The status list credential', headers: { ETag: header('The list’s version'), ...cors }, content: { 'application/vc+ld+json': { schema: jsonDocument }, 'application/json': { schema: jsonDocument } } },
    304: { description: 'Not modified (If-None-Match)' },
    ...problems(404),
  },
})

const slug = z.object({ slug: idParam("The organization's slug") })

export const getDidDocument = createRoute({
  method: 'get',
  path: '/orgs/{slug}/did.json',
  operationId: 'getDidDocument',
  tags: ['Issuer documents'],
  summary: "An organization's DID document",
  description: "The did:web DID document (`did:web:<host>:orgs:<slug>`) listing the organization's Ed25519 keys as Multikey verification methods (revoked keys left out).",
  security: ACCESS.public,
  request: { params: slug },
  responses: { 200: { description: 'The DID document', headers: cors, content: { 'application/did+json': { schema: jsonDocument } } }, ...problems(404) },
})

export const getIssuerProfile = createRoute({
  method: 'get',
  path: '/orgs/{slug}',
  operationId: 'getIssuerProfile',
  tags: ['Issuer documents'],
  summary: "An organization's issuer Profile",
  description: 'With `Accept: application/ld+json` or `application/json`: the OB 3.0 issuer `Profile` its credentials embed. A browser asking for HTML gets the organization’s public page.',
  security: ACCESS.public,
  request: { params: slug },
  responses: {
    200: { description: 'The Profile (or, for `text/html`, the public page)', headers: cors, content: { 'application/ld+json': { schema: jsonDocument }, 'application/json': { schema: jsonDocument }, 'text/html': { schema: z.string() } } },
    ...problems(404),
  },
})

export const getHealth = createRoute({
  method: 'get',
  path: '/healthz',
  operationId: 'getHealth',
  tags: ['Service'],
  summary: 'Liveness',
  security: ACCESS.public,
  responses: { 200: json(z.object({ status: z.literal('ok'), version: z.string() }), 'The instance is up') },
})

export const getReadiness = createRoute({
  method: 'get',
  path: '/readyz',
  operationId: 'getReadiness',
  tags: ['Service'],
  summary: 'Readiness',
  description: 'For load balancers: `200` while the database answers and its schema is current (every migration applied); otherwise `503` with `ERR_STORE_UNAVAILABLE` and `Retry-After`. `/healthz` only says the process is alive.',
  security: ACCESS.public,
  responses: { 200: json(z.object({ status: z.literal('ready'), version: z.string() }), 'The instance can serve requests'), ...problems(503) },
})

export const getOpenApi = createRoute({
  method: 'get',
  path: '/api/openapi.json',
  operationId: 'getOpenApiDocument',
  tags: ['Service'],
  summary: 'This API description',
  description: 'This OpenAPI 3.1 document. `/api/docs` shows it as a browsable reference.',
  security: ACCESS.public,
  responses: { 200: json(jsonDocument, 'The OpenAPI document') },
})

/** Verification operations (under /api/v1). */
/** What a browser reports after verifying a credential of this instance on /verify. */
export const browserVerificationBody = z.strictObject({ verified: z.boolean().describe('What the browser’s verification found') }).meta({ id: 'BrowserVerification' })

export const postBrowserVerification = createRoute({
  method: 'post',
  path: '/api/v1/credentials/{id}/verifications',
  operationId: 'countBrowserVerification',
  tags: ['Verification'],
  summary: 'Count a verification made in a browser',
  description:
    'The /verify page sends this after it verified a credential of this instance in the visitor’s browser, so the issuer’s statistics count it (kind verification, channel browser). No authentication; nothing about the caller is stored (its address only keys a rate limit). The body is `{"verified": true|false}` as `application/json`, at most 100 bytes. Members of the issuing organization are not counted (`counted: false`). Sends no webhook: the result is the browser’s word.',
  security: ACCESS.public,
  request: { params: credentialId, body: { required: true, content: { 'application/json': { schema: browserVerificationBody } } } },
  responses: {
    202: { ...json(z.object({ counted: z.boolean().describe('Whether it was counted for the issuer') }).meta({ id: 'BrowserVerificationCounted' }), 'Accepted') },
    ...problems([400, 'The body is not `{"verified": boolean}` as application/json'], 404, 413, 429),
  },
})

export const verificationOperations = [getVerification, postVerify, postBrowserVerification]
/** Public documents outside /api/v1. */
export const publicDocumentOperations = [getCredentialDocument, downloadJson, downloadJwt, downloadPng, downloadSvg, downloadPdf, getImage, getStatusList, getDidDocument, getIssuerProfile]
/** The service's own operations. */
export const serviceOperations = [getHealth, getReadiness, getOpenApi]
