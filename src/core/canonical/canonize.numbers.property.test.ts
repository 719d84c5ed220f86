import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { arbitraryCredential } from '../../../test/support/credential-arbitrary.js'
import { assertProperty } from '../../../test/support/property.js'
import { canonizeFast } from './canonize.js'
import { canonizeGeneral } from './rdfc.js'

/**
 * Numbers through both canonicalization paths. jsonld writes a JSON number as xsd:integer
 * (`toFixed(0)`) unless its shortest form has a '.' or it is at least 1e21 (then a canonical
 * xsd:double, 16 digits); a coerced term (creditsEarned: xsd:float) keeps that lexical form. So
 * distinct numbers can write one literal: 0, -0, 1e-7 and 5e-324 are all "0"; doubles 1 ulp apart
 * often share their 16 digits; 1 and "1" coerced to one datatype too. jsonld's node map still keeps
 * them as distinct values (util.compareValues), so the general path writes, and hashes, the line twice.
 * The fast path must do the same, or hand the document over; never write other bytes.
 */

const RUNS = Math.max(300, Math.floor(Number(process.env.EMBLEM_PROPERTY_RUNS ?? 10_000) / 10))

const number = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  // Below 1e-6 the shortest form is exponential without a '.': jsonld writes them as "0" / "-0".
  fc.double({ noNaN: true, min: -1e-5, max: 1e-5 }),
  // Around the 1e21 line between xsd:integer and xsd:double.
  fc.double({ noNaN: true, min: 1e20, max: 1e22 }),
  // Integers near and beyond 2^53, where neighbours are 2, 4, ... apart.
  fc.integer({ min: -(2 ** 20), max: 2 ** 20 }).map((n) => 2 ** 53 + n),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(Number),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(0, -0, 0.5, 1.5, 1e21, -1e21, 1e-7, -1e-7, 5e-324, -5e-324, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER, 0.1, 0.10000000000000002),
)
/** A number, or now and then its decimal string (a string and a number may write one literal). */
const numeric = fc.oneof({ weight: 5, arbitrary: number }, { weight: 1, arbitrary: number.map(String) })
/** One value or several: repeats inside one property are where the paths can disagree. */
const values = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.array(arb, { minLength: 2, maxLength: 4 }))

type Json = Record<string, any>

/** A generated credential with numbers in every numeric OB 3.0 field, typed (xsd:float) and untyped. */
const numericCredential: fc.Arbitrary<Json> = fc
  .tuple(
    arbitraryCredential,
    fc.record(
      {
        creditsEarned: values(number),
        creditsAvailable: values(numeric),
        resultValue: values(numeric),
        valueMin: values(number),
        valueMax: number,
      },
      { requiredKeys: [] },
    ),
  )
  .map(([credential, n]) => {
    const c = structuredClone(credential) as Json
    const subject = c.credentialSubject
    const achievement = subject.achievement
    if (n.creditsEarned !== undefined) subject.creditsEarned = n.creditsEarned
    if (n.creditsAvailable !== undefined) achievement.creditsAvailable = n.creditsAvailable
    if (n.resultValue !== undefined) subject.result = [...(subject.result ?? []), { type: ['Result'], value: n.resultValue }]
    if (n.valueMin !== undefined || n.valueMax !== undefined) {
      achievement.resultDescription = [
        ...(achievement.resultDescription ?? []),
        {
          id: 'urn:uuid:5e4b0f1c-2f6d-4c39-9f39-3f1b8b1c0a11',
          type: ['ResultDescription'],
          name: 'Score',
          resultType: 'ext:Points',
          ...(n.valueMin === undefined ? {} : { valueMin: n.valueMin }),
          ...(n.valueMax === undefined ? {} : { valueMax: n.valueMax }),
        },
      ]
    }
    return c
  })

/**
 * Several subjects with one id (an aggregating issuer writing one learner twice): jsonld merges them
 * into one node, so their creditsEarned values meet on one subject and predicate.
 */
const mergedSubjectsCredential: fc.Arbitrary<Json> = fc
  .tuple(arbitraryCredential, fc.array(values(number), { minLength: 2, maxLength: 3 }), fc.boolean())
  .map(([credential, credits, sameAchievement]) => {
    const c = structuredClone(credential) as Json
    const subject = c.credentialSubject
    c.credentialSubject = credits.map((creditsEarned, i) => ({
      ...structuredClone(subject),
      id: 'did:web:learner.example',
      creditsEarned,
      achievement: sameAchievement ? subject.achievement : { ...structuredClone(subject.achievement), id: `urn:uuid:00000000-0000-4000-8000-00000000000${i}` },
    }))
    return c
  })

/** Both paths on one document: the general one must succeed, the fast one agree byte for byte or decline. */
async function compare(credential: Json): Promise<'fast' | 'declined'> {
  const general = await canonizeGeneral(credential)
  const fast = await canonizeFast(credential)
  if (fast === undefined) return 'declined'
  expect(fast).toBe(general)
  return 'fast'
}

const subjectWith = (fields: Json): Json => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:2b0e6a5e-8a3c-4a55-9d63-5b2f3b7f8c01',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'https://issuer.example/', type: ['Profile'], name: 'Issuer' },
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: {
    type: ['AchievementSubject'],
    achievement: { id: 'https://issuer.example/achievements/1', type: ['Achievement'], name: 'Badge', description: 'A badge', criteria: { narrative: 'Do it' } },
    ...fields,
  },
})

describe('RDFC-1.0 fast path on numbers', () => {
  it.each([
    ['0 and 5e-324 (both "0")', { creditsEarned: [0, 5e-324] }],
    ['-1e-7 and -5e-324 (both "-0")', { creditsEarned: [-1e-7, -5e-324] }],
    ['0.1 and the next double (one 16-digit form)', { creditsEarned: [0.1, 0.10000000000000002] }],
    ['1 and "1" coerced to xsd:float', { creditsEarned: [1, '1'] }],
    ['0.1, its neighbour and "0.1" as untyped result values', { result: [{ type: ['Result'], value: [0.1, 0.10000000000000002, '0.1'] }] }],
    ['true and "true" coerced to xsd:boolean', { identifier: [{ type: 'IdentityObject', hashed: [true, 'true'], identityHash: 'sha256$00', identityType: 'emailAddress' }] }],
    ['0 and -0 (one value to jsonld)', { creditsEarned: [0, -0] }],
    ['1e21 and its neighbour', { creditsEarned: [1e21, 1.0000000000000001e21] }],
    ['2^53 + 1 and 2^53 (one double)', { creditsEarned: [2 ** 53 + 1, 2 ** 53] }],
  ])('writes %s exactly as jsonld + rdf-canonize do, on the fast path', async (_name, fields) => {
    expect(await compare(subjectWith(fields))).toBe('fast')
  })

  it('keeps both lines when two subjects with one id carry numbers that write one literal', async () => {
    const credential = subjectWith({})
    const subject = credential.credentialSubject
    credential.credentialSubject = [
      { ...subject, id: 'did:web:learner.example', creditsEarned: 0 },
      { ...subject, id: 'did:web:learner.example', creditsEarned: 5e-324 },
    ]
    const general = await canonizeGeneral(credential)
    expect(general.split('\n').filter((line) => line.includes('#creditsEarned>'))).toHaveLength(2)
    const fast = await canonizeFast(credential)
    if (fast !== undefined) expect(fast).toBe(general)
  })

  it(`agrees with the general path on ${RUNS} credentials with generated numbers in every numeric field`, async () => {
    let fast = 0
    await assertProperty(
      fc.asyncProperty(numericCredential, async (credential) => {
        if ((await compare(credential)) === 'fast') fast++
      }),
      { numRuns: RUNS },
    )
    // Numbers alone never need the general path.
    expect(fast / RUNS).toBeGreaterThan(0.95)
  }, 600_000)

  it(`agrees with the general path when subjects with one id merge their numbers (${Math.floor(RUNS / 2)} credentials)`, async () => {
    await assertProperty(
      fc.asyncProperty(mergedSubjectsCredential, async (credential) => {
        await compare(credential)
      }),
      { numRuns: Math.floor(RUNS / 2) },
    )
  }, 600_000)
})

describe('RDFC-1.0 fast path on repeated lines in a cohort', () => {
  it('gives the general path a shared achievement with repeated lines when the credential also needs the N-degree algorithm', async () => {
    const achievement = deepFreeze({ ...subjectWith({}).credentialSubject.achievement, creditsAvailable: [0, 5e-324] })
    // Two identical evidence entries: blank nodes with one first-degree hash.
    const evidence = [{ type: ['Evidence'], name: 'Same' }, { type: ['Evidence'], name: 'Same' }]
    for (const id of ['urn:uuid:0f9c7a9e-1c1e-4b7a-9d0e-000000000001', 'urn:uuid:0f9c7a9e-1c1e-4b7a-9d0e-000000000002']) {
      const credential: Json = { ...subjectWith({}), id, evidence }
      credential.credentialSubject = { ...credential.credentialSubject, achievement }
      const general = await canonizeGeneral(credential)
      expect(general.split('\n').filter((line) => line.includes('#creditsAvailable>'))).toHaveLength(2)
      const fast = await canonizeFast(credential)
      if (fast !== undefined) expect(fast).toBe(general)
    }
  })
})

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}
