// Wallet import (routes/api/wallet-import.ts): a credential from anywhere, read, verified and kept.
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { ACCESS, json } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { binary } from './common.js'
import { intakeReference, intakeUpload, reportSchema } from './public-documents.js'

const importedSchema = z
  .object({
    id: z.string().describe('The wallet item’s id (`w_…`): GET /api/v1/wallet/credentials/{id}'),
    credentialId: z.string().nullable().describe('The credential’s own `id`, when it has one'),
    verified: z.boolean().describe('Whether it verified on import; a credential that does not is still kept, marked so'),
    report: reportSchema,
    duplicate: z.boolean().describe('True when your wallet already held this exact credential: nothing new was kept'),
  })
  .meta({ id: 'ImportedCredential' })

export const postWalletCredential = createRoute({
  method: 'post',
  path: '/api/v1/wallet/credentials',
  operationId: 'importWalletCredential',
  tags: ['Wallet'],
  summary: 'Import a credential into your wallet',
  description:
    'Keeps a credential from any issuer: an Open Badges 3.0 / VC credential (VC 2.0 or 1.1 JSON, or a compact VC-JWT), an Open Badges 2.0 assertion (hosted or signed), a baked PNG or SVG badge of either version, a PDF certificate (its link or QR code is followed), or a URL serving any of these (through the guarded fetcher). Send `{"credential"}` or `{"url"}` as JSON, the credential itself as the body, or a multipart upload (`file`). It is verified on import and its report kept; one that does not verify is kept with `verified: false`. The same credential twice is recognised: `200` with `duplicate: true`, no second copy.',
  security: ACCESS.personWrite,
  request: {
    body: {
      required: true,
      description: 'The credential, `{"credential"}` / `{"url"}`, or a multipart upload',
      content: {
        'application/json': { schema: z.union([intakeReference, z.record(z.string(), z.unknown())]) },
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
    201: json(importedSchema, 'Kept in your wallet'),
    200: json(importedSchema, 'Already in your wallet (`duplicate: true`)'),
    ...problems([400, 'The input holds no credential, or its URL cannot be reached'], 401, 403, 413, [422, 'An image that cannot be read or has no credential baked in']),
  },
})

export const walletImportOperations = [postWalletCredential]
