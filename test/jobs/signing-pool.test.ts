import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inlineSigner, type CredentialJob } from '../../src/app/issuance/cohort-signer.js'
import { loadCohort, type Cohort } from '../../src/app/issuance/cohort.js'
import { privateKeyOf, type Signer } from '../../src/core/proof/index.js'
import { createSigningPool, type SigningPool } from '../../src/jobs/signing-pool.js'
import { startIssuancePlatform, type IssuancePlatform } from '../e2e/platform/issuance-fixture.js'

let p: IssuancePlatform
let pool: SigningPool
beforeAll(async () => {
  p = await startIssuancePlatform()
  pool = createSigningPool({ threads: 1 })
})
afterAll(async () => {
  await pool.close()
  await p.close()
})

const CREATED = '2026-12-05T04:00:00Z'
const jobs: CredentialJob[] = Array.from({ length: 450 }, (_, i) => ({
  seed: {
    recipient: { email: `pool${i}@example.org`, name: `Learner ${i} “ü”` },
    evidence: [{ id: `https://lms.example.edu/submissions/${i}` }],
    id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    salt: `salt${i}`,
    validFrom: CREATED,
    revocation: { listId: 'list-r', index: i },
    suspension: { listId: 'list-s', index: 1000 + i },
  },
  claimToken: `claim-${i}`,
}))

describe('the signing pool', () => {
  it('signs in its thread (the key passed as a KeyObject) what the calling thread signs, byte for byte', async () => {
    const cohort = await loadCohort(p.t.ports, p.t.store.repos, { orgId: p.org.id, achievementId: p.achievementId })
    expect(privateKeyOf(cohort.signer)).toBeDefined()
    const here = await inlineSigner(cohort, p.t.ports.publicUrl).sign(jobs, CREATED)
    const signer = pool.signerFor(cohort, p.t.ports.publicUrl)
    const there = await signer.sign(jobs, CREATED)
    signer.release()
    expect(there.map((m) => m.signed)).toEqual(here.map((m) => m.signed))
    expect(there.map((m) => m.mail)).toEqual(here.map((m) => m.mail))
  })

  it('keeps signing on the calling thread with a signer whose key it cannot pass', async () => {
    const cohort = await loadCohort(p.t.ports, p.t.store.repos, { orgId: p.org.id, achievementId: p.achievementId })
    let signatures = 0
    const wrapped: Signer = { verificationMethod: cohort.signer.verificationMethod, publicKeyMultibase: cohort.signer.publicKeyMultibase, sign: (data) => (signatures++, cohort.signer.sign(data)) }
    expect(privateKeyOf(wrapped)).toBeUndefined()
    const own: Cohort = { ...cohort, signer: wrapped }
    const signer = pool.signerFor(own, p.t.ports.publicUrl)
    const there = await signer.sign(jobs.slice(0, 20), CREATED)
    signer.release()
    expect(signatures).toBe(20)
    expect(there.map((m) => m.signed)).toEqual((await inlineSigner(cohort, p.t.ports.publicUrl).sign(jobs.slice(0, 20), CREATED)).map((m) => m.signed))
  })
})
