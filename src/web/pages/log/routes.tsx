import type { Context } from 'hono'
import type { LogReader } from '../../../app/ports.js'
import { render, tOf } from '../../kit/render.js'
import { lookUpInclusion } from '../../../app/log-lookup.js'
import { cosignedNote, type LogWitnessing } from '../../../app/log-witnesses.js'
import { LogView } from './log-view.js'

/** How many checkpoints the growth chart draws. */
const GROWTH_POINTS = 200

/** `GET /log[?credential=<id>]`: the log's public page; the form's lookup is verified on the server. */
export const logPageRoute =
  (publicUrl: string, log: { reader: LogReader; verifierKey: string; witnessing?: LogWitnessing } | undefined) =>
  async (c: Context): Promise<Response> => {
    const t = tOf(c)
    if (!log) return render(c, <LogView model={{}} />, { title: t.t('log.title'), status: 503 })
    const asked = c.req.query('credential')?.trim().slice(0, 500) || undefined
    const [latest, checkpoints, lookup] = await Promise.all([
      log.reader.latestCheckpoint(),
      log.reader.checkpoints(GROWTH_POINTS),
      asked ? lookUpInclusion(log.reader, log.verifierKey, asked) : undefined,
    ])
    // The witnesses that cosigned the latest checkpoint (only those configured now), and the note as /log/checkpoint serves it.
    const lines = latest && log.witnessing ? await log.witnessing.linesFor(latest.checkpoint.size) : []
    const configured = new Set(log.witnessing?.witnesses.map((w) => w.name) ?? [])
    const cosignedBy = lines.filter((l) => configured.has(l.witness)).map((l) => l.witness)
    const shown = latest ? { ...latest, note: await cosignedNote(log.witnessing, latest.note, latest.checkpoint.size) } : latest
    const growth = checkpoints.map((s) => ({ at: s.createdAt, size: s.checkpoint.size })).reverse()
    return render(c, <LogView model={{ published: { latest: shown, verifierKey: log.verifierKey, growth, publicUrl, cosignedBy }, lookup, asked }} />, { title: t.t('log.title'), description: t.t('log.lead'), cacheControl: 'no-cache' })
  }
