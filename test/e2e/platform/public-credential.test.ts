import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSigner, didKeyOf, generateKeyPair, signCredential } from '../../../src/core/proof/index.js'
import { extractFromPng, extractFromSvg } from '../../../src/media/index.js'
import { buildIssuerProfile, buildRealisticCredential } from '../../support/builders.js'
import { readJson } from '../../support/platform.js'
import { startCredentialPlatform, type CredentialPlatform, type Issued } from './public-credential-fixture.js'

let p: CredentialPlatform
let fresh: Issued
beforeAll(async () => {
  p = await startCredentialPlatform()
  fresh = await p.issue()
  await p.signCheckpoint()
})
afterAll(() => p.close())

const storedJson = async (id: string): Promise<string> =>
  (await p.t.store.db.selectFrom('credentials').select('json').where('id', '=', id).executeTakeFirstOrThrow()).json
const page = async (uuid: string): Promise<string> => {
  const res = await p.request(`/c/${uuid}`)
  expect(res.status).toBe(200)
  return res.text()
}
const verify = async (body: string, type = 'application/json') => p.request('/api/v1/verify', { method: 'POST', headers: { 'content-type': type }, body })

describe('GET /credentials/:id', () => {
  it.each(['application/vc', 'application/vc+ld+json', 'application/ld+json', 'application/json'])(
    'serves the signed credential as %s when asked, readable from any origin',
    async (type) => {
      const res = await p.request(`/credentials/${fresh.uuid}`, { headers: { accept: type } })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe(type)
      expect(res.headers.get('vary')).toContain('Accept')
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
      expect(await res.text()).toBe(await storedJson(fresh.id))
    },
  )

  it('serves application/vc when the client accepts anything, and takes the full urn:uuid id in any case', async () => {
    const res = await p.request(`/credentials/${encodeURIComponent(fresh.id.toUpperCase().replace('URN:UUID:', 'urn:uuid:'))}`, { headers: { accept: '*/*' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vc')
    expect(JSON.parse(await res.text()).id).toBe(fresh.id)
  })

  it('sends a browser asking for HTML to the credential page with 303', async () => {
    const res = await p.request(`/credentials/${fresh.uuid}`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/c/${fresh.uuid}`)
    expect(res.headers.get('vary')).toContain('Accept')
  })

  it('answers a problem 404 for an unknown or malformed id', async () => {
    for (const id of ['0b8f7c1e-1111-4222-8333-444455556666', 'not-a-uuid', 'urn:uuid:']) {
      const res = await p.request(`/credentials/${id}`, { headers: { accept: 'application/vc' } })
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      expect((await readJson(res)).code).toBe('ERR_NOT_FOUND')
    }
  })

  it('serves a VC-JWT credential in compact form for application/vc+jwt and application/jwt, and by default', async () => {
    const { org, achievementId } = await p.seedJwtIssuer()
    const jwt = await p.issue({ email: 'grace@example.org', name: 'Grace Hopper' }, org, achievementId)
    const compact = JSON.parse(await storedJson(jwt.id)) as string
    expect(compact.split('.')).toHaveLength(3)
    for (const type of ['application/vc+jwt', 'application/jwt']) {
      const res = await p.request(`/credentials/${jwt.uuid}`, { headers: { accept: type } })
      expect(res.headers.get('content-type')).toBe(type)
      expect(await res.text()).toBe(compact)
    }
    expect(await (await p.request(`/credentials/${jwt.uuid}`)).text()).toBe(compact)
    const json = await p.request(`/credentials/${jwt.uuid}`, { headers: { accept: 'application/json' } })
    expect(json.headers.get('content-type')).toBe('application/json')
    expect((await readJson(json)).id).toBe(jwt.id)
  })

  it('still serves a revoked credential, so verifiers see its status', async () => {
    const revoked = await p.issue({ email: 'revoked-doc@example.org' })
    await p.changeStatus(revoked.id, 'revoke', 'Issued by mistake')
    const res = await p.request(`/credentials/${revoked.uuid}`)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(await storedJson(revoked.id))
  })
})

describe('the credential page /c/:id', () => {
  it('shows a fresh credential as verified, every check passed, log inclusion included', async () => {
    const text = await page(fresh.uuid)
    expect(text).toContain('data-verdict="verified"')
    expect(text).not.toContain('data-outcome="failed"')
    for (const label of ['Readable credential', 'Open Badges 3.0 format', 'Signature', "Signed with the issuer&#39;s key", 'Validity period', 'Not revoked or suspended', 'Recorded in the transparency log', 'Issuer in a trusted list'])
      expect(text).toContain(label)
    expect(text.match(/data-outcome="passed"/g)).toHaveLength(8)
    expect(text).toMatch(/Entry \d+ of localhost:3000\/log, proved against its signed checkpoint/)
    expect(text).toContain(`href="/log?credential=${encodeURIComponent(fresh.id)}"`)
  })

  it('says log inclusion is pending, not failed, until a checkpoint covers the credential', async () => {
    const waiting = await p.issue({ email: 'pending@example.org' })
    const text = await page(waiting.uuid)
    expect(text).toContain('data-verdict="verified"')
    expect(text).toContain('data-check="log-inclusion" data-outcome="pending"')
    expect(text).toContain('no signed checkpoint covers it yet')
    await p.signCheckpoint()
    expect(await page(waiting.uuid)).toContain('data-check="log-inclusion" data-outcome="passed"')
  })

  it('shows the achievement with its EU elements, skills, issuer, learner and dates', async () => {
    const text = await page(fresh.uuid)
    expect(text).toContain('<h1 id="credential-title">FAIR Data Stewardship</h1>')
    expect(text).toContain('<span class="eyebrow">Micro-credential</span>')
    expect(text).toContain('<small>Issued by</small><strong>Example University</strong>')
    expect(text).toContain('Ada Lovelace')
    expect(text).toContain('Write a data management plan')
    expect(text).toContain('<dt>Workload</dt><dd>75 hours, 3 ECTS credits</dd>')
    expect(text).toContain('<dt>Level</dt><dd>EQF 6</dd>')
    expect(text).toContain('<dt>Type of assessment</dt><dd>Supervised final project; supervised, with identity verification</dd>')
    expect(text).toContain('<dt>Form of participation</dt><dd>Online</dd>')
    expect(text).toContain('A bachelor degree in any field')
    expect(text).toContain('Accredited by the national accreditation body')
    expect(text).toContain('<dt>Validity</dt><dd>36 months from the date of issuing</dd>')
    expect(text).toContain('href="http://data.europa.eu/esco/skill/4f5c1208-62fd-4e5a-a51e-306c06947e11">manage findable accessible interoperable and reusable data</a>')
    expect(text).toContain(`href="/orgs/${p.org.slug}"`)
    expect(text).toContain(`<code>${p.org.did}</code>`)
    expect(text).toContain('<dt>Issued on</dt><dd>1 March 2026</dd>')
    expect(text).toContain('<dt>Expires</dt><dd>1 March 2029</dd>')
  })

  it('shows "Revoked — <reason>" prominently after revocation, and the failed status check', async () => {
    const revoked = await p.issue({ email: 'revoked@example.org' })
    await p.changeStatus(revoked.id, 'revoke', 'Academic misconduct')
    const text = await page(revoked.uuid)
    expect(text).toContain('data-verdict="revoked"')
    expect(text).toContain('Reason: Academic misconduct.')
    expect(text).toContain('CREDENTIAL_REVOKED')
    expect(text).not.toContain('data-verdict="verified"')
  })

  it('shows "Suspended — <reason>" while suspended, and verified again after unsuspension', async () => {
    const suspended = await p.issue({ email: 'suspended@example.org' })
    await p.signCheckpoint()
    await p.changeStatus(suspended.id, 'suspend', 'Under review')
    const text = await page(suspended.uuid)
    expect(text).toContain('data-verdict="suspended"')
    expect(text).toContain('Reason: Under review.')
    expect(text).toContain('CREDENTIAL_SUSPENDED')
    await p.changeStatus(suspended.id, 'unsuspend')
    expect(await page(suspended.uuid)).toContain('data-verdict="verified"')
  })

  it('hides the learner’s name when they chose not to show it', async () => {
    const hidden = await p.issue({ email: 'private@example.org', name: 'Private Person' })
    await p.t.store.db.updateTable('issued_credentials').set({ show_name: 0 }).where('credential_id', '=', hidden.id).execute()
    const text = await page(hidden.uuid)
    expect(text).not.toContain('Private Person')
    expect(text).toContain('The learner keeps their name private')
  })

  it('escapes everything it shows, a hostile learner name included', async () => {
    const hostile = await p.issue({ email: 'xss@example.org', name: '<img src=x onerror=alert(1)>' })
    const text = await page(hostile.uuid)
    expect(text).not.toContain('<img src=x')
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  it('has OpenGraph and Twitter card tags with absolute URLs for link previews', async () => {
    const text = await page(fresh.uuid)
    expect(text).toContain('<meta property="og:title" content="FAIR Data Stewardship — Example University"/>')
    expect(text).toContain('<meta property="og:description" content="Making research data findable, accessible, interoperable and reusable."/>')
    expect(text).toContain(`<meta property="og:url" content="http://localhost:3000/c/${fresh.uuid}"/>`)
    expect(text).toMatch(/<meta property="og:image" content="http:\/\/localhost:3000\/images\/[0-9a-f]{64}"\/>/)
    expect(text).toContain('<meta name="twitter:card" content="summary_large_image"/>')
  })

  it('links to LinkedIn’s add-certification form with every field filled and URL-encoded', async () => {
    const text = await page(fresh.uuid)
    const href = /href="(https:\/\/www\.linkedin\.com\/profile\/add\?[^"]+)"/.exec(text)?.[1]
    expect(href).toBeDefined()
    const url = new URL(href!.replaceAll('&amp;', '&'))
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'FAIR Data Stewardship',
      organizationName: 'Example University',
      issueYear: '2026',
      issueMonth: '3',
      expirationYear: '2029',
      expirationMonth: '3',
      certUrl: `http://localhost:3000/c/${fresh.uuid}`,
      certId: fresh.id,
    })
    expect(href).toContain('name=FAIR%20Data%20Stewardship')
  })

  it('shows a QR code of the page', async () => {
    expect(await page(fresh.uuid)).toContain(`<title>QR code: http://localhost:3000/c/${fresh.uuid}</title>`)
  })

  it('records a page view (not a verification) for the issuer with every anonymous page view', async () => {
    const count = async () => Number((await p.t.platform.flush(), await p.t.store.db.selectFrom('verification_events').select((eb) => eb.fn.countAll().as('n')).where('credential_id', '=', fresh.id).executeTakeFirstOrThrow()).n)
    const before = await count()
    await page(fresh.uuid)
    expect(await count()).toBe(before + 1)
    const last = await p.t.store.db.selectFrom('verification_events').selectAll().where('credential_id', '=', fresh.id).orderBy('at', 'desc').executeTakeFirstOrThrow()
    expect(last).toMatchObject({ org_id: p.org.id, verified: 1, kind: 'view' })
  })

  it('answers an HTML 404 page for an unknown credential', async () => {
    const res = await p.request('/c/0b8f7c1e-1111-4222-8333-444455556666', { headers: { accept: 'text/html' } })
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('<h1>Not found</h1>')
  })
})

describe('downloads', () => {
  it('offers the credential JSON as an attachment', async () => {
    const res = await p.request(`/c/${fresh.uuid}/credential.json`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="fair-data-stewardship.json"')
    expect(await res.text()).toBe(await storedJson(fresh.id))
  })

  it('bakes the credential into the PNG badge, and the extracted credential verifies', async () => {
    const res = await p.request(`/c/${fresh.uuid}/badge.png`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    const extracted = extractFromPng(new Uint8Array(await res.arrayBuffer()))
    expect(extracted).toBe(await storedJson(fresh.id))
    expect((await readJson(await verify(extracted!))).verified).toBe(true)
  })

  it('bakes both a PNG (drawn from the SVG) and the SVG for an SVG badge; both credentials verify', async () => {
    const svgIssued = await p.issue({ email: 'svg@example.org' }, p.org, await p.seedAchievement('svg'))
    const text = await page(svgIssued.uuid)
    expect(text).toContain(`/c/${svgIssued.uuid}/badge.png`)
    expect(text).toContain(`/c/${svgIssued.uuid}/badge.svg`)
    const png = await p.request(`/c/${svgIssued.uuid}/badge.png`)
    expect(png.status).toBe(200)
    expect(png.headers.get('content-type')).toBe('image/png')
    const pngBytes = new Uint8Array(await png.arrayBuffer())
    expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(extractFromPng(pngBytes)).toBe(await storedJson(svgIssued.id))
    const res = await p.request(`/c/${svgIssued.uuid}/badge.svg`)
    expect(res.headers.get('content-type')).toBe('image/svg+xml')
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
    const extracted = extractFromSvg(await res.text())
    expect(extracted).toBe(await storedJson(svgIssued.id))
    expect((await readJson(await verify(extracted!))).verified).toBe(true)
  })

  it('sends badge.svg of a PNG badge to the baked PNG', async () => {
    const res = await p.request(`/c/${fresh.uuid}/badge.svg`)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/c/${fresh.uuid}/badge.png`)
  })

  it('bakes a designed SVG badge when the achievement has no image', async () => {
    const plain = await p.issue({ email: 'plain@example.org' }, p.org, await p.seedAchievement('none'))
    const res = await p.request(`/c/${plain.uuid}/badge.svg`)
    expect(res.status).toBe(200)
    const svg = await res.text()
    expect(svg).toContain('FAIR Data Stewardship')
    expect(extractFromSvg(svg)).toBe(await storedJson(plain.id))
    const png = await p.request(`/c/${plain.uuid}/badge.png`)
    expect(png.status).toBe(200)
    expect(extractFromPng(new Uint8Array(await png.arrayBuffer()))).toBe(await storedJson(plain.id))
  })

  it('renders a one-page PDF certificate that pdf-lib opens', async () => {
    const res = await p.request(`/c/${fresh.uuid}/certificate.pdf`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    const pdf = await PDFDocument.load(new Uint8Array(await res.arrayBuffer()))
    expect(pdf.getPageCount()).toBe(1)
    expect(pdf.getTitle()).toBe('Micro-credential certificate')
  })
})

describe('verification API', () => {
  it('GET /api/v1/credentials/:id/verification answers the live report, public and cross-origin', async () => {
    const res = await p.request(`/api/v1/credentials/${fresh.uuid}/verification`)
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    const report = await readJson(res)
    expect(report.verified).toBe(true)
    expect(report.checks.map((c: { id: string; outcome: string }) => `${c.id}:${c.outcome}`)).toEqual([
      'parse:passed',
      'schema:passed',
      'proof:passed',
      'issuer-binding:passed',
      'validity-period:passed',
      'status:passed',
      'log-inclusion:passed',
      'trust:passed',
    ])
    expect(report.trust).toEqual({ trusted: true, list: 'This instance (localhost:3000)' })
  })

  it('skips log inclusion, saying why, on an instance that publishes no log', async () => {
    const report = await readJson(await p.t.request(`/api/v1/credentials/${fresh.uuid}/verification`))
    expect(report.verified).toBe(true)
    expect(report.checks.find((c: { id: string }) => c.id === 'log-inclusion')).toEqual({ id: 'log-inclusion', outcome: 'skipped', message: 'This instance publishes no transparency log' })
  })

  it('GET /api/v1/credentials/:id/verification answers 404 for an unknown credential', async () => {
    const res = await p.request('/api/v1/credentials/0b8f7c1e-1111-4222-8333-444455556666/verification')
    expect(res.status).toBe(404)
    expect((await readJson(res)).code).toBe('ERR_NOT_FOUND')
  })

  it('POST /api/v1/verify verifies a submitted credential without a session or CSRF token', async () => {
    const res = await verify(await storedJson(fresh.id))
    expect(res.status).toBe(200)
    expect((await readJson(res)).verified).toBe(true)
  })

  it('POST /api/v1/verify verifies a VC-JWT sent as text', async () => {
    const { org, achievementId } = await p.seedJwtIssuer()
    const jwt = await p.issue({ email: 'jwt-verify@example.org' }, org, achievementId)
    await p.signCheckpoint()
    const compact = JSON.parse(await storedJson(jwt.id)) as string
    const report = await readJson(await verify(compact, 'text/plain'))
    expect(report.checks.find((c: { id: string }) => c.id === 'parse').message).toBe('Compact VC-JWT (OB 3.0)')
    expect(report.verified).toBe(true)
  })

  it('POST /api/v1/verify verifies another issuer’s did:key credential, with no log known for it', async () => {
    const keyPair = generateKeyPair()
    const { credentialStatus: _none, ...unsigned } = buildRealisticCredential({ issuer: buildIssuerProfile({ id: didKeyOf(keyPair.publicKeyMultibase) }) })
    const signed = await signCredential(unsigned, createSigner(keyPair), { suite: 'eddsa-rdfc-2022', created: '2025-03-01T09:00:00Z' })
    const report = await readJson(await verify(JSON.stringify(signed)))
    expect(report.verified).toBe(true)
    expect(report.checks.find((c: { id: string }) => c.id === 'log-inclusion')).toMatchObject({ outcome: 'skipped', message: expect.stringContaining('No transparency log known') })
    await p.t.platform.flush()
    const event = await p.t.store.db.selectFrom('verification_events').selectAll().where('credential_id', '=', String(signed.id)).executeTakeFirstOrThrow()
    expect(event).toMatchObject({ org_id: null, verified: 1 })
  })

  it('POST /api/v1/verify reports a tampered credential as not verified', async () => {
    const tampered = { ...JSON.parse(await storedJson(fresh.id)), name: 'A better credential' }
    const report = await readJson(await verify(JSON.stringify(tampered)))
    expect(report.verified).toBe(false)
    expect(report.checks.find((c: { id: string }) => c.id === 'proof')).toMatchObject({ outcome: 'failed', code: 'PROOF_SIGNATURE_INVALID' })
  })

  it('POST /api/v1/verify answers 400 ERR_JSON_PARSE for malformed JSON and ERR_INPUT_INVALID for an empty body', async () => {
    const bad = await verify('{"id": ')
    expect(bad.status).toBe(400)
    expect((await readJson(bad)).code).toBe('ERR_JSON_PARSE')
    const empty = await verify('')
    expect(empty.status).toBe(400)
    expect((await readJson(empty)).code).toBe('ERR_INPUT_INVALID')
  })

  it('POST /api/v1/verify reports JSON that is not a credential as a failed check, not an error', async () => {
    const res = await verify('{"hello": "world"}')
    expect(res.status).toBe(200)
    const report = await readJson(res)
    expect(report.verified).toBe(false)
    expect(report.checks.find((c: { id: string }) => c.id === 'schema').outcome).toBe('failed')
  })
})
