import type { Context } from 'hono'
import type { LogReader } from '../../../app/ports.js'
import { render, tOf } from '../../kit/render.js'
import { lookUpInclusion } from '../../../app/log-lookup.js'
import { LogView } from './log-view.js'

/** How many checkpoints the growth chart draws. */
const GROWTH_POINTS = 200

/** `GET /log[?credential=<id>]`: the log's public page; the form's lookup is verified on the server. */
export const logPageRoute =
  (publicUrl: string, log: { reader: LogReader; verifierKey: string } | undefined) =>
  async (c: Context): Promise<Response> => {
    const t = tOf(c)
    if (!log) return render(c, <LogView model={{}} />, { title: t.t('log.title'), status: 503 })
    const asked = c.req.query('credential')?.trim().slice(0, 500) || undefined
    const [latest, checkpoints, lookup] = await Promise.all([
      log.reader.latestCheckpoint(),
      log.reader.checkpoints(GROWTH_POINTS),
      asked ? lookUpInclusion(log.reader, log.verifierKey, asked) : undefined,
    ])
    const growth = checkpoints.map((s) => ({ at: s.createdAt, size: s.checkpoint.size })).reverse()
    return render(c, <LogView model={{ published: { latest, verifierKey: log.verifierKey, growth, publicUrl }, lookup, asked }} />, { title: t.t('log.title'), description: t.t('log.lead'), cacheControl: 'no-cache' })
  }
