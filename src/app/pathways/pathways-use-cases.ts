// Pathways (issue #12 item 5): stackable credentials. An organization's pathway leads to one of its
// achievements (the target), earned by holding parts: achievements of any organization here or of
// trusted external issuers, by their achievement ids. When a credential reaches a learner (issued to
// a confirmed address, claimed, imported), their pathways are evaluated and a completed one issues
// its target exactly once (see award.ts), its credential naming the parts (`related`) and the part
// credentials (`evidence`).
import { PlatformError } from '../../core/errors.js'
import { achievementUrl } from '../achievements/ob-achievement.js'
import { InputError, parseInput } from '../platform/input-error.js'
import type { PlatformPorts } from '../platform/ports.js'
import { awardIfComplete } from './award.js'
import { seedDemoPathways } from './demo-pathways.js'
import { holdingsOf, type Holding } from './holdings.js'
import { pathwayInput } from './pathway-input.js'
import type { PathwayPart, PathwayRecord } from './ports.js'
import { countedParts, type PathwayRules } from './rules.js'

/** A pathway with how many learners hold each number of parts: `steps[i]` learners at i of `required` (awarded ones at the top). */
export type PathwayWithSteps = PathwayRecord & { steps: number[] }

/** A program of the catalog leading to an achievement. */
export interface ProgramLink {
  id: string
  title: string
}

/** A part as public pages show it: the achievement's name, image and issuer where this instance knows it, and programs leading to it. */
export interface PartView extends PathwayPart {
  issuerName: string | null
  imageUrl: string | null
  local: boolean
  programs: ProgramLink[]
}

export type PublicPathway = Omit<PathwayRecord, 'parts'> & { parts: PartView[] }

/** One learner's progress along one pathway. */
export interface PathwayProgress {
  pathway: PublicPathway
  parts: (PartView & { holding: Holding | null })[]
  /** Distinct parts held. */
  held: number
  /** Parts that count under the order and window rules. */
  counted: number
  complete: boolean
  awardState: 'none' | 'issuing' | 'awarded'
  credentialId: string | null
}

export interface PathwaysUseCases {
  listOfOrg(orgId: string): Promise<PathwayWithSteps[]>
  get(orgId: string, id: string): Promise<PathwayWithSteps>
  create(orgId: string, input: unknown): Promise<PathwayWithSteps>
  update(orgId: string, id: string, input: unknown): Promise<PathwayWithSteps>
  delete(orgId: string, id: string): Promise<void>
  /** A pathway whose target is published, for its public page; ERR_NOT_FOUND otherwise. */
  publicPathway(id: string): Promise<PublicPathway>
  /** Public pathways (published targets) with a part among these achievement ids (program pages), or leading to this achievement of an organization. */
  withPart(achievementUrls: readonly string[]): Promise<{ id: string; title: string }[]>
  leadingTo(achievementId: string): Promise<{ id: string; title: string }[]>
  /** The pathways the learner has started (a part held, or awarded), with progress. */
  mine(userId: string): Promise<PathwayProgress[]>
  /** A credential reached a learner: records their standing and issues completed pathways' targets (exactly once). */
  reached(who: { userId: string } | { email: string }): Promise<void>
  /** `emblem demo`: the demo pathway over the demo organizations (main first, then the Guild); its id. */
  seedDemo(orgs: readonly { id: string; achievements: readonly string[] }[]): Promise<string | undefined>
}

export const rulesOf = (p: Pick<PathwayRecord, 'parts' | 'required' | 'ordered' | 'windowDays'>): PathwayRules => ({
  positions: p.parts.map((x) => x.position),
  required: p.required,
  ordered: p.ordered,
  windowDays: p.windowDays,
})

/** The part positions a learner's holdings cover, with the holdings by position. */
export function partHoldings(p: Pick<PathwayRecord, 'parts'>, holdings: readonly Holding[]): { position: number; issuedAt: string | null; holding: Holding }[] {
  return p.parts.flatMap((part) => holdings.filter((h) => h.achievementUrl === part.achievementUrl).map((holding) => ({ position: part.position, issuedAt: holding.issuedAt, holding })))
}

export function pathwaysUseCases(ports: PlatformPorts): PathwaysUseCases {
  const { store, random } = ports
  const repo = () => store.repos.pathways
  const now = () => ports.clock.now().toISOString()
  const notFound = () => new PlatformError('ERR_NOT_FOUND', 'No such pathway')
  const localPrefix = `${ports.publicUrl}/orgs/`

  /** The organization slug and achievement id of a part URL naming an achievement of this instance. */
  const localOf = (url: string): { slug: string; id: string } | undefined => {
    if (!url.startsWith(localPrefix)) return undefined
    const m = /^([^/?#]+)\/achievements\/([^/?#]+)$/.exec(url.slice(localPrefix.length))
    if (!m) return undefined
    try {
      return { slug: decodeURIComponent(m[1]!), id: decodeURIComponent(m[2]!) }
    } catch {
      return undefined
    }
  }

  const withSteps = async (orgId: string, items: PathwayRecord[]): Promise<PathwayWithSteps[]> => {
    const counts = await repo().stepCounts(orgId)
    return items.map((p) => {
      const steps = Array.from({ length: p.required + 1 }, () => 0)
      for (const c of counts) if (c.pathwayId === p.id) steps[Math.min(c.held, p.required)]! += c.learners
      return { ...p, steps }
    })
  }

  const get = async (orgId: string, id: string) => {
    const found = id.length <= 100 ? await repo().get(id, orgId) : undefined
    if (!found) throw notFound()
    return (await withSteps(orgId, [found]))[0]!
  }

  /** Checks the input against the store: the target is the organization's, parts name achievements (this instance's must exist). */
  const prepare = async (orgId: string, input: unknown) => {
    const checked = parseInput(pathwayInput, input)
    const target = await store.repos.achievements.get(orgId, checked.achievementId)
    if (!target || target.state === 'archived') throw new InputError([{ path: 'achievementId', code: 'invalid_choice', message: 'choose one of the organization’s achievements' }])
    const org = await store.repos.orgs.get(orgId)
    const targetUrl = org ? achievementUrl(ports.publicUrl, org.slug, target.id) : undefined
    const parts: PathwayPart[] = []
    for (const [i, part] of checked.parts.entries()) {
      const local = localOf(part.achievementUrl)
      let name = part.name
      if (part.achievementUrl === targetUrl) throw new InputError([{ path: `parts.${i}.achievementUrl`, code: 'invalid', message: 'the target cannot be a part of its own pathway' }])
      if (local) {
        const found = await repo().localAchievement(local.slug, local.id)
        // Another organization's achievement counts once it is published (its drafts stay its own).
        if (!found || (found.state !== 'published' && found.orgSlug !== org?.slug)) throw new InputError([{ path: `parts.${i}.achievementUrl`, code: 'invalid_choice', message: 'no achievement of this instance has this id' }])
        name = name || found.name
      }
      if (!name) throw new InputError([{ path: `parts.${i}.name`, code: 'required', message: 'give the achievement’s name (it is not one of this instance’s)' }])
      parts.push({ position: i, achievementUrl: part.achievementUrl, name })
    }
    const required = checked.rule === 'all' ? parts.length : checked.required!
    return {
      fields: { achievementId: target.id, title: checked.title, summary: checked.summary, rule: checked.rule, required, ordered: checked.ordered, windowDays: checked.windowDays ?? null },
      parts,
    }
  }

  const partViews = async (p: PathwayRecord): Promise<PartView[]> => {
    const locals = await Promise.all(p.parts.map(async (part) => {
      const local = localOf(part.achievementUrl)
      return local ? await repo().localAchievement(local.slug, local.id) : undefined
    }))
    const programs = await repo().programsLeadingTo(locals.flatMap((l) => (l ? [l.id] : [])))
    return p.parts.map((part, i) => {
      const local = locals[i]
      return {
        ...part,
        name: local?.name ?? part.name,
        issuerName: local?.orgName ?? null,
        imageUrl: local?.imageId ? `/images/${local.imageId}` : null,
        local: local !== undefined,
        programs: local ? programs.filter((x) => x.achievementId === local.id).map((x) => ({ id: x.programId, title: x.title })) : [],
      }
    })
  }
  const publicOf = async (p: PathwayRecord): Promise<PublicPathway> => ({ ...p, parts: await partViews(p) })

  const userOf = async (who: { userId: string } | { email: string }): Promise<string | undefined> => {
    if ('userId' in who) return who.userId
    const email = who.email.trim().toLowerCase()
    const address = await store.repos.accountEmails.byEmail(email)
    return address?.verifiedAt ? address.userId : undefined
  }

  const useCases: PathwaysUseCases = {
    seedDemo: (orgs) => seedDemoPathways(ports, useCases, orgs),
    async listOfOrg(orgId) {
      return withSteps(orgId, await repo().listOfOrg(orgId))
    },
    get,
    async create(orgId, input) {
      const { fields, parts } = await prepare(orgId, input)
      const id = random.uuid()
      await store.transaction((tx) => tx.repos.pathways.insert({ ...fields, id, orgId, createdAt: now() }, parts))
      return get(orgId, id)
    },
    async update(orgId, id, input) {
      await get(orgId, id)
      const { fields, parts } = await prepare(orgId, input)
      await store.transaction((tx) => tx.repos.pathways.update(orgId, id, { ...fields, updatedAt: now() }, parts))
      return get(orgId, id)
    },
    async delete(orgId, id) {
      const p = await get(orgId, id)
      await store.transaction((tx) => tx.repos.pathways.delete(orgId, p.id))
    },
    async publicPathway(id) {
      const p = id.length <= 100 ? await repo().get(id) : undefined
      if (!p || p.achievementState !== 'published') throw notFound()
      return publicOf(p)
    },
    async withPart(achievementUrls) {
      return (await repo().withParts(achievementUrls)).filter((p) => p.achievementState === 'published').map((p) => ({ id: p.id, title: p.title }))
    },
    async leadingTo(achievementId) {
      return (await repo().leadingTo([achievementId])).filter((p) => p.achievementState === 'published').map((p) => ({ id: p.id, title: p.title }))
    },
    async mine(userId) {
      const [holdings, standings] = await Promise.all([holdingsOf(ports, userId), repo().standings(userId)])
      const found = await repo().withParts(holdings.map((h) => h.achievementUrl))
      const ids = new Set(found.map((p) => p.id))
      for (const s of standings) {
        if (ids.has(s.pathwayId) || s.awardState !== 'awarded') continue
        const p = await repo().get(s.pathwayId)
        if (p) found.push(p)
      }
      return Promise.all(
        found.map(async (p) => {
          const pathway = await publicOf(p)
          const held = partHoldings(p, holdings)
          const standing = standings.find((s) => s.pathwayId === p.id)
          const counted = countedParts(rulesOf(p), held)
          return {
            pathway,
            parts: pathway.parts.map((part) => ({ ...part, holding: held.find((h) => h.position === part.position)?.holding ?? null })),
            held: new Set(held.map((h) => h.position)).size,
            counted,
            complete: counted >= p.required,
            awardState: standing?.awardState ?? 'none',
            credentialId: standing?.credentialId ?? null,
          }
        }),
      )
    },
    async reached(who) {
      const userId = await userOf(who)
      if (!userId) return
      const holdings = await holdingsOf(ports, userId)
      for (const p of await repo().withParts(holdings.map((h) => h.achievementUrl))) {
        const held = partHoldings(p, holdings)
        await repo().recordHeld(p.id, userId, new Set(held.map((h) => h.position)).size, now())
        if (countedParts(rulesOf(p), held) >= p.required) await awardIfComplete(ports, p, userId, held.map((h) => h.holding))
      }
    },
  }
  return useCases
}
