import { existsSync } from 'node:fs'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { arbitraryCredential, arbitraryEdgeCredential } from '../../../../test/support/credential-arbitrary.js'
import { arbitraryInteropCredential } from '../../../../test/support/interop-arbitrary.js'
import { assertProperty } from '../../../../test/support/property.js'
import { canonizeFastWith } from '../canonize.js'
import { documentLoader } from '../document-loader.js'
import { canonizeGeneral } from '../rdfc.js'
import { ContextCache } from './context-cache.js'
import { contextCache, contextFingerprint } from './context-snapshot.js'
import { buildContextSnapshot, contextSnapshotCorpus } from './context-snapshot-corpus.js'
import { datasetOf } from './dataset.js'

const RUNS = Math.max(300, Math.floor(Number(process.env.EMBLEM_PROPERTY_RUNS ?? 10_000) / 10))

/** True when the cache has every context `document` needs: one attempt, so a single context to process makes it fail. */
const servesWithoutProcessing = async (cache: ContextCache, document: object) => (await datasetOf(document, cache, undefined, { attempts: 1 })) !== undefined

let snapshot: Buffer
beforeAll(async () => {
  snapshot = await buildContextSnapshot()
})

describe('context snapshot', () => {
  it('holds every context the corpus reaches: a loaded cache answers each document without processing one', async () => {
    const loaded = contextCache(documentLoader, snapshot)
    const empty = new ContextCache(documentLoader)
    for (const document of contextSnapshotCorpus()) {
      expect(await servesWithoutProcessing(loaded, document)).toBe(true)
      expect(await servesWithoutProcessing(empty, document)).toBe(false)
    }
  })

  it('is refused when made for other contexts or another jsonld, or when it is not a snapshot', () => {
    const cache = new ContextCache(documentLoader)
    expect(cache.load(snapshot, 'f'.repeat(64))).toBe(false)
    expect(cache.load(Buffer.from('not a snapshot'), contextFingerprint())).toBe(false)
    expect(cache.load(Buffer.alloc(0), contextFingerprint())).toBe(false)
    expect(cache.load(snapshot, contextFingerprint())).toBe(true)
  })

  it('refused, it leaves the cache to process contexts as before', async () => {
    const cache = new ContextCache(documentLoader)
    cache.load(snapshot, '0'.repeat(64))
    const endorsement = contextSnapshotCorpus()[2]!
    expect(await servesWithoutProcessing(cache, endorsement)).toBe(false)
    expect(await datasetOf(endorsement, cache)).toBeDefined()
  })

  it(`gives byte-identical canonical N-Quads to jsonld + rdf-canonize on ${RUNS} generated credentials, contexts loaded and processed alike`, async () => {
    const loaded = contextCache(documentLoader, snapshot)
    let fast = 0
    await assertProperty(
      fc.asyncProperty(fc.oneof(arbitraryCredential, arbitraryInteropCredential), async (credential) => {
        // No subtree cache: every credential is walked through the loaded contexts, not replayed.
        const nquads = await canonizeFastWith(credential, loaded)
        if (nquads === undefined) return
        fast++
        expect(nquads).toBe(await canonizeGeneral(credential))
      }),
      { numRuns: RUNS },
    )
    expect(fast / RUNS).toBeGreaterThan(0.95)
  }, 600_000)

  it('agrees with jsonld on the edge cases the fast path takes (terms left to @vocab, aliases, value objects)', async () => {
    const loaded = contextCache(documentLoader, snapshot)
    await assertProperty(
      fc.asyncProperty(arbitraryEdgeCredential, async (credential) => {
        const nquads = await canonizeFastWith(credential, loaded)
        if (nquads !== undefined) expect(nquads).toBe(await canonizeGeneral(credential))
      }),
      { numRuns: Math.max(200, RUNS / 5) },
    )
  }, 600_000)

  it('is written by the build next to the compiled fast path, which loads it', async () => {
    const file = new URL('../../../../dist/core/canonical/fast/contexts.snapshot', import.meta.url)
    if (!existsSync(file)) return void console.warn('dist/ is not built: the build-output check is skipped')
    const compiled = (await import(new URL('../../../../dist/core/canonical/fast/context-snapshot.js', import.meta.url).href)) as typeof import('./context-snapshot.js')
    const loader = (await import(new URL('../../../../dist/core/canonical/document-loader.js', import.meta.url).href)) as typeof import('../document-loader.js')
    const { datasetOf: compiledDatasetOf } = (await import(new URL('../../../../dist/core/canonical/fast/dataset.js', import.meta.url).href)) as typeof import('./dataset.js')
    const cache = compiled.contextCache(loader.documentLoader)
    for (const document of contextSnapshotCorpus()) expect(await compiledDatasetOf(document, cache, undefined, { attempts: 1 })).toBeDefined()
  })
})
