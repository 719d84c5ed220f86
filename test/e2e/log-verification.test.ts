import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { createSigner, didKeyOf, generateKeyPair, signCredential } from '../../src/core/proof/index.js'
import { verifyCredential, type Check, type VerificationReport } from '../../src/core/verification/index.js'
import type { LocalLog, LogInclusionSource } from '../../src/core/verification/check-log-inclusion.js'
import { silentLogger } from '../../src/http/logger.js'
import { createApp } from '../../src/main.js'
import { buildIssuerProfile, buildRealisticCredential } from '../support/builders.js'
import { loggable, openLogFixture, strangerKey, type LogFixture } from './log-fixture.js'

const now = new Date('2026-06-01T12:00:00Z')
const keyPair = generateKeyPair()
const did = didKeyOf(keyPair.publicKeyMultibase)
const signer = createSigner(keyPair)

async function signed(n: number) {
  const { credentialStatus: _status, ...credential } = buildRealisticCredential({ issuer: buildIssuerProfile({ id: did }) })
  return signCredential({ ...credential, id: `urn:uuid:11111111-2222-4333-8444-${String(n).padStart(12, '0')}` }, signer, {
    suite: 'eddsa-rdfc-2022',
    created: '2025-03-01T09:00:00Z',
  })
}

const logCheck = (report: VerificationReport): Check => report.checks.find((c) => c.id === 'log-inclusion')!

let fixture: LogFixture
let logged: Record<string, unknown>
let notLogged: Record<string, unknown>

beforeAll(async () => {
  fixture = await openLogFixture()
  logged = await signed(1)
  notLogged = await signed(2)
  await fixture.append([loggable(0), logged, loggable(3)])
  await fixture.signCheckpoint()
})
afterAll(() => fixture.close())

const local = (overrides: Partial<LogInclusionSource> = {}): LogInclusionSource => ({ verifierKeys: [fixture.verifierKey], local: fixture.reader, ...overrides })

describe('the log-inclusion check over this instance\'s log', () => {
  it('passes for a credential in the log, proved against the signed checkpoint', async () => {
    const report = await verifyCredential(logged, { now, log: local() })
    expect(logCheck(report)).toMatchObject({ outcome: 'passed', message: 'Entry 1 of emblem.test/log, proved against its signed checkpoint of size 3' })
    expect(report.verified).toBe(true)
  })

  it('fails NOT_IN_LOG for a credential the log never recorded', async () => {
    const report = await verifyCredential(notLogged, { now, log: local() })
    expect(logCheck(report)).toMatchObject({ outcome: 'failed', code: 'NOT_IN_LOG' })
    expect(report.verified).toBe(false)
  })

  it('fails LOG_INCLUSION_INVALID for a credential changed after it was logged', async () => {
    const report = await verifyCredential({ ...logged, name: 'A better credential' }, { now, log: local() })
    expect(logCheck(report)).toMatchObject({ outcome: 'failed', code: 'LOG_INCLUSION_INVALID' })
    expect(logCheck(report).message).toContain("the logged entry is not this credential's")
  })

  it('fails LOG_CHECKPOINT_INVALID when no trusted key signed the checkpoint', async () => {
    const report = await verifyCredential(logged, { now, log: local({ verifierKeys: [strangerKey()] }) })
    expect(logCheck(report)).toMatchObject({ outcome: 'failed', code: 'LOG_CHECKPOINT_INVALID' })
  })

  it('checks a changed checkpoint note again, though the same checkpoint verified before', async () => {
    expect(logCheck(await verifyCredential(logged, { now, log: local() })).outcome).toBe('passed')
    const latest = (await fixture.reader.latestCheckpoint())!
    // The note that verified, with one character of its signature changed (well inside the signature bytes).
    const forged = latest.note.replace(/^(— \S+ .{20})(.)/mu, (_, head: string, c: string) => `${head}${c === 'A' ? 'B' : 'A'}`)
    expect(forged).not.toBe(latest.note)
    const reader: LocalLog = {
      latestCheckpoint: async () => ({ ...latest, note: forged }),
      indexOfCredential: (id) => fixture.reader.indexOfCredential(id),
      nodes: (ids, size) => fixture.reader.nodes(ids, size),
    }
    const report = await verifyCredential(logged, { now, log: local({ local: reader }) })
    expect(logCheck(report)).toMatchObject({ outcome: 'failed', code: 'LOG_CHECKPOINT_INVALID' })
    // And the note that verified still verifies.
    expect(logCheck(await verifyCredential(logged, { now, log: local() })).outcome).toBe('passed')
  })

  it('is skipped when no log is known for the issuer', async () => {
    const report = await verifyCredential(logged, { now, log: local({ isLocalIssuer: (issuer) => issuer === 'did:web:elsewhere.example' }) })
    expect(logCheck(report)).toMatchObject({ outcome: 'skipped', message: `No transparency log known for issuer ${did}` })
    expect(report.verified).toBe(true)
  })
})

describe("the log-inclusion check over an issuer's published log", () => {
  const BASE = 'https://issuer.example/log'
  // The injected fetcher, answered in-process by the issuer's app: JSON on 200, a rejection otherwise.
  const fetcherFor = (app: ReturnType<typeof createApp>) => async (url: string) => {
    const res = await app.request(url.replace('https://issuer.example', ''))
    if (res.status !== 200) throw new Error(`${url} answered HTTP ${res.status}`)
    return res.json()
  }
  let fetcher: (url: string) => Promise<unknown>
  beforeAll(() => {
    const app = createApp(loadConfig({}, {}), { log: silentLogger, transparencyLog: { reader: fixture.reader, verifierKey: fixture.verifierKey } })
    fetcher = fetcherFor(app)
  })
  const remote = (): LogInclusionSource => ({ verifierKeys: [fixture.verifierKey], remoteLogs: new Map([[did, BASE]]) })

  it('passes for a credential the issuer logged', async () => {
    const report = await verifyCredential(logged, { now, fetcher, log: remote() })
    expect(logCheck(report)).toMatchObject({ outcome: 'passed' })
  })

  it('fails for a credential the issuer did not log, saying the log answered 404', async () => {
    const report = await verifyCredential(notLogged, { now, fetcher, log: remote() })
    expect(logCheck(report)).toMatchObject({ outcome: 'failed', code: 'LOG_RETRIEVAL_ERROR' })
    expect(logCheck(report).message).toContain('HTTP 404')
  })

  it('fails for a tampered credential even though the log has its id', async () => {
    const report = await verifyCredential({ ...logged, validFrom: '2020-01-01T00:00:00Z' }, { now, fetcher, log: remote() })
    expect(logCheck(report)).toMatchObject({ outcome: 'failed', code: 'LOG_INCLUSION_INVALID' })
  })
})
