import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { arbitraryCohort, arbitraryCredential, arbitraryEdgeCredential } from '../../../test/support/credential-arbitrary.js'
import { arbitraryInteropCredential } from '../../../test/support/interop-arbitrary.js'
import { assertProperty } from '../../../test/support/property.js'
import { canonize, canonizeFast } from './canonize.js'
import { canonizeGeneral } from './rdfc.js'

// CI runs 10,000 generated credentials through both paths (EMBLEM_PROPERTY_RUNS overrides it locally).
// A failure prints its seed and the EMBLEM_PROPERTY_SEED / EMBLEM_PROPERTY_PATH that replay it.
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
    await assertProperty(
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

  it('carries the shapes other issuers write (endorsements with proofs, VC 1.1, several subjects), byte for byte', async () => {
    let fast = 0
    const runs = Math.max(200, Math.floor(RUNS / 5))
    await assertProperty(
      fc.asyncProperty(arbitraryInteropCredential, async (credential) => {
        const general = await outcome(() => canonizeGeneral(credential))
        const fastResult = await canonizeFast(credential)
        if (fastResult !== undefined) fast++
        expect(general.ok).toBe(true)
        if (general.ok && fastResult !== undefined) expect(fastResult).toBe(general.nquads)
      }),
      { numRuns: runs },
    )
    expect(fast / runs).toBeGreaterThan(0.95)
  }, 600_000)

  it('replays cached achievements and issuers across a cohort byte for byte', async () => {
    await assertProperty(
      fc.asyncProperty(arbitraryCohort, async (cohort) => {
        for (const credential of cohort) expect(await canonizeFast(credential)).toBe(await canonizeGeneral(credential))
      }),
      { numRuns: Math.max(50, Math.floor(RUNS / 50)) },
    )
  }, 600_000)

  it('expands a frozen achievement again once a copy of it is changed', async () => {
    const [credential] = fc.sample(arbitraryCredential, { numRuns: 1, seed: 7 }) as [Record<string, any>]
    const achievement = deepFreeze(structuredClone(credential.credentialSubject.achievement))
    const first = { ...credential, credentialSubject: { ...credential.credentialSubject, achievement } }
    expect(await canonizeFast(first)).toBe(await canonizeGeneral(first))
    const changed = { ...first, credentialSubject: { ...first.credentialSubject, achievement: { ...achievement, name: 'Changed' } } }
    expect(await canonizeFast(changed)).toBe(await canonizeGeneral(changed))
    expect(await canonizeFast(changed)).not.toBe(await canonizeFast(first))
  })

  it('agrees with the general path on duplicates, odd JSON-LD and invalid terms, failing where it fails', async () => {
    await assertProperty(
      fc.asyncProperty(arbitraryEdgeCredential, async (credential) => {
        const general = await outcome(() => canonizeGeneral(credential))
        const combined = await outcome(() => canonize(credential))
        expect(combined).toEqual(general)
      }),
      { numRuns: Math.max(200, Math.floor(RUNS / 10)) },
    )
  }, 600_000)
})

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}
