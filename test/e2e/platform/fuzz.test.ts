// Issue #11 item 5: fuzzing with fast-check beyond the verify and issue-route fuzzers. One
// platform; every case replayable (EMBLEM_PROPERTY_SEED / EMBLEM_PROPERTY_PATH, see
// test/support/property.ts). What is fuzzed: the JSON body of every /api/v1 operation that takes
// one (read from the OpenAPI document), image uploads (malformed PNG and SVG), CSV uploads and the
// CSV row reader itself, the error report's cells, and the credential verifier on mutated signed
// credentials. No case may crash, hang or answer 5xx, and the heap stays flat across the run.
// The transparency log's proof and tile paths are fuzzed in test/e2e/log-fuzz.test.ts.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PlatformError } from '../../../src/core/errors.js'
import { csvRows } from '../../../src/app/issuance/csv-rows.js'
import { csvCell } from '../../../src/app/issuance/errors-csv.js'
import { assertProperty } from '../../support/property.js'
import { readJson, type TestSession } from '../../support/platform.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

let p: IssuancePlatform
let owner: TestSession
let signed: Record<string, unknown>
let cases = 0
let heapBefore = 0

/** A full collection before measuring the heap (V8's gc, exposed for this test). */
setFlagsFromString('--expose-gc')
const collect = runInNewContext('gc') as () => void
const heapAfterGc = () => {
  collect()
  return process.memoryUsage().heapUsed
}

beforeAll(async () => {
  p = await startIssuancePlatform()
  owner = p.owner
  const res = await p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/${p.achievementId}/credentials`, { as: owner, method: 'POST', json: { recipient: { email: 'ada@example.org', name: 'Ada Lovelace' } } })
  expect(res.status).toBe(201)
  signed = (await readJson(res)).credential ?? (await readJson(await p.t.app.request(`/c/${String((await readJson(res)).id).replace('urn:uuid:', '')}/credential.json`)))
}, 60_000)
afterAll(() => p?.close())

/** Raw JSON fragments JSON.parse accepts but a schema or canonicalizer may choke on. */
const oddFragment = fc.oneof(
  fc.constantFrom('1e999', '-1e999', '-0', '12345678901234567890123456789', '"\\ud800"', '"\\u0000"', 'null', '{}', '[]', 'true', '""', '"__proto__"', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}'),
  fc.integer({ min: 1, max: 2000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 1, max: 200 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.string({ maxLength: 40 }).map((s) => JSON.stringify(s)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
)

/** A body: an odd fragment, an object whose keys are the operation's own property names with odd values, or not JSON at all. */
const bodyFor = (keys: string[]) =>
  fc.oneof(
    oddFragment,
    fc.array(fc.tuple(keys.length ? fc.constantFrom(...keys) : fc.string({ maxLength: 8 }), oddFragment), { maxLength: 5 }).map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
    fc.string({ maxLength: 60 }),
  )

/** The /api/v1 operations with a JSON request body: method, concrete path, property names. */
async function jsonOperations(): Promise<{ method: string; path: string; keys: string[] }[]> {
  const doc = await readJson(await p.t.app.request('/api/openapi.json'))
  const ops: { method: string; path: string; keys: string[] }[] = []
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    for (const [method, op] of Object.entries(item)) {
      const schema = op?.requestBody?.content?.['application/json']?.schema
      if (!schema) continue
      // Operations that end the caller's session or account would stop the fuzzing of the others.
      if (/^\/api\/v1\/(me|sessions\/current)$/.test(path) && method === 'delete') continue
      const resolved = schema.$ref ? doc.components.schemas[String(schema.$ref).split('/').pop()!] : schema
      const concrete = path
        .replace('{org}', p.org.slug)
        .replace('{achievement}', p.achievementId)
        .replace(/\{id\}/, p.achievementId)
        .replace(/\{[^}]+\}/g, 'x')
      ops.push({ method: method.toUpperCase(), path: concrete, keys: Object.keys(resolved?.properties ?? {}) })
    }
  }
  return ops
}

/** Chunks as the upload stream hands them over. */
async function* chunks(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield part
}

// The test platform publishes no transparency log: /log answers 503 by design (as in the access matrix).
const noServerError = (res: Response, what: string) => {
  if (what.includes(' /log/') && res.status === 503) return
  expect(res.status, what).toBeLessThan(500)
}

describe('fuzzing', () => {
  it('every JSON body of the API: a 2xx or a 4xx, never a 5xx', { timeout: 300_000 }, async () => {
    heapBefore = heapAfterGc()
    const ops = await jsonOperations()
    expect(ops.length).toBeGreaterThan(25)
    await assertProperty(
      fc.asyncProperty(
        fc.integer({ min: 0, max: ops.length - 1 }).chain((i) => fc.tuple(fc.constant(ops[i]!), bodyFor(ops[i]!.keys))),
        async ([op, body]) => {
          cases++
          const res = await p.t.request(op.path, { as: owner, method: op.method, body, headers: { 'content-type': 'application/json' } })
          noServerError(res, `${op.method} ${op.path} ${body.slice(0, 120)}`)
          await res.arrayBuffer()
        },
      ),
      { numRuns: 3000 },
    )
  })

  it('image uploads: malformed PNG and SVG are refused with a 4xx, never a 5xx', { timeout: 300_000 }, async () => {
    const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    const chunk = fc.record({ type: fc.constantFrom('IHDR', 'IDAT', 'IEND', 'PLTE', 'tEXt', 'iTXt', 'zTXt', 'acTL', 'xxxx'), data: fc.uint8Array({ maxLength: 64 }), length: fc.option(fc.integer({ min: 0, max: 0xffffffff })) }).map(({ type, data, length }) => {
      const head = Buffer.alloc(8)
      head.writeUInt32BE(length ?? data.length, 0)
      head.write(type, 4, 'latin1')
      return Buffer.concat([head, Buffer.from(data), Buffer.alloc(4)])
    })
    const png = fc.oneof(fc.array(chunk, { maxLength: 6 }).map((chunks) => Buffer.concat([PNG_SIGNATURE, ...chunks])), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([PNG_SIGNATURE, Buffer.from(b)])))
    const svgPart = fc.oneof(
      fc.constantFrom('<script>alert(1)</script>', '<image href="http://127.0.0.1:9/x"/>', '<!DOCTYPE svg [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>', '&b;', '<foreignObject><body onload="x()"/></foreignObject>', '<use href="#a"/>', '<g>', '</g>', '<![CDATA[', ']]>', '<?xml version="1.0"?>', '<circle r="1e999"/>', 'onload="x"', '<style>@import url(http://127.0.0.1:9/)</style>'),
      fc.string({ maxLength: 30 }),
      fc.integer({ min: 1, max: 500 }).map((n) => '<g>'.repeat(n)),
    )
    const svg = fc.array(svgPart, { maxLength: 8 }).map((parts) => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">${parts.join('')}</svg>`))
    const image = fc.oneof(png.map((b) => ['image/png', b] as const), svg.map((b) => ['image/svg+xml', b] as const), fc.tuple(fc.constantFrom('image/png', 'image/svg+xml'), fc.uint8Array({ maxLength: 100 })).map(([type, b]) => [type, Buffer.from(b)] as const))
    await assertProperty(
      fc.asyncProperty(image, fc.constantFrom(`/api/v1/orgs/${p.org.slug}/logo`, `/api/v1/orgs/${p.org.slug}/images`), async ([type, bytes], path) => {
        cases++
        const res = await p.t.request(path, { as: owner, method: path.endsWith('/logo') ? 'PUT' : 'POST', body: bytes, headers: { 'content-type': type } })
        noServerError(res, `${path} ${type} ${bytes.subarray(0, 80).toString('latin1')}`)
        await res.arrayBuffer()
      }),
      { numRuns: 1500 },
    )
  })

  const csvText = fc
    .tuple(fc.constantFrom('\n', '\r\n', '\r'), fc.array(
      fc.array(fc.oneof(fc.constantFrom('email', 'name', 'did', 'validUntil', '"', '""', '"a,b"', '=HYPERLINK("http://x")', 'ada@example.org', '\r\n', '\n', '\uFEFF', ''), fc.string({ maxLength: 12 })), { maxLength: 6 }).map((cells) => cells.join(',')),
      { maxLength: 8 },
    ))
    .map(([eol, lines]) => lines.join(eol))

  it('the CSV row reader: rows or ERR_CSV_INVALID, never another error or a hang', { timeout: 120_000 }, async () => {
    await assertProperty(
      fc.asyncProperty(csvText, fc.integer({ min: 1, max: 7 }), async (text, split) => {
        cases++
        const bytes = Buffer.from(text)
        const at = Math.floor(bytes.length / split)
        try {
          for await (const row of csvRows(chunks([bytes.subarray(0, at), bytes.subarray(at)]))) expect(row.row).toBeGreaterThan(1)
        } catch (err) {
          expect(err, text.slice(0, 120)).toBeInstanceOf(PlatformError)
        }
      }),
      { numRuns: 3200 },
    )
  })

  it('CSV uploads to the batch route: queued or refused with a 4xx, never a 5xx', { timeout: 300_000 }, async () => {
    await assertProperty(
      fc.asyncProperty(csvText, async (text) => {
        cases++
        const res = await p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/${p.achievementId}/batches`, { as: owner, method: 'POST', body: `email,name\n${text}`, headers: { 'content-type': 'text/csv' } })
        noServerError(res, text.slice(0, 120))
        await res.arrayBuffer()
      }),
      { numRuns: 300 },
    )
  })

  it('error report cells: any text comes out quoted and inert in a spreadsheet', async () => {
    await assertProperty(
      fc.asyncProperty(fc.string({ maxLength: 40 }), async (text) => {
        cases++
        const cell = csvCell(text)
        expect(cell.startsWith('"') && cell.endsWith('"')).toBe(true)
        expect(cell.slice(1)).not.toMatch(/^[=+\-@\t\r]/)
        const inner = cell.slice(1, -1).replace(/""/g, '"')
        expect(inner === text || inner === `'${text}`).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })

  it('the verifier on mutated signed credentials: a report, never a throw or a hang', { timeout: 300_000 }, async () => {
    const original = JSON.stringify(signed)
    const paths: (string | number)[][] = []
    const walk = (v: unknown, at: (string | number)[]) => {
      paths.push(at)
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]))
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, k])
    }
    walk(signed, [])
    await assertProperty(
      fc.asyncProperty(fc.integer({ min: 1, max: paths.length - 1 }), fc.jsonValue({ maxDepth: 2 }), async (i, value) => {
        cases++
        const copy = JSON.parse(original)
        const at = paths[i]!
        let parent = copy
        for (const k of at.slice(0, -1)) parent = parent[k]
        parent[at.at(-1)!] = value
        const report = await p.verify(copy)
        expect(report).toBeTypeOf('object')
      }),
      { numRuns: 500 },
    )
  })

  it(`ran at least 10,000 cases with the heap flat`, () => {
    expect(cases).toBeGreaterThanOrEqual(10_000)
    const after = heapAfterGc()
    console.log(`fuzz: ${cases} cases, heap after a full GC ${(heapBefore / 2 ** 20).toFixed(0)} MB → ${(after / 2 ** 20).toFixed(0)} MB, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`)
    expect(after - heapBefore).toBeLessThan(48 * 2 ** 20)
  })
})
