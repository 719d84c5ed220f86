import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { isPlatformError } from '../errors.js'
import canonicalizeJson from 'canonicalize'
import fc from 'fast-check'
import { CONTEXT, bundledContexts, canonize, canonizeGeneral, contextDigest, createDocumentLoader, documentLoader, jcs } from './index.js'
import { canonizeFast } from './canonize.js'

const shared = path.resolve(process.cwd(), '../shared/interop')
const hasShared = existsSync(shared)
const readJson = (file: string) => JSON.parse(readFileSync(path.join(shared, file), 'utf8'))
const readText = (file: string) => readFileSync(path.join(shared, file), 'utf8')

describe('bundled contexts', () => {
  it('serves every context a credential engine needs from npm packages, offline', async () => {
    for (const url of [CONTEXT.VC_V2, CONTEXT.VC_V1, CONTEXT.OB_V3, CONTEXT.OB_EXTENSIONS, CONTEXT.DATA_INTEGRITY_V2, CONTEXT.MULTIKEY_V1, CONTEXT.STATUS_V1, CONTEXT.DID_V1, CONTEXT.EXAMPLES_V2]) {
      const { document } = await documentLoader(url)
      expect(document, url).toHaveProperty('@context')
    }
  })

  it('refuses an unknown context URL with ERR_CONTEXT_UNKNOWN and never touches the network', async () => {
    const realFetch = globalThis.fetch
    let fetched = false
    globalThis.fetch = (async () => {
      fetched = true
      throw new Error('no network')
    }) as typeof fetch
    try {
      const doc = { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://evil.example/context.json'], type: ['VerifiableCredential'] }
      await expect(canonize(doc)).rejects.toSatisfy((err) => isPlatformError(err, 'ERR_CONTEXT_UNKNOWN'))
      expect(fetched).toBe(false)
    } finally {
      globalThis.fetch = realFetch
    }
  })

  it('keeps bundled contexts immutable so no caller can change what a term means', () => {
    const vc = bundledContexts().get(CONTEXT.VC_V2) as Record<string, unknown>
    expect(Object.isFrozen(vc)).toBe(true)
    expect(Object.isFrozen(vc['@context'])).toBe(true)
  })

  it('lets extra documents in but never lets them replace a bundled context', async () => {
    const loader = createDocumentLoader(new Map<string, unknown>([[CONTEXT.VC_V2, { '@context': {} }], ['did:example:1', { id: 'did:example:1' }]]))
    expect((await loader(CONTEXT.VC_V2)).document).toBe(bundledContexts().get(CONTEXT.VC_V2))
    expect((await loader('did:example:1')).document).toEqual({ id: 'did:example:1' })
  })

  describe.skipIf(!hasShared)('against the published copies in ../shared/interop/contexts', () => {
    it('matches every published context that has an npm package, term for term', () => {
      const index = readJson('contexts/index.json').contexts as Record<string, string>
      let compared = 0
      for (const [url, document] of bundledContexts()) {
        const file = index[url]
        if (!file) continue
        expect(contextDigest(document), url).toBe(contextDigest(readJson(`contexts/${file}`)))
        compared++
      }
      expect(compared).toBeGreaterThanOrEqual(12)
    })
  })
})

describe('RDFC-1.0 canonicalization', () => {
  it.skipIf(!hasShared)('reproduces the W3C vc-di-eddsa canonical document byte for byte on the fast path', async () => {
    const unsigned = readJson('test-vectors/vc-di-eddsa/unsigned.json')
    const expected = readText('test-vectors/vc-di-eddsa/eddsa-rdfc-2022/canonDocDataInt.txt')
    expect(await canonizeFast(unsigned)).toBe(expected)
    expect(await canonizeGeneral(unsigned)).toBe(expected)
  })

  it.skipIf(!hasShared)('reproduces the W3C canonical proof configuration byte for byte on the fast path', async () => {
    const proofConfig = readJson('test-vectors/vc-di-eddsa/eddsa-rdfc-2022/proofConfigDataInt.json')
    const expected = readText('test-vectors/vc-di-eddsa/eddsa-rdfc-2022/proofCanonDataInt.txt')
    expect(await canonizeFast(proofConfig)).toBe(expected)
  })

  it.skipIf(!hasShared)('takes the fast path for the OB 3.0 spec examples and agrees with jsonld on each', async () => {
    for (const file of ['spec-basicOpenBadgeCredential.json', 'spec-skillAssertionCase.json', 'spec-achievementAlignmentCe.json', 'validator-simple.json']) {
      const credential = readJson(`examples/ob-v3p0/${file}`)
      delete credential.proof
      const fast = await canonizeFast(credential)
      expect(fast, file).toBeDefined()
      expect(fast, file).toBe(await canonizeGeneral(credential))
    }
  })

  it('takes a document with a proof graph on the fast path, with the same bytes as the general path', async () => {
    const doc = {
      '@context': [CONTEXT.VC_V2],
      id: 'urn:uuid:1',
      type: ['VerifiableCredential'],
      issuer: 'did:example:issuer',
      credentialSubject: { id: 'did:example:subject' },
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', verificationMethod: 'did:example:issuer#k', proofValue: 'z1' },
    }
    const fast = await canonizeFast(doc)
    expect(fast).toMatch(/ _:c14n\d+ \.\n/)
    expect(fast).toBe(await canonizeGeneral(doc))
    expect(await canonize(doc)).toBe(fast)
  })

  it('rejects a term no context defines instead of silently dropping it (safe mode)', async () => {
    const doc = { '@context': [CONTEXT.VC_V2], type: ['VerifiableCredential'], issuer: 'did:example:1', credentialSubject: { favouriteColour: 'blue' } }
    await expect(canonize(doc)).rejects.toSatisfy((err) => isPlatformError(err, 'ERR_JSONLD'))
  })

  it('writes doubles, integers and booleans in the canonical lexical forms jsonld uses', async () => {
    const doc = {
      '@context': [CONTEXT.VC_V2, CONTEXT.OB_V3],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: 'did:example:1',
      credentialSubject: {
        type: ['AchievementSubject'],
        creditsEarned: 2.5,
        identifier: [{ type: 'IdentityObject', hashed: true, identityHash: 'x', identityType: 'emailAddress' }],
        achievement: { id: 'urn:uuid:a', type: ['Achievement'], name: 'n', description: 'd', criteria: { narrative: 'c' }, creditsAvailable: 5 },
      },
    }
    const fast = await canonizeFast(doc)
    // The OB 3.0 context spells its float datatype with https://, unlike XML Schema itself; keep it.
    expect(fast).toContain('"2.5E0"^^<https://www.w3.org/2001/XMLSchema#float>')
    expect(fast).toContain('"5"^^<https://www.w3.org/2001/XMLSchema#float>')
    expect(fast).toContain('"true"^^<https://www.w3.org/2001/XMLSchema#boolean>')
    expect(fast).toBe(await canonizeGeneral(doc))
  })
})

describe('JCS (RFC 8785)', () => {
  it('sorts keys and writes numbers in their ECMAScript form', () => {
    expect(jcs({ b: 1, a: [1e21, 0.1, -0], c: 'é' })).toBe('{"a":[1e+21,0.1,0],"b":1,"c":"é"}')
  })

  it('writes what the canonicalize package writes, for any JSON, deeply frozen or not, and a kept frozen text stays right', () => {
    const deepFreeze = (v: unknown): unknown => {
      if (v !== null && typeof v === 'object') {
        for (const child of Object.values(v)) deepFreeze(child)
        Object.freeze(v)
      }
      return v
    }
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.string(), (a, b, s) => {
        const shared = deepFreeze(structuredClone(a))
        // A frozen object holding a mutable one, a Date and undefined / symbol values (skipped, or null in arrays).
        const outer = { s, shared, again: [shared, undefined, Symbol('x')], open: Object.freeze({ inner: { b } }), at: new Date(0), gone: undefined }
        expect(jcs(outer)).toBe(canonicalizeJson(outer))
        expect(jcs(shared)).toBe(canonicalizeJson(a))
        ;(outer.open as { inner: { b: unknown } }).inner.b = s
        expect(jcs(outer)).toBe(canonicalizeJson(outer))
      }),
      { numRuns: 300 },
    )
  })
})
