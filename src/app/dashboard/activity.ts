import type { Clock } from '../platform/ports.js'
import type { DayCounts, StatsRepo } from './ports.js'

/** An organization's activity: all-time totals and one row per day of the window (zeros included), oldest first. */
export interface Activity {
  totals: Awaited<ReturnType<StatsRepo['totals']>>
  days: DayCounts[]
}

const DAY = 86_400_000

/**
 * Issued, claimed, revoked, verified and viewed per day over the last `days` days (UTC, today included),
 * with the days that had no events filled in as zeros so charts have an even axis.
 */
export async function organizationActivity({ stats, clock }: { stats: StatsRepo; clock: Clock }, orgId: string, days = 30): Promise<Activity> {
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new TypeError('days must be an integer from 1 to 366')
  const today = Date.UTC(clock.now().getUTCFullYear(), clock.now().getUTCMonth(), clock.now().getUTCDate())
  const from = today - (days - 1) * DAY
  const [totals, rows] = await Promise.all([stats.totals(orgId), stats.daily(orgId, new Date(from).toISOString())])
  const byDate = new Map(rows.map((r) => [r.date, r]))
  const series = Array.from({ length: days }, (_, i) => {
    const date = new Date(from + i * DAY).toISOString().slice(0, 10)
    return byDate.get(date) ?? { date, issued: 0, claimed: 0, revoked: 0, verified: 0, viewed: 0 }
  })
  return { totals, days: series }
}
