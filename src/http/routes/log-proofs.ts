import { Hono } from 'hono'
import { PlatformError } from '../../core/errors.js'
import { encodeBase64 } from '../../core/transparency-log/base64.js'
import { assembleProof, consistencyProofPlan, proofNodeIds } from '../../core/transparency-log/index.js'
import { readInclusionProof } from '../../core/verification/check-log-inclusion.js'
import { problemResponse } from '../error-response.js'
import { readQuery } from '../request.js'
import { consistencyQuery, inclusionQuery } from '../schemas/log.js'
import { latestCheckpointOr404, type PublishedLog } from './log.js'

/**
 * `GET /log/proof/inclusion?credential=<id>` (index, tree size, base64 hashes, the signed checkpoint)
 * and `GET /log/proof/consistency?from=<m>&to=<n>` (base64 hashes): JSON conveniences over the tiles,
 * their queries checked by the schemas the OpenAPI document shows (schemas/log.ts).
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3
 */
export function logProofRoutes(log: () => PublishedLog): Hono {
  return new Hono()
    .get('/proof/inclusion', async (c) => {
      const { reader } = log()
      const { credential } = readQuery(c, inclusionQuery)
      const proof = await readInclusionProof(reader, credential)
      if (!proof) return problemResponse(c, 404, 'ERR_NOT_FOUND', 'Not found', `Credential ${credential} is not in the log's latest checkpoint`)
      c.header('Cache-Control', 'no-cache')
      return c.json(proof)
    })
    .get('/proof/consistency', async (c) => {
      const { reader } = log()
      const { from, to } = readQuery(c, consistencyQuery)
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
