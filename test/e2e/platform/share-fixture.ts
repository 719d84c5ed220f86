// Sharing on one dialect (share.test.ts: SQLite; share-postgres.test.ts: PostgreSQL): the profile
// and its handle rules, the public profile that never shows a private or hidden credential (HTML
// and JSON), share links (views, expiry and revocation: 410), downloads, skills and link previews,
// each route against the owner, another learner, an organization member's API key and anonymous.
import { createHash, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DisplaySkill } from '../../../src/app/wallet/display.js'
import { readJson, startTestPlatform, type TestPlatform, type TestSession } from '../../support/platform.js'

const VERIFIED = JSON.stringify({ verified: true, checks: [] })
const ESCO = 'ESCO'

export function describeSharing(dialect: 'sqlite' | 'postgres'): void {
  describe(`sharing (${dialect})`, () => {
    let t: TestPlatform
    let apiKey: string
    beforeAll(async () => {
      t = await startTestPlatform({ dialect })
      const staff = await t.seedUser({ name: 'Org Staff' })
      const org = await t.seedOrg({ owner: staff })
      apiKey = await t.seedApiKey(org, 'issuer')
    })
    afterAll(() => t?.close())

    /** A credential in `user`'s wallet, written directly (its document is not a real credential: a live check marks it unverified). */
    const seedItem = async (user: TestSession, name: string, opts: { public?: boolean; hidden?: boolean; verified?: boolean; skills?: DisplaySkill[]; issuedCredentialId?: string; document?: string } = {}) => {
      const id = `w_${randomUUID().replace(/-/g, '').slice(0, 16)}`
      const document = opts.document ?? JSON.stringify({ id: `urn:uuid:${randomUUID()}`, name })
      const now = t.clock.now().toISOString()
      expect(
        await t.store.repos.walletItems.insert({
          id,
          userId: user.userId,
          digest: createHash('sha256').update(document).digest('hex'),
          credentialId: opts.issuedCredentialId ?? null,
          issuedCredentialId: opts.issuedCredentialId ?? null,
          source: opts.issuedCredentialId ? 'claim' : 'import',
          format: 'vc-json',
          document,
          verified: opts.verified ?? true,
          report: opts.verified === false ? JSON.stringify({ verified: false, checks: [{ id: 'proof', outcome: 'failed', code: 'PROOF_INVALID', message: 'bad' }] }) : VERIFIED,
          checkedAt: now,
          name,
          description: `About ${name}.`,
          imageUrl: null,
          issuerId: 'did:web:other.example',
          issuerName: 'Other University',
          issuedAt: '2026-01-15T00:00:00Z',
          expiresAt: null,
          skills: opts.skills ?? [],
          addedAt: now,
          public: opts.public ?? false,
          hidden: opts.hidden ?? false,
        }),
      ).toBe('inserted')
      return id
    }

    const saveProfile = (user: TestSession, body: Record<string, unknown>) => t.request('/api/v1/wallet/profile', { as: user, method: 'PUT', json: body })
    const html = async (res: Response) => res.text()
    const ogOf = (page: string, property: string) => new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"`).exec(page)?.[1]

    describe('the profile and its handle', () => {
      it('starts empty with a suggested handle, saves, and refuses bad, reserved and taken handles', async () => {
        const ada = await t.seedUser({ name: 'Ada Lovelace' })
        const first = await readJson(await t.request('/api/v1/wallet/profile', { as: ada }))
        expect(first).toMatchObject({ profile: null, suggestedHandle: 'ada-lovelace', publicCredentials: [], publicCollections: [] })

        for (const [handle, code] of [['ab', 'too_short'], ['x'.repeat(31), 'too_long'], ['ada_l', 'invalid_characters'], ['-ada', 'invalid_characters'], ['wallet', 'taken'], ['admin', 'taken']] as const) {
          const res = await saveProfile(ada, { handle, displayName: 'Ada' })
          expect(res.status, handle).toBe(400)
          expect((await readJson(res)).errors).toEqual([expect.objectContaining({ path: 'handle', code })])
        }
        const missingName = await saveProfile(ada, { handle: 'ada-l', displayName: '  ' })
        expect(missingName.status).toBe(400)

        const saved = await saveProfile(ada, { handle: ' Ada-L ', displayName: 'Ada Lovelace', headline: 'Analyst', public: true })
        expect(saved.status).toBe(200)
        expect((await readJson(saved)).profile).toMatchObject({ handle: 'ada-l', url: 'http://localhost:3000/u/ada-l', displayName: 'Ada Lovelace', headline: 'Analyst', public: true, openToEmployers: false })

        const bob = await t.seedUser()
        const taken = await saveProfile(bob, { handle: 'ada-l', displayName: 'Bob' })
        expect(taken.status).toBe(409)
        expect((await readJson(taken)).errors).toEqual([expect.objectContaining({ path: 'handle', code: 'taken' })])
      })

      it('is the signed-in learner’s only: 401 to anonymous callers and API keys', async () => {
        for (const path of ['/api/v1/wallet/profile', '/api/v1/wallet/skills', '/api/v1/wallet/share-links']) {
          expect((await t.request(path)).status, path).toBe(401)
          expect((await t.request(path, { as: apiKey })).status, path).toBe(401)
        }
        expect((await t.request('/api/v1/wallet/profile', { as: apiKey, method: 'PUT', json: { handle: 'key-holder', displayName: 'Key' } })).status).toBe(401)
        expect((await t.request('/api/v1/wallet/share-links', { as: apiKey, method: 'POST', json: { credential: 'w_x' } })).status).toBe(401)
      })

      it('refuses to make another learner’s credential or collection public', async () => {
        const owner = await t.seedUser()
        const other = await t.seedUser()
        const item = await seedItem(owner, 'Theirs')
        const res = await saveProfile(other, { handle: `other-${other.userId.slice(0, 6)}`, displayName: 'Other', publicCredentials: [item] })
        expect(res.status).toBe(400)
        expect((await readJson(res)).errors[0]).toMatchObject({ path: 'publicCredentials.0', code: 'invalid_choice' })
        expect((await t.store.repos.walletItems.get(owner.userId, item))?.public).toBe(false)
      })
    })

    describe('the public profile', () => {
      it('shows only public, unhidden credentials and their verified skills, in HTML and JSON, and nothing while private', async () => {
        const grace = await t.seedUser({ name: 'Grace Hopper' })
        const shown = await seedItem(grace, 'Compilers Shown', { skills: [{ label: 'Compilers', code: 'C1', framework: ESCO }, { label: 'Teamwork' }] })
        const unverified = await seedItem(grace, 'Unverified Shown', { verified: false, skills: [{ label: 'Unproven skill' }] })
        const priv = await seedItem(grace, 'Private Secret', { skills: [{ label: 'Private skill' }] })
        const hidden = await seedItem(grace, 'Hidden Secret', { hidden: true, skills: [{ label: 'Hidden skill' }] })
        const collection = `c_${randomUUID().slice(0, 8)}`
        await t.store.repos.walletCollections.create({ id: collection, userId: grace.userId, name: 'Best of', description: '', createdAt: t.clock.now().toISOString() })
        for (const id of [shown, priv]) await t.store.repos.walletCollections.addItem(grace.userId, collection, id)

        // Not public yet: 404 to everyone, the handle reserved all the same.
        expect((await saveProfile(grace, { handle: 'grace', displayName: 'Grace Hopper', headline: 'Rear admiral' })).status).toBe(200)
        expect((await t.request('/u/grace')).status).toBe(404)
        expect((await t.request('/u/grace', { headers: { accept: 'application/json' } })).status).toBe(404)
        expect((await t.request('/u/nobody-here')).status).toBe(404)

        // Hidden credentials are never shown, even when asked for.
        const res = await saveProfile(grace, { handle: 'grace', displayName: 'Grace Hopper', headline: 'Rear admiral', bio: 'Wrote the first compiler.', public: true, openToEmployers: true, publicCredentials: [shown, unverified, hidden], publicCollections: [collection] })
        expect(res.status).toBe(200)
        const saved = await readJson(res)
        expect(saved.publicCredentials.sort()).toEqual([shown, unverified].sort())

        const page = await t.request('/u/grace')
        expect(page.status).toBe(200)
        const text = await html(page)
        expect(text).toContain('Grace Hopper')
        expect(text).toContain('Rear admiral')
        expect(text).toContain('Compilers Shown')
        expect(text).toContain('Unverified Shown')
        expect(text).toContain('Best of')
        expect(text).not.toContain('Private Secret')
        expect(text).not.toContain('Hidden Secret')
        expect(text).not.toContain('Private skill')
        expect(text).not.toContain('Hidden skill')
        expect(text).not.toContain('Unproven skill')
        expect(text).toContain(`/u/grace/c/${shown}`)

        const json = await readJson(await t.request('/u/Grace', { headers: { accept: 'application/json' } }))
        expect(json).toMatchObject({ handle: 'grace', name: 'Grace Hopper', headline: 'Rear admiral', openToEmployers: true, url: 'http://localhost:3000/u/grace' })
        expect(json.credentials.map((c: any) => c.name).sort()).toEqual(['Compilers Shown', 'Unverified Shown'])
        const compilers = json.credentials.find((c: any) => c.id === shown)
        expect(compilers).toMatchObject({ status: 'verified', verified: true, url: `http://localhost:3000/u/grace/c/${shown}`, issuer: { name: 'Other University' } })
        expect(compilers.credential).toMatchObject({ name: 'Compilers Shown' })
        expect(json.collections).toEqual([{ id: collection, name: 'Best of', description: '', credentials: [shown] }])
        expect(json.skills.map((s: any) => [s.label, s.count])).toEqual([['Compilers', 1], ['Teamwork', 1]])
        expect(JSON.stringify(json)).not.toMatch(/Private Secret|Hidden Secret/)

        // A private or hidden credential has no public page either; a public one has.
        expect((await t.request(`/u/grace/c/${priv}`)).status).toBe(404)
        expect((await t.request(`/u/grace/c/${hidden}`)).status).toBe(404)
        const one = await t.request(`/u/grace/c/${shown}`)
        expect(one.status).toBe(200)
        expect(await html(one)).toContain('Compilers Shown')
        expect((await t.request(`/u/grace/c/${priv}/download/credential.json`)).status).toBe(404)
        expect((await t.request(`/u/grace/c/${shown}/download/credential.json`)).status).toBe(200)

        // In the wallet, a credential on the public profile is shared (LinkedIn post, embed snippet) by its profile page; a private one is not.
        const walletPage = await html(await t.request(`/wallet/${shown}`, { as: grace }))
        expect(walletPage).toContain(`http://localhost:3000/u/grace/c/${shown}`)
        expect(await html(await t.request(`/wallet/${priv}`, { as: grace }))).not.toContain(`/u/grace/c/${priv}`)

        // Switched off again: gone from view.
        await saveProfile(grace, { handle: 'grace', displayName: 'Grace Hopper', public: false })
        expect((await t.request('/u/grace')).status).toBe(404)
      })

      it('has link-preview tags with absolute URLs', async () => {
        const lin = await t.seedUser({ name: 'Lin Preview' })
        await seedItem(lin, 'Preview Badge', { public: true })
        await saveProfile(lin, { handle: 'lin-preview', displayName: 'Lin Preview', headline: 'Designer', public: true })
        const page = await html(await t.request('/u/lin-preview'))
        expect(ogOf(page, 'og:title')).toBe('Lin Preview — Designer')
        expect(ogOf(page, 'og:url')).toBe('http://localhost:3000/u/lin-preview')
        expect(ogOf(page, 'og:image')).toMatch(/^http:\/\/localhost:3000\/u\/lin-preview\/c\/w_[0-9a-f]+\/download\/badge\.png$/)
        expect(ogOf(page, 'twitter:card')).toBe('summary_large_image')
        // A profile the learner made public may be found; private share links are kept out of search engines.
        expect(page).not.toContain('noindex')
        const image = await t.request(new URL(ogOf(page, 'og:image')!).pathname)
        expect(image.status).toBe(200)
        expect(image.headers.get('content-type')).toBe('image/png')
      })
    })

    describe('share links', () => {
      it('opens a credential by link, counts views (not the owner’s), and lists them for the owner only', async () => {
        const owner = await t.seedUser({ name: 'Sam Sharer' })
        const other = await t.seedUser()
        const item = await seedItem(owner, 'Shared Badge')
        const created = await t.request('/api/v1/wallet/share-links', { as: owner, method: 'POST', json: { credential: item } })
        expect(created.status).toBe(201)
        const link = await readJson(created)
        expect(link).toMatchObject({ target: { kind: 'credential', id: item, name: 'Shared Badge' }, state: 'active', views: 0, expiresAt: null })
        expect(link.url).toMatch(/^http:\/\/localhost:3000\/s\/[A-Za-z0-9_-]{43}$/)
        const path = new URL(link.url).pathname

        const page = await t.request(path)
        expect(page.status).toBe(200)
        const text = await html(page)
        expect(text).toContain('Shared Badge')
        expect(text).toContain('data-verdict=')
        expect(ogOf(text, 'og:url')).toBe(link.url)
        expect(ogOf(text, 'og:image')).toBe(`${link.url}/download/badge.png`)
        expect(ogOf(text, 'twitter:card')).toBe('summary_large_image')
        expect(text).toContain('<meta name="robots" content="noindex, nofollow"/>')
        await t.request(path, { as: other })
        await t.request(path, { as: owner })
        const list = await readJson(await t.request('/api/v1/wallet/share-links', { as: owner }))
        expect(list.items).toEqual([expect.objectContaining({ id: link.id, views: 2 })])
        expect((await readJson(await t.request('/api/v1/wallet/share-links', { as: other }))).items).toEqual([])

        // Downloads through the link: the document as received, a badge with it baked in.
        const json = await t.request(`${path}/download/credential.json`)
        expect(json.status).toBe(200)
        expect(await json.text()).toContain('Shared Badge')
        const png = await t.request(`${path}/download/badge.png`)
        expect(png.headers.get('content-type')).toBe('image/png')
        expect(Buffer.from(await png.arrayBuffer()).includes(Buffer.from('openbadgecredential'))).toBe(true)

        // Nobody else shares or revokes the owner's credential or link.
        expect((await t.request('/api/v1/wallet/share-links', { as: other, method: 'POST', json: { credential: item } })).status).toBe(400)
        expect((await t.request(`/api/v1/wallet/share-links/${link.id}`, { as: other, method: 'DELETE' })).status).toBe(404)
        expect((await t.request(`/api/v1/wallet/share-links/${link.id}`, { as: apiKey, method: 'DELETE' })).status).toBe(401)
        expect((await t.request(path)).status).toBe(200)
      })

      it('answers 410 once revoked or expired, and 404 for a token that never was', async () => {
        const owner = await t.seedUser()
        const item = await seedItem(owner, 'Short Lived')
        const revoked = await readJson(await t.request('/api/v1/wallet/share-links', { as: owner, method: 'POST', json: { credential: item } }))
        const del = await t.request(`/api/v1/wallet/share-links/${revoked.id}`, { as: owner, method: 'DELETE' })
        expect(del.status).toBe(200)
        expect(await readJson(del)).toMatchObject({ state: 'revoked' })
        const gone = await t.request(new URL(revoked.url).pathname)
        expect(gone.status).toBe(410)
        expect(await html(gone)).toContain('data-reason="revoked"')
        expect((await t.request(`${new URL(revoked.url).pathname}/download/credential.json`)).status).toBe(404)

        const expiring = await readJson(await t.request('/api/v1/wallet/share-links', { as: owner, method: 'POST', json: { credential: item, expiresInDays: 1 } }))
        expect(expiring.expiresAt).toBe(new Date(t.clock.now().getTime() + 86_400_000).toISOString())
        expect((await t.request(new URL(expiring.url).pathname)).status).toBe(200)
        t.clock.advance(86_400_000 + 1000)
        const expired = await t.request(new URL(expiring.url).pathname)
        expect(expired.status).toBe(410)
        expect(await html(expired)).toContain('data-reason="expired"')
        const states = (await readJson(await t.request('/api/v1/wallet/share-links', { as: owner }))).items.map((l: any) => l.state)
        expect(states.sort()).toEqual(['expired', 'revoked'])

        expect((await t.request(`/s/${'A'.repeat(43)}`)).status).toBe(404)
        expect((await t.request('/s/short')).status).toBe(404)
        const past = await t.request('/api/v1/wallet/share-links', { as: owner, method: 'POST', json: { credential: item, expiresAt: '2020-01-01T00:00:00Z' } })
        expect(past.status).toBe(400)
        expect((await t.request('/api/v1/wallet/share-links', { as: owner, method: 'POST', json: {} })).status).toBe(400)
        expect((await t.request('/api/v1/wallet/share-links', { as: owner, method: 'POST', json: { credential: item, collection: 'c' } })).status).toBe(400)
      })

      it('shares a collection, opens its credentials within it, never a hidden one', async () => {
        const owner = await t.seedUser({ name: 'Cole Lector' })
        const a = await seedItem(owner, 'First In Collection')
        const b = await seedItem(owner, 'Hidden In Collection', { hidden: true })
        const outside = await seedItem(owner, 'Outside Collection')
        const collection = `c_${randomUUID().slice(0, 8)}`
        await t.store.repos.walletCollections.create({ id: collection, userId: owner.userId, name: 'Portfolio', description: 'Work of 2026', createdAt: t.clock.now().toISOString() })
        for (const id of [a, b]) await t.store.repos.walletCollections.addItem(owner.userId, collection, id)
        const link = await readJson(await t.request('/api/v1/wallet/share-links', { as: owner, method: 'POST', json: { collection } }))
        expect(link.target).toEqual({ kind: 'collection', id: collection, name: 'Portfolio' })
        const path = new URL(link.url).pathname
        const text = await html(await t.request(path))
        expect(text).toContain('Portfolio')
        expect(text).toContain('First In Collection')
        expect(text).not.toContain('Hidden In Collection')
        expect((await t.request(`${path}/c/${a}`)).status).toBe(200)
        expect((await t.request(`${path}/c/${b}`)).status).toBe(404)
        expect((await t.request(`${path}/c/${outside}`)).status).toBe(404)
        expect((await t.request('/api/v1/wallet/share-links', { as: owner, method: 'POST', json: { credential: b } })).status).toBe(400)
      })
    })

    describe('skills and downloads', () => {
      it('gathers skills from verified, unhidden credentials only, counted, with their credentials', async () => {
        const owner = await t.seedUser()
        const x = await seedItem(owner, 'X', { skills: [{ label: 'SQL', code: 'S1', framework: ESCO }, { label: 'Teamwork' }] })
        const y = await seedItem(owner, 'Y', { skills: [{ label: 'Structured Query Language', code: 's1', framework: ESCO }] })
        await seedItem(owner, 'Z', { verified: false, skills: [{ label: 'SQL', code: 'S1', framework: ESCO }] })
        await seedItem(owner, 'H', { hidden: true, skills: [{ label: 'Teamwork' }] })
        const { items } = await readJson(await t.request('/api/v1/wallet/skills', { as: owner }))
        // SQL and Structured Query Language are one skill: the same framework code.
        expect(items.map((s: any) => [s.framework ?? null, s.code?.toUpperCase() ?? null, s.count, s.credentials.map((c: any) => c.id).sort()])).toEqual([
          [ESCO, 'S1', 2, [x, y].sort()],
          [null, null, 1, [x]],
        ])
        expect(items[1]).toEqual({ label: 'Teamwork', count: 1, credentials: [{ id: x, name: 'X', issuerName: 'Other University' }] })
        expect((await readJson(await t.request('/api/v1/wallet/skills', { as: await t.seedUser() }))).items).toEqual([])
        const page = await t.request('/wallet/skills', { as: owner })
        expect(page.status).toBe(200)
        expect(await html(page)).toContain(`/wallet/${x}`)
        expect((await t.request('/wallet/skills')).status).toBe(401)
      })

      it('lets only the owner download a wallet credential as received', async () => {
        const owner = await t.seedUser()
        const item = await seedItem(owner, 'Mine Only', { document: '{"name":"Mine Only","kept":"as received"}' })
        const res = await t.request(`/wallet/${item}/download/credential.json`, { as: owner })
        expect(res.status).toBe(200)
        expect(await res.text()).toBe('{"name":"Mine Only","kept":"as received"}')
        expect(res.headers.get('content-disposition')).toBe('attachment; filename="mine-only.json"')
        expect((await t.request(`/wallet/${item}/download/credential.json`, { as: await t.seedUser() })).status).toBe(404)
        const svg = await t.request(`/wallet/${item}/download/badge.svg`, { as: owner })
        expect(svg.headers.get('content-type')).toBe('image/svg+xml')
        expect(await svg.text()).toContain('openbadges:credential')
      })
    })

    describe('pages', () => {
      it('saves the profile through its form, keeps values and shows field errors on a bad handle', async () => {
        const owner = await t.seedUser({ name: 'Form Filler' })
        const item = await seedItem(owner, 'Form Badge')
        const settings = await t.request('/wallet/profile', { as: owner })
        expect(settings.status).toBe(200)
        expect(await html(settings)).toContain('value="form-filler"')
        const bad = await t.submitForm('/wallet/profile', { handle: 'no', displayName: 'Form Filler', headline: 'Keeps this' }, owner)
        expect(bad.status).toBe(422)
        const badText = await html(bad)
        expect(badText).toContain('id="field-handle-error"')
        expect(badText).toContain('Keeps this')
        const ok = await t.submitForm('/wallet/profile', { handle: 'form-filler', displayName: 'Form Filler', public: '1', publicCredentials: item }, owner)
        expect(ok.status).toBe(303)
        expect(await html(await t.request('/u/form-filler'))).toContain('Form Badge')
        const link = await t.submitForm('/wallet/share-links', { credential: item, expiresInDays: '7' }, owner)
        expect(link.status).toBe(201)
        expect(await html(link)).toMatch(/http:\/\/localhost:3000\/s\/[A-Za-z0-9_-]{43}/)
        expect((await t.request('/wallet/profile')).status).toBe(401)
      })

      it('keeps every learner page to its owner: anonymous, another learner and an organization member get nothing of it', async () => {
        const owner = await t.seedUser({ name: 'Page Owner' })
        const item = await seedItem(owner, 'Owner Only')
        const member = await t.seedUser({ name: 'Org Member' })
        const org = await t.seedOrg({ owner: await t.seedUser() })
        await t.seedMember(org, member, 'admin')
        const { id } = await readJson(await t.request('/api/v1/wallet/share-links', { as: owner, method: 'POST', json: { credential: item } }))
        expect((await t.submitForm('/wallet/profile', { handle: 'anon-try', displayName: 'Anon' })).status).toBe(401)
        expect((await t.submitForm('/wallet/share-links', { credential: item })).status).toBe(401)
        expect((await t.submitForm(`/wallet/share-links/${id}/revoke`, {})).status).toBe(401)
        for (const other of [member, await t.seedUser()]) {
          expect((await t.submitForm('/wallet/share-links', { credential: item }, other)).status).toBe(400)
          expect((await t.submitForm(`/wallet/share-links/${id}/revoke`, {}, other)).status).toBe(404)
          expect((await t.request(`/wallet/${item}/download/credential.json`, { as: other })).status).toBe(404)
          expect((await readJson(await t.request('/api/v1/wallet/share-links', { as: other }))).items).toEqual([])
        }
        expect((await t.request(`/wallet/${item}/download/credential.json`)).status).toBe(401)
        expect((await readJson(await t.request('/api/v1/wallet/share-links', { as: owner }))).items).toEqual([expect.objectContaining({ id, state: 'active' })])
        expect((await t.submitForm(`/wallet/share-links/${id}/revoke`, {}, owner)).status).toBe(303)
        expect((await readJson(await t.request('/api/v1/wallet/share-links', { as: owner }))).items).toEqual([expect.objectContaining({ id, state: 'revoked' })])
      })
    })
  })
}
