// Issue #11 item 7: with an Idempotency-Key, deeply nested bodies or `1e999` answered 500 (the
// digest ran before validation). Fuzzed bodies against the issue route, each with a fresh key:
// a 4xx problem or a 201, never a 5xx.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readJson } from '../../support/platform.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

let p: IssuancePlatform
beforeAll(async () => {
  p = await startIssuancePlatform()
})
afterAll(() => p.close())

/** Raw JSON fragments that JSON.parse accepts but a canonicalizer or a schema may choke on. */
const oddFragment = fc.oneof(
  fc.constantFrom('1e999', '-1e999', '1e-999', '-0', '12345678901234567890123456789', '0.1e400', '"\\ud800"', '"\\u0000"', 'null', '{}', '[]', 'true', '""'),
  fc.integer({ min: 1, max: 3000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 1, max: 200 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
)

/** An issue body in raw text, some of its values (or all of it) replaced by odd fragments. */
const body = fc.oneof(
  oddFragment,
  fc.record({ email: fc.oneof(fc.constant('"fuzz@example.org"'), oddFragment), name: fc.oneof(fc.constant('"Fuzz"'), oddFragment), extra: fc.option(fc.tuple(fc.constantFrom('showName', 'validUntil', 'evidence', 'results', 'narrative', 'recipient'), oddFragment)) }).map(
    ({ email, name, extra }) => `{"recipient":{"email":${email},"name":${name}}${extra ? `,"${extra[0]}":${extra[1]}` : ''}}`,
  ),
)

describe('issuing with an Idempotency-Key: fuzzed bodies', () => {
  it('answers every fuzzed body with 201 or a 4xx problem, never a 5xx', { timeout: 240_000 }, async () => {
    let n = 0
    const statuses = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        n += 1
        const res = await p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/${p.achievementId}/credentials`, {
          as: p.owner,
          method: 'POST',
          body: text,
          headers: { 'content-type': 'application/json', 'idempotency-key': `fuzz-${n}` },
        })
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
        expect(res.status, text.slice(0, 120)).toBeLessThan(500)
        if (res.status !== 201) {
          expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/)
          expect([400, 413, 422]).toContain((await readJson(res)).status)
        }
      }),
      { numRuns: 400, seed: Number(process.env.FUZZ_SEED ?? 20261104) },
    )
    // Both outcomes were reached: the generator makes valid bodies too, not only refusals.
    expect(statuses.get(400)).toBeGreaterThan(0)
    expect(statuses.get(201)).toBeGreaterThan(0)
  })

  it('replays the same key and body, whatever the number spelling the key first saw', async () => {
    const text = '{"recipient":{"email":"spelling@example.org","name":"Spelling"}}'
    const first = await p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/${p.achievementId}/credentials`, { as: p.owner, method: 'POST', body: text, headers: { 'content-type': 'application/json', 'idempotency-key': 'spelling-1' } })
    const again = await p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/${p.achievementId}/credentials`, { as: p.owner, method: 'POST', body: ` ${text} `, headers: { 'content-type': 'application/json', 'idempotency-key': 'spelling-1' } })
    expect([first.status, again.status]).toEqual([201, 201])
    expect((await readJson(again)).id).toBe((await readJson(first)).id)
  })
})
