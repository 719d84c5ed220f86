import type { PlatformPorts } from '../platform/ports.js'
import { organizationActivity, type Activity } from './activity.js'
import type { AchievementLooks, MyOrg } from './ports.js'

/** What the dashboards show. */
export interface DashboardUseCases {
  /** The user's organizations with their role and size, by name. */
  myOrgs(userId: string): Promise<MyOrg[]>
  /** An organization's totals and per-day counts over the last `days` days (1–366). */
  activity(orgId: string, days: number): Promise<Activity>
  /** Verifications and page views by others per achievement, all time (no verifier's address is ever stored). */
  looksByAchievement(orgId: string): Promise<AchievementLooks[]>
}

/** The dashboard read queries bound to `ports`. */
export function dashboardUseCases({ store, clock }: Pick<PlatformPorts, 'store' | 'clock'>): DashboardUseCases {
  return {
    myOrgs: (userId) => store.repos.stats.orgsOf(userId),
    activity: (orgId, days) => organizationActivity({ stats: store.repos.stats, clock }, orgId, days),
    looksByAchievement: (orgId) => store.repos.stats.looksByAchievement(orgId),
  }
}
