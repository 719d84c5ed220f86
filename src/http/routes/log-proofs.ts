import { Hono } from 'hono'
import { PlatformError } from '../../core/errors.js'
import { encodeBase64 } from '../../core/transparency-log/base64.js'
import { assembleProof, consistencyProofPlan, proofNodeIds } from '../../core/transparency-log/index.js'
import { readInclusionProof } from '../../core/verification/check-log-inclusion.js'
import { problemResponse } from '../error-response.js'
import { latestCheckpointOr404, type PublishedLog } from './log.js'

const TREE_SIZE = /^(?:0|[1-9][0-9]{0,15})$/

/** A tree size from the query: a decimal without leading zeros. `ERR_INPUT_INVALID` otherwise. */
function treeSize(value: string | undefined, name: string): number {
  if (value === undefined || !TREE_SIZE.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new PlatformError('ERR_INPUT_INVALID', `${name} must be a tree size (a decimal integer), got ${JSON.stringify(value?.slice(0, 30) ?? null)}`)
  }
  return Number(value)
}

/**
 * `GET /log/proof/inclusion?credential=<id>` (index, tree size, base64 hashes, the signed checkpoint)
 * and `GET /log/proof/consistency?from=<m>&to=<n>` (base64 hashes): JSON conveniences over the tiles.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3
 */
export function logProofRoutes(log: () => PublishedLog): Hono {
  return new Hono()
    .get('/proof/inclusion', async (c) => {
      const { reader } = log()
      const credential = c.req.query('credential')
      if (!credential) throw new PlatformError('ERR_INPUT_INVALID', 'Give the credential id: /log/proof/inclusion?credential=<id>')
      const proof = await readInclusionProof(reader, credential)
      if (!proof) return problemResponse(c, 404, 'ERR_NOT_FOUND', 'Not found', `Credential ${credential} is not in the log's latest checkpoint`)
      c.header('Cache-Control', 'no-cache')
      return c.json(proof)
    })
    .get('/proof/consistency', async (c) => {
      const { reader } = log()
      const from = treeSize(c.req.query('from'), 'from')
      const to = treeSize(c.req.query('to'), 'to')
      const latest = await latestCheckpointOr404(c, reader)
      if (latest instanceof Response) return latest
      if (to > latest.checkpoint.size) throw new PlatformError('ERR_INPUT_INVALID', `to ${to} is beyond the latest checkpoint (size ${latest.checkpoint.size})`)
      const plan = consistencyProofPlan(from, to)
      const hashes = assembleProof(plan, await reader.nodes(proofNodeIds(plan), to))
      // The proof between two sizes never changes.
      c.header('Cache-Control', 'public, max-age=31536000, immutable')
      return c.json({ from, to, hashes: hashes.map(encodeBase64) })
    })
}
