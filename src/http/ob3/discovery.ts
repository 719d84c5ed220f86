// The OB 3.0 API's Service Description Document (GET /ims/ob/v3p0/discovery): an OpenAPI 3.0
// document of the operations this host serves, with the OAuth 2.0 endpoints in its security scheme
// (1EdTech Security Framework: OAuth2ACG, x-imssf-registrationUrl) and the host's image and
// privacy policy in `info`.
import { OB_SCOPES } from '../../app/oauth/scopes.js'
import { OAUTH_BASE, OB3_BASE } from './provider.js'

const statusInfoRef = { $ref: '#/components/schemas/Imsx_StatusInfo' }
const errors = (codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), { description: code === 401 ? 'No valid access token' : code === 403 ? 'The token lacks the scope' : code === 404 ? 'Not found' : 'Invalid request', content: { 'application/json': { schema: statusInfoRef } } }]))

/** The document, for an instance served at `publicUrl`. */
export function serviceDescription(publicUrl: string): Record<string, unknown> {
  const oauth = `${publicUrl}${OAUTH_BASE}`
  const scopes = {
    [OB_SCOPES.credentialRead]: 'Permission to read AchievementCredentials for the authenticated entity.',
    [OB_SCOPES.credentialUpsert]: 'Permission to create or update AchievementCredentials for the authenticated entity.',
    [OB_SCOPES.profileRead]: 'Permission to read the profile for the authenticated entity.',
    [OB_SCOPES.profileUpdate]: 'Permission to update the profile for the authenticated entity.',
  }
  const security = (scope: string) => [{ OAuth2ACG: [scope] }]
  const credentialBody = {
    content: {
      'application/json': { schema: { $ref: '#/components/schemas/AchievementCredential' } },
      'application/vc+ld+json': { schema: { $ref: '#/components/schemas/AchievementCredential' } },
      'text/plain': { schema: { type: 'string', description: 'A compact JWS (VC-JWT)' } },
    },
  }
  return {
    openapi: '3.0.1',
    info: {
      title: 'Open Badges API',
      description: 'The Open Badges 3.0 API of this Emblem instance: a learner\'s credentials and profile, with their consent (OAuth 2.0).',
      version: '3.0',
      termsOfService: `${publicUrl}/`,
      'x-imssf-image': `${publicUrl}/assets/favicon.svg`,
      'x-imssf-privacyPolicyUrl': `${publicUrl}/account/connections`,
    },
    servers: [{ url: `${publicUrl}${OB3_BASE}`, description: 'This instance' }],
    tags: [
      { name: 'OpenBadgeCredentials', description: 'Exchange credentials' },
      { name: 'Profile', description: 'The learner\'s profile' },
      { name: 'Discovery', description: 'This document' },
    ],
    paths: {
      '/credentials': {
        get: {
          tags: ['OpenBadgeCredentials'],
          operationId: 'getCredentials',
          summary: 'The authenticated learner\'s credentials',
          parameters: [
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } },
            { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0 } },
            { name: 'since', in: 'query', required: false, schema: { type: 'string', format: 'date-time' } },
          ],
          security: security(OB_SCOPES.credentialRead),
          responses: {
            '200': {
              description: 'A page of credentials; X-Total-Count and Link (first, last, next, prev) say where the rest is',
              headers: { 'X-Total-Count': { schema: { type: 'integer' } }, Link: { schema: { type: 'string' } } },
              content: { 'application/json': { schema: { $ref: '#/components/schemas/GetOpenBadgeCredentialsResponse' } } },
            },
            ...errors([400, 401, 403]),
          },
        },
        post: {
          tags: ['OpenBadgeCredentials'],
          operationId: 'upsertCredential',
          summary: 'Keep a credential in the learner\'s wallet (verified like an import)',
          requestBody: { required: true, ...credentialBody },
          security: security(OB_SCOPES.credentialUpsert),
          responses: {
            '200': { description: 'The wallet held it already', ...credentialBody },
            '201': { description: 'Kept', ...credentialBody },
            ...errors([400, 401, 403]),
          },
        },
      },
      '/profile': {
        get: {
          tags: ['Profile'],
          operationId: 'getProfile',
          security: security(OB_SCOPES.profileRead),
          responses: { '200': { description: 'The profile', content: { 'application/json': { schema: { $ref: '#/components/schemas/Profile' } } } }, ...errors([401, 403, 404]) },
        },
        put: {
          tags: ['Profile'],
          operationId: 'putProfile',
          security: security(OB_SCOPES.profileUpdate),
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Profile' } } } },
          responses: { '200': { description: 'Kept', content: { 'application/json': { schema: { $ref: '#/components/schemas/Profile' } } } }, ...errors([400, 401, 403]) },
        },
      },
      '/discovery': {
        get: {
          tags: ['Discovery'],
          operationId: 'getServiceDescription',
          security: [],
          responses: { '200': { description: 'This document', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
    components: {
      securitySchemes: {
        OAuth2ACG: {
          type: 'oauth2',
          description: 'OAuth 2.0 authorization code grant with PKCE (S256); clients register dynamically (RFC 7591, no initial access token).',
          'x-imssf-registrationUrl': `${oauth}/reg`,
          flows: { authorizationCode: { authorizationUrl: `${oauth}/auth`, tokenUrl: `${oauth}/token`, refreshUrl: `${oauth}/token`, scopes } },
        },
      },
      schemas: {
        Imsx_StatusInfo: {
          type: 'object',
          required: ['imsx_codeMajor', 'imsx_severity'],
          properties: {
            imsx_codeMajor: { type: 'string', enum: ['failure', 'processing', 'success', 'unsupported'] },
            imsx_severity: { type: 'string', enum: ['error', 'status', 'warning'] },
            imsx_description: { type: 'string' },
            imsx_codeMinor: { type: 'object' },
          },
        },
        AchievementCredential: { type: 'object', description: 'An OpenBadgeCredential (https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json)' },
        Profile: { type: 'object', required: ['id', 'type'], properties: { id: { type: 'string' }, type: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } } },
        GetOpenBadgeCredentialsResponse: {
          type: 'object',
          properties: {
            credential: { type: 'array', items: { $ref: '#/components/schemas/AchievementCredential' } },
            compactJwsString: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  }
}
