import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import {
  checkConsistency,
  checkInclusion,
  decodeEntryBundle,
  encodeHashTile,
  formatEntryBundlePath,
  formatTilePath,
  hashLeaf,
  hashTileFromLeaves,
  logEntryFor,
  openNote,
  parseCheckpoint,
  parseLogEntry,
  parseVerifierKey,
  tilesForSize,
  type Checkpoint,
  type Hash,
} from '../../src/core/transparency-log/index.js'
import { silentLogger } from '../../src/http/logger.js'
import { createApp } from '../../src/main.js'
import { loggable, openLogFixture, ORIGIN, type LogFixture } from './log-fixture.js'

const config = loadConfig({}, {})
const b64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'))
const credentials = Array.from({ length: 300 }, (_, n) => loggable(n, n % 3 === 0 ? 'did:web:other.example' : undefined))
const leafHashes: Hash[] = credentials.map((c) => hashLeaf(logEntryFor(c)))

let fixture: LogFixture
let app: ReturnType<typeof createApp>
let first: Checkpoint

beforeAll(async () => {
  fixture = await openLogFixture()
  await fixture.append(credentials.slice(0, 100))
  first = (await fixture.signCheckpoint()).checkpoint
  await fixture.append(credentials.slice(100))
  await fixture.signCheckpoint()
  app = createApp(config, { log: silentLogger, transparencyLog: { reader: fixture.reader, verifierKey: fixture.verifierKey } })
})
afterAll(() => fixture.close())

async function servedCheckpoint(): Promise<Checkpoint> {
  const note = await (await app.request('/log/checkpoint')).text()
  return parseCheckpoint(openNote(note, [parseVerifierKey(fixture.verifierKey)]).text)
}

async function expectProblem(path: string, status: number) {
  const res = await app.request(path)
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  const problem = (await res.json()) as { status: number; code: string }
  expect(problem.status).toBe(status)
  return problem
}

describe('GET /log/checkpoint and /log/key', () => {
  it('serves the latest checkpoint as a signed note that opens with the published key', async () => {
    const res = await app.request('/log/checkpoint')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(res.headers.get('cache-control')).toBe('no-cache')
    const key = (await (await app.request('/log/key')).text()).trim()
    expect(key).toBe(fixture.verifierKey)
    const checkpoint = parseCheckpoint(openNote(await res.text(), [parseVerifierKey(key)]).text)
    expect(checkpoint).toMatchObject({ origin: ORIGIN, size: 300 })
  })

  it('answers 503 problem+json on every log path when the instance publishes no log', async () => {
    const bare = createApp(config, { log: silentLogger })
    for (const path of ['/log/checkpoint', '/log/key', '/log/tile/0/000', '/log/proof/inclusion?credential=x', '/log/proof/consistency?from=1&to=2']) {
      const res = await bare.request(path)
      expect(res.status, path).toBe(503)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      expect(((await res.json()) as { code: string }).code).toBe('ERR_LOG_UNAVAILABLE')
    }
  })
})

describe('GET /log/tile/…', () => {
  it('serves every hash tile of the checkpoint, equal to the tiles computed from the leaves', async () => {
    const tiles = tilesForSize(300)
    expect(tiles.map(formatTilePath)).toEqual(['tile/0/000', 'tile/0/001.p/44', 'tile/1/000.p/1'])
    for (const tile of tiles) {
      const res = await app.request(`/log/${formatTilePath(tile)}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/octet-stream')
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(encodeHashTile(hashTileFromLeaves(tile, leafHashes)))
    }
  })

  it('marks full tiles immutable and partial tiles short-lived', async () => {
    expect((await app.request('/log/tile/0/000')).headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect((await app.request('/log/tile/0/001.p/44')).headers.get('cache-control')).toBe('public, max-age=60')
    expect((await app.request('/log/tile/entries/000')).headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })

  it('serves entry bundles that decode into the logged entries, in order', async () => {
    const entries = [
      ...decodeEntryBundle(new Uint8Array(await (await app.request(`/log/${formatEntryBundlePath(0, 256)}`)).arrayBuffer()), 256),
      ...decodeEntryBundle(new Uint8Array(await (await app.request(`/log/${formatEntryBundlePath(1, 44)}`)).arrayBuffer()), 44),
    ]
    expect(entries.map((e) => parseLogEntry(e).credential)).toEqual(credentials.map((c) => c.id))
    expect(entries.map(hashLeaf)).toEqual(leafHashes)
  })

  it('serves a narrower partial tile of an older tree size', async () => {
    const res = await app.request('/log/tile/0/000.p/100')
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(encodeHashTile(leafHashes.slice(0, 100)))
  })

  it('answers 404 problem+json for tiles beyond the latest checkpoint', async () => {
    for (const path of ['/log/tile/0/001', '/log/tile/0/001.p/45', '/log/tile/1/000', '/log/tile/2/000.p/1', '/log/tile/entries/002']) {
      expect((await expectProblem(path, 404)).code).toBe('ERR_NOT_FOUND')
    }
  })

  it('answers 400 problem+json for tile paths that are not canonical', async () => {
    for (const path of ['/log/tile/0/0', '/log/tile/00/000', '/log/tile/0/x000/000', '/log/tile/0/000.p/256', '/log/tile/0/000.p/01', '/log/tile/x/000']) {
      expect((await expectProblem(path, 400)).code).toBe('ERR_INPUT_INVALID')
    }
  })
})

describe('GET /log/proof/…', () => {
  it('serves inclusion proofs that verify against the served checkpoint', async () => {
    const checkpoint = await servedCheckpoint()
    for (const n of [0, 1, 99, 100, 255, 256, 299]) {
      const res = await app.request(`/log/proof/inclusion?credential=${encodeURIComponent(credentials[n]!.id as string)}`)
      expect(res.status).toBe(200)
      const proof = (await res.json()) as { index: number; treeSize: number; hashes: string[]; checkpoint: string }
      expect(proof).toMatchObject({ index: n, treeSize: 300 })
      expect(parseCheckpoint(openNote(proof.checkpoint, [parseVerifierKey(fixture.verifierKey)]).text)).toEqual(checkpoint)
      expect(() => checkInclusion(n, 300, leafHashes[n]!, proof.hashes.map(b64), checkpoint.root)).not.toThrow()
    }
  })

  it('answers 404 for a credential that is not in the log, and 400 without one', async () => {
    expect((await expectProblem('/log/proof/inclusion?credential=urn:uuid:nope', 404)).code).toBe('ERR_NOT_FOUND')
    expect((await expectProblem('/log/proof/inclusion', 400)).code).toBe('ERR_INPUT_INVALID')
  })

  it('serves a consistency proof that verifies between two signed checkpoints', async () => {
    const latest = await servedCheckpoint()
    const res = await app.request(`/log/proof/consistency?from=${first.size}&to=${latest.size}`)
    expect(res.status).toBe(200)
    const proof = (await res.json()) as { from: number; to: number; hashes: string[] }
    expect(proof).toMatchObject({ from: 100, to: 300 })
    expect(() => checkConsistency(100, 300, proof.hashes.map(b64), first.root, latest.root)).not.toThrow()
  })

  it('answers 400 problem+json for sizes that do not make a consistency proof', async () => {
    for (const query of ['from=300&to=100', 'from=1&to=301', 'from=0&to=5', 'from=01&to=5', 'from=a&to=5', 'to=5', 'from=-1&to=5']) {
      expect((await expectProblem(`/log/proof/consistency?${query}`, 400)).code).toBe('ERR_INPUT_INVALID')
    }
  })
})
