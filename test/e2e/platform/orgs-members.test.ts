import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSRF_COOKIE } from '../../../src/http/auth/tokens.js'
import { readJson, startTestPlatform, type TestOrg, type TestPlatform, type TestSession } from '../../support/platform.js'

// Members and their roles, the last owner rule, and invitations by e-mail.
let t: TestPlatform
beforeAll(async () => {
  t = await startTestPlatform()
})
afterAll(() => t.close())

const patchRole = (org: TestOrg, as: TestSession | string, userId: string, role: string) =>
  t.request(`/api/v1/orgs/${org.slug}/members/${userId}`, { as, method: 'PATCH', json: { role } })
const remove = (org: TestOrg, as: TestSession | string, userId: string) => t.request(`/api/v1/orgs/${org.slug}/members/${userId}`, { as, method: 'DELETE' })

/** The invitation link mailed to `to` (the newest message to that address in the organization's outbox). */
async function invitationLink(org: TestOrg, to: string): Promise<string> {
  const messages = await t.store.repos.outbox.listForOrg(org.id, { limit: 50 })
  const message = messages.find((m) => m.to === to)
  if (!message) throw new Error(`no message to ${to}`)
  const link = /http:\/\/localhost:3000\/invitations\/([A-Za-z0-9_-]{43})/.exec(message.text)
  if (!link) throw new Error(`no invitation link in ${message.text}`)
  return link[1]!
}

describe('members', () => {
  it('are listed with name, e-mail and role, owners first, to any member', async () => {
    const owner = await t.seedUser({ name: 'Zoe Owner' })
    const viewer = await t.seedUser({ name: 'Adam Viewer' })
    const org = await t.seedOrg({ owner })
    await t.seedMember(org, viewer, 'viewer')
    const res = await t.request(`/api/v1/orgs/${org.slug}/members`, { as: viewer })
    expect(res.status).toBe(200)
    expect((await readJson(res)).items).toEqual([
      { userId: owner.userId, email: owner.email, name: 'Zoe Owner', role: 'owner', createdAt: expect.any(String) },
      { userId: viewer.userId, email: viewer.email, name: 'Adam Viewer', role: 'viewer', createdAt: expect.any(String) },
    ])
  })

  it('lets admins manage admins, issuers and viewers, but only owners make or unmake owners', async () => {
    const owner = await t.seedUser()
    const admin = await t.seedUser()
    const other = await t.seedUser()
    const org = await t.seedOrg({ owner })
    await t.seedMember(org, admin, 'admin')
    await t.seedMember(org, other, 'viewer')
    expect((await patchRole(org, admin, other.userId, 'admin')).status).toBe(200)
    expect((await patchRole(org, admin, other.userId, 'issuer')).status).toBe(200)
    const promote = await patchRole(org, admin, other.userId, 'owner')
    expect(promote.status).toBe(403)
    expect((await readJson(promote)).detail).toMatch(/Only owners/)
    expect((await patchRole(org, admin, owner.userId, 'viewer')).status).toBe(403)
    expect((await remove(org, admin, owner.userId)).status).toBe(403)
    expect((await patchRole(org, owner, other.userId, 'owner')).status).toBe(200)
    const members = (await readJson(await t.request(`/api/v1/orgs/${org.slug}/members`, { as: owner }))).items
    expect(members.filter((m: any) => m.role === 'owner').map((m: any) => m.userId).sort()).toEqual([owner.userId, other.userId].sort())
  })

  it('never lets the last owner be removed or demoted', async () => {
    const owner = await t.seedUser()
    const second = await t.seedUser()
    const org = await t.seedOrg({ owner })
    const demote = await patchRole(org, owner, owner.userId, 'admin')
    expect(demote.status).toBe(409)
    expect(await readJson(demote)).toMatchObject({ code: 'ERR_STATE_INVALID', detail: expect.stringMatching(/last owner/) })
    const leave = await remove(org, owner, owner.userId)
    expect(leave.status).toBe(409)
    expect((await readJson(leave)).code).toBe('ERR_STATE_INVALID')

    await t.seedMember(org, second, 'owner')
    expect((await patchRole(org, second, owner.userId, 'admin')).status).toBe(200)
    expect((await patchRole(org, second, second.userId, 'admin')).status).toBe(409)
    expect((await remove(org, second, second.userId)).status).toBe(409)
  })

  it('lets any member leave, and 404s for someone who is not a member', async () => {
    const owner = await t.seedUser()
    const viewer = await t.seedUser()
    const stranger = await t.seedUser()
    const org = await t.seedOrg({ owner })
    await t.seedMember(org, viewer, 'viewer')
    expect((await remove(org, owner, stranger.userId)).status).toBe(404)
    expect((await remove(org, viewer, viewer.userId)).status).toBe(204)
    expect((await t.request(`/api/v1/orgs/${org.slug}`, { as: viewer })).status).toBe(404)
  })

  it('validates the role', async () => {
    const owner = await t.seedUser()
    const viewer = await t.seedUser()
    const org = await t.seedOrg({ owner })
    await t.seedMember(org, viewer, 'viewer')
    const res = await patchRole(org, owner, viewer.userId, 'superuser')
    expect(res.status).toBe(400)
    expect((await readJson(res)).detail).toMatch(/^role: choose one of owner, admin, issuer, viewer/)
  })
})

describe('invitations', () => {
  it('mail a one-time link that makes the invited account a member with the role', async () => {
    const owner = await t.seedUser({ name: 'Olivia Owner' })
    const org = await t.seedOrg({ owner, name: 'Acme Academy' })
    const created = await t.request(`/api/v1/orgs/${org.slug}/invitations`, { as: owner, method: 'POST', json: { email: ' New.Person@Example.org ', role: 'issuer' } })
    expect(created.status).toBe(201)
    const invitation = await readJson(created)
    expect(invitation).toMatchObject({ email: 'new.person@example.org', role: 'issuer', state: 'pending', expiresAt: new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString() })
    expect(created.headers.get('location')).toBe(`/api/v1/orgs/${org.slug}/invitations/${invitation.id}`)
    const [message] = await t.store.repos.outbox.listForOrg(org.id, { limit: 1 })
    expect(message).toMatchObject({ to: 'new.person@example.org', fromName: 'Acme Academy', subject: 'Olivia Owner invited you to Acme Academy on Emblem', state: 'held' })
    const token = await invitationLink(org, 'new.person@example.org')
    const stored = await t.store.db.selectFrom('invitations').select('token_hash').where('id', '=', invitation.id).executeTakeFirstOrThrow()
    expect(stored.token_hash).not.toContain(token)

    const listed = (await readJson(await t.request(`/api/v1/orgs/${org.slug}/invitations`, { as: owner }))).items
    expect(listed.map((i: any) => i.id)).toEqual([invitation.id])

    const invitee = await t.seedUser({ email: 'new.person@example.org' })
    const accepted = await t.request(`/api/v1/invitations/${token}/accept`, { as: invitee, method: 'POST' })
    expect(accepted.status).toBe(200)
    expect(await readJson(accepted)).toMatchObject({ slug: org.slug, role: 'issuer' })
    expect((await readJson(await t.request(`/api/v1/orgs/${org.slug}`, { as: invitee }))).role).toBe('issuer')
    expect((await readJson(await t.request(`/api/v1/orgs/${org.slug}/invitations`, { as: owner }))).items).toEqual([])

    const again = await t.request(`/api/v1/invitations/${token}/accept`, { as: invitee, method: 'POST' })
    expect(again.status).toBe(400)
    expect((await readJson(again)).code).toBe('ERR_TOKEN_INVALID')
  })

  it('refuses an account whose e-mail is not the invited one, saying which it was for', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    await t.request(`/api/v1/orgs/${org.slug}/invitations`, { as: owner, method: 'POST', json: { email: 'right@example.org', role: 'viewer' } })
    const token = await invitationLink(org, 'right@example.org')
    const wrong = await t.seedUser({ email: 'wrong@example.org' })
    const res = await t.request(`/api/v1/invitations/${token}/accept`, { as: wrong, method: 'POST' })
    expect(res.status).toBe(403)
    expect((await readJson(res)).detail).toMatch(/sent to right@example\.org, but you are signed in as wrong@example\.org/)
    expect((await t.request(`/api/v1/orgs/${org.slug}`, { as: wrong })).status).toBe(404)
    const right = await t.seedUser({ email: 'right@example.org' })
    expect((await t.request(`/api/v1/invitations/${token}/accept`, { as: right, method: 'POST' })).status).toBe(200)
  })

  it('expire after 7 days, and die when revoked or replaced by a newer invitation', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    const invite = (email: string, role = 'viewer') => t.request(`/api/v1/orgs/${org.slug}/invitations`, { as: owner, method: 'POST', json: { email, role } })
    const late = await t.seedUser({ email: 'late@example.org' })
    await invite('late@example.org')
    const lateToken = await invitationLink(org, 'late@example.org')
    t.clock.advance(7 * 86_400_000 + 1)
    const listed = (await readJson(await t.request(`/api/v1/orgs/${org.slug}/invitations`, { as: owner }))).items
    expect(listed.find((i: any) => i.email === 'late@example.org').state).toBe('expired')
    expect((await readJson(await t.request(`/api/v1/invitations/${lateToken}/accept`, { as: late, method: 'POST' }))).code).toBe('ERR_TOKEN_INVALID')

    const withdrawn = await t.seedUser({ email: 'withdrawn@example.org' })
    const { id } = await readJson(await invite('withdrawn@example.org'))
    const withdrawnToken = await invitationLink(org, 'withdrawn@example.org')
    expect((await t.request(`/api/v1/orgs/${org.slug}/invitations/${id}`, { as: owner, method: 'DELETE' })).status).toBe(204)
    expect((await t.request(`/api/v1/invitations/${withdrawnToken}/accept`, { as: withdrawn, method: 'POST' })).status).toBe(400)
    expect((await t.request(`/api/v1/orgs/${org.slug}/invitations/${id}`, { as: owner, method: 'DELETE' })).status).toBe(404)

    const twice = await t.seedUser({ email: 'twice@example.org' })
    await invite('twice@example.org', 'viewer')
    const first = await invitationLink(org, 'twice@example.org')
    t.clock.advance(1000)
    await invite('twice@example.org', 'admin')
    const second = await invitationLink(org, 'twice@example.org')
    expect(second).not.toBe(first)
    expect((await t.request(`/api/v1/invitations/${first}/accept`, { as: twice, method: 'POST' })).status).toBe(400)
    expect(await readJson(await t.request(`/api/v1/invitations/${second}/accept`, { as: twice, method: 'POST' }))).toMatchObject({ role: 'admin' })
  })

  it('refuses inviting a member again, an owner invitation from an admin, and a bad address', async () => {
    const owner = await t.seedUser()
    const admin = await t.seedUser()
    const org = await t.seedOrg({ owner })
    await t.seedMember(org, admin, 'admin')
    const member = await t.request(`/api/v1/orgs/${org.slug}/invitations`, { as: owner, method: 'POST', json: { email: admin.email.toUpperCase(), role: 'viewer' } })
    expect(member.status).toBe(409)
    const ownerInvite = await t.request(`/api/v1/orgs/${org.slug}/invitations`, { as: admin, method: 'POST', json: { email: 'boss@example.org', role: 'owner' } })
    expect(ownerInvite.status).toBe(403)
    const bad = await t.request(`/api/v1/orgs/${org.slug}/invitations`, { as: owner, method: 'POST', json: { email: 'not an address', role: 'viewer' } })
    expect(bad.status).toBe(400)
    expect((await readJson(bad)).detail).toMatch(/^email: /)
  })

  it('take a signed-in person to accept, never an API key, and refuse a made-up token', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    const key = await t.seedApiKey(org, 'admin')
    await t.request(`/api/v1/orgs/${org.slug}/invitations`, { as: owner, method: 'POST', json: { email: 'person@example.org', role: 'viewer' } })
    const token = await invitationLink(org, 'person@example.org')
    const anonymous = { cookie: `${CSRF_COOKIE}=${'a'.repeat(32)}`, 'x-csrf-token': 'a'.repeat(32) }
    expect((await t.request(`/api/v1/invitations/${token}/accept`, { method: 'POST', headers: anonymous })).status).toBe(401)
    expect((await t.request(`/api/v1/invitations/${token}/accept`, { as: key, method: 'POST' })).status).toBe(403)
    const someone = await t.seedUser()
    expect((await readJson(await t.request(`/api/v1/invitations/${'x'.repeat(43)}/accept`, { as: someone, method: 'POST' }))).code).toBe('ERR_TOKEN_INVALID')
  })
})
