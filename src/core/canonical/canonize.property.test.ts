import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { arbitraryCredential, arbitraryEdgeCredential } from '../../../test/support/credential-arbitrary.js'
import { canonize, canonizeFast } from './canonize.js'
import { canonizeGeneral } from './rdfc.js'

// CI runs 10,000 generated credentials through both paths (EMBLEM_PROPERTY_RUNS overrides it locally).
const RUNS = Number(process.env.EMBLEM_PROPERTY_RUNS ?? 10_000)

type Outcome = { ok: true; nquads: string } | { ok: false; code: string }
const outcome = async (run: () => Promise<string>): Promise<Outcome> => {
  try {
    return { ok: true, nquads: await run() }
  } catch (err) {
    return { ok: false, code: (err as { code?: string }).code ?? 'UNKNOWN' }
  }
}

describe('RDFC-1.0 fast path', () => {
  it(`yields byte-identical canonical N-Quads to jsonld + rdf-canonize on ${RUNS} generated credentials`, async () => {
    let fast = 0
    await fc.assert(
      fc.asyncProperty(arbitraryCredential, async (credential) => {
        const general = await outcome(() => canonizeGeneral(credential))
        const fastResult = await canonizeFast(credential)
        if (fastResult !== undefined) fast++
        expect(general.ok).toBe(true)
        if (general.ok && fastResult !== undefined) expect(fastResult).toBe(general.nquads)
      }),
      { numRuns: RUNS },
    )
    // The fast path must actually carry the credentials we issue, not quietly hand them all over.
    expect(fast / RUNS).toBeGreaterThan(0.95)
  }, 600_000)

  it('agrees with the general path on duplicates, odd JSON-LD and invalid terms, failing where it fails', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryEdgeCredential, async (credential) => {
        const general = await outcome(() => canonizeGeneral(credential))
        const combined = await outcome(() => canonize(credential))
        expect(combined).toEqual(general)
      }),
      { numRuns: Math.max(200, Math.floor(RUNS / 10)) },
    )
  }, 600_000)
})
