// Behind a reverse proxy every connection comes from the proxy: with EMBLEM_TRUSTED_PROXY_HOPS the
// per-address sign-in limits key on the address the proxy appended to X-Forwarded-For (one client's
// failures never lock out every other), and without it the header is ignored (it cannot be forged
// to dodge a limit).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestPlatform, type TestPlatform } from '../../support/platform.js'
import { anonymousBrowser, fromIp } from './account-helpers.js'

const PROXY = '10.0.0.2'

async function signInVia(t: TestPlatform, email: string, forwardedFor: string): Promise<number> {
  const browser = anonymousBrowser(PROXY)
  const res = await t.app.request(
    '/sign-in',
    {
      method: 'POST',
      headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', 'x-forwarded-for': forwardedFor },
      body: new URLSearchParams({ _csrf: browser.csrf, email, password: 'wrong password, surely' }).toString(),
    },
    fromIp(PROXY),
  )
  return res.status
}

describe.each([
  ['behind one trusted proxy (EMBLEM_TRUSTED_PROXY_HOPS=1)', 1],
  ['with no trusted proxy (the default)', 0],
])('sign-in limits %s', (_, hops) => {
  let t: TestPlatform
  beforeAll(async () => {
    t = await startTestPlatform({ config: { trustedProxyHops: hops } })
  })
  afterAll(() => t.close())

  it(hops ? 'count per client address the proxy saw, never per address the client claims' : 'ignore X-Forwarded-For', async () => {
    const user = await t.seedUser()
    // Five failures from one client (it claims other addresses in front of what the proxy appended).
    for (let i = 0; i < 5; i++) expect(await signInVia(t, user.email, `192.0.2.${i + 1}, 198.51.100.10`)).not.toBe(429)
    // The sixth from that client is refused, whatever it claims.
    expect(await signInVia(t, user.email, '192.0.2.99, 198.51.100.10')).toBe(429)
    // Another client through the same proxy: counted apart only when the proxy is trusted.
    expect(await signInVia(t, user.email, '198.51.100.11')).toBe(hops ? 401 : 429)
  })
})
