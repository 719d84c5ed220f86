// The credential page (/c/:id) and its verification report (/api/v1/credentials/:id/verification)
// keep what they computed while nothing it came from changed (docs/PERFORMANCE.md): these tests
// look at a credential (so a kept page and report exist), change one thing through the real use
// case, and require the very next request to show it — revocation, suspension and its lifting, a
// new checkpoint, the organization's new name, the learner's name choice — and that a kept page
// never hands one visitor's CSRF token, language or check time to another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSRF_COOKIE } from '../../../src/http/auth/tokens.js'
import { readJson } from '../../support/platform.js'
import { startCredentialPlatform, type CredentialPlatform } from './public-credential-fixture.js'

type Report = { verified: boolean; checks: { id: string; outcome: string; code?: string; message: string }[] }

export function credentialFreshnessSuite(dialect: 'sqlite' | 'postgres'): void {
  describe(`what a kept credential page and report show on the next request (${dialect})`, () => {
    let p: CredentialPlatform
    beforeAll(async () => {
      p = await startCredentialPlatform({ dialect })
    })
    afterAll(() => p?.close())

    const page = async (uuid: string, headers: Record<string, string> = {}) => (await p.request(`/c/${uuid}`, { headers })).text()
    const report = async (uuid: string): Promise<Report> => readJson(await p.request(`/api/v1/credentials/${uuid}/verification`))
    const verdictOf = (html: string) => /data-verdict="([a-z-]+)"/.exec(html)?.[1]
    const check = (r: Report, id: string) => r.checks.find((c) => c.id === id)!
    /** Looks twice, so the second answer comes from what was kept. */
    const lookTwice = async (uuid: string) => {
      await page(uuid)
      await report(uuid)
      return { html: await page(uuid), report: await report(uuid) }
    }

    it('shows a revocation on the very next page view and verification', async () => {
      const issued = await p.issue({ email: 'revoke@example.org' })
      await p.signCheckpoint()
      const before = await lookTwice(issued.uuid)
      expect(verdictOf(before.html)).toBe('verified')
      expect(before.report.verified).toBe(true)
      // The second look reused the kept report: its proof checks say when they ran.
      expect(check(before.report, 'proof').outcome).toBe('passed')

      await p.changeStatus(issued.id, 'revoke', 'Issued in error')
      const html = await page(issued.uuid)
      expect(verdictOf(html)).toBe('revoked')
      expect(html).toContain('Issued in error')
      const after = await report(issued.uuid)
      expect(after.verified).toBe(false)
      expect(check(after, 'status').outcome).toBe('failed')
    })

    it('shows a suspension, then its lifting, each on the next request', async () => {
      const issued = await p.issue({ email: 'suspend@example.org' })
      await p.signCheckpoint()
      await lookTwice(issued.uuid)

      await p.changeStatus(issued.id, 'suspend', 'Under review')
      expect(verdictOf(await page(issued.uuid))).toBe('suspended')
      const suspended = await report(issued.uuid)
      expect(suspended.verified).toBe(false)
      expect(check(suspended, 'status').code).toBe('CREDENTIAL_SUSPENDED')

      await p.changeStatus(issued.id, 'unsuspend')
      expect(verdictOf(await page(issued.uuid))).toBe('verified')
      const lifted = await report(issued.uuid)
      expect(lifted.verified).toBe(true)
      expect(check(lifted, 'status').outcome).toBe('passed')
    })

    it('turns "log inclusion pending" into included as soon as a checkpoint covers the credential', async () => {
      const issued = await p.issue({ email: 'checkpoint@example.org' })
      const pending = await lookTwice(issued.uuid)
      expect(pending.html).toMatch(/data-check="log-inclusion" data-outcome="pending"/)
      expect(check(pending.report, 'log-inclusion')).toMatchObject({ outcome: 'skipped', message: expect.stringMatching(/^Pending/) })

      await p.signCheckpoint()
      expect(await page(issued.uuid)).toMatch(/data-check="log-inclusion" data-outcome="passed"/)
      expect(check(await report(issued.uuid), 'log-inclusion').outcome).toBe('passed')
    })

    it("shows the organization's new name and the learner's choice to hide their name on the next view", async () => {
      const issued = await p.issue({ email: 'grace@example.org', name: 'Grace Hopper' })
      await p.signCheckpoint()
      const before = (await lookTwice(issued.uuid)).html
      expect(before).toContain('Grace Hopper')
      expect(before).toContain('— Example University')

      await p.t.platform.orgs.updateProfile({ orgId: p.org.id, input: { name: 'Example University of Applied Sciences' } })
      expect(await page(issued.uuid)).toContain('— Example University of Applied Sciences')

      // Accepting the claim without ticking "show my name" hides it.
      expect((await p.submitForm(`/claim/${issued.claimToken}`, {})).status).toBe(303)
      const after = await page(issued.uuid)
      expect(after).not.toContain('Grace Hopper')
      expect(after).toContain('The learner keeps their name private')
    })

    it("answers each visitor's language, with their own CSRF token and the time of their request", async () => {
      const issued = await p.issue({ email: 'locale@example.org' })
      await p.signCheckpoint()
      const english = await page(issued.uuid)
      expect(english).toContain('<html lang="en"')
      const german = await page(issued.uuid, { 'accept-language': 'de' })
      expect(german).toContain('<html lang="de"')
      expect(german).toContain('Sprache')
      const french = await page(issued.uuid, { cookie: 'emblem_locale=fr' })
      expect(french).toContain('<html lang="fr"')
      expect(await page(issued.uuid)).toContain('<html lang="en"')

      // Two anonymous visitors: each page's forms carry the token of that visitor's own cookie.
      const tokens: string[] = []
      for (let i = 0; i < 2; i++) {
        const res = await p.request(`/c/${issued.uuid}`)
        const cookie = new RegExp(`${CSRF_COOKIE}=([^;]+)`).exec(res.headers.get('set-cookie') ?? '')?.[1]
        expect(cookie).toBeTruthy()
        // The kept page is answered whole: its cookie and the security headers are still on it.
        expect(res.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax/)
        expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
        expect(res.headers.get('x-content-type-options')).toBe('nosniff')
        expect(res.headers.get('vary')).toBe('Accept-Language, Cookie')
        const html = await res.text()
        expect([...html.matchAll(/name="_csrf" value="([^"]*)"/g)].map((m) => m[1])).toEqual([cookie])
        tokens.push(cookie!)
      }
      expect(tokens[0]).not.toBe(tokens[1])
      // A returning visitor's page carries the token of the cookie it sends.
      expect(await page(issued.uuid, { cookie: `${CSRF_COOKIE}=${tokens[0]}` })).toContain(`name="_csrf" value="${tokens[0]}"`)

      // The page says when it was checked: the time of this request, not of the kept page.
      expect(await page(issued.uuid)).toContain('1 March 2026 at 09:00 UTC')
      p.t.clock.advance(3 * 60_000)
      const later = await page(issued.uuid)
      expect(later).toContain('1 March 2026 at 09:03 UTC')
      expect(later).not.toContain('09:00 UTC')
    })

    it('shows a credential past its validUntil as expired on the first request after it', async () => {
      const achievementId = await p.seedAchievement('none')
      const issued = await p.issue({ email: 'expiry@example.org' }, p.org, achievementId)
      await p.signCheckpoint()
      const { report: fresh } = await lookTwice(issued.uuid)
      expect(check(fresh, 'validity-period').outcome).toBe('passed')
      // The fixture's achievement is valid 36 months: a day past that, the same kept page and report may not be reused.
      p.t.clock.advance(37 * 31 * 86_400_000)
      expect(check(await report(issued.uuid), 'validity-period').outcome).toBe('failed')
      expect(verdictOf(await page(issued.uuid))).toBe('expired')
    })
  })
}
