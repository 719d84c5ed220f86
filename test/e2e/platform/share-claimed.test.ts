// A credential of this instance in a learner's wallet, shared: its profile tile links to /c/{id},
// its share page verifies it live (verified, then revoked once the issuer revokes it), downloads
// go to /c/{id}'s, and /c/{id} itself has link-preview tags with absolute URLs.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasPostgres, readJson } from '../../support/platform.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe.skipIf(dialect === 'postgres' && !hasPostgres)(`a claimed credential, shared (${dialect})`, () => {
    let p: IssuancePlatform
    beforeAll(async () => {
      p = await startIssuancePlatform({ dialect })
    })
    afterAll(() => p?.close())

    it('verifies live on its share page, links to its own page, and follows a revocation', async () => {
      const { t, owner, org, achievementId } = p
      const issued = await readJson(await t.request(`/api/v1/orgs/${org.slug}/achievements/${achievementId}/credentials`, { as: owner, method: 'POST', json: { recipient: { email: 'kai@example.org', name: 'Kai Learner' } } }))
      const uuid = issued.id.slice('urn:uuid:'.length)
      const learner = await t.seedUser({ email: 'kai@example.org', name: 'Kai Learner' })
      const document = JSON.stringify(issued.credential)
      const now = t.clock.now().toISOString()
      await t.store.repos.walletItems.insert({ id: 'w_claimed', userId: learner.userId, digest: createHash('sha256').update(document).digest('hex'), credentialId: issued.id, issuedCredentialId: issued.id, source: 'claim', format: 'vc-json', document, verified: true, report: '{"verified":true,"checks":[]}', checkedAt: now, name: 'Open Science Basics', description: '', imageUrl: null, issuerId: org.did, issuerName: org.name, issuedAt: now, expiresAt: null, skills: [], addedAt: now, public: true })
      await t.request('/api/v1/wallet/profile', { as: learner, method: 'PUT', json: { handle: 'kai', displayName: 'Kai Learner', public: true } })

      const profile = await (await t.request('/u/kai')).text()
      expect(profile).toContain(`href="/c/${uuid}"`)
      expect((await readJson(await t.request('/u/kai', { headers: { accept: 'application/json' } }))).credentials[0]).toMatchObject({ url: `http://localhost:3000/c/${uuid}`, status: 'verified' })

      const link = await readJson(await t.request('/api/v1/wallet/share-links', { as: learner, method: 'POST', json: { credential: 'w_claimed' } }))
      const path = new URL(link.url).pathname
      const shared = await (await t.request(path)).text()
      expect(shared).toContain('data-verdict="verified"')
      expect(shared).toContain(`/c/${uuid}/badge.png`)
      expect(shared).toContain(`/c/${uuid}/certificate.pdf`)
      const download = await t.request(`${path}/download/badge.png`)
      expect(download.status).toBe(303)
      expect(download.headers.get('location')).toBe(`/c/${uuid}/badge.png`)

      const page = await (await t.request(`/c/${uuid}`)).text()
      const og = (name: string) => new RegExp(`<meta (?:property|name)="${name}" content="([^"]*)"`).exec(page)?.[1]
      expect(og('og:url')).toBe(`http://localhost:3000/c/${uuid}`)
      expect(og('og:image')).toBe(`http://localhost:3000/c/${uuid}/badge.png`)
      expect(og('og:title')).toContain('Open Science Basics')
      expect(og('twitter:card')).toBe('summary_large_image')

      await t.request(`/api/v1/orgs/${org.slug}/credentials/${uuid}/revoke`, { as: owner, method: 'POST', json: { reason: 'Issued in error' } })
      expect(await (await t.request(path)).text()).toContain('data-verdict="revoked"')
      expect((await readJson(await t.request('/u/kai', { headers: { accept: 'application/json' } }))).credentials[0].status).toBe('revoked')
    })
  })
}
