// The SSRF canary (issue #14): a local HTTP server on loopback that must never hear from Emblem.
// Every URL a user controls — POST /api/v1/verify {"url"}, /verify?url=, the wallet's import URL,
// did:web issuers and https verification methods, credentialStatus lists, Open Badges 2.0 hosted
// assertions, BadgeClasses and signing keys, badge images of imported credentials, holders of
// presentations, trust registry URLs (by a non-administrator and by an administrator) — is pointed
// at the canary in every spelling of a loopback address (127.0.0.1, localhost, localhost., [::1],
// [::ffff:127.0.0.1], 2130706433, 127.1, 0.0.0.0). The instance runs with the default configuration
// (and again with EMBLEM_FETCH_ALLOW_HTTP, so http URLs pass the scheme check and meet the address
// check). Each answer is a 4xx problem or a report whose check names the outcome; the canary counts
// TCP connections, not only requests, and must count zero. A last part sends the guarded fetcher
// through a "public" server (127.0.0.2, declared public for the test) that redirects to the canary,
// and host names whose DNS answers include 127.0.0.1, including one that rebinds between hops.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { PDFDocument, PDFName, PDFString } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig, type Config } from '../../../src/config.js'
import { CONTEXT } from '../../../src/core/canonical/index.js'
import { createSigner, didKeyOf, generateKeyPair, signCredential } from '../../../src/core/proof/index.js'
import { createGuardedFetcher } from '../../../src/fetch/index.js'
import { addressRisk } from '../../../src/fetch/ip-address.js'
import { buildPng } from '../../../src/media/fixtures/build-png.js'
import { buildIssuerProfile, buildRealisticCredential } from '../../support/builders.js'
import { readJson, startTestPlatform, type TestPlatform, type TestSession } from '../../support/platform.js'

type Json = Record<string, any>
const ADMIN = 'canary-admin@example.edu'

interface Listener {
  server: Server
  port: number
  connections: number
  requests: string[]
}

/** An HTTP server that counts every TCP connection and request it gets. */
async function listen(host: string, handler?: (path: string) => { status: number; location?: string }): Promise<Listener> {
  const l: Listener = { server: createServer(), port: 0, connections: 0, requests: [] }
  l.server.on('connection', () => void l.connections++)
  l.server.on('request', (req, res) => {
    l.requests.push(req.url ?? '')
    const answer = handler?.(req.url ?? '') ?? { status: 200 }
    res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.location ? { location: answer.location } : {}) })
    res.end('{"@context":"https://www.w3.org/ns/credentials/v2","id":"canary"}')
  })
  await new Promise<void>((resolve, reject) => {
    l.server.once('error', reject)
    l.server.listen(0, host, () => resolve())
  })
  l.port = (l.server.address() as AddressInfo).port
  return l
}
const close = (l: Listener | undefined) => new Promise<void>((resolve) => (l ? l.server.close(() => resolve()) : resolve()))

/** Every spelling of a loopback (or this-host) address that reaches the canary on 127.0.0.1 (or ::1). */
const HOSTS = ['127.0.0.1', 'localhost', 'localhost.', '[::1]', '[::ffff:127.0.0.1]', '2130706433', '127.1', '0.0.0.0']

const keyPair = generateKeyPair()
const DID_KEY = didKeyOf(keyPair.publicKeyMultibase)

/** A correctly signed credential of a did:key issuer, changed first by `shape`. */
async function signedByDidKey(shape: (c: Json) => void, contexts: string[] = []): Promise<Json> {
  const credential = buildRealisticCredential({ issuer: buildIssuerProfile({ id: DID_KEY }) }) as unknown as Json
  delete credential.credentialStatus
  credential['@context'] = [...credential['@context'], ...contexts]
  shape(credential)
  return signCredential(credential, createSigner(keyPair), { suite: 'eddsa-rdfc-2022', created: '2026-03-01T09:00:00Z' }) as Promise<Json>
}

/** A credential whose issuer and key are `did` (its proof names `method`). */
async function signedAs(did: string, method: string): Promise<Json> {
  const credential = buildRealisticCredential({ issuer: buildIssuerProfile({ id: did }) }) as unknown as Json
  delete credential.credentialStatus
  return signCredential(credential, createSigner(keyPair, method), { suite: 'eddsa-rdfc-2022', created: '2026-03-01T09:00:00Z' }) as Promise<Json>
}

/** An Open Badges 2.0 hosted assertion whose id, badge and issuer live at `base`. */
const ob2Hosted = (base: string) => ({
  '@context': 'https://w3id.org/openbadges/v2',
  type: 'Assertion',
  id: `${base}/assertions/1`,
  recipient: { type: 'email', hashed: false, identity: 'ada@example.org' },
  badge: `${base}/badges/1`,
  verification: { type: 'HostedBadge' },
  issuedOn: '2026-01-15T10:00:00Z',
})
/** A signed OB 2.0 assertion (compact JWS) whose key (verification.creator) lives at `base`. */
const ob2Signed = (base: string) => {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
  const assertion = { ...ob2Hosted(base), id: 'urn:uuid:0b2e7c1a-1111-4222-8333-944455556666', verification: { type: 'SignedBadge', creator: `${base}/keys/1` } }
  return `${enc({ alg: 'RS256' })}.${enc(assertion)}.${Buffer.alloc(256, 1).toString('base64url')}`
}

/** Files that only point at `url`: an OB 2.0 baked PNG and SVG (the assertion's URL), a PDF certificate's link. */
async function filesPointingAt(url: string): Promise<[string, string, Uint8Array][]> {
  const png = buildPng(8, 8, [{ type: 'tEXt', data: new TextEncoder().encode(`openbadges\0${url}`) }])
  const svg = new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="${url}"/></svg>`)
  const doc = await PDFDocument.create()
  const page = doc.addPage([200, 200])
  const link = doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 100, 100], Border: [0, 0, 0], A: { Type: 'Action', S: 'URI', URI: PDFString.of(url) } })
  page.node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(link)]))
  return [
    ['badge.png', 'image/png', png],
    ['badge.svg', 'image/svg+xml', svg],
    ['certificate.pdf', 'application/pdf', await doc.save()],
  ]
}

interface Outcome {
  input: string
  status: number
  /** For a report: the failed or skipped checks' codes. */
  codes?: (string | undefined)[]
}

describe.each([
  ['the default configuration', {}],
  ['EMBLEM_FETCH_ALLOW_HTTP=true', { EMBLEM_FETCH_ALLOW_HTTP: 'true' }],
] as const)('the SSRF canary stays silent with %s', (_name, env) => {
  let canary: Listener
  let canary6: Listener | undefined
  let t: TestPlatform
  let learner: TestSession
  let admin: TestSession
  const outcomes: Outcome[] = []

  beforeAll(async () => {
    canary = await listen('127.0.0.1')
    try {
      canary6 = await listen('::1')
    } catch {
      canary6 = undefined // no IPv6 loopback here: [::1] then reaches nothing, which is no less silent
    }
    const config = loadConfig(env, {})
    t = await startTestPlatform({ config: { adminEmails: [ADMIN], fetch: config.fetch } })
    learner = await t.seedUser()
    admin = await t.seedUser({ email: ADMIN })
  }, 60_000)
  afterAll(async () => {
    await t?.close()
    await close(canary)
    await close(canary6)
  })

  /** The canary's base URLs: every host spelling, https and http, on the canary's port (and the IPv6 canary's for [::1]). */
  const bases = () =>
    HOSTS.flatMap((host) => {
      const port = host === '[::1]' && canary6 ? canary6.port : canary.port
      return ['https', 'http'].map((scheme) => `${scheme}://${host}:${port}`)
    })
  /** did:web DIDs of the canary: host and port (%3A-encoded), with and without a path. */
  const didWebs = () => HOSTS.filter((h) => !h.startsWith('[')).flatMap((host) => [`did:web:${host}%3A${canary.port}`, `did:web:${host}%3A${canary.port}:orgs:x`])

  // A second passes between requests: the public verifier's per-client rate limit is not what this is about.
  const api = (path: string, json: unknown, as?: TestSession) => {
    t.clock.advance(1_000)
    return t.request(path, { method: 'POST', json, ...(as ? { as } : {}) })
  }
  async function record(input: string, res: Response): Promise<Json> {
    const text = await res.text()
    let body: Json = {}
    try {
      body = JSON.parse(text) as Json
    } catch {
      // an HTML page
    }
    const codes = Array.isArray(body.checks) ? (body.checks as Json[]).filter((c) => c.outcome !== 'passed').map((c) => c.code as string | undefined) : undefined
    outcomes.push({ input, status: res.status, ...(codes ? { codes } : {}) })
    return body
  }
  const checkOf = (report: Json, id: string) => (report.checks as Json[] | undefined)?.find((c) => c.id === id)

  it('refuses {"url"} of POST /api/v1/verify and /verify?url= with a 4xx naming the URL, for every spelling, and other schemes', async () => {
    for (const base of bases()) {
      const url = `${base}/credential.json`
      const api4xx = await api('/api/v1/verify', { url })
      const body = await record(`verify ${url}`, api4xx)
      expect(api4xx.status, url).toBeGreaterThanOrEqual(400)
      expect(api4xx.status, url).toBeLessThan(500)
      expect(JSON.stringify(body), url).toContain('url')
      t.clock.advance(1_000)
      const page = await t.request(`/verify?url=${encodeURIComponent(url)}`, { headers: { accept: 'text/html' } })
      await record(`/verify?url=${url}`, page)
      expect(page.status, url).toBe(422)
    }
    for (const url of [`file:///etc/passwd`, `ftp://127.0.0.1:${canary.port}/x`, `gopher://127.0.0.1:${canary.port}/x`, `https://user:secret@127.0.0.1:${canary.port}/x`, `//127.0.0.1:${canary.port}/x`]) {
      const res = await api('/api/v1/verify', { url })
      await record(`verify ${url}`, res)
      expect(res.status, url).toBeGreaterThanOrEqual(400)
      expect(res.status, url).toBeLessThan(500)
    }
    expect(canary.connections).toBe(0)
  })

  it('refuses what an uploaded baked PNG, baked SVG or PDF certificate links to (verify and wallet import)', async () => {
    for (const base of bases()) {
      for (const [name, type, bytes] of await filesPointingAt(`${base}/assertion.json`)) {
        for (const [path, as] of [['/api/v1/verify', undefined], ['/api/v1/wallet/credentials', learner]] as const) {
          const form = new FormData()
          form.set('file', new Blob([bytes], { type }), name)
          t.clock.advance(1_000)
          const res = await t.request(path, { method: 'POST', body: form, ...(as ? { as } : {}) })
          const body = await record(`${path} ${name} → ${base}`, res)
          expect(JSON.stringify(body), `${path} ${name} ${base}`).toContain('"path":"file"')
          expect(res.status, `${path} ${name} ${base}`).toBeGreaterThanOrEqual(400)
          expect(res.status, `${path} ${name} ${base}`).toBeLessThan(500)
        }
      }
    }
    expect(canary.connections).toBe(0)
  })

  it('refuses the wallet import URL (4xx), and keeps an imported credential without fetching its badge image', async () => {
    for (const base of bases()) {
      const res = await api('/api/v1/wallet/credentials', { url: `${base}/badge.json` }, learner)
      await record(`wallet import ${base}`, res)
      expect(res.status, base).toBeGreaterThanOrEqual(400)
      expect(res.status, base).toBeLessThan(500)
    }
    const withImage = await signedByDidKey((c) => {
      c.credentialSubject.achievement.image = { id: `https://127.0.0.1:${canary.port}/image.png`, type: 'Image' }
    })
    const res = await api('/api/v1/wallet/credentials', { credential: withImage }, learner)
    const body = await record('wallet import with a canary image', res)
    expect(res.status).toBe(201)
    expect(body.imageUrl ?? null).toBeNull()
    expect(canary.connections).toBe(0)
  })

  it('reports did:web issuers and https verification methods at the canary as PROOF_KEY_UNRESOLVED', async () => {
    const methods = [...didWebs().map((did) => [did, `${did}#key-1`]), ...bases().map((base) => [`${base}/issuer`, `${base}/issuer#key-1`])]
    for (const [issuer, method] of methods) {
      const res = await api('/api/v1/verify', { credential: await signedAs(issuer!, method!) })
      const report = await record(`issuer ${issuer}`, res)
      expect(res.status, issuer).toBe(200)
      expect(checkOf(report, 'proof'), issuer).toMatchObject({ outcome: 'failed', code: 'PROOF_KEY_UNRESOLVED' })
    }
    expect(canary.connections).toBe(0)
  })

  it('reports a credentialStatus list at the canary as STATUS_RETRIEVAL_ERROR (Bitstring and StatusList2021)', async () => {
    for (const base of bases()) {
      const bitstring = await signedByDidKey((c) => {
        c.credentialStatus = { id: `${base}/status/1#5`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '5', statusListCredential: `${base}/status/1` }
      })
      const old = await signedByDidKey(
        (c) => {
          c.credentialStatus = { id: `${base}/status/2#5`, type: 'StatusList2021Entry', statusPurpose: 'revocation', statusListIndex: '5', statusListCredential: `${base}/status/2` }
        },
        [CONTEXT.STATUS_LIST_2021_V1],
      )
      for (const credential of [bitstring, old]) {
        const res = await api('/api/v1/verify', { credential })
        const report = await record(`status ${base}`, res)
        expect(res.status, base).toBe(200)
        expect(checkOf(report, 'proof'), base).toMatchObject({ outcome: 'passed' })
        expect(checkOf(report, 'status'), base).toMatchObject({ outcome: 'failed', code: 'STATUS_RETRIEVAL_ERROR' })
      }
    }
    expect(canary.connections).toBe(0)
  })

  it('reports Open Badges 2.0 hosted assertions, BadgeClasses and signing keys at the canary by name', async () => {
    for (const base of bases()) {
      const hosted = await api('/api/v1/verify', { credential: ob2Hosted(base) })
      const report = await record(`OB 2.0 hosted ${base}`, hosted)
      expect(hosted.status, base).toBe(200)
      expect(checkOf(report, 'proof'), base).toMatchObject({ outcome: 'failed', code: 'OB2_ASSERTION_UNREACHABLE' })
      t.clock.advance(1_000)
      const signed = await t.request('/api/v1/verify', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: ob2Signed(base) })
      const signedReport = await record(`OB 2.0 signed ${base}`, signed)
      expect(signed.status, base).toBe(200)
      expect(checkOf(signedReport, 'proof'), base).toMatchObject({ outcome: 'failed', code: 'OB2_KEY_UNRESOLVED' })
    }
    expect(canary.connections).toBe(0)
  })

  it('verifies no presentation whose holder key is at the canary', async () => {
    for (const did of didWebs()) {
      const presentation = {
        '@context': [CONTEXT.VC_V2],
        type: ['VerifiablePresentation'],
        holder: did,
        proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'authentication', verificationMethod: `${did}#key-1`, challenge: 'c-1', created: '2026-03-01T09:00:00Z', proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKgWpYCKqfcJgbvjRn' },
      }
      const res = await api('/api/v1/presentations/verify', { presentation, challenge: 'c-1' })
      const body = await record(`presentation ${did}`, res)
      expect(res.status, did).toBeLessThan(500)
      expect(body.verified ?? false, did).toBe(false)
    }
    expect(canary.connections).toBe(0)
  })

  it('refuses a trust registry URL to a non-administrator (403); an administrator’s is kept with the refusal as its error', async () => {
    for (const base of bases()) {
      const json = { name: 'Canary registry', url: `${base}/registry.json`, format: 'dcc' }
      const byLearner = await api('/api/v1/admin/trust/registries', json, learner)
      await record(`registry by a learner ${base}`, byLearner)
      expect(byLearner.status, base).toBe(403)
      const byAdmin = await api('/api/v1/admin/trust/registries', json, admin)
      await record(`registry by an admin ${base}`, byAdmin.clone())
      // An administrator's subscription is kept, with the refusal as its last error (shown on /admin/trust), and no issuers.
      expect(byAdmin.status, base).toBe(201)
      expect(await byAdmin.json(), base).toMatchObject({ issuerCount: 0, refreshedAt: null, lastError: expect.stringMatching(/^(Refusing|Cannot resolve|Fetch timed out)/) })
    }
    expect(canary.connections).toBe(0)
  })

  it('heard nothing at all, and no answer was a 5xx', () => {
    expect(outcomes.length).toBeGreaterThan(150)
    expect(outcomes.filter((o) => o.status >= 500)).toEqual([])
    expect({ connections: canary.connections + (canary6?.connections ?? 0), requests: [...canary.requests, ...(canary6?.requests ?? [])] }).toEqual({ connections: 0, requests: [] })
  })
})

describe('redirects and DNS answers that lead to the canary', () => {
  const PUBLIC = '127.0.0.2' // declared public for this test: the "public-looking" server
  let canary: Listener
  let redirector: Listener
  let t: TestPlatform
  let lookups = 0

  beforeAll(async () => {
    canary = await listen('127.0.0.1')
    redirector = await listen(PUBLIC, (path) => {
      if (path.startsWith('/to-ip')) return { status: 302, location: `http://127.0.0.1:${canary.port}/x` }
      if (path.startsWith('/to-name')) return { status: 302, location: `http://localhost:${canary.port}/x` }
      if (path.startsWith('/to-same-host')) return { status: 302, location: `http://rebind.example:${canary.port}/x` }
      return { status: 404 }
    })
    const resolveHost = async (host: string): Promise<string[]> => {
      if (host === 'public.example') return [PUBLIC]
      if (host === 'mixed.example') return ['93.184.215.14', '127.0.0.1'] // one public answer, one loopback
      if (host === 'loopback.example') return ['127.0.0.1']
      if (host === 'rebind.example') return ++lookups === 1 ? [PUBLIC] : ['127.0.0.1'] // public first, loopback on the next hop
      if (host === 'localhost') return ['127.0.0.1']
      throw new Error(`no such host ${host}`)
    }
    const classifyAddress = (address: string) => (address === PUBLIC ? undefined : addressRisk(address))
    const fetch = { ...loadConfig({ EMBLEM_FETCH_ALLOW_HTTP: 'true' }, {}).fetch, resolveHost, classifyAddress } as Config['fetch']
    t = await startTestPlatform({ config: { fetch } })
  }, 60_000)
  afterAll(async () => {
    await t?.close()
    await close(canary)
    await close(redirector)
  })

  const verifyUrl = async (url: string) => {
    const res = await t.request('/api/v1/verify', { method: 'POST', json: { url } })
    return { status: res.status, body: (await readJson(res)) as Json }
  }

  it('refuses a redirect from the public server to the canary, by address, by name and by the same name rebound', async () => {
    for (const path of ['/to-ip', '/to-name', '/to-same-host']) {
      lookups = 0
      const { status, body } = await verifyUrl(`http://public.example:${redirector.port}${path}`)
      expect(status, path).toBeGreaterThanOrEqual(400)
      expect(status, path).toBeLessThan(500)
      expect(JSON.stringify(body), path).toMatch(/Refusing/)
    }
    expect(redirector.requests).toEqual(['/to-ip', '/to-name', '/to-same-host'])
    expect(canary.connections).toBe(0)
  })

  it('refuses host names whose DNS answers include a loopback address, before connecting', async () => {
    for (const host of ['loopback.example', 'mixed.example']) {
      const { status, body } = await verifyUrl(`http://${host}:${canary.port}/x`)
      expect(status, host).toBeGreaterThanOrEqual(400)
      expect(status, host).toBeLessThan(500)
      expect(JSON.stringify(body), host).toContain('127.0.0.1')
    }
    expect(canary.connections).toBe(0)
  })

  it('is a working canary: a fetcher allowed private addresses (EMBLEM_FETCH_ALLOW_PRIVATE) does reach it', async () => {
    const before = canary.requests.length
    const fetched = await createGuardedFetcher({ allowHttp: true, allowPrivateAddresses: true })(`http://127.0.0.1:${canary.port}/control`)
    expect(fetched.status).toBe(200)
    expect(canary.requests.slice(before)).toEqual(['/control'])
  })
})
