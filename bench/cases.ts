import { sign, verify } from 'node:crypto'
import { randomBytes } from 'node:crypto'
import { createSigner, generateKeyPair, resolveDidKey, signCredential, verifyProofs, type Cryptosuite } from '../src/core/proof/index.js'
import { buildStatusListCredential, StatusList } from '../src/core/status-list/index.js'
import { verifyCredential } from '../src/core/verification/index.js'
import { buildCredentialInput, buildIssuerProfile, buildRealisticCredential } from '../test/support/builders.js'
import { buildAchievementCredential, prepareAchievement, prepareIssuer, type AchievementCredentialInput } from '../src/core/credential/index.js'
import { digitalBazaarSuite } from './digitalbazaar.js'
import { logBenchCases } from './log.js'
import type { Target } from './report.js'

/** A case to measure: one call of `run` is one operation. */
export interface BenchCase {
  name: string
  run: () => unknown
}

/** Cases measured in one worker thread: each group gets its own heap, so one's garbage is not another's GC pause. */
export type BenchGroup = 'emblem' | 'digitalbazaar' | 'log'

/** The group a case belongs to, from its name. */
export const groupOf = (name: string): BenchGroup => (name.startsWith('digitalbazaar-') ? 'digitalbazaar' : name.startsWith('log-') ? 'log' : 'emblem')

/** A row to report: `name` against `baseline` (null: no baseline). */
export interface Comparison {
  name: string
  baseline: string | null
}

const CREATED = '2025-03-01T09:00:00Z'
const NOW = new Date('2026-01-01T00:00:00Z')

/**
 * The cases, on one freshly generated key (issuer = its did:key, so the controller check passes) and
 * buildRealisticCredential. Every signed input is checked to verify before anything is measured.
 */
export async function benchCases(groups: ReadonlySet<BenchGroup> = new Set(['emblem', 'digitalbazaar', 'log'])): Promise<{
  cases: BenchCase[]
  comparisons: Comparison[]
  targets: Target[]
}> {
  const keyPair = generateKeyPair()
  const signer = createSigner(keyPair)
  const method = resolveDidKey(signer.verificationMethod)
  const credential = buildRealisticCredential({ issuer: buildIssuerProfile({ id: method.controller }) })
  // A cohort as bulk issuance signs it: one prepared (shared, frozen) achievement and issuer, and per
  // learner a fresh id, recipient, salt, status index and evidence. Every case cycles through it,
  // Emblem's and Digital Bazaar's alike, so no cache sees the same credential twice in a row.
  const template = buildCredentialInput({ issuer: buildIssuerProfile({ id: method.controller }) })
  const shared = { ...template, issuer: prepareIssuer(template.issuer), achievement: prepareAchievement(template.achievement) }
  const cohort = Array.from({ length: 256 }, (_, i) => cohortMember(shared, i))
  const next = cycle(cohort)
  // A verifier with a warm cache: the key is resolved once, outside the measured loop.
  const resolveVerificationMethod = async () => method

  const hashData = new Uint8Array(randomBytes(64))
  const rawSignature = sign(null, hashData, keyPair.privateKey!)
  const cases: BenchCase[] = [
    { name: 'raw-ed25519-sign', run: () => sign(null, hashData, keyPair.privateKey!) },
    { name: 'raw-ed25519-verify', run: () => verify(null, hashData, keyPair.publicKey, rawSignature) },
  ]
  for (const suite of ['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const satisfies Cryptosuite[]) {
    const short = suite === 'eddsa-rdfc-2022' ? 'rdfc' : 'jcs'
    const signed = await signCredential(credential, signer, { suite, created: CREATED })
    await expectVerified((await verifyProofs(signed, { resolveVerificationMethod })).verified, `Emblem ${suite}`)
    const db = await digitalBazaarSuite(keyPair, suite, CREATED)
    const dbSigned = await db.sign(credential)
    await expectVerified(await db.verify(dbSigned), `Digital Bazaar ${suite}`)
    await expectVerified(await db.verify(signed), `Digital Bazaar verifying Emblem's ${suite}`)
    const signedCohort = cycle(await Promise.all(cohort.map((c) => signCredential(c, signer, { suite, created: CREATED }))))
    const dbSignedCohort = cycle(await Promise.all(cohort.slice(0, 16).map((c) => db.sign(c))))
    await expectVerified(await db.verify(dbSignedCohort()), `Digital Bazaar ${suite} (cohort)`)
    cases.push(
      { name: `emblem-${short}-sign`, run: () => signCredential(next(), signer, { suite, created: CREATED }) },
      { name: `emblem-${short}-verify`, run: () => verifyProofs(signedCohort(), { resolveVerificationMethod }) },
      { name: `digitalbazaar-${short}-sign`, run: () => db.sign(next()) },
      { name: `digitalbazaar-${short}-verify`, run: () => db.verify(dbSignedCohort()) },
    )
  }

  // The whole pipeline: parse limits, schema, proof, issuer binding, validity, a signed status list.
  const entry = credential.credentialStatus as unknown as { statusListCredential: string }
  const listDraft = buildStatusListCredential({
    id: entry.statusListCredential,
    issuer: method.controller,
    statusPurpose: 'revocation',
    list: new StatusList(),
    validFrom: CREATED,
  })
  const list = await signCredential(listDraft, signer, { suite: 'eddsa-rdfc-2022', created: CREATED })
  const documents = new Map<string, unknown>([[list.id, list]])
  const signedText = JSON.stringify(await signCredential(credential, signer, { suite: 'eddsa-rdfc-2022', created: CREATED }))
  const report = await verifyCredential(signedText, { now: NOW, documents })
  await expectVerified(report.verified, `verifyCredential (${JSON.stringify(report.checks.filter((c) => c.outcome === 'failed'))})`)
  cases.push({ name: 'emblem-rdfc-verifyCredential', run: () => verifyCredential(signedText, { now: NOW, documents }) })

  const comparisons: Comparison[] = [
    { name: 'raw-ed25519-sign', baseline: null },
    { name: 'raw-ed25519-verify', baseline: null },
    { name: 'digitalbazaar-rdfc-sign', baseline: null },
    { name: 'digitalbazaar-rdfc-verify', baseline: null },
    { name: 'digitalbazaar-jcs-sign', baseline: null },
    { name: 'digitalbazaar-jcs-verify', baseline: null },
    { name: 'emblem-rdfc-sign', baseline: 'digitalbazaar-rdfc-sign' },
    { name: 'emblem-rdfc-sign', baseline: 'raw-ed25519-sign' },
    { name: 'emblem-rdfc-verify', baseline: 'digitalbazaar-rdfc-verify' },
    { name: 'emblem-rdfc-verify', baseline: 'raw-ed25519-verify' },
    { name: 'emblem-jcs-sign', baseline: 'digitalbazaar-jcs-sign' },
    { name: 'emblem-jcs-sign', baseline: 'raw-ed25519-sign' },
    { name: 'emblem-jcs-verify', baseline: 'digitalbazaar-jcs-verify' },
    { name: 'emblem-jcs-verify', baseline: 'raw-ed25519-verify' },
    { name: 'emblem-rdfc-verifyCredential', baseline: 'digitalbazaar-rdfc-verify' },
  ]
  const targets: Target[] = [
    { name: 'emblem-rdfc-sign', baseline: 'digitalbazaar-rdfc-sign', ratio: 40 },
    { name: 'emblem-rdfc-sign', baseline: 'raw-ed25519-sign', ratio: 0.4 },
    { name: 'emblem-rdfc-verify', baseline: 'digitalbazaar-rdfc-verify', ratio: 20 },
  ]

  // The transparency log's cases (bench/log.ts): batched appends, inclusion proofs, tile reads.
  if (groups.has('log')) {
    const log = await logBenchCases()
    cases.push(...log.cases)
    comparisons.push(...log.comparisons)
    targets.push(...log.targets)
  }
  return { cases: cases.filter((c) => groups.has(groupOf(c.name))), comparisons, targets }
}

/** Learner `i` of the bench cohort: the realistic credential with everything per-learner varied. */
function cohortMember(base: AchievementCredentialInput, i: number) {
  const hex = i.toString(16).padStart(12, '0')
  return buildAchievementCredential({
    ...base,
    id: `urn:uuid:3b9e1c1a-5f4e-4d2b-8a6c-${hex}`,
    recipient: { email: `learner${i}@example.org`, salt: `salt-${i}-${hex}` },
    evidence: base.evidence?.map((e) => ({ ...e, id: `urn:uuid:a1b2c3d4-e5f6-4a7b-8c9d-${hex}`, name: `Final project of learner ${i}` })),
    credentialStatus: { ...base.credentialStatus!, id: `https://example.edu/status/1#${1000 + i * 37}`, statusListIndex: String(1000 + i * 37) },
  })
}

/** A function that returns the items one after another, round and round. */
function cycle<T>(items: readonly T[]): () => T {
  let i = 0
  return () => items[i++ % items.length]!
}

async function expectVerified(verified: boolean, what: string): Promise<void> {
  if (!verified) throw new Error(`Bench setup: ${what} did not verify`)
}
