// An Open Badges 2.0 issuer on a local HTTP server, for intake tests: its Profile (with a public key
// and a revocation list), a BadgeClass, hosted assertions, and signed (RS256 JWS) assertions.
// Nothing here is Emblem's code: it is the other party, built from the OB 2.0 specification.
import { generateKeyPairSync } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CompactSign, importPKCS8 } from 'jose'
import { buildPng } from '../../src/media/fixtures/build-png.js'

const OB2 = 'https://w3id.org/openbadges/v2'

export interface Ob2Issuer {
  origin: string
  issuerUrl: string
  badgeUrl: string
  keyUrl: string
  /** A hosted assertion published at its URL (returned as JSON text); `revoke` lists it on the revocation list. */
  hosted(opts?: { expires?: string; revoke?: string; identity?: string }): { url: string; assertion: Record<string, unknown>; text: string }
  /** A signed assertion: the compact JWS (RS256) of its JSON. */
  signed(opts?: { revoke?: string }): Promise<{ jws: string; assertion: Record<string, unknown> }>
  /** A PNG with `text` baked under the OB 2.0 keyword `openbadges` (tEXt). */
  bakedPng(text: string): Uint8Array
  /** How often each path was asked for. */
  hits: Map<string, number>
  close(): Promise<void>
}

export async function startOb2Issuer(): Promise<Ob2Issuer> {
  const documents = new Map<string, string>()
  const revoked: { id: string; revocationReason: string }[] = []
  const hits = new Map<string, number>()
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!
    hits.set(path, (hits.get(path) ?? 0) + 1)
    if (path === '/revocations') {
      res.writeHead(200, { 'content-type': 'application/ld+json' })
      res.end(JSON.stringify({ '@context': OB2, id: `${origin}/revocations`, type: 'RevocationList', issuer: `${origin}/issuer`, revokedAssertions: revoked }))
      return
    }
    const body = documents.get(path)
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' })
      res.end('not found')
      return
    }
    res.writeHead(200, { 'content-type': 'application/ld+json' })
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString()
  const signingKey = await importPKCS8(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'RS256')

  const issuerUrl = `${origin}/issuer`
  const badgeUrl = `${origin}/badge`
  const keyUrl = `${origin}/key`
  documents.set('/issuer', JSON.stringify({ '@context': OB2, id: issuerUrl, type: 'Issuer', name: 'Old Town Maker Space', url: origin, email: 'badges@example.org', publicKey: keyUrl, revocationList: `${origin}/revocations` }))
  documents.set('/key', JSON.stringify({ '@context': OB2, id: keyUrl, type: 'CryptographicKey', owner: issuerUrl, publicKeyPem }))
  documents.set(
    '/badge',
    JSON.stringify({
      '@context': OB2,
      id: badgeUrl,
      type: 'BadgeClass',
      name: 'Laser Cutter Safety',
      description: 'Operates the laser cutter safely and unsupervised.',
      image: `${origin}/badge.png`,
      criteria: { narrative: 'Pass the practical safety check.' },
      issuer: issuerUrl,
      alignment: [{ targetName: 'operate laser cutting machines', targetUrl: 'http://data.europa.eu/esco/skill/laser', targetFramework: 'ESCO', targetCode: 'S1.2' }],
    }),
  )
  let n = 0
  const assertionOf = (id: string, verification: Record<string, unknown>, opts: { expires?: string; identity?: string } = {}) => ({
    '@context': OB2,
    type: 'Assertion',
    id,
    recipient: { type: 'email', hashed: true, salt: 'deadsea', identity: opts.identity ?? 'sha256$c7ef86405ba71b85acd8e2e95166c4b111448089f2e1599f42fe1bba46e865c5' },
    badge: badgeUrl,
    issuedOn: '2026-01-15T10:00:00Z',
    ...(opts.expires ? { expires: opts.expires } : {}),
    verification,
  })
  return {
    origin,
    issuerUrl,
    badgeUrl,
    keyUrl,
    hits,
    hosted(opts = {}) {
      n += 1
      const path = `/assertions/${n}`
      const url = `${origin}${path}`
      const assertion = assertionOf(url, { type: 'hosted' }, opts)
      const text = JSON.stringify(assertion, null, 2)
      documents.set(path, text)
      if (opts.revoke) revoked.push({ id: url, revocationReason: opts.revoke })
      return { url, assertion, text }
    },
    async signed(opts = {}) {
      n += 1
      const id = `urn:uuid:8c9f4e2a-0000-4000-8000-${String(n).padStart(12, '0')}`
      const assertion = assertionOf(id, { type: 'signed', creator: keyUrl })
      const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(assertion))).setProtectedHeader({ alg: 'RS256' }).sign(signingKey)
      if (opts.revoke) revoked.push({ id, revocationReason: opts.revoke })
      return { jws, assertion }
    },
    bakedPng(text) {
      const data = new Uint8Array([...new TextEncoder().encode('openbadges\0'), ...new TextEncoder().encode(text)])
      return buildPng(32, 32, [{ type: 'tEXt', data }])
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
