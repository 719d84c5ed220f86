import type { PlatformPorts } from '../platform/ports.js'
import { orgDid } from './did.js'
import { orgLogoUrl } from './org-brand.js'
import type { OrgRecord } from './ports.js'

/** A published achievement as the public page shows it. */
export interface PublicAchievement {
  id: string
  name: string
  description: string
  imageUrl?: string | undefined
}

/** What an organization's public page shows: who it is, what it awards, how much it has issued. */
export interface PublicOrgPage {
  org: OrgRecord
  did: string
  logoUrl?: string | undefined
  /** Its published achievements, by name. */
  achievements: PublicAchievement[]
  /** Credentials it has issued (all time, revoked ones included: they were issued). */
  issued: number
}

/** The public page of the organization `org`: its published achievements with their images and its issued count. */
export async function publicOrgPage({ store, publicUrl }: Pick<PlatformPorts, 'store' | 'publicUrl'>, org: OrgRecord): Promise<PublicOrgPage> {
  const [{ items }, totals] = await Promise.all([store.repos.achievements.list(org.id, { state: 'published', limit: 200 }), store.repos.stats.totals(org.id)])
  const achievements = items
    .map((a) => ({
      id: a.id,
      name: a.name,
      description: typeof a.definition['description'] === 'string' ? a.definition['description'] : '',
      imageUrl: a.imageId ? `${publicUrl}/images/${a.imageId}` : undefined,
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
  return { org, did: orgDid(publicUrl, org.slug), logoUrl: orgLogoUrl(org, publicUrl), achievements, issued: totals.issued }
}
