import type { RoleName } from '../platform/roles.js'

/** Counts of one day (UTC). */
export interface DayCounts {
  date: string
  issued: number
  claimed: number
  revoked: number
  /** Verification reports asked for by others than the issuing organization's members (the API, verifiers). */
  verified: number
  /** Views of the credentials' public pages by others than the issuing organization's members. */
  viewed: number
}

/** An organization the user belongs to, with their role and its size. */
export interface MyOrg {
  slug: string
  name: string
  role: RoleName
  credentials: number
  achievements: number
  /** The id of its logo image (served at /images/<id>), when it has one. */
  logoImageId: string | null
}

/** One achievement's looks by others, all time: verification reports (the API, /verify, verifiers) and page views. */
export interface AchievementLooks {
  achievementId: string
  name: string
  verified: number
  /** Of `verified`: those made in a visitor's browser on /verify and reported by it (channel browser, 0025). */
  inBrowser: number
  viewed: number
}

/** The reads the dashboards need. */
export interface StatsRepo {
  /** Per-day counts for the organization from `from` (inclusive, ISO) on; days without events are absent. */
  daily(orgId: string, fromIso: string): Promise<DayCounts[]>
  /** All-time totals of the organization. */
  totals(orgId: string): Promise<Omit<DayCounts, 'date' | 'viewed'> & { verifiedInBrowser: number; views: number; suspended: number; batches: number; achievements: number }>
  /** The user's organizations, by name. */
  orgsOf(userId: string): Promise<MyOrg[]>
  /** Verifications and page views of the organization's credentials by others, per achievement (most verified first; achievements without looks left out). */
  looksByAchievement(orgId: string): Promise<AchievementLooks[]>
}
