import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readJson } from '../../support/platform.js'
import { startCredentialPlatform, type CredentialPlatform } from './public-credential-fixture.js'

let p: CredentialPlatform
beforeAll(async () => {
  p = await startCredentialPlatform()
})
afterAll(() => p.close())

const claimedAt = async (id: string) =>
  p.t.store.db.selectFrom('issued_credentials').select(['claimed_at', 'show_name']).where('credential_id', '=', id).executeTakeFirstOrThrow()

describe('claiming a credential from the e-mail link', () => {
  it('shows the credential, the name choice and an Accept form carrying a CSRF token', async () => {
    const issued = await p.issue({ email: 'claim-show@example.org', name: 'Ada Lovelace' })
    const res = await p.request(`/claim/${issued.claimToken}`)
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).toContain('Example University awarded you a credential')
    expect(text).toContain('<h1 id="claim-title">FAIR Data Stewardship</h1>')
    expect(text).toContain('What you get')
    expect(text).toContain('Show my name (Ada Lovelace) on the public page')
    expect(text).toMatch(/<input type="hidden" name="_csrf" value="[A-Za-z0-9_-]{32,}"\/?>/)
    expect(text).toContain(`action="/claim/${issued.claimToken}"`)
    expect(text).toContain(`href="/c/${issued.uuid}"`)
  })

  it('accepts once, keeping the name public when the learner ticks the box, and goes to the public page', async () => {
    const issued = await p.issue({ email: 'claim-once@example.org', name: 'Grace Hopper' })
    const res = await p.submitForm(`/claim/${issued.claimToken}`, { show_name: '1' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/c/${issued.uuid}?accepted=1`)
    expect(await claimedAt(issued.id)).toEqual({ claimed_at: p.t.clock.now().toISOString(), show_name: 1 })
    const page = await (await p.request(`/c/${issued.uuid}?accepted=1`)).text()
    expect(page).toContain('You accepted this credential.')
    expect(page).toContain('Grace Hopper')
  })

  it('hides the name from the public page when the learner leaves the box unticked', async () => {
    const issued = await p.issue({ email: 'claim-private@example.org', name: 'Private Learner' })
    expect((await p.submitForm(`/claim/${issued.claimToken}`, {})).status).toBe(303)
    expect((await claimedAt(issued.id)).show_name).toBe(0)
    expect(await (await p.request(`/c/${issued.uuid}`)).text()).not.toContain('Private Learner')
  })

  it('rejects a second use of the link with a page that links to the credential, and changes nothing', async () => {
    const issued = await p.issue({ email: 'claim-twice@example.org' })
    expect((await p.submitForm(`/claim/${issued.claimToken}`, { show_name: '1' })).status).toBe(303)
    const first = await claimedAt(issued.id)
    p.t.clock.advance(60_000)
    const again = await p.submitForm(`/claim/${issued.claimToken}`, {})
    expect(again.status).toBe(400)
    expect(await again.text()).toContain('You already accepted this credential')
    expect(await claimedAt(issued.id)).toEqual(first)
    const view = await p.request(`/claim/${issued.claimToken}`)
    expect(view.status).toBe(200)
    const text = await view.text()
    expect(text).toContain('You already accepted this credential')
    expect(text).toContain(`href="/c/${issued.uuid}"`)
    expect(text).toContain(`action="/claim/${issued.claimToken}/new-link"`)
    expect(text).not.toContain('Accept credential')
  })

  it('answers an unknown or malformed token with the same friendly page', async () => {
    for (const token of ['x'.repeat(43), 'short', '<script>']) {
      const res = await p.request(`/claim/${encodeURIComponent(token)}`)
      expect(res.status).toBe(400)
      const text = await res.text()
      expect(text).toContain('This claim link cannot be used')
      expect(text).toContain('ERR_TOKEN_INVALID')
      expect(text).not.toContain('<script>')
    }
  })

  it('refuses an Accept without the CSRF token, and leaves the credential unclaimed', async () => {
    const issued = await p.issue({ email: 'claim-csrf@example.org' })
    const res = await p.submitForm(`/claim/${issued.claimToken}`, { show_name: '1' }, { csrf: false })
    expect(res.status).toBe(403)
    expect((await readJson(res)).code).toBe('ERR_CSRF')
    expect((await claimedAt(issued.id)).claimed_at).toBeNull()
  })

  it('lets only one of two simultaneous accepts through', async () => {
    const issued = await p.issue({ email: 'claim-race@example.org' })
    const results = await Promise.all([p.submitForm(`/claim/${issued.claimToken}`, {}), p.submitForm(`/claim/${issued.claimToken}`, {})])
    expect(results.map((r) => r.status).sort()).toEqual([303, 400])
  })

  it('does not let a revoked credential be accepted', async () => {
    const issued = await p.issue({ email: 'claim-revoked@example.org' })
    await p.changeStatus(issued.id, 'revoke', 'Sent to the wrong person')
    const page = await (await p.request(`/claim/${issued.claimToken}`)).text()
    expect(page).toContain('Revoked — Sent to the wrong person')
    expect(page).not.toContain('Accept credential')
    const res = await p.submitForm(`/claim/${issued.claimToken}`, {})
    expect(res.status).toBe(409)
    expect((await claimedAt(issued.id)).claimed_at).toBeNull()
  })
})
