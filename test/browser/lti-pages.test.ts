// The LTI pages in Debian's Chromium at a desktop (1280 px) and a phone (390 px) width, against the
// app served on a local port and a platform simulator: an instructor launches Emblem from a course
// (signed by the simulator), maps an achievement with a grade threshold and syncs grades; the
// course page shows the mapping and the learners' credentials. The organization's LTI page shows the
// registered platform and the tool's URLs. Nothing scrolls sideways. Screenshots (JPEG) in
// docs/screenshots/integrations/.
import { createServer, type Server } from 'node:http'
import { mkdir } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentLogger } from '../../src/http/logger.js'
import { startServer, type RunningServer } from '../../src/main.js'
import { startIssuancePlatform, type IssuancePlatform } from '../e2e/platform/issuance-fixture.js'
import { hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { freePort } from '../support/server-process.js'

const SHOTS = join(process.cwd(), 'docs', 'screenshots', 'integrations')
const LTI = 'https://purl.imsglobal.org/spec/lti/claim/'
const LEARNER = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'

describe.skipIf(!hasChromium)('the LTI pages, at desktop and phone widths', () => {
  let sim: Server
  let simBase = ''
  let p: IssuancePlatform
  let server: RunningServer
  let browser: Browser
  let base = ''
  let session = ''

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256')
    const jwk = { ...(await exportJWK(publicKey)), kid: 'sim-1', alg: 'RS256', use: 'sig' }
    const members = [
      { user_id: 'teacher-1', name: 'Ines Moreau', email: 'ines.moreau@example.edu', roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'] },
      { user_id: 'l-1', name: 'Ada Lovelace', email: 'ada@example.edu', roles: [LEARNER] },
      { user_id: 'l-2', name: 'Boris Petrov', email: 'boris@example.edu', roles: [LEARNER] },
      { user_id: 'l-3', name: 'Chiara Rossi', email: 'chiara@example.edu', roles: [LEARNER] },
      { user_id: 'l-4', name: 'Deniz Yilmaz', email: 'deniz@example.edu', roles: [LEARNER] },
    ]
    const results = [
      { userId: 'l-1', resultScore: 92, resultMaximum: 100 },
      { userId: 'l-2', resultScore: 48, resultMaximum: 100 },
      { userId: 'l-3', resultScore: 71, resultMaximum: 100 },
    ]
    sim = createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        const path = new URL(req.url ?? '/', simBase).pathname
        const send = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
        if (path === '/jwks') send({ keys: [jwk] })
        else if (path === '/token') send({ access_token: 'sim', token_type: 'Bearer', expires_in: 3600 })
        else if (path === '/lineitems') send([{ id: `${simBase}/lineitems/1`, label: 'Final grade', scoreMaximum: 100 }])
        else if (path === '/lineitems/1/results') send(results)
        else if (path === '/memberships') send({ members })
        else res.writeHead(404).end()
      })
    })
    await new Promise<void>((resolve) => sim.listen(0, '127.0.0.1', resolve))
    simBase = `http://127.0.0.1:${(sim.address() as AddressInfo).port}`
    const port = await freePort()
    base = `http://localhost:${port}`
    p = await startIssuancePlatform({ publicUrl: base, config: { port, fetch: { allowHttp: true, allowPrivateAddresses: true, timeoutMs: 5000, maxBytes: 1024 * 1024 } } })
    server = await startServer(p.t.config, { app: p.t.app, log: silentLogger, handleSignals: false })
    expect(
      (
        await p.t.request(`/api/v1/orgs/${p.org.slug}/lti/platforms`, {
          as: p.owner,
          method: 'POST',
          json: { name: 'Campus Moodle', issuer: simBase, clientId: 'emblem-tool', authLoginUrl: `${simBase}/auth`, tokenUrl: `${simBase}/token`, jwksUrl: `${simBase}/jwks`, deploymentIds: ['1'] },
        })
      ).status,
    ).toBe(201)
    // The instructor's launch, as the platform would make it.
    const login = await p.t.app.request(`/lti/login?${new URLSearchParams({ iss: simBase, login_hint: 'teacher-1', target_link_uri: `${base}/lti/launch`, client_id: 'emblem-tool' })}`)
    const to = new URL(login.headers.get('location')!)
    const stateCookie = /emblem_lti_state=([^;]+)/.exec(login.headers.getSetCookie().join('\n'))![1]!
    const now = Math.floor(p.t.clock.now().getTime() / 1000)
    const idToken = await new SignJWT({
      nonce: to.searchParams.get('nonce'),
      name: 'Ines Moreau',
      email: 'ines.moreau@example.edu',
      [`${LTI}message_type`]: 'LtiResourceLinkRequest',
      [`${LTI}version`]: '1.3.0',
      [`${LTI}deployment_id`]: '1',
      [`${LTI}resource_link`]: { id: 'rl-1' },
      [`${LTI}roles`]: members[0]!.roles,
      [`${LTI}context`]: { id: 'ds-101', label: 'DS-101', title: 'Data Science Foundations' },
      'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': { lineitems: `${simBase}/lineitems` },
      'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice': { context_memberships_url: `${simBase}/memberships` },
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'sim-1' })
      .setIssuer(simBase)
      .setAudience('emblem-tool')
      .setSubject('teacher-1')
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(privateKey)
    const launch = await p.t.app.request('/lti/launch', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `emblem_lti_state=${stateCookie}` },
      body: new URLSearchParams({ id_token: idToken, state: to.searchParams.get('state')! }).toString(),
    })
    expect(launch.status).toBe(303)
    session = /emblem_lti=([^;]+)/.exec(launch.headers.getSetCookie().join('\n'))![1]!
    const lti = p.t.platform.lti
    const view = await lti.session(session)
    await lti.addMapping(view!, { achievementId: p.achievementId, rule: 'grade', threshold: '60' })
    expect((await lti.sync(view!.contextId)).issued).toBe(2)
    browser = await launchBrowser()
    await mkdir(SHOTS, { recursive: true })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await p?.close()
    await new Promise<void>((resolve) => sim?.close(() => resolve()))
  })

  const open = async (width: number, cookie: { name: string; value: string }, path: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en' })
    await context.addCookies([{ ...cookie, url: base }])
    const page = await context.newPage()
    const errors: string[] = []
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())))
    const res = await page.goto(`${base}${path}`)
    expect(res?.status()).toBe(200)
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')).toBe(true)
    expect(errors).toEqual([])
    return page
  }

  it('shows the course page after a launch (instructor view) at 1280 and 390 px', async () => {
    for (const [width, name] of [[1280, 'desktop'], [390, 'mobile']] as const) {
      const page = await open(width, { name: 'emblem_lti', value: session }, '/lti/course?done=synced&issued=2')
      await expect(page.getByRole('heading', { name: 'Data Science Foundations' }).isVisible()).resolves.toBe(true)
      await expect(page.getByText('Grade ≥ 60 %').isVisible()).resolves.toBe(true)
      await expect(page.getByRole('button', { name: 'Sync grades now' }).isVisible()).resolves.toBe(true)
      expect(await page.getByRole('link', { name: 'Open Science Basics' }).count()).toBe(2)
      await keepScreenshot(page, join(SHOTS, `lti-launch-${name}.jpg`))
      await page.context().close()
    }
  })

  it('shows the organization’s platforms and the tool’s URLs', async () => {
    const [name, value] = p.owner.cookie.split('=') as [string, string]
    const page = await open(1280, { name, value }, `/orgs/${p.org.slug}/lti`)
    await expect(page.getByRole('heading', { name: 'Learning platforms (LTI 1.3)' }).isVisible()).resolves.toBe(true)
    await expect(page.getByText('Campus Moodle', { exact: true }).isVisible()).resolves.toBe(true)
    expect(await page.locator('#lti-login').textContent()).toContain(`${base}/lti/login`)
    await keepScreenshot(page, join(SHOTS, 'lti-platforms-desktop.jpg'))
    await page.context().close()
  })
})
