import { createHash, randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MailMessage } from '../../src/app/mail/ports.js'
import type { SkillEntry } from '../../src/core/skills/index.js'
import type { Store } from '../../src/store/index.js'
import { contractClock, insertIssued, newIssued, seedAchievement, seedLists, seedMember, seedOrg, seedUser, type ContractClock, type OpenStore } from './repo-fixtures.js'

const sha = (text: string) => createHash('sha256').update(text).digest('hex')
const later = (clock: ContractClock, ms: number) => new Date(clock.now().getTime() + ms)

/** The contract of the platform's other repositories (access, accounts, org keys, achievements, skills, outbox, stats, credential views). */
export function describePlatformRepos(name: string, open: OpenStore): void {
  describe(`${name}: platform repositories`, () => {
    let store: Store
    let clock: ContractClock
    beforeEach(async () => {
      clock = contractClock()
      store = await open({ now: clock.now })
    })
    afterEach(async () => {
      await store.close()
    })

    describe('access', () => {
      it('finds a live session with its user, never an expired or unknown one', async () => {
        const user = await seedUser(store)
        await store.repos.accounts.createSession({ idHash: sha('s1'), userId: user.id, csrfToken: 'csrf-1', expiresAt: later(clock, 60_000) })
        expect(await store.repos.access.sessionByHash(sha('s1'), clock.now())).toEqual({ user: { id: user.id, email: user.email, name: user.name, emailVerified: false }, csrfToken: 'csrf-1' })
        expect(await store.repos.access.sessionByHash(sha('s1'), later(clock, 60_001))).toBeUndefined()
        expect(await store.repos.access.sessionByHash(sha('nope'), clock.now())).toBeUndefined()
      })

      it('finds an unrevoked API key by its hash and stamps its last use', async () => {
        const owner = await seedUser(store)
        const org = await seedOrg(store, owner.id)
        const id = randomUUID()
        await store.repos.apiKeys.create({ id, orgId: org.id, name: 'k', role: 'viewer', prefix: 'abcdefgh', createdBy: null, createdAt: clock.now().toISOString(), secretHash: sha('key') })
        clock.advance()
        expect(await store.repos.access.apiKeyByHash(sha('key'), clock.now())).toEqual({ keyId: id, orgId: org.id, role: 'viewer' })
        expect((await store.repos.apiKeys.get(org.id, id))?.lastUsedAt).toBe(clock.now().toISOString())
        expect(await store.repos.access.apiKeyByHash(sha('other'), clock.now())).toBeUndefined()
      })

      it('resolves an organization by slug and a member’s role, undefined for others', async () => {
        const owner = await seedUser(store)
        const org = await seedOrg(store, owner.id, { slug: 'access-org', name: 'Access Org' })
        const viewer = await seedMember(store, org.id, 'viewer')
        expect(await store.repos.access.orgBySlug('access-org')).toEqual({ id: org.id, slug: 'access-org', name: 'Access Org', logoImageId: null })
        expect(await store.repos.access.orgBySlug('missing')).toBeUndefined()
        expect(await store.repos.access.roleOf(org.id, owner.id)).toBe('owner')
        expect(await store.repos.access.roleOf(org.id, viewer)).toBe('viewer')
        expect(await store.repos.access.roleOf(org.id, (await seedUser(store)).id)).toBeUndefined()
      })
    })

    describe('accounts', () => {
      it('creates a user once per e-mail and reads, renames and re-hashes it', async () => {
        const user = await seedUser(store)
        expect(await store.repos.accounts.createUser({ id: randomUUID(), email: user.email, name: 'Other', passwordHash: 'x' })).toBe('exists')
        expect(await store.repos.accounts.userByEmail(user.email)).toMatchObject({ id: user.id, name: user.name, emailVerifiedAt: null, createdAt: clock.now().toISOString() })
        await store.repos.accounts.setName(user.id, 'Renamed')
        await store.repos.accounts.setPasswordHash(user.id, '$argon2id$new')
        expect(await store.repos.accounts.userById(user.id)).toMatchObject({ name: 'Renamed', passwordHash: '$argon2id$new' })
        expect(await store.repos.accounts.userById(randomUUID())).toBeUndefined()
        expect(await store.repos.accounts.userByEmail('nobody@example.org')).toBeUndefined()
      })

      it('stamps a verified e-mail once, keeping the first stamp', async () => {
        const user = await seedUser(store)
        const first = clock.now()
        await store.repos.accounts.markEmailVerified(user.id, first)
        await store.repos.accounts.markEmailVerified(user.id, later(clock, 5000))
        expect((await store.repos.accounts.userById(user.id))?.emailVerifiedAt).toBe(first.toISOString())
      })

      it('deletes one session, or all but one of a user', async () => {
        const user = await seedUser(store)
        for (const s of ['a', 'b', 'c']) await store.repos.accounts.createSession({ idHash: sha(s), userId: user.id, csrfToken: s, expiresAt: later(clock, 60_000) })
        expect(await store.repos.accounts.deleteSession(sha('a'))).toBe(true)
        expect(await store.repos.accounts.deleteSession(sha('a'))).toBe(false)
        expect(await store.repos.accounts.deleteSessions(user.id, { exceptIdHash: sha('b') })).toBe(1)
        expect(await store.repos.access.sessionByHash(sha('b'), clock.now())).toBeDefined()
        expect(await store.repos.accounts.deleteSessions(user.id)).toBe(1)
      })

      it('peeks at and uses a one-time token once, never after it expires, and tells a used token from an unknown one', async () => {
        const user = await seedUser(store)
        await store.repos.accounts.createToken({ tokenHash: sha('t'), userId: user.id, purpose: 'verify-email', expiresAt: later(clock, 60_000) })
        expect(await store.repos.accounts.peekToken(sha('t'), 'verify-email', clock.now())).toBe(user.id)
        expect(await store.repos.accounts.peekToken(sha('t'), 'reset-password', clock.now())).toBeUndefined()
        const [a, b] = await Promise.all([store.repos.accounts.useToken(sha('t'), 'verify-email', clock.now()), store.repos.accounts.useToken(sha('t'), 'verify-email', clock.now())])
        expect([a, b].filter((x) => x === user.id)).toHaveLength(1)
        expect(await store.repos.accounts.peekToken(sha('t'), 'verify-email', clock.now())).toBeUndefined()
        expect(await store.repos.accounts.tokenOwner(sha('t'), 'verify-email')).toBe(user.id)
        expect(await store.repos.accounts.tokenOwner(sha('never'), 'verify-email')).toBeUndefined()
        await store.repos.accounts.createToken({ tokenHash: sha('late'), userId: user.id, purpose: 'reset-password', expiresAt: later(clock, 1000) })
        expect(await store.repos.accounts.useToken(sha('late'), 'reset-password', later(clock, 2000))).toBeUndefined()
      })

      it('deletes a user’s unused tokens of one purpose only', async () => {
        const user = await seedUser(store)
        await store.repos.accounts.createToken({ tokenHash: sha('r1'), userId: user.id, purpose: 'reset-password', expiresAt: later(clock, 60_000) })
        await store.repos.accounts.createToken({ tokenHash: sha('v1'), userId: user.id, purpose: 'verify-email', expiresAt: later(clock, 60_000) })
        await store.repos.accounts.deleteTokens(user.id, 'reset-password')
        expect(await store.repos.accounts.tokenOwner(sha('r1'), 'reset-password')).toBeUndefined()
        expect(await store.repos.accounts.tokenOwner(sha('v1'), 'verify-email')).toBe(user.id)
      })

      it('lists a user’s memberships by organization name', async () => {
        const user = await seedUser(store)
        const b = await seedOrg(store, user.id, { name: 'Beta' })
        const owner = await seedUser(store)
        const a = await seedOrg(store, owner.id, { name: 'Alpha' })
        await store.repos.members.add(a.id, user.id, 'issuer')
        expect(await store.repos.accounts.memberships(user.id)).toEqual([
          { org: { id: a.id, slug: a.slug, name: 'Alpha' }, role: 'issuer' },
          { org: { id: b.id, slug: b.slug, name: 'Beta' }, role: 'owner' },
        ])
      })

      it('counts an account’s failed sign-ins (also concurrently), restarts after a quiet spell, keeps the longer lock, and forgets on clear', async () => {
        const accounts = store.repos.accounts
        const key = sha('sign-in\nada@example.org')
        const at = (ms: number) => later(clock, ms).toISOString()
        expect(await accounts.signInLockedUntil(key)).toBeUndefined()
        expect(await accounts.recordSignInFailure(key, at(0), at(-1000))).toBe(1)
        const counts = await Promise.all(Array.from({ length: 8 }, () => accounts.recordSignInFailure(key, at(10), at(-1000))))
        expect(counts.sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9])
        await accounts.lockSignIn(key, at(60_000))
        await accounts.lockSignIn(key, at(30_000)) // shorter: the longer lock stays
        expect(await accounts.signInLockedUntil(key)).toBe(at(60_000))
        // The last failure is older than the restart point: the count starts again.
        expect(await accounts.recordSignInFailure(key, at(100_000), at(50))).toBe(1)
        await accounts.clearSignInFailures(key)
        expect(await accounts.signInLockedUntil(key)).toBeUndefined()
        expect(await accounts.recordSignInFailure(key, at(0), at(-1000))).toBe(1)
      })
    })

    describe('orgKeys', () => {
      const key = (orgId: string, at: string, id = randomUUID()) => ({ id, orgId, publicKeyMultibase: `z${id}`, secretSealed: 'sealed', state: 'active' as const, createdAt: at, retiredAt: null })

      it('keeps one active key: a new one retires the previous, and keys list oldest first', async () => {
        const org = await seedOrg(store, (await seedUser(store)).id)
        const first = key(org.id, clock.now().toISOString())
        await store.transaction((tx) => tx.repos.orgKeys.addActiveKey(first))
        clock.advance()
        const second = key(org.id, clock.now().toISOString())
        await store.transaction((tx) => tx.repos.orgKeys.addActiveKey(second))
        const keys = await store.repos.orgKeys.keysOf(org.id)
        expect(keys.map((k) => [k.id, k.state, k.retiredAt])).toEqual([
          [first.id, 'retired', second.createdAt],
          [second.id, 'active', null],
        ])
        expect(await store.repos.orgKeys.keysOf((await seedOrg(store, (await seedUser(store)).id)).id)).toEqual([])
      })

      it('revokes only a retired key of the organization, with its reason', async () => {
        const org = await seedOrg(store, (await seedUser(store)).id)
        const other = await seedOrg(store, (await seedUser(store)).id)
        const old = key(org.id, clock.now().toISOString())
        await store.repos.orgKeys.addActiveKey(old)
        const current = key(org.id, later(clock, 1000).toISOString())
        await store.repos.orgKeys.addActiveKey(current)
        expect(await store.repos.orgKeys.revoke(org.id, current.id, clock.now(), 'no')).toBe(false)
        expect(await store.repos.orgKeys.revoke(other.id, old.id, clock.now(), 'no')).toBe(false)
        expect(await store.repos.orgKeys.revoke(org.id, old.id, clock.now(), 'leaked')).toBe(true)
        expect(await store.repos.orgKeys.revoke(org.id, old.id, clock.now(), 'again')).toBe(false)
        expect((await store.repos.orgKeys.keysOf(org.id))[0]).toMatchObject({ state: 'revoked', revocationReason: 'leaked', revokedAt: clock.now().toISOString() })
      })
    })

    describe('achievements', () => {
      it('inserts at version 1, reads only within its organization, and updates only at the expected version', async () => {
        const owner = await seedUser(store)
        const org = await seedOrg(store, owner.id)
        const other = await seedOrg(store, owner.id)
        const id = randomUUID()
        const inserted = await store.repos.achievements.insert({ id, orgId: org.id, state: 'draft', name: 'A', definition: { name: 'A' }, imageId: null })
        expect(inserted).toMatchObject({ id, version: 1, state: 'draft', definition: { name: 'A' }, createdAt: clock.now().toISOString() })
        expect(await store.repos.achievements.get(other.id, id)).toBeUndefined()
        clock.advance()
        const updated = await store.repos.achievements.update(org.id, id, 1, { name: 'B', definition: { name: 'B' }, imageId: null })
        expect(updated).toMatchObject({ version: 2, name: 'B', updatedAt: clock.now().toISOString() })
        expect(await store.repos.achievements.update(org.id, id, 1, { name: 'C', definition: { name: 'C' }, imageId: null })).toBeUndefined()
        expect(await store.repos.achievements.update(other.id, id, 2, { name: 'C', definition: { name: 'C' }, imageId: null })).toBeUndefined()
        expect(await store.repos.achievements.setState(org.id, id, 'published')).toMatchObject({ state: 'published', version: 2 })
        expect(await store.repos.achievements.setState(other.id, id, 'archived')).toBeUndefined()
      })

      it('lists newest first, by state and part of the name, a page at a time', async () => {
        const org = await seedOrg(store, (await seedUser(store)).id)
        for (const name of ['Data 100%', 'First Aid', 'Data Stewardship']) {
          await seedAchievement(store, org.id, name)
          clock.advance()
        }
        await store.repos.achievements.insert({ id: randomUUID(), orgId: org.id, state: 'draft', name: 'Data Draft', definition: {}, imageId: null })
        const names = async (query: Parameters<Store['repos']['achievements']['list']>[1]) => (await store.repos.achievements.list(org.id, query)).items.map((a) => a.name)
        expect(await names({ limit: 10 })).toEqual(['Data Draft', 'Data Stewardship', 'First Aid', 'Data 100%'])
        expect(await names({ limit: 10, state: 'published', nameContains: 'data' })).toEqual(['Data Stewardship', 'Data 100%'])
        expect(await names({ limit: 10, nameContains: '100%' })).toEqual(['Data 100%'])
        const first = await store.repos.achievements.list(org.id, { limit: 2 })
        expect(first.nextCursor).toBeDefined()
        expect(await names({ limit: 2, after: first.nextCursor! })).toEqual(['First Aid', 'Data 100%'])
      })
    })

    describe('skills', () => {
      const skill = (id: string, label: string, framework = 'esco', extra: Partial<SkillEntry> = {}): SkillEntry => ({
        id,
        framework,
        code: null,
        kind: 'skill',
        preferredLabel: label,
        altLabels: [],
        description: '',
        searchText: label.toLowerCase(),
        ...extra,
      })

      it('upserts by id, finds labels containing a query (prefix matches first), narrows by framework and counts per framework', async () => {
        await store.repos.skills.upsert([skill('urn:s:1', 'manage data'), skill('urn:s:2', 'data analysis'), skill('urn:s:3', 'give first aid', 'onet')])
        await store.repos.skills.upsert([skill('urn:s:1', 'manage research data', 'esco', { altLabels: ['curate data'], searchText: 'manage research data\ncurate data' })])
        expect((await store.repos.skills.search('data', { limit: 10 })).map((s) => s.id)).toEqual(['urn:s:2', 'urn:s:1'])
        expect((await store.repos.skills.search('curate', { limit: 10 }))[0]).toMatchObject({ id: 'urn:s:1', preferredLabel: 'manage research data', altLabels: ['curate data'] })
        expect((await store.repos.skills.search('', { limit: 10, framework: 'onet' })).map((s) => s.id)).toEqual(['urn:s:3'])
        expect(await store.repos.skills.search('zzz', { limit: 10 })).toEqual([])
        expect((await store.repos.skills.getMany(['urn:s:3', 'urn:s:missing'])).map((s) => s.id)).toEqual(['urn:s:3'])
        expect(await store.repos.skills.getMany([])).toEqual([])
        expect(await store.repos.skills.countByFramework()).toEqual({ esco: 2, onet: 1 })
      })
    })

    describe('outbox', () => {
      const message = (n: number, orgId?: string): MailMessage => ({ to: `l${n}@example.org`, fromName: 'U', subject: `S${n}`, text: 't', html: '<p>t</p>', orgId })

      it('queues with SMTP, holds without, and lists an organization’s mail newest first, a page at a time', async () => {
        const org = await seedOrg(store, (await seedUser(store)).id)
        const ids: string[] = []
        for (let n = 0; n < 3; n++) {
          ids.push(await store.repos.outbox.enqueue(message(n, org.id), { smtpConfigured: n !== 1, id: randomUUID() }))
          clock.advance()
        }
        await store.repos.outbox.enqueueMany([{ message: message(9), id: randomUUID() }], { smtpConfigured: true })
        expect((await store.repos.outbox.get(ids[1]!))?.state).toBe('held')
        expect((await store.repos.outbox.get(ids[0]!))).toMatchObject({ state: 'queued', attempts: 0, subject: 'S0', orgId: org.id })
        const page = await store.repos.outbox.listForOrg(org.id, { limit: 2 })
        expect(page.map((m) => m.id)).toEqual([ids[2], ids[1]])
        expect((await store.repos.outbox.listForOrg(org.id, { limit: 2, before: ids[1] })).map((m) => m.id)).toEqual([ids[0]])
        expect(await store.repos.outbox.get(randomUUID())).toBeUndefined()
      })

      it('lists the instance’s own mail (no organization) newest first, a page at a time, optionally to one address', async () => {
        const org = await seedOrg(store, (await seedUser(store)).id)
        const to = `instance-${randomUUID()}@example.org`
        const mine = (n: number, orgId?: string): MailMessage => ({ ...message(n, orgId), to })
        const ids: string[] = []
        for (let n = 0; n < 3; n++) {
          ids.push(await store.repos.outbox.enqueue(mine(n), { smtpConfigured: false, id: randomUUID() }))
          clock.advance()
        }
        await store.repos.outbox.enqueue(mine(7, org.id), { smtpConfigured: false, id: randomUUID() })
        const page = await store.repos.outbox.listInstance({ limit: 2, to })
        expect(page.map((m) => m.id)).toEqual([ids[2], ids[1]])
        expect(page.every((m) => m.orgId === undefined && m.state === 'held')).toBe(true)
        expect((await store.repos.outbox.listInstance({ limit: 2, to, before: ids[1] })).map((m) => m.id)).toEqual([ids[0]])
        const all = await store.repos.outbox.listInstance({ limit: 100 })
        expect(all.map((m) => m.id)).toEqual(expect.arrayContaining(ids))
        expect(all.some((m) => m.orgId !== undefined)).toBe(false)
        expect(await store.repos.outbox.listInstance({ limit: 2, before: randomUUID() })).toEqual([])
      })

      it('hands a due message to one claimer, and records sends, retries and final failures', async () => {
        const a = await store.repos.outbox.enqueue(message(1), { smtpConfigured: true, id: randomUUID() })
        const held = await store.repos.outbox.enqueue(message(2), { smtpConfigured: false, id: randomUUID() })
        expect((await store.repos.outbox.due(clock.now(), 10)).map((m) => m.id)).toEqual([a])
        const lease = later(clock, 60_000)
        const claims = await Promise.all([store.repos.outbox.claim(a, clock.now(), lease), store.repos.outbox.claim(a, clock.now(), lease)])
        expect(claims.filter(Boolean)).toHaveLength(1)
        expect(await store.repos.outbox.due(clock.now(), 10)).toEqual([])
        await store.repos.outbox.markFailed(a, '451 try later', later(clock, 1000))
        expect(await store.repos.outbox.get(a)).toMatchObject({ state: 'queued', attempts: 1, lastError: '451 try later' })
        expect((await store.repos.outbox.due(later(clock, 1000), 10)).map((m) => m.id)).toEqual([a])
        await store.repos.outbox.markSent(a, clock.now())
        expect(await store.repos.outbox.get(a)).toMatchObject({ state: 'sent', attempts: 2, sentAt: clock.now().toISOString(), lastError: null })
        expect(await store.repos.outbox.claim(held, later(clock, 1e9), lease)).toBe(false)
        await store.repos.outbox.markFailed(held, '550 no such user', null)
        expect((await store.repos.outbox.get(held))?.state).toBe('failed')
      })
    })

    describe('stats and credentialViews', () => {
      async function issuedOne() {
        const owner = await seedUser(store)
        const org = await seedOrg(store, owner.id, { name: 'Stats University' })
        const achievementId = await seedAchievement(store, org.id)
        const lists = await seedLists(store, org.id)
        const row = newIssued({ orgId: org.id, achievementId, lists, index: 1 }, { issuedAt: '2026-03-01T09:00:00.000Z' })
        await insertIssued(store, [row])
        return { owner, org, row }
      }

      it('shows an issued credential by id or claim token hash, and claims it once', async () => {
        const { org, row } = await issuedOne()
        const view = await store.repos.credentialViews.byId(row.credentialId)
        expect(view).toMatchObject({ id: row.credentialId, org: { id: org.id, slug: org.slug, name: org.name }, recipientName: row.recipientName, showName: true, state: 'active', claimedAt: null })
        expect(view?.document).toEqual({ format: 'json', credential: JSON.parse(row.stored) })
        expect((await store.repos.credentialViews.byClaimTokenHash(row.claimTokenHash))?.id).toBe(row.credentialId)
        expect(await store.repos.credentialViews.byId(`urn:uuid:${randomUUID()}`)).toBeUndefined()
        const claims = await Promise.all([
          store.repos.credentialViews.claim(row.claimTokenHash, { showName: false, at: clock.now().toISOString() }),
          store.repos.credentialViews.claim(row.claimTokenHash, { showName: true, at: clock.now().toISOString() }),
        ])
        expect(claims.filter(Boolean)).toHaveLength(1)
        expect((await store.repos.credentialViews.byId(row.credentialId))?.claimedAt).toBe(clock.now().toISOString())
      })

      it('replaces a claim link, keeping the old one as superseded so it still names its credential', async () => {
        const { row } = await issuedOne()
        const fresh = createHash('sha256').update(randomUUID()).digest('hex')
        const newer = createHash('sha256').update(randomUUID()).digest('hex')
        expect(await store.repos.credentialViews.bySupersededClaimTokenHash(row.claimTokenHash)).toBeUndefined()
        expect(await store.transaction((tx) => tx.repos.credentialViews.replaceClaimToken(row.credentialId, fresh, clock.now().toISOString()))).toBe(true)
        expect(await store.repos.credentialViews.byClaimTokenHash(row.claimTokenHash)).toBeUndefined()
        expect((await store.repos.credentialViews.bySupersededClaimTokenHash(row.claimTokenHash))?.id).toBe(row.credentialId)
        expect((await store.repos.credentialViews.byClaimTokenHash(fresh))?.id).toBe(row.credentialId)
        expect(await store.repos.credentialViews.replaceClaimToken(row.credentialId, newer, clock.now().toISOString())).toBe(true)
        expect((await store.repos.credentialViews.bySupersededClaimTokenHash(fresh))?.id).toBe(row.credentialId)
        expect(await store.repos.credentialViews.claim(fresh, { showName: true, at: clock.now().toISOString() })).toBe(false)
        expect(await store.repos.credentialViews.claim(newer, { showName: true, at: clock.now().toISOString() })).toBe(true)
        expect(await store.repos.credentialViews.replaceClaimToken(`urn:uuid:${randomUUID()}`, fresh, clock.now().toISOString())).toBe(false)
      })

      it('counts per day and in total, and lists a user’s organizations with their size', async () => {
        const { owner, org, row } = await issuedOne()
        await store.repos.credentialViews.recordVerification({ credentialId: row.credentialId, orgId: org.id, kind: 'verification', verified: true, at: '2026-03-02T10:00:00.000Z' })
        await store.repos.credentialViews.recordVerification({ credentialId: row.credentialId, orgId: org.id, kind: 'view', verified: true, at: '2026-03-02T10:30:00.000Z' })
        await store.repos.credentialViews.recordVerification({ credentialId: row.credentialId, orgId: org.id, kind: 'view', verified: true, at: '2026-03-01T10:30:00.000Z' })
        await store.repos.credentialViews.recordVerification({ credentialId: 'urn:uuid:elsewhere', orgId: null, kind: 'verification', verified: false, at: '2026-03-02T11:00:00.000Z' })
        // Aggregated rows (the look recorder's): each counts as `count` looks.
        await store.repos.credentialViews.recordVerifications([
          { credentialId: row.credentialId, orgId: org.id, kind: 'verification', verified: true, at: '2026-03-03T09:00:00.000Z', count: 40 },
          { credentialId: row.credentialId, orgId: org.id, kind: 'verification', verified: true, at: '2026-03-03T09:00:01.000Z', channel: 'browser', count: 2 },
          { credentialId: row.credentialId, orgId: org.id, kind: 'view', verified: true, at: '2026-03-03T09:00:01.500Z', count: 7 },
        ])
        await store.repos.issuedCredentials.setState(row.credentialId, { state: 'revoked', reason: null, at: '2026-03-02T12:00:00.000Z' })
        expect(await store.repos.stats.daily(org.id, '2026-03-01T00:00:00.000Z')).toEqual([
          { date: '2026-03-01', issued: 1, claimed: 0, revoked: 0, verified: 0, viewed: 1 },
          { date: '2026-03-02', issued: 0, claimed: 0, revoked: 1, verified: 1, viewed: 1 },
          { date: '2026-03-03', issued: 0, claimed: 0, revoked: 0, verified: 42, viewed: 7 },
        ])
        expect(await store.repos.stats.daily(org.id, '2026-03-02T00:00:00.000Z')).toEqual([
          { date: '2026-03-02', issued: 0, claimed: 0, revoked: 1, verified: 1, viewed: 1 },
          { date: '2026-03-03', issued: 0, claimed: 0, revoked: 0, verified: 42, viewed: 7 },
        ])
        expect(await store.repos.stats.totals(org.id)).toEqual({ issued: 1, claimed: 0, revoked: 1, suspended: 0, verified: 43, verifiedInBrowser: 2, views: 9, batches: 0, achievements: 1 })
        expect(await store.repos.stats.looksByAchievement(org.id)).toEqual([expect.objectContaining({ verified: 43, inBrowser: 2, viewed: 9 })])
        expect(await store.repos.stats.orgsOf(owner.id)).toEqual([{ slug: org.slug, name: 'Stats University', role: 'owner', credentials: 1, achievements: 1, logoImageId: null }])
      })
    })
  })
}
