// The learner's wallet end to end, on SQLite (wallet.test.ts) and PostgreSQL (wallet-postgres.test.ts):
// claiming into the wallet only for confirmed addresses, claim all, decline, addresses, hide / name /
// delete, filters and sort, collections and their order, expiry reminders, and every route against
// the owner, another learner, an organization member, an API key and anonymous.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CredentialDisplay } from '../../../src/app/wallet/display.js'
import type { VerificationReport } from '../../../src/core/verification/index.js'
import { readJson, type TestSession } from '../../support/platform.js'
import { startCredentialPlatform, type CredentialPlatform } from './public-credential-fixture.js'

const DAY = 86_400_000

export function describeWallet(dialect: 'sqlite' | 'postgres'): void {
  describe(`the learner's wallet (${dialect})`, () => {
    let p: CredentialPlatform
    beforeAll(async () => {
      p = await startCredentialPlatform({ dialect })
    })
    afterAll(() => p?.close())

    /** A request to the app (that publishes the log) as a signed-in learner, an API key or nobody. */
    const call = (path: string, { as, method = 'GET', json, form }: { as?: TestSession | string; method?: string; json?: unknown; form?: Record<string, string> } = {}) => {
      const headers = new Headers({ accept: form ? 'text/html' : 'application/json' })
      if (typeof as === 'string') headers.set('authorization', `Bearer ${as}`)
      else if (as) {
        headers.set('cookie', as.cookie)
        if (method !== 'GET') headers.set('x-csrf-token', as.csrf)
      }
      let body: string | undefined
      if (json !== undefined) {
        headers.set('content-type', 'application/json')
        body = JSON.stringify(json)
      }
      if (form) {
        headers.set('content-type', 'application/x-www-form-urlencoded')
        body = new URLSearchParams({ ...(as && typeof as !== 'string' ? { _csrf: as.csrf } : {}), ...form }).toString()
      }
      return p.app.request(path, { method: form ? 'POST' : method, headers, ...(body !== undefined ? { body } : {}) })
    }
    const issuedRow = (id: string) => p.t.store.db.selectFrom('issued_credentials').select(['claimed_at', 'declined_at', 'show_name']).where('credential_id', '=', id).executeTakeFirstOrThrow()
    const itemsOf = async (as: TestSession, query = '') => (await readJson(await call(`/api/v1/wallet/credentials${query}`, { as }))).items as { id: string; display: CredentialDisplay; status: string; hidden: boolean }[]

    /** Keeps an imported credential as the import does (through the wallet use case). */
    const keep = (user: TestSession, name: string, display: Partial<CredentialDisplay> = {}, verified = true) =>
      p.t.platform.wallet.addImported(user.userId, {
        format: 'vc-json',
        document: JSON.stringify({ id: `urn:uuid:${name}-${Math.random()}`, name }),
        verified,
        report: { verified, checks: [] } as VerificationReport,
        display: { name, issuer: { name: 'Elsewhere Academy' }, skills: [], ...display },
      })

    it('refuses to claim a credential sent to another address, naming why, and leaves it unclaimed', async () => {
      const learner = await p.t.seedUser({ email: 'refused-learner@example.org' })
      const issued = await p.issue({ email: 'someone-else@example.org', name: 'Someone Else' })
      const page = await call(`/claim/${issued.claimToken}`, { as: learner })
      expect(await page.text()).toContain('Add to my wallet')
      const res = await call(`/claim/${issued.claimToken}/wallet`, { as: learner, form: { show_name: '1' } })
      expect(res.status).toBe(403)
      const text = await res.text()
      expect(text).toContain('This credential cannot go into your wallet yet')
      expect(text).toContain('It was sent to another e-mail address.')
      expect((await issuedRow(issued.id)).claimed_at).toBeNull()
      expect(await itemsOf(learner)).toEqual([])
    })

    it('refuses an unconfirmed account, and offers sign in or sign up when signed out', async () => {
      const learner = await p.t.seedUser({ email: 'unconfirmed-learner@example.org', verified: false })
      const issued = await p.issue({ email: 'unconfirmed-learner@example.org' })
      const res = await call(`/claim/${issued.claimToken}/wallet`, { as: learner, form: {} })
      expect(res.status).toBe(403)
      expect(await res.text()).toContain('Your account has no confirmed e-mail address yet.')
      const anonymous = await (await p.request(`/claim/${issued.claimToken}`)).text()
      expect(anonymous).toContain('Accept credential')
      expect(anonymous).toContain(`href="/sign-up?next=${encodeURIComponent(`/claim/${issued.claimToken}`)}"`)
      expect(anonymous).not.toContain('Add to my wallet')
    })

    it('claims a credential sent to a confirmed address into the wallet, verified, with the name choice', async () => {
      const learner = await p.t.seedUser({ email: 'claimer@example.org', name: 'Claire Claimer' })
      const issued = await p.issue({ email: 'claimer@example.org', name: 'Claire Claimer' })
      await p.signCheckpoint()
      const res = await call(`/claim/${issued.claimToken}/wallet`, { as: learner, form: {} })
      expect(res.status).toBe(303)
      const location = res.headers.get('location')!
      expect(location).toMatch(/^\/wallet\/w_[A-Za-z0-9_-]+\?notice=claimed$/)
      expect(await issuedRow(issued.id)).toMatchObject({ claimed_at: p.t.clock.now().toISOString(), show_name: 0 })
      const [item] = await itemsOf(learner)
      expect(item).toMatchObject({ source: 'claim', issuedCredentialId: issued.id, credentialId: issued.id, verified: true, status: 'valid', showName: false })
      expect(item!.display).toMatchObject({ name: 'FAIR Data Stewardship', issuer: { name: 'Example University' } })
      expect(item!.display.skills.map((s) => s.label)).toEqual(['manage findable accessible interoperable and reusable data'])
      const page = await call(location, { as: learner })
      expect(page.status).toBe(200)
      const html = await page.text()
      expect(html).toContain('<h1 id="item-title">FAIR Data Stewardship</h1>')
      expect(html).toContain('data-verdict="verified"')
      expect(html).toContain(`href="/c/${issued.uuid}"`)
      // The link is used: a second claim (or accept) is refused.
      expect((await call(`/claim/${issued.claimToken}/wallet`, { as: learner, form: {} })).status).toBe(400)
    })

    it('re-checks a kept credential when opened: a revocation shows, and the stored report follows', async () => {
      const learner = await p.t.seedUser({ email: 'revoked-learner@example.org' })
      const issued = await p.issue({ email: 'revoked-learner@example.org' })
      await call(`/claim/${issued.claimToken}/wallet`, { as: learner, form: {} })
      const [item] = await itemsOf(learner)
      await p.changeStatus(issued.id, 'revoke', 'Issued in error')
      const detail = await readJson(await call(`/api/v1/wallet/credentials/${item!.id}`, { as: learner }))
      expect(detail.status).toBe('revoked')
      expect(detail.report.checks.find((c: { id: string }) => c.id === 'status')).toMatchObject({ outcome: 'failed', code: 'CREDENTIAL_REVOKED' })
      expect((await itemsOf(learner, '?status=revoked')).map((i) => i.id)).toEqual([item!.id])
      expect(await (await call(`/wallet/${item!.id}`, { as: learner })).text()).toContain('data-verdict="revoked"')
    })

    it('adds an address confirmed by its own link, then claims everything sent to confirmed addresses', async () => {
      const learner = await p.t.seedUser({ email: 'multi@example.org', name: 'Max Multi' })
      const first = await p.issue({ email: 'multi@example.org' })
      const work = await p.issue({ email: 'max@work.example.org' })
      const stranger = await p.issue({ email: 'stranger@example.org' })
      const added = await call('/api/v1/me/emails', { as: learner, method: 'POST', json: { email: ' Max@Work.example.org ' } })
      expect(added.status).toBe(201)
      expect(await readJson(added)).toEqual({ email: 'max@work.example.org', verified: false, verifiedAt: null, createdAt: p.t.clock.now().toISOString(), primary: false })
      // Not confirmed yet: only the sign-up address counts.
      const before = await readJson(await call('/api/v1/wallet/claims', { as: learner, method: 'POST' }))
      expect(before.items.map((i: { issuedCredentialId: string }) => i.issuedCredentialId)).toEqual([first.id])
      const mail = await p.t.store.db.selectFrom('outbox').select('text').where('to_address', '=', 'max@work.example.org').where('text', 'like', '%/verify-email?token=%').executeTakeFirstOrThrow()
      const link = /https?:\/\/[^\s]+\/verify-email\?token=[A-Za-z0-9_%-]+/.exec(mail.text)![0]
      const confirmed = await p.request(new URL(link).pathname + new URL(link).search)
      expect(confirmed.status).toBe(200)
      const emails = await readJson(await call('/api/v1/me/emails', { as: learner }))
      expect(emails.items.map((e: { email: string; verified: boolean; primary: boolean }) => [e.email, e.verified, e.primary])).toEqual([
        ['multi@example.org', true, true],
        ['max@work.example.org', true, false],
      ])
      const after = await readJson(await call('/api/v1/wallet/claims', { as: learner, method: 'POST' }))
      expect(after.items.map((i: { issuedCredentialId: string }) => i.issuedCredentialId)).toEqual([work.id])
      expect((await issuedRow(stranger.id)).claimed_at).toBeNull()
      expect((await readJson(await call('/api/v1/wallet/claims', { as: learner, method: 'POST' }))).items).toEqual([])
      // Another account cannot take the address; the sign-in address cannot be removed; the extra one can.
      const other = await p.t.seedUser()
      expect((await call('/api/v1/me/emails', { as: other, method: 'POST', json: { email: 'max@work.example.org' } })).status).toBe(409)
      expect((await call('/api/v1/me/emails', { as: other, method: 'POST', json: { email: 'not an address' } })).status).toBe(400)
      expect((await call(`/api/v1/me/emails/${encodeURIComponent('multi@example.org')}`, { as: learner, method: 'DELETE' })).status).toBe(409)
      expect((await call(`/api/v1/me/emails/${encodeURIComponent('max@work.example.org')}`, { as: other, method: 'DELETE' })).status).toBe(404)
      expect((await call(`/api/v1/me/emails/${encodeURIComponent('max@work.example.org')}`, { as: learner, method: 'DELETE' })).status).toBe(204)
    })

    it('declines a credential: the link stops working and the issuer’s record says declined', async () => {
      const issued = await p.issue({ email: 'decliner@example.org' })
      const res = await p.submitForm(`/claim/${issued.claimToken}/decline`, {})
      expect(res.status).toBe(303)
      expect((await issuedRow(issued.id)).declined_at).toBe(p.t.clock.now().toISOString())
      // The issuer sees it declined.
      const viewer = await p.t.seedApiKey(p.org, 'viewer')
      const record = await readJson(await call(`/api/v1/orgs/${p.org.slug}/credentials/${issued.uuid}`, { as: viewer }))
      expect(record).toMatchObject({ claimed: false, declinedAt: p.t.clock.now().toISOString() })
      const page = await (await p.request(`/claim/${issued.claimToken}`)).text()
      expect(page).toContain('You declined this credential')
      expect(page).not.toContain('Accept credential')
      expect((await p.submitForm(`/claim/${issued.claimToken}`, { show_name: '1' })).status).toBe(400)
      const learner = await p.t.seedUser({ email: 'decliner@example.org' })
      expect((await readJson(await call('/api/v1/wallet/claims', { as: learner, method: 'POST' }))).items).toEqual([])
      expect((await issuedRow(issued.id)).claimed_at).toBeNull()
    })

    it('hides, shows, hides the name (the public page follows) and deletes only the wallet copy', async () => {
      const learner = await p.t.seedUser({ email: 'flags@example.org', name: 'Fiona Flags' })
      const issued = await p.issue({ email: 'flags@example.org', name: 'Fiona Flags' })
      await call(`/claim/${issued.claimToken}/wallet`, { as: learner, form: { show_name: '1' } })
      const [item] = await itemsOf(learner)
      expect(await (await p.request(`/c/${issued.uuid}`)).text()).toContain('Fiona Flags')
      const hidden = await call(`/api/v1/wallet/credentials/${item!.id}`, { as: learner, method: 'PATCH', json: { hidden: true, showName: false } })
      expect(await readJson(hidden)).toMatchObject({ hidden: true, showName: false })
      expect(await itemsOf(learner)).toEqual([])
      expect((await itemsOf(learner, '?hidden=include')).map((i) => i.id)).toEqual([item!.id])
      expect((await issuedRow(issued.id)).show_name).toBe(0)
      expect(await (await p.request(`/c/${issued.uuid}`)).text()).not.toContain('Fiona Flags')
      expect((await call(`/wallet/${item!.id}/visibility`, { as: learner, form: { hidden: '0' } })).status).toBe(303)
      expect((await itemsOf(learner)).map((i) => i.id)).toEqual([item!.id])
      expect((await call(`/api/v1/wallet/credentials/${item!.id}`, { as: learner, method: 'PATCH', json: { colour: 'red' } })).status).toBe(400)
      expect((await call(`/api/v1/wallet/credentials/${item!.id}`, { as: learner, method: 'DELETE' })).status).toBe(204)
      expect((await call(`/api/v1/wallet/credentials/${item!.id}`, { as: learner })).status).toBe(404)
      expect((await issuedRow(issued.id)).claimed_at).not.toBeNull()
      expect((await p.request(`/c/${issued.uuid}`)).status).toBe(200)
    })

    it('filters by issuer, skill, status and expiry, and sorts by name, issuer and expiry', async () => {
      const learner = await p.t.seedUser()
      const now = p.t.clock.now().getTime()
      await keep(learner, 'Bravo', { issuer: { name: 'Zeta College' }, expiresAt: new Date(now + 20 * DAY).toISOString(), skills: [{ label: 'Statistics' }] })
      p.t.clock.advance(1000)
      await keep(learner, 'Alpha', { issuer: { name: 'Alpha Institute' }, expiresAt: new Date(now + 60 * DAY).toISOString() })
      p.t.clock.advance(1000)
      await keep(learner, 'Charlie', { skills: [{ label: 'Statistics' }, { label: 'Python' }] })
      p.t.clock.advance(1000)
      await keep(learner, 'Delta', { expiresAt: new Date(now - DAY).toISOString() })
      p.t.clock.advance(1000)
      await keep(learner, 'Echo', {}, false)
      const names = async (query: string) => (await itemsOf(learner, query)).map((i) => i.display.name)
      expect(await names('')).toEqual(['Echo', 'Delta', 'Charlie', 'Alpha', 'Bravo'])
      expect(await names('?sort=oldest')).toEqual(['Bravo', 'Alpha', 'Charlie', 'Delta', 'Echo'])
      expect(await names('?sort=name')).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'])
      expect(await names('?sort=expiry')).toEqual(['Delta', 'Bravo', 'Alpha', 'Echo', 'Charlie'])
      expect(await names('?issuer=Zeta%20College')).toEqual(['Bravo'])
      expect(await names('?skill=statistics')).toEqual(['Charlie', 'Bravo'])
      expect(await names('?status=expired')).toEqual(['Delta'])
      expect(await names('?status=unverified')).toEqual(['Echo'])
      expect(await names('?status=valid&sort=name')).toEqual(['Alpha', 'Bravo', 'Charlie'])
      expect(await names('?expiresWithin=30')).toEqual(['Bravo'])
      expect(await names('?expiresWithin=90&sort=expiry')).toEqual(['Bravo', 'Alpha'])
      expect(await names('?expiresWithin=none')).toEqual(['Echo', 'Charlie'])
      expect((await call('/api/v1/wallet/credentials?status=shiny', { as: learner })).status).toBe(400)
      // The page: grid by default, list remembered in the URL, filters as a GET form.
      const grid = await (await call('/wallet?skill=Statistics', { as: learner })).text()
      expect(grid).toContain('class="badge-grid wallet-grid"')
      expect(grid).toContain('2 credentials')
      const list = await (await call('/wallet?view=list&sort=name', { as: learner })).text()
      expect(list).toContain('class="wallet-list"')
      expect(list).toMatch(/Alpha[\s\S]*Bravo[\s\S]*Charlie[\s\S]*Delta[\s\S]*Echo/)
      expect(list).toContain('href="/wallet?sort=name"')
    })

    it('keeps collections in order: create, add, reorder, move with buttons, remove, rename, delete', async () => {
      const learner = await p.t.seedUser()
      const ids: string[] = []
      for (const name of ['One', 'Two', 'Three']) ids.push((await keep(learner, name)).item.id)
      const created = await call('/api/v1/wallet/collections', { as: learner, method: 'POST', json: { name: '  Data skills ' } })
      expect(created.status).toBe(201)
      const collection = await readJson(created)
      expect(collection).toMatchObject({ name: 'Data skills', itemIds: [], position: 0 })
      expect((await call('/api/v1/wallet/collections', { as: learner, method: 'POST', json: { name: '' } })).status).toBe(400)
      const patched = await readJson(await call(`/api/v1/wallet/collections/${collection.id}`, { as: learner, method: 'PATCH', json: { itemIds: [ids[2], ids[0], ids[1]] } }))
      expect(patched.itemIds).toEqual([ids[2], ids[0], ids[1]])
      expect((await call(`/wallet/collections/${collection.id}/items/${ids[1]}/move`, { as: learner, form: { direction: 'up' } })).status).toBe(303)
      expect((await readJson(await call(`/api/v1/wallet/collections/${collection.id}`, { as: learner }))).itemIds).toEqual([ids[2], ids[1], ids[0]])
      expect((await itemsOf(learner, `?collection=${collection.id}`)).map((i) => i.id)).toEqual([ids[2], ids[1], ids[0]])
      const page = await (await call(`/wallet?collection=${collection.id}&view=list`, { as: learner })).text()
      expect(page).toMatch(/Three[\s\S]*Two[\s\S]*One/)
      expect(page).toContain(`action="/wallet/collections/${collection.id}/items/${ids[0]}/move"`)
      await call(`/wallet/collections/${collection.id}/items/${ids[2]}/remove`, { as: learner, form: {} })
      await call(`/wallet/collections/${collection.id}/rename`, { as: learner, form: { name: 'Research data' } })
      expect(await readJson(await call(`/api/v1/wallet/collections/${collection.id}`, { as: learner }))).toMatchObject({ name: 'Research data', itemIds: [ids[1], ids[0]] })
      // A page form makes one too, and collections move up and down.
      const second = await call('/wallet/collections', { as: learner, form: { name: 'Teaching' } })
      expect(second.status).toBe(303)
      const all = (await readJson(await call('/api/v1/wallet/collections', { as: learner }))).items
      expect(all.map((c: { name: string }) => c.name)).toEqual(['Research data', 'Teaching'])
      await call(`/wallet/collections/${all[1].id}/move`, { as: learner, form: { direction: 'up' } })
      expect((await readJson(await call('/api/v1/wallet/collections', { as: learner }))).items.map((c: { name: string }) => c.name)).toEqual(['Teaching', 'Research data'])
      expect((await call(`/api/v1/wallet/collections/${collection.id}`, { as: learner, method: 'DELETE' })).status).toBe(204)
      expect((await itemsOf(learner)).length).toBe(3)
    })

    it('reminds 30 and 7 days before expiry, once each, only when the account wants it', async () => {
      const learner = await p.t.seedUser({ email: 'remind-me@example.org' })
      const quiet = await p.t.seedUser({ email: 'quiet@example.org' })
      const now = p.t.clock.now().getTime()
      await keep(learner, 'Expiring Badge', { issuer: { name: 'Reminder College' }, expiresAt: new Date(now + 25 * DAY).toISOString() })
      await keep(quiet, 'Quiet Badge', { expiresAt: new Date(now + 25 * DAY).toISOString() })
      expect((await call('/account/emails/reminders', { as: quiet, form: {} })).status).toBe(303)
      const mails = (to: string) => p.t.store.db.selectFrom('outbox').select(['subject', 'text']).where('to_address', '=', to).orderBy('created_at').execute()
      await p.t.platform.wallet.sendExpiryReminders()
      expect((await mails('remind-me@example.org')).map((m) => m.subject)).toEqual(['"Expiring Badge" expires in 25 days'])
      expect((await mails('remind-me@example.org'))[0]!.text).toContain('/wallet/w_')
      await p.t.platform.wallet.sendExpiryReminders()
      expect(await mails('remind-me@example.org')).toHaveLength(1)
      p.t.clock.advance(20 * DAY)
      await p.t.platform.wallet.sendExpiryReminders()
      expect((await mails('remind-me@example.org')).map((m) => m.subject)).toEqual(['"Expiring Badge" expires in 25 days', '"Expiring Badge" expires in 5 days'])
      expect(await mails('quiet@example.org')).toEqual([])
      p.t.clock.advance(-20 * DAY)
      // A credential kept when already within 7 days gets the 7-day reminder only.
      const late = await p.t.seedUser({ email: 'late@example.org' })
      await keep(late, 'Late Badge', { expiresAt: new Date(now + 5 * DAY).toISOString() })
      await p.t.platform.wallet.sendExpiryReminders()
      await p.t.platform.wallet.sendExpiryReminders()
      expect((await mails('late@example.org')).map((m) => m.subject)).toEqual(['"Late Badge" expires in 5 days'])
    })

    it('answers every wallet route for its owner only: another learner, an org member and an API key get nothing', async () => {
      const owner = await p.t.seedUser()
      const other = await p.t.seedUser()
      const member = await p.t.seedUser()
      await p.t.seedMember(p.org, member, 'admin')
      const apiKey = await p.t.seedApiKey(p.org, 'admin')
      const { item } = await keep(owner, 'Private Badge')
      const collection = await readJson(await call('/api/v1/wallet/collections', { as: owner, method: 'POST', json: { name: 'Mine' } }))
      const routes: [string, string, unknown?][] = [
        ['GET', `/api/v1/wallet/credentials/${item.id}`],
        ['PATCH', `/api/v1/wallet/credentials/${item.id}`, { hidden: true }],
        ['DELETE', `/api/v1/wallet/credentials/${item.id}`],
        ['GET', `/api/v1/wallet/collections/${collection.id}`],
        ['PATCH', `/api/v1/wallet/collections/${collection.id}`, { name: 'Theirs' }],
        ['DELETE', `/api/v1/wallet/collections/${collection.id}`],
      ]
      for (const as of [other, member]) {
        for (const [method, path, json] of routes) expect((await call(path, { as, method, json })).status, `${method} ${path}`).toBe(404)
        expect(await itemsOf(as)).toEqual([])
        expect((await readJson(await call('/api/v1/wallet/collections', { as }))).items).toEqual([])
        expect((await call(`/wallet/${item.id}`, { as })).status).toBe(404)
        expect((await call(`/api/v1/wallet/collections/${collection.id}`, { as, method: 'PATCH', json: { itemIds: [item.id] } })).status).toBe(404)
      }
      const everyRoute: [string, string, unknown?][] = [
        ...routes,
        ['GET', '/api/v1/wallet/credentials'],
        ['POST', '/api/v1/wallet/claims'],
        ['GET', '/api/v1/wallet/collections'],
        ['POST', '/api/v1/wallet/collections', { name: 'x' }],
        ['GET', '/api/v1/me/emails'],
        ['POST', '/api/v1/me/emails', { email: 'x@example.org' }],
        ['DELETE', `/api/v1/me/emails/${encodeURIComponent(owner.email)}`],
      ]
      // Anonymous: reads are 401; writes stop at the missing CSRF token (403) before anything else. API keys act for an organization, not a person: 401.
      for (const [method, path, json] of everyRoute) expect((await call(path, { method, json })).status, `${method} ${path}`).toBe(method === 'GET' ? 401 : 403)
      for (const [method, path, json] of everyRoute) expect((await call(path, { as: apiKey, method, json })).status, `${method} ${path}`).toBe(401)
      // A write without the CSRF token is refused.
      const noCsrf = await p.app.request(`/api/v1/wallet/credentials/${item.id}`, { method: 'DELETE', headers: { cookie: owner.cookie } })
      expect(noCsrf.status).toBe(403)
      const anonymousPage = await p.app.request('/wallet', { headers: { accept: 'text/html' } })
      expect(anonymousPage.status).toBe(303)
      expect(anonymousPage.headers.get('location')).toBe('/sign-in?next=%2Fwallet')
      expect(await readJson(await call(`/api/v1/wallet/collections/${collection.id}`, { as: owner }))).toMatchObject({ name: 'Mine' })
      expect((await call(`/api/v1/wallet/credentials/${item.id}`, { as: owner })).status).toBe(200)
    })
  })
}
