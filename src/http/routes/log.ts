import { Hono, type Context } from 'hono'
import type { LogReader, StoredCheckpoint } from '../../app/ports.js'
import { PlatformError } from '../../core/errors.js'
import { acceptCosignature, cosignatureInput, cosignedNote, type LogWitnessing } from '../../app/log-witnesses.js'
import { problemResponse } from '../error-response.js'
import { readJson } from '../request.js'
import { logProofRoutes } from './log-proofs.js'
import { logTileRoutes } from './log-tiles.js'

/** The transparency log this instance publishes: how to read it, and the key its checkpoints verify with. */
export interface PublishedLog {
  reader: LogReader
  /** C2SP verifier key string of the checkpoint signer, `<name>+<key ID>+<base64 key>`. */
  verifierKey: string
  /** Witness cosignatures: which witnesses may add them, where they are kept. */
  witnessing?: LogWitnessing
}

/**
 * `POST /log/cosignatures`: a configured witness's cosignature of a checkpoint (C2SP tlog-cosignature).
 * Mounted before the session and CSRF middleware: no cookie is involved, the signature is the credential.
 */
export function logCosignatureRoutes(log: PublishedLog | undefined): Hono {
  return new Hono().post('/cosignatures', async (c) => {
    const published = requireLog(log)
    if (!published.witnessing || published.witnessing.witnesses.length === 0)
      throw new PlatformError('ERR_FORBIDDEN', 'This log accepts no cosignatures: the operator configured no witness (EMBLEM_LOG_WITNESSES)')
    const input = await readJson(c, cosignatureInput, { maxBytes: 4096 })
    return c.json(await acceptCosignature(published.witnessing, input), 201)
  })
}

/** The log, or 503 `ERR_LOG_UNAVAILABLE` when this instance publishes none. */
export function requireLog(log: PublishedLog | undefined): PublishedLog {
  if (!log) throw new PlatformError('ERR_LOG_UNAVAILABLE', 'The transparency log is not configured on this instance')
  return log
}

/** The latest signed checkpoint, or a 404 problem answered before the first one. */
export async function latestCheckpointOr404(c: Context, reader: LogReader): Promise<StoredCheckpoint | Response> {
  const latest = await reader.latestCheckpoint()
  return latest ?? problemResponse(c, 404, 'ERR_NOT_FOUND', 'Not found', 'The log has no signed checkpoint yet')
}

/**
 * The public transparency log, mounted at `/log`, no authentication (C2SP tlog-tiles layout):
 * `checkpoint`, `key`, `tile/…`, and the JSON conveniences `proof/inclusion` and `proof/consistency`.
 * Readable from any origin (CORS `*`), like the other public documents: a verifier running in a
 * browser on another site proves inclusion itself.
 * @see https://c2sp.org/tlog-tiles
 */
export function logRoutes(log: PublishedLog | undefined): Hono {
  return new Hono()
    .use('*', async (c, next) => {
      await next()
      c.res.headers.set('Access-Control-Allow-Origin', '*')
    })
    .get('/checkpoint', async (c) => {
      const latest = await latestCheckpointOr404(c, requireLog(log).reader)
      if (latest instanceof Response) return latest
      // A checkpoint changes with every batch: caches must revalidate.
      c.header('Cache-Control', 'no-cache')
      const note = await cosignedNote(requireLog(log).witnessing, latest.note, latest.checkpoint.size)
      return c.body(note, 200, { 'Content-Type': 'text/plain; charset=utf-8' })
    })
    .get('/key', (c) => {
      c.header('Cache-Control', 'public, max-age=3600')
      return c.body(`${requireLog(log).verifierKey}\n`, 200, { 'Content-Type': 'text/plain; charset=utf-8' })
    })
    .route('/', logCosignatureRoutes(log))
    .route('/', logTileRoutes(() => requireLog(log)))
    .route('/', logProofRoutes(() => requireLog(log)))
}
