// A credential issued to a learner's DID binds to their account: claiming it into the wallet needs
// no matching e-mail address, and another account is refused (SQLite and PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readJson, type TestSession } from '../../support/platform.js'
import { startCredentialPlatform, type CredentialPlatform } from './public-credential-fixture.js'

export function describeDidClaim(dialect: 'sqlite' | 'postgres'): void {
  describe(`claiming a credential issued to the holder DID (${dialect})`, () => {
    let p: CredentialPlatform
    beforeAll(async () => {
      p = await startCredentialPlatform({ dialect })
    })
    afterAll(() => p?.close())

    const claim = (token: string, as: TestSession) =>
      p.app.request(`/claim/${token}/wallet`, {
        method: 'POST',
        headers: { cookie: as.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        body: new URLSearchParams({ _csrf: as.csrf }).toString(),
      })
    const did = async (as: TestSession) => (await readJson(await p.app.request('/api/v1/me/did', { headers: { cookie: as.cookie } }))).did as string

    it('puts it in the DID holder’s wallet even when the address is another, and refuses another account', async () => {
      const holder = await p.t.seedUser({ email: 'did-holder@example.org', verified: false })
      const stranger = await p.t.seedUser({ email: 'stranger@example.org' })
      const issued = await p.issue({ email: 'old-address@example.org', name: 'Dana Holder', did: await did(holder) })
      await p.signCheckpoint()
      expect((await claim(issued.claimToken, stranger)).status).toBe(403)
      const res = await claim(issued.claimToken, holder)
      expect(res.status).toBe(303)
      const items = (await readJson(await p.app.request('/api/v1/wallet/credentials', { headers: { cookie: holder.cookie } }))).items as { issuedCredentialId: string; verified: boolean }[]
      expect(items).toEqual([expect.objectContaining({ issuedCredentialId: issued.id, verified: true })])
    })

    it('still refuses a credential issued to another DID when no address matches', async () => {
      const holder = await p.t.seedUser({ email: 'did-holder-2@example.org' })
      const other = await p.t.seedUser({ email: 'did-other@example.org' })
      const issued = await p.issue({ email: 'elsewhere@example.org', name: 'Dana Holder', did: await did(other) })
      expect((await claim(issued.claimToken, holder)).status).toBe(403)
    })
  })
}
