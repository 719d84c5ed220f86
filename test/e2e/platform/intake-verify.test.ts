// POST /api/v1/verify reads a credential out of any container — JSON, a JWT, a baked PNG or SVG (Open
// Badges 3.0 and 2.0), a PDF certificate, a URL — and verifies it; OB 2.0 hosted and signed
// assertions are verified against their issuer's documents on a local server. Bad input is a 4xx.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { didKeyOf } from '../../../src/core/proof/index.js'
import { extractFromPng, bakePng } from '../../../src/media/index.js'
import { buildPng } from '../../../src/media/fixtures/build-png.js'
import { buildIssuerProfile, buildRealisticCredential } from '../../support/builders.js'
import { startOb2Issuer, type Ob2Issuer } from '../../support/ob2-issuer.js'
import { readJson } from '../../support/platform.js'
import { startCredentialPlatform, type CredentialPlatform, type Issued } from './public-credential-fixture.js'

type Body = RequestInit['body']
let p: CredentialPlatform
let ob2: Ob2Issuer
let fresh: Issued
beforeAll(async () => {
  p = await startCredentialPlatform({ config: { fetch: { allowHttp: true, allowPrivateAddresses: true, timeoutMs: 3000, maxBytes: 4 * 1024 * 1024 } } })
  ob2 = await startOb2Issuer()
  fresh = await p.issue({ email: 'intake@example.org', name: 'Ada Intake' })
  await p.signCheckpoint()
})
afterAll(async () => {
  await ob2?.close()
  await p?.close()
})

type Report = { verified: boolean; checks: { id: string; outcome: string; code?: string; message: string }[]; credential?: Record<string, unknown> }
const check = (report: Report, id: string) => report.checks.find((c) => c.id === id)
const post = (body: Body, type?: string) => {
  // A fresh client address per call is not possible in-process; the rate limit's window moves with the clock.
  p.t.clock.advance(1000)
  return p.request('/api/v1/verify', { method: 'POST', ...(type ? { headers: { 'content-type': type } } : {}), body })
}
const upload = (bytes: Uint8Array | string, name: string, type: string) => {
  const form = new FormData()
  form.set('file', new Blob([bytes], { type }), name)
  return post(form)
}
const ok = async (res: Response): Promise<Report> => {
  const body = await readJson(res)
  expect(res.status, JSON.stringify(body)).toBe(200)
  return body as Report
}
const download = async (path: string) => new Uint8Array(await (await p.request(path)).arrayBuffer())

describe('POST /api/v1/verify: Emblem’s own containers', () => {
  it('verifies the baked PNG, the baked SVG and the PDF certificate of a credential issued here, uploaded as files', async () => {
    const png = await download(`/c/${fresh.uuid}/badge.png`)
    expect((await ok(await upload(png, 'badge.png', 'image/png'))).verified).toBe(true)
    const svgId = await p.seedAchievement('svg')
    const svgIssued = await p.issue({ email: 'svg@example.org' }, p.org, svgId)
    await p.signCheckpoint()
    const svg = await (await p.request(`/c/${svgIssued.uuid}/badge.svg`)).text()
    const svgReport = await ok(await upload(svg, 'badge.svg', 'image/svg+xml'))
    expect(svgReport.verified).toBe(true)
    expect(svgReport.credential?.id).toBe(svgIssued.id)
    const pdf = await download(`/c/${fresh.uuid}/certificate.pdf`)
    const pdfReport = await ok(await upload(pdf, 'certificate.pdf', 'application/pdf'))
    expect(pdfReport.verified).toBe(true)
    expect(pdfReport.credential?.id).toBe(fresh.id)
  })

  it('verifies an image or PDF sent as the raw body', async () => {
    expect((await ok(await post(await download(`/c/${fresh.uuid}/badge.png`), 'image/png'))).verified).toBe(true)
    expect((await ok(await post(await download(`/c/${fresh.uuid}/certificate.pdf`), 'application/pdf'))).verified).toBe(true)
  })

  it('verifies {"url"} of the credential page (through its alternate link) and of the document', async () => {
    for (const url of [`${p.t.config.publicUrl}/c/${fresh.uuid}`, `${p.t.config.publicUrl}/credentials/${fresh.uuid}`, `${p.t.config.publicUrl}/c/${fresh.uuid}/badge.png`]) {
      const report = await ok(await post(JSON.stringify({ url }), 'application/json'))
      expect(report.verified, url).toBe(true)
      expect(report.credential?.id).toBe(fresh.id)
    }
  })

  it('verifies {"credential": …} as an object and as text', async () => {
    const json = JSON.parse(extractFromPng(await download(`/c/${fresh.uuid}/badge.png`))!) as Record<string, unknown>
    expect((await ok(await post(JSON.stringify({ credential: json }), 'application/json'))).verified).toBe(true)
    expect((await ok(await post(JSON.stringify({ credential: JSON.stringify(json) }), 'application/json'))).verified).toBe(true)
  })

  it('reports a tampered baked PNG as not verified', async () => {
    const text = extractFromPng(await download(`/c/${fresh.uuid}/badge.png`))!
    const tampered = bakePng(buildPng(16, 16), text.replace('FAIR Data Stewardship', 'FAIR Data Stewardshi'))
    const report = await ok(await upload(tampered, 'badge.png', 'image/png'))
    expect(report.verified).toBe(false)
    expect(check(report, 'proof')).toMatchObject({ outcome: 'failed' })
  })

  it('verifies a credential signed by Digital Bazaar’s vc (eddsa-rdfc-2022) and fails it tampered', async () => {
    // @ts-expect-error untyped dev dependency
    const vc = await import('@digitalbazaar/vc')
    // @ts-expect-error untyped dev dependency
    const { DataIntegrityProof } = await import('@digitalbazaar/data-integrity')
    // @ts-expect-error untyped dev dependency
    const { cryptosuite } = await import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite')
    // @ts-expect-error untyped dev dependency
    const Ed25519Multikey = await import('@digitalbazaar/ed25519-multikey')
    const { createDocumentLoader, CONTEXT } = await import('../../../src/core/canonical/index.js')
    const { didKeyDocument, resolveDidKey } = await import('../../../src/core/proof/index.js')
    const key = await Ed25519Multikey.generate()
    const did = didKeyOf(key.publicKeyMultibase)
    key.controller = did
    key.id = `${did}#${key.publicKeyMultibase}`
    const method = resolveDidKey(did)
    const documentLoader = createDocumentLoader(new Map<string, unknown>([[did, didKeyDocument(did)], [method.id, { '@context': CONTEXT.MULTIKEY_V1, ...method }]]))
    const { credentialStatus: _none, ...credential } = buildRealisticCredential({ issuer: buildIssuerProfile({ id: did }) })
    const suite = new DataIntegrityProof({ signer: key.signer(), date: '2026-02-01T09:00:00Z', cryptosuite })
    const signed = (await vc.issue({ credential, suite, documentLoader })) as Record<string, unknown>
    expect((await ok(await post(JSON.stringify(signed), 'application/json'))).verified).toBe(true)
    const tampered = { ...signed, name: 'Something else' }
    expect((await ok(await post(JSON.stringify(tampered), 'application/json'))).verified).toBe(false)
  })

  const examples = join(process.cwd(), '../shared/interop/examples/ob-v3p0')
  it.skipIf(!existsSync(examples))('reads every OB 3.0 example of ../shared/interop as a credential and reports on it (200)', async () => {
    const files = readdirSync(examples).filter((f) => f.endsWith('.json'))
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const res = await post(readFileSync(join(examples, file), 'utf8'), 'application/json')
      const report = (await readJson(res)) as Report
      expect(res.status, file).toBe(200)
      expect(check(report, 'parse')?.outcome, file).toBe('passed')
    }
  })
})

describe('POST /api/v1/verify: Open Badges 2.0', () => {
  it('verifies a hosted assertion by its URL, as JSON, and baked into a PNG (JSON or URL)', async () => {
    const { url, text } = ob2.hosted()
    const byUrl = await ok(await post(JSON.stringify({ url }), 'application/json'))
    expect(byUrl.verified, JSON.stringify(byUrl.checks)).toBe(true)
    expect(check(byUrl, 'proof')?.message).toContain('Hosted')
    expect(check(byUrl, 'recipient')).toMatchObject({ outcome: 'passed' })
    expect((await ok(await post(text, 'application/json'))).verified).toBe(true)
    expect((await ok(await upload(ob2.bakedPng(text), 'badge.png', 'image/png'))).verified).toBe(true)
    expect((await ok(await upload(ob2.bakedPng(url), 'badge.png', 'image/png'))).verified).toBe(true)
  })

  it('verifies a signed assertion (RS256 JWS), as text and baked into a PNG; a tampered one fails', async () => {
    const { jws } = await ob2.signed()
    const report = await ok(await post(jws, 'text/plain'))
    expect(report.verified, JSON.stringify(report.checks)).toBe(true)
    expect(check(report, 'proof')?.message).toContain('RS256')
    expect((await ok(await upload(ob2.bakedPng(jws), 'badge.png', 'image/png'))).verified).toBe(true)
    const [h, payload, s] = jws.split('.')
    const changed = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), issuedOn: '2026-01-16T10:00:00Z' })).toString('base64url')
    const tampered = await ok(await post(`${h}.${changed}.${s}`, 'text/plain'))
    expect(tampered.verified).toBe(false)
    expect(check(tampered, 'proof')).toMatchObject({ outcome: 'failed', code: 'OB2_SIGNATURE_INVALID' })
  })

  it('fails a hosted assertion whose copy differs from its URL’s, and reports revoked and expired ones', async () => {
    const { assertion } = ob2.hosted()
    const copy = await ok(await post(JSON.stringify({ ...assertion, issuedOn: '2026-01-01T00:00:00Z' }), 'application/json'))
    expect(check(copy, 'proof')).toMatchObject({ outcome: 'failed', code: 'OB2_HOSTED_MISMATCH' })
    const revoked = await ok(await post(JSON.stringify({ url: ob2.hosted({ revoke: 'Issued in error' }).url }), 'application/json'))
    expect(check(revoked, 'status')).toMatchObject({ outcome: 'failed', code: 'CREDENTIAL_REVOKED', message: expect.stringContaining('Issued in error') })
    const signedRevoked = await ok(await post((await ob2.signed({ revoke: 'Withdrawn' })).jws, 'text/plain'))
    expect(check(signedRevoked, 'status')).toMatchObject({ outcome: 'failed', code: 'CREDENTIAL_REVOKED' })
    const expired = await ok(await post(JSON.stringify({ url: ob2.hosted({ expires: '2026-02-01T00:00:00Z' }).url }), 'application/json'))
    expect(check(expired, 'validity-period')).toMatchObject({ outcome: 'failed', code: 'CREDENTIAL_EXPIRED' })
    const anonymous = await ok(await post(JSON.stringify({ url: ob2.hosted({ identity: ' ' }).url }), 'application/json'))
    expect(check(anonymous, 'recipient')).toMatchObject({ outcome: 'failed', code: 'RECIPIENT_MISSING' })
  })
})

describe('POST /api/v1/verify: bad input is a 4xx problem', () => {
  const problem = async (res: Response, status: number, code: string, text?: RegExp) => {
    const body = await readJson(res)
    expect(res.status, JSON.stringify(body)).toBe(status)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(body.code).toBe(code)
    if (text) expect(body.detail).toMatch(text)
  }
  it('names what is wrong: an empty file, a PNG with nothing baked, bytes that are no credential, an unreachable URL, a page without a link', async () => {
    await problem(await upload(new Uint8Array(), 'empty.json', 'application/json'), 400, 'ERR_INPUT_INVALID', /empty/)
    await problem(await upload(buildPng(8, 8), 'plain.png', 'image/png'), 422, 'ERR_IMAGE_INVALID', /No credential is baked/)
    await problem(await upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), 'broken.png', 'image/png'), 422, 'ERR_IMAGE_INVALID', /cannot be read/)
    await problem(await upload(new Uint8Array([0xff, 0xfe, 0x00, 0x81]), 'x.bin', 'application/octet-stream'), 400, 'ERR_INPUT_INVALID', /not a credential/)
    await problem(await upload('%PDF-1.4 nonsense', 'x.pdf', 'application/pdf'), 400, 'ERR_INPUT_INVALID', /PDF/)
    await problem(await post(JSON.stringify({ url: `${ob2.origin}/nothing-here` }), 'application/json'), 400, 'ERR_INPUT_INVALID', /404/)
    await problem(await post(JSON.stringify({ url: 'http://127.0.0.1:1/' }), 'application/json'), 400, 'ERR_INPUT_INVALID', /could not be reached/)
    await problem(await post(JSON.stringify({ url: 'not a url' }), 'application/json'), 400, 'ERR_INPUT_INVALID')
    await problem(await post(JSON.stringify({ url: `${p.t.config.publicUrl}/` }), 'application/json'), 400, 'ERR_INPUT_INVALID', /links to no credential/)
    await problem(await post('hello', 'text/plain'), 400, 'ERR_INPUT_INVALID', /not a credential/)
    await problem(await post('{"id": ', 'application/json'), 400, 'ERR_JSON_PARSE')
  })

  it('answers 429 with Retry-After past the per-client limit', async () => {
    let last: Response | undefined
    for (let i = 0; i < 130; i++) {
      last = await p.request('/api/v1/verify', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' })
      if (last.status === 429) break
    }
    expect(last!.status).toBe(429)
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0)
    p.t.clock.advance(120_000)
  })

  it('never answers 5xx for 10,000 arbitrary bytes, texts or JSON bodies per run (fast-check; FUZZ_RUNS=N for more)', async () => {
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 512 }).map((b) => ({ body: b as Body, type: 'application/octet-stream' })),
      fc.uint8Array({ maxLength: 256 }).map((b) => ({ body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...b]) as Body, type: 'image/png' })),
      fc.string({ maxLength: 300 }).map((s) => ({ body: s as Body, type: 'text/plain' })),
      fc.json({ maxDepth: 4 }).map((s) => ({ body: s as Body, type: 'application/json' })),
      fc.record({ url: fc.oneof(fc.tuple(fc.constantFrom(ob2.origin, p.t.config.publicUrl), fc.webPath()).map(([o, path]) => `${o}${path}`), fc.string()) }).map((o) => ({ body: JSON.stringify(o) as Body, type: 'application/json' })),
      fc.string({ maxLength: 200 }).map((s) => ({ body: `%PDF-1.7\n${s}` as Body, type: 'application/pdf' })),
      fc.string({ maxLength: 200 }).map((s) => ({ body: `<svg xmlns="http://www.w3.org/2000/svg">${s}</svg>` as Body, type: 'image/svg+xml' })),
    )
    await fc.assert(
      fc.asyncProperty(body, async ({ body, type }) => {
        const res = await post(body, type)
        expect(res.status, `${type}: ${String(res.status)}`).toBeLessThan(500)
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 10_000) },
    )
  }, 120_000)
})
