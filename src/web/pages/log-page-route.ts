import type { Context } from 'hono'
import type { LogReader } from '../../app/ports.js'
import { lookUpInclusion } from '../../app/log-lookup.js'
import { logPage } from './log-page.js'
import { navUserOf } from '../page.js'

/** How many checkpoints the growth chart draws. */
const GROWTH_POINTS = 200

/** `GET /log[?credential=<id>]`: the log's public page; the form's lookup is verified on the server. */
export const logPageRoute =
  (version: string, log: { reader: LogReader; verifierKey: string } | undefined) =>
  async (c: Context): Promise<Response> => {
    c.header('Cache-Control', 'no-cache')
    if (!log) return c.html(logPage({ version, user: navUserOf(c) }), 503)
    const credential = c.req.query('credential')?.trim()
    const [latest, checkpoints, lookup] = await Promise.all([
      log.reader.latestCheckpoint(),
      log.reader.checkpoints(GROWTH_POINTS),
      credential ? lookUpInclusion(log.reader, log.verifierKey, credential) : undefined,
    ])
    const growth = checkpoints.map((s) => ({ at: s.createdAt, size: s.checkpoint.size })).reverse()
    return c.html(logPage({ version, user: navUserOf(c), published: { latest, verifierKey: log.verifierKey, growth }, lookup }))
  }
