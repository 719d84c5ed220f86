// Issue #11 item 5: the transparency log's tile paths and proof queries, fuzzed over HTTP against a
// log of 300 entries (two checkpoints). Every answer is a 2xx or a 4xx (a problem body for the
// proofs), never a 5xx; real tiles are among the answers. Replay with EMBLEM_PROPERTY_SEED
// / EMBLEM_PROPERTY_PATH (test/support/property.ts).
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { silentLogger } from '../../src/http/logger.js'
import { createApp } from '../../src/main.js'
import { assertProperty } from '../support/property.js'
import { loggable, openLogFixture, type LogFixture } from './log-fixture.js'

const credentials = Array.from({ length: 300 }, (_, n) => loggable(n))
let fixture: LogFixture
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  fixture = await openLogFixture()
  await fixture.append(credentials.slice(0, 100))
  await fixture.signCheckpoint()
  await fixture.append(credentials.slice(100))
  await fixture.signCheckpoint()
  app = createApp(loadConfig({}, {}), { log: silentLogger, transparencyLog: { reader: fixture.reader, verifierKey: fixture.verifierKey } })
})
afterAll(() => fixture.close())

/** One path segment of a tile path: the real shapes (x001, 000, 1.p/17), their near misses, and junk. */
const segment: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0')),
  fc.integer({ min: 0, max: 999 }).map((n) => `x${String(n).padStart(3, '0')}`),
  fc.integer({ min: 0, max: 300 }).map((n) => `${String(n).padStart(3, '0')}.p`),
  fc.constantFrom('entries', '..', '.', '%2e%2e', '%00', '-1', '1e3', '0x10', '999999999999999999999', 'x', '', '256', '00', '0000'),
  fc.string({ maxLength: 6 }).map(encodeURIComponent),
)
const tilePath = fc.oneof(
  fc.array(segment, { minLength: 1, maxLength: 6 }).map((segments) => `/log/tile/${segments.join('/')}`),
  // Near the real shape: a level (or entries), an index, maybe a partial width.
  fc.tuple(fc.oneof(fc.integer({ min: 0, max: 3 }).map(String), fc.constant('entries')), fc.integer({ min: 0, max: 2 }), fc.option(fc.integer({ min: 0, max: 257 }))).map(([level, index, width]) => `/log/tile/${level}/${String(index).padStart(3, '0')}${width === null ? '' : `.p/${width}`}`),
)

const number = fc.oneof(fc.integer({ min: -2, max: 400 }).map(String), fc.constantFrom('', '1e3', '0x1', '1.5', '9007199254740993', '-0', ' 1', 'NaN', 'abc'))
const proofQuery = fc.oneof(
  fc.tuple(number, number).map(([from, to]) => `/log/proof/consistency?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
  fc.oneof(fc.integer({ min: 0, max: 400 }).map((n) => String(loggable(n).id)), fc.string({ maxLength: 50 })).map((id: string) => `/log/proof/inclusion?credential=${encodeURIComponent(id)}`),
  fc.constantFrom('/log/proof/inclusion', '/log/proof/consistency', '/log/proof/consistency?from=1', '/log/proof/inclusion?credential=a&credential=b'),
)

describe('the transparency log, fuzzed', () => {
  it('answers every tile path with a tile or a 4xx, never a 5xx', { timeout: 120_000 }, async () => {
    const statuses = new Map<number, number>()
    await assertProperty(
      fc.asyncProperty(tilePath, async (path) => {
        const res = await app.request(path)
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
        expect(res.status, path).toBeLessThan(500)
        await res.arrayBuffer()
      }),
      { numRuns: 1500 },
    )
    // Real tiles were served too, not only refusals.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0)
  })

  it('answers every proof query with a proof or a 4xx problem, never a 5xx', { timeout: 120_000 }, async () => {
    await assertProperty(
      fc.asyncProperty(proofQuery, async (path) => {
        const res = await app.request(path)
        expect(res.status, path).toBeLessThan(500)
        if (res.status >= 400) expect(res.headers.get('content-type'), path).toMatch(/problem\+json/)
        await res.arrayBuffer()
      }),
      { numRuns: 1000 },
    )
  })
})
