// The transparency log's public routes (routes/log.ts, log-tiles.ts, log-proofs.ts): the C2SP
// tlog-tiles layout and the JSON proofs, with the query schemas the proof routes check.
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { cosignatureInput } from '../../app/log-witnesses.js'
import { ACCESS, bytes, json, jsonBody } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { binary, idParam } from './common.js'

const TREE_SIZE_MESSAGE = 'must be a tree size (a decimal integer without leading zeros)'
const treeSize = (description: string) =>
  z
    .string()
    .regex(/^(?:0|[1-9][0-9]{0,15})$/, TREE_SIZE_MESSAGE)
    .transform(Number)
    .refine(Number.isSafeInteger, TREE_SIZE_MESSAGE)
    .meta({ description, examples: ['1024'] })

/** `GET /log/proof/inclusion` query. */
export const inclusionQuery = z.object({
  credential: z.string().min(1, 'give the credential id').max(200).describe('The credential id (`urn:uuid:…`)'),
})

/** `GET /log/proof/consistency` query. */
export const consistencyQuery = z.object({
  from: treeSize('The older tree size'),
  to: treeSize('The newer tree size, at most the latest checkpoint’s'),
})

const text = z.string()
const tags = ['Transparency log']
const unavailable: [number, string] = [503, 'This instance publishes no log']
const noCheckpoint: [number, string] = [404, 'No signed checkpoint yet, or beyond the latest one']

export const getCheckpoint = createRoute({
  method: 'get',
  path: '/log/checkpoint',
  operationId: 'getCheckpoint',
  tags,
  summary: 'The latest checkpoint',
  description: 'The latest signed checkpoint: a C2SP signed note (origin `<host>/log`, tree size, root hash) signed with Ed25519. Revalidate every time (`no-cache`).',
  security: ACCESS.public,
  responses: { 200: bytes(text, ['text/plain'], 'The signed note'), ...problems(noCheckpoint, unavailable) },
})

export const getLogKey = createRoute({
  method: 'get',
  path: '/log/key',
  operationId: 'getLogKey',
  tags,
  summary: 'The checkpoint verifier key',
  description: 'The note verifier key (`<name>+<key id>+<base64 key>`) checkpoints verify with.',
  security: ACCESS.public,
  responses: { 200: bytes(text, ['text/plain'], 'The verifier key'), ...problems(unavailable) },
})

export const getHashTile = createRoute({
  method: 'get',
  path: '/log/tile/{L}/{N}',
  operationId: 'getHashTile',
  tags,
  summary: 'A hash tile',
  description:
    'A tile of level `L` (0–63): up to 256 hashes of 32 bytes. `N` is the tile index in the C2SP path encoding, several segments (`x001/x234/067`); a partial tile ends in `.p/<W>` (its width). Full tiles never change (cached for a year).',
  security: ACCESS.public,
  request: { params: z.object({ L: idParam('The tile level'), N: idParam('The tile index, C2SP-encoded (may span segments), optionally `.p/<width>`') }) },
  responses: { 200: bytes(binary, ['application/octet-stream'], 'The hashes, concatenated'), ...problems([400, 'Not a canonical tile path'], noCheckpoint, unavailable) },
})

export const getEntryBundle = createRoute({
  method: 'get',
  path: '/log/tile/entries/{N}',
  operationId: 'getEntryBundle',
  tags,
  summary: 'An entry bundle',
  description:
    'The entries of a level-0 tile: each a 2-byte big-endian length and the entry, the JCS JSON `{"digest","issuer","issued"}` (the digest is the SHA-256 of the signed credential’s JCS form, base64url; no credential id). `N` as for hash tiles.',
  security: ACCESS.public,
  request: { params: z.object({ N: idParam('The tile index, C2SP-encoded, optionally `.p/<width>`') }) },
  responses: { 200: bytes(binary, ['application/octet-stream'], 'The entry bundle'), ...problems([400, 'Not a canonical tile path'], noCheckpoint, unavailable) },
})

export const getInclusionProof = createRoute({
  method: 'get',
  path: '/log/proof/inclusion',
  operationId: 'getInclusionProof',
  tags,
  summary: 'Prove a credential is in the log',
  description: 'The credential’s leaf index, the tree size of the latest checkpoint, the audit path (RFC 9162) and that checkpoint, to check inclusion offline.',
  security: ACCESS.public,
  request: { query: inclusionQuery },
  responses: {
    200: json(
      z.object({
        credential: z.string(),
        index: z.number().int(),
        treeSize: z.number().int(),
        hashes: z.array(z.string()).describe('The audit path, base64'),
        checkpoint: z.string().describe('The signed note the proof is against'),
      }),
      'The proof',
    ),
    ...problems(400, [404, 'Not in the latest checkpoint'], unavailable),
  },
})

export const getConsistencyProof = createRoute({
  method: 'get',
  path: '/log/proof/consistency',
  operationId: 'getConsistencyProof',
  tags,
  summary: 'Prove the log only grew',
  description: 'The RFC 9162 consistency proof between two tree sizes: that the newer tree contains the older one unchanged. Never changes (cached for a year).',
  security: ACCESS.public,
  request: { query: consistencyQuery },
  responses: {
    200: json(z.object({ from: z.number().int(), to: z.number().int(), hashes: z.array(z.string()).describe('The proof, base64') }), 'The proof'),
    ...problems([400, 'Sizes that make no proof (from > to, to beyond the latest checkpoint, malformed)'], noCheckpoint, unavailable),
  },
})

export const postCosignature = createRoute({
  method: 'post',
  path: '/log/cosignatures',
  operationId: 'postCosignature',
  tags,
  summary: 'A witness cosigns a checkpoint',
  description:
    'A witness configured by the operator (`EMBLEM_LOG_WITNESSES`) hands over its C2SP tlog-cosignature (cosignature/v1, Ed25519) of a checkpoint this log signed; `/log/checkpoint` then carries the line for that size. No session: the signature is the credential.',
  security: ACCESS.public,
  request: { body: jsonBody(cosignatureInput, { example: { size: 42, cosignature: '\u2014 witness.example/w1 AbCdEf…' } }) },
  responses: {
    201: json(z.object({ size: z.number().int(), witness: z.string(), timestamp: z.number().int() }), 'Stored'),
    ...problems([400, 'Not a signature line, or it does not verify over that checkpoint'], [403, 'Not a witness configured for this log'], [404, 'No checkpoint of that size'], 413, unavailable),
  },
})

/** The transparency log's operations. */
export const logOperations = [getCheckpoint, getLogKey, getHashTile, getEntryBundle, getInclusionProof, getConsistencyProof, postCosignature]
