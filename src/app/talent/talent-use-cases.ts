// Employers find people by verified skills (issue #14 item 8). Learners opt in from their wallet;
// employer organizations search the opted-in learners' public, verified credentials by skill,
// save searches, open profiles (the learner sees who did) and write to them through the platform
// (the learner's address is never shown). Learners reply, block an organization, or withdraw.
import { PlatformError } from '../../core/errors.js'
import { RateLimitedError } from '../accounts/errors.js'
import { escapeHtml } from '../mail/templates.js'
import { createOrg, EmailUnconfirmedError } from '../orgs/create-org.js'
import type { OrgRecord } from '../orgs/ports.js'
import { parseInput } from '../platform/input-error.js'
import type { PlatformPorts } from '../platform/ports.js'
import { sharedRateLimiter } from '../platform/rate-limits.js'
import type { TalentLearnerRow, TalentMessageRecord, TalentOptin, TalentQuery } from './ports.js'
import { keysOfSkill, normalizeLabel, talentRowsOf } from './skill-keys.js'
import { employerInput, savedSearchInput, talentMessageInput, talentOptinInput, talentSearchInput, type TalentSearchInput } from './talent-input.js'

export const TALENT_PAGE_SIZE = 20

/** A credential that proves a matched skill, as the employer sees it. */
export interface TalentProof {
  id: string
  name: string
  issuerName: string
  issuedAt: string | null
  /** The credential on the learner's public profile, where it is verified again when opened. */
  url: string
  verification: { state: 'verified'; checkedAt: string }
}

export interface TalentMatch {
  handle: string
  displayName: string
  location: string
  country: string | null
  profileUrl: string
  /** How many of the requested skills the learner proves. */
  matched: number
  skills: { requested: string; label: string; credentials: TalentProof[] }[]
}

export interface TalentResults {
  search: TalentSearchInput
  total: number
  page: number
  pageSize: number
  learners: TalentMatch[]
}

export interface SavedSearchView {
  id: string
  name: string
  search: Omit<TalentSearchInput, 'page'>
  createdAt: string
}

/** What the learner sees on /wallet/visibility. */
export interface TalentVisibility {
  optin: TalentOptin | undefined
  profile: { handle: string; public: boolean } | undefined
  views: { orgName: string; orgSlug: string; viewedAt: string }[]
  blocked: { orgName: string; orgSlug: string }[]
}

/** One conversation of the learner with an organization, oldest message first. */
export interface TalentConversation {
  org: { slug: string; name: string }
  blocked: boolean
  unread: number
  messages: { id: string; sender: 'employer' | 'learner'; body: string; createdAt: string }[]
}

export interface TalentUseCases {
  /** Creates an employer organization owned by the user (ERR_FORBIDDEN until their e-mail is confirmed). */
  createEmployer(userId: string, input: unknown): Promise<OrgRecord & { kind: 'employer' }>
  /** The employer organizations the user belongs to. */
  employerOrgs(userId: string): Promise<{ id: string; slug: string; name: string }[]>
  /** The organization's kind; issuing needs `issuer`. */
  kindOf(orgId: string): Promise<'issuer' | 'employer'>
  /** ERR_FORBIDDEN unless the organization is an employer. */
  requireEmployer(orgId: string): Promise<void>
  search(orgId: string, input: unknown): Promise<TalentResults>
  saveSearch(orgId: string, userId: string | null, input: unknown): Promise<SavedSearchView>
  savedSearches(orgId: string): Promise<SavedSearchView[]>
  runSaved(orgId: string, id: string, page?: number): Promise<{ saved: SavedSearchView; results: TalentResults }>
  deleteSaved(orgId: string, id: string): Promise<void>
  /** The employer opens a learner found by a search: the view is recorded; the profile's address is returned. ERR_NOT_FOUND unless findable. */
  openProfile(orgId: string, handle: string): Promise<{ url: string }>
  /** Writes to a findable learner (rate-limited; ERR_NOT_FOUND otherwise); the learner is told by e-mail. */
  contact(orgId: string, senderUserId: string | null, handle: string, input: unknown): Promise<{ sentAt: string }>
  /** The organization's conversation with a learner (ERR_NOT_FOUND when none and not findable). */
  conversation(orgId: string, handle: string): Promise<{ learner: { handle: string; displayName: string }; messages: { sender: 'employer' | 'learner'; body: string; createdAt: string }[] }>
  visibility(userId: string): Promise<TalentVisibility>
  optIn(userId: string, input: unknown): Promise<TalentVisibility>
  withdraw(userId: string): Promise<TalentVisibility>
  /** The learner's conversations, newest first; reading marks them read. */
  messages(userId: string): Promise<TalentConversation[]>
  unreadCount(userId: string): Promise<number>
  reply(userId: string, orgSlug: string, input: unknown): Promise<void>
  block(userId: string, orgSlug: string): Promise<void>
  unblock(userId: string, orgSlug: string): Promise<void>
  /** Declares `skillId` narrower than `broaderId` (imports and the demo). */
  addSkillHierarchy(pairs: readonly { skillId: string; broaderId: string }[]): Promise<void>
}

type Deps = Pick<PlatformPorts, 'store' | 'clock' | 'random' | 'keys' | 'publicUrl' | 'smtpConfigured' | 'wake' | 'rateLimits'>

const notFound = (what: string) => new PlatformError('ERR_NOT_FOUND', what)
const MAX_DEPTH = 6

/** The talent use cases bound to `ports`. */
export function talentUseCases(ports: Deps): TalentUseCases {
  const { store, clock } = ports
  const repo = store.repos.talent
  const perOrg = sharedRateLimiter(ports, 'talent-contact-org', { limit: 50, windowMs: 24 * 3_600_000 })
  const perLearner = sharedRateLimiter(ports, 'talent-contact-learner', { limit: 3, windowMs: 24 * 3_600_000 })
  const perReply = sharedRateLimiter(ports, 'talent-reply', { limit: 30, windowMs: 3_600_000 })

  const requireEmployer = async (orgId: string) => {
    if ((await repo.orgKind(orgId)) !== 'employer') throw new PlatformError('ERR_FORBIDDEN', 'Only employer organizations search for talent')
  }

  /** The index keys of one requested skill: its own names, the stored skill it names, and every narrower skill. */
  const resolve = async (term: string): Promise<string[]> => {
    const keys = new Set<string>()
    const uris = new Set<string>()
    if (/^(https?:\/\/|urn:)\S+$/i.test(term)) uris.add(term)
    else {
      for (const k of keysOfSkill({ label: term, code: term })) keys.add(k)
      const wanted = normalizeLabel(term)
      for (const s of await store.repos.skills.search(term, { limit: 20 })) {
        if (normalizeLabel(s.preferredLabel) === wanted || (s.code && s.code.toLowerCase() === wanted)) uris.add(s.id)
      }
    }
    for (const id of await repo.narrowerClosure([...uris], MAX_DEPTH, 500)) uris.add(id)
    for (const uri of uris) keys.add(`uri:${uri}`)
    return [...keys].slice(0, 600)
  }

  const queryOf = async (orgId: string, s: TalentSearchInput): Promise<TalentQuery> => {
    const requirements = await Promise.all(s.skills.map(resolve))
    const now = clock.now()
    const since = s.withinMonths ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - s.withinMonths, now.getUTCDate())).toISOString() : undefined
    return {
      orgId,
      requirements,
      min: s.match === 'all' ? s.skills.length : Math.min(s.atLeast ?? 1, s.skills.length),
      issuer: s.issuer || undefined,
      eqfMin: s.eqfMin,
      issuedSince: since,
      country: s.country || undefined,
      location: s.location || undefined,
      now: now.toISOString(),
      limit: TALENT_PAGE_SIZE,
      offset: (s.page - 1) * TALENT_PAGE_SIZE,
    }
  }

  const run = async (orgId: string, s: TalentSearchInput): Promise<TalentResults> => {
    const query = await queryOf(orgId, s)
    const { learners, total } = await repo.search(query)
    const proofs = await repo.proofs(query, learners.map((l) => l.userId))
    const matchOf = (l: TalentLearnerRow): TalentMatch => {
      const profileUrl = `${ports.publicUrl}/u/${l.handle}`
      const skills = s.skills.map((requested, n) => {
        const mine = proofs.filter((p) => p.userId === l.userId && p.requirement === n)
        const credentials = new Map<string, TalentProof>()
        for (const p of mine) if (!credentials.has(p.itemId)) credentials.set(p.itemId, { id: p.itemId, name: p.name, issuerName: p.issuerName, issuedAt: p.issuedAt, url: `${profileUrl}/c/${p.itemId}`, verification: { state: 'verified', checkedAt: p.checkedAt } })
        return { requested, label: mine[0]?.label ?? requested, credentials: [...credentials.values()] }
      })
      return { handle: l.handle, displayName: l.displayName, location: l.location, country: l.country, profileUrl, matched: l.matched, skills: skills.filter((k) => k.credentials.length > 0) }
    }
    return { search: s, total, page: s.page, pageSize: TALENT_PAGE_SIZE, learners: learners.map(matchOf) }
  }

  const savedView = (r: { id: string; name: string; query: string; createdAt: string }): SavedSearchView => ({ id: r.id, name: r.name, search: talentSearchInput.omit({ page: true }).parse(JSON.parse(r.query)), createdAt: r.createdAt })

  const visibility = async (userId: string): Promise<TalentVisibility> => {
    const [optin, profile, views, blocked] = await Promise.all([repo.optin(userId), store.repos.learnerProfiles.get(userId), repo.views(userId, 100), repo.blocked(userId)])
    return { optin, profile: profile && { handle: profile.handle, public: profile.public }, views, blocked: blocked.map((b) => ({ orgName: b.orgName, orgSlug: b.orgSlug })) }
  }

  const orgOf = async (slug: string) => {
    const org = await repo.orgBySlug(slug.slice(0, 100))
    if (!org) throw notFound('No such organization')
    return org
  }

  const limited = async (limiter: ReturnType<typeof sharedRateLimiter>, key: string) => {
    const decision = await limiter.check(key)
    if (!decision.allowed) throw new RateLimitedError('Too many messages; try again later', decision.retryAfterSeconds)
  }

  return {
    async createEmployer(userId, input) {
      // Who may comes before what they sent: an unconfirmed address is refused whatever the form says.
      const owner = await store.repos.accounts.userById(userId)
      if (!owner) throw new PlatformError('ERR_NOT_FOUND', 'This account no longer exists')
      if (!owner.emailVerifiedAt) throw new EmailUnconfirmedError()
      const parsed = parseInput(employerInput, input)
      const org = await createOrg(ports, { userId, input: Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined && v !== '')) })
      await repo.setOrgKind(org.id, 'employer')
      return { ...org, kind: 'employer' }
    },
    employerOrgs: (userId) => repo.employerOrgsOf(userId),
    async kindOf(orgId) {
      return (await repo.orgKind(orgId)) ?? 'issuer'
    },
    requireEmployer,
    async search(orgId, input) {
      await requireEmployer(orgId)
      return run(orgId, parseInput(talentSearchInput, input))
    },
    async saveSearch(orgId, userId, input) {
      await requireEmployer(orgId)
      const parsed = parseInput(savedSearchInput, input)
      const record = { id: ports.random.uuid(), orgId, name: parsed.name, query: JSON.stringify(parsed.search), createdBy: userId, createdAt: clock.now().toISOString() }
      await repo.saveSearch(record)
      return savedView(record)
    },
    async savedSearches(orgId) {
      await requireEmployer(orgId)
      return (await repo.savedSearches(orgId)).map(savedView)
    },
    async runSaved(orgId, id, page = 1) {
      await requireEmployer(orgId)
      const record = await repo.savedSearch(orgId, id.slice(0, 100))
      if (!record) throw notFound('No such saved search')
      const saved = savedView(record)
      return { saved, results: await run(orgId, { ...saved.search, page: Math.max(1, Math.min(1000, Math.trunc(page) || 1)) }) }
    },
    async deleteSaved(orgId, id) {
      await requireEmployer(orgId)
      if (!(await repo.deleteSearch(orgId, id.slice(0, 100)))) throw notFound('No such saved search')
    },
    async openProfile(orgId, handle) {
      await requireEmployer(orgId)
      const learner = await repo.findable(orgId, handle.toLowerCase().slice(0, 30))
      if (!learner) throw notFound('No such learner among those who can be found')
      await repo.recordView(learner.userId, orgId, clock.now().toISOString())
      return { url: `/u/${learner.handle}` }
    },
    async contact(orgId, senderUserId, handle, input) {
      await requireEmployer(orgId)
      const { body } = parseInput(talentMessageInput, input)
      const learner = await repo.findable(orgId, handle.toLowerCase().slice(0, 30))
      if (!learner) throw notFound('No such learner among those who can be found')
      await limited(perOrg, orgId)
      await limited(perLearner, `${orgId}|${learner.userId}`)
      const [user, org] = await Promise.all([store.repos.accounts.userById(learner.userId), store.repos.orgs.get(orgId)])
      if (!user || !org) throw notFound('No such learner among those who can be found')
      const at = clock.now().toISOString()
      const url = `${ports.publicUrl}/wallet/messages`
      const subject = `${org.name} sent you a message on Emblem`
      const text = `${org.name} found you through your verified skills and sent you a message:\n\n${body}\n\nRead it and reply (or not) in your wallet: ${url}\nYour e-mail address was not shared with them. You can block them or stop being findable at ${ports.publicUrl}/wallet/visibility`
      const html = `<p>${escapeHtml(org.name)} found you through your verified skills and sent you a message:</p><blockquote>${escapeHtml(body).replace(/\n/g, '<br>')}</blockquote><p><a href="${escapeHtml(url)}">Read it and reply in your wallet</a></p><p>Your e-mail address was not shared with them. You can block them or stop being findable at <a href="${escapeHtml(ports.publicUrl)}/wallet/visibility">${escapeHtml(ports.publicUrl)}/wallet/visibility</a>.</p>`
      await store.transaction(async (tx) => {
        await tx.repos.talent.addMessage({ id: ports.random.uuid(), orgId, userId: learner.userId, sender: 'employer', senderUserId, body, createdAt: at })
        // No orgId on the mail: the organization's outbox would show the learner's address.
        await tx.repos.outbox.enqueue({ to: user.email, fromName: 'Emblem', subject, text, html }, { smtpConfigured: ports.smtpConfigured, id: ports.random.uuid() })
      })
      await perOrg.hit(orgId)
      await perLearner.hit(`${orgId}|${learner.userId}`)
      ports.wake('mail')
      return { sentAt: at }
    },
    async conversation(orgId, handle) {
      await requireEmployer(orgId)
      const profile = await store.repos.learnerProfiles.byHandle(handle.toLowerCase().slice(0, 30))
      const messages = profile ? await repo.thread(orgId, profile.userId) : []
      if (!profile || (messages.length === 0 && !(await repo.findable(orgId, profile.handle)))) throw notFound('No such learner among those who can be found')
      return { learner: { handle: profile.handle, displayName: profile.displayName }, messages: messages.map((m) => ({ sender: m.sender, body: m.body, createdAt: m.createdAt })) }
    },
    visibility,
    async optIn(userId, input) {
      const parsed = parseInput(talentOptinInput, input)
      const existing = await repo.optin(userId)
      const items = await store.repos.walletItems.list(userId)
      await store.transaction(async (tx) => {
        await tx.repos.talent.saveOptin({ userId, location: parsed.location, country: parsed.country ?? null, optedInAt: existing?.optedInAt ?? clock.now().toISOString() })
        await tx.repos.talent.reindexUser(userId, items.flatMap(talentRowsOf))
      })
      return visibility(userId)
    },
    async withdraw(userId) {
      await repo.withdraw(userId)
      return visibility(userId)
    },
    async messages(userId) {
      const [all, blocked] = await Promise.all([repo.messagesOf(userId, 1000), repo.blocked(userId)])
      const blockedSlugs = new Set(blocked.map((b) => b.orgSlug))
      const byOrg = new Map<string, TalentConversation>()
      for (const m of all) {
        let conv = byOrg.get(m.orgId)
        if (!conv) byOrg.set(m.orgId, (conv = { org: { slug: m.orgSlug, name: m.orgName }, blocked: blockedSlugs.has(m.orgSlug), unread: 0, messages: [] }))
        if (m.sender === 'employer' && !m.readAt) conv.unread += 1
        conv.messages.unshift({ id: m.id, sender: m.sender, body: m.body, createdAt: m.createdAt })
      }
      await repo.markRead(userId, clock.now().toISOString())
      return [...byOrg.values()]
    },
    async unreadCount(userId) {
      return (await repo.messagesOf(userId, 1000)).filter((m: TalentMessageRecord) => m.sender === 'employer' && !m.readAt).length
    },
    async reply(userId, orgSlug, input) {
      const { body } = parseInput(talentMessageInput, input)
      const org = await orgOf(orgSlug)
      const thread = await repo.thread(org.id, userId)
      // A learner answers an organization that wrote to them; they never start a conversation.
      if (thread.length === 0) throw notFound('No conversation with this organization')
      if (await repo.isBlocked(userId, org.id)) throw new PlatformError('ERR_FORBIDDEN', 'You blocked this organization; unblock it to reply')
      await limited(perReply, userId)
      await repo.addMessage({ id: ports.random.uuid(), orgId: org.id, userId, sender: 'learner', senderUserId: userId, body, createdAt: clock.now().toISOString() })
      await perReply.hit(userId)
    },
    async block(userId, orgSlug) {
      const org = await orgOf(orgSlug)
      await repo.block(userId, org.id, clock.now().toISOString())
    },
    async unblock(userId, orgSlug) {
      const org = await orgOf(orgSlug)
      await repo.unblock(userId, org.id)
    },
    // The one skill hierarchy is the occupations' (skill_broader, which the ESCO import fills).
    addSkillHierarchy: (pairs) => store.repos.occupations.upsertSkillBroader(pairs.map((p) => ({ childId: p.skillId, broaderId: p.broaderId }))),
  }
}
