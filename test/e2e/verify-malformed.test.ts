// Hostile and broken inputs through the whole verification pipeline: each fails one named check with
// a documented code, quickly, without throwing and without reaching the network.
import { describe, expect, it, vi } from 'vitest'
import { createSigner, didKeyOf, generateKeyPair, signCredential, type Signer } from '../../src/core/proof/index.js'
import { StatusList, buildStatusListCredential } from '../../src/core/status-list/index.js'
import { verifyCredential, type CheckId, type VerificationReport, type VerifyDeps } from '../../src/core/verification/index.js'
import { buildIssuerProfile, buildRealisticCredential } from '../support/builders.js'

const now = new Date('2026-06-01T12:00:00Z')
const CREATED = '2025-03-01T09:00:00Z'

const keyPair = generateKeyPair()
const signer = createSigner(keyPair)
const did = didKeyOf(keyPair.publicKeyMultibase)

/** The realistic credential, issued by `did`, without a status entry unless `withStatus`. */
function credential(overrides: Record<string, unknown> = {}, withStatus = false): Record<string, unknown> {
  const { credentialStatus, ...rest } = buildRealisticCredential({ issuer: buildIssuerProfile({ id: did }) })
  return { ...rest, ...(withStatus ? { credentialStatus } : {}), ...overrides }
}

const sign = (document: Record<string, unknown>, by: Signer = signer) => signCredential(document, by, { suite: 'eddsa-rdfc-2022', created: CREATED })

/** Verifies offline with a fetcher that fails the test if it is ever called. */
async function verify(input: unknown, deps: Partial<VerifyDeps> = {}): Promise<VerificationReport> {
  const fetcher = vi.fn(async (url: string) => expect.unreachable(`fetched ${url}`))
  const report = await verifyCredential(input, { now, fetcher, ...deps })
  expect(fetcher).not.toHaveBeenCalled()
  expect(report.verified).toBe(false)
  return report
}

/** The first failed check: the one a user is shown as the reason. */
const firstFailure = (report: VerificationReport) => report.checks.find((c) => c.outcome === 'failed')
const failure = (report: VerificationReport, id: CheckId) => report.checks.find((c) => c.id === id && c.outcome === 'failed')

describe('verifying malformed and hostile credentials', () => {
  it('fails truncated JSON at the parse check with JSON_PARSE and the position', async () => {
    const text = JSON.stringify(await sign(credential()))
    const report = await verify(text.slice(0, text.length / 2))
    expect(firstFailure(report)).toMatchObject({ id: 'parse', code: 'JSON_PARSE' })
    expect(firstFailure(report)?.message).toMatch(/line 1, column \d+/)
    expect(report.checks.slice(1).every((c) => c.outcome === 'skipped')).toBe(true)
  })

  it('fails properties of the wrong type at the schema check with SCHEMA_INVALID', async () => {
    // JCS signs any JSON, so the proof holds and the schema check alone has to catch it.
    const wrong = credential({ validFrom: 20250301, credentialSubject: 'Ada' })
    const report = await verify(await signCredential(wrong, signer, { suite: 'eddsa-jcs-2022', created: CREATED }))
    expect(firstFailure(report)).toMatchObject({ id: 'schema', code: 'SCHEMA_INVALID' })
    expect(failure(report, 'proof')).toBeUndefined()
    expect(failure(report, 'validity-period')).toMatchObject({ code: 'VALIDITY_PERIOD_INVALID' })
  })

  it('fails 10,000-deep nesting at the parse check with INPUT_TOO_DEEP, without a stack overflow', async () => {
    const deep = `{"@context":${'['.repeat(10_000)}${']'.repeat(10_000)}}`
    expect(firstFailure(await verify(deep))).toMatchObject({ id: 'parse', code: 'INPUT_TOO_DEEP' })
    let nested: unknown = {}
    for (let i = 0; i < 10_000; i++) nested = { nested }
    expect(firstFailure(await verify({ ...credential(), nested }))).toMatchObject({ id: 'parse', code: 'INPUT_TOO_DEEP' })
  })

  it('rejects a 100 MB string by its size before decoding or parsing it', async () => {
    const huge = `{"name":"${'a'.repeat(100 * 1024 * 1024)}"}`
    const bytes = Buffer.from(huge)
    const started = performance.now()
    const reports = [await verify(huge), await verify(bytes), await verify({ ...credential(), name: huge })]
    expect(performance.now() - started).toBeLessThan(250)
    for (const report of reports) expect(firstFailure(report)).toMatchObject({ id: 'parse', code: 'INPUT_TOO_LARGE' })
  })

  it('fails a context that is not bundled with CONTEXT_UNKNOWN at the proof check, and never fetches it', async () => {
    const signed = await sign(credential())
    const unknown = { ...signed, '@context': [...(signed['@context'] as string[]), 'https://contexts.example/unknown/v1'] }
    const report = await verify(unknown)
    expect(failure(report, 'proof')).toMatchObject({ code: 'CONTEXT_UNKNOWN' })
    expect(failure(report, 'proof')?.message).toContain('https://contexts.example/unknown/v1')
  })

  it('fails a proof made by another key under the issuer’s name with PROOF_SIGNATURE_INVALID', async () => {
    const signed = await sign(credential(), createSigner(generateKeyPair(), signer.verificationMethod))
    expect(firstFailure(await verify(signed))).toMatchObject({ id: 'proof', code: 'PROOF_SIGNATURE_INVALID' })
  })

  it('fails a valid proof by a key that is not the issuer’s with ISSUER_MISMATCH', async () => {
    const signed = await sign(credential(), createSigner(generateKeyPair()))
    expect(firstFailure(await verify(signed))).toMatchObject({ id: 'issuer-binding', code: 'ISSUER_MISMATCH' })
  })

  it('fails an expired credential with CREDENTIAL_EXPIRED', async () => {
    const signed = await sign(credential({ validUntil: '2026-01-01T00:00:00Z' }))
    expect(firstFailure(await verify(signed))).toMatchObject({ id: 'validity-period', code: 'CREDENTIAL_EXPIRED' })
  })

  it('fails a credential that is not yet valid with CREDENTIAL_NOT_YET_VALID', async () => {
    const signed = await sign(credential({ validFrom: '2027-01-01T00:00:00Z' }))
    expect(firstFailure(await verify(signed))).toMatchObject({ id: 'validity-period', code: 'CREDENTIAL_NOT_YET_VALID' })
  })

  it('fails a revoked credential with CREDENTIAL_REVOKED, reading the signed status list supplied offline', async () => {
    const signed = await sign(credential({}, true))
    const entry = signed.credentialStatus as { statusListCredential: string; statusListIndex: string }
    const list = new StatusList()
    list.set(Number(entry.statusListIndex), 1)
    const draft = buildStatusListCredential({ id: entry.statusListCredential, issuer: did, statusPurpose: 'revocation', list, validFrom: CREATED })
    const listCredential = await sign(draft as unknown as Record<string, unknown>)
    const report = await verify(signed, { documents: new Map([[entry.statusListCredential, listCredential]]) })
    expect(firstFailure(report)).toMatchObject({ id: 'status', code: 'CREDENTIAL_REVOKED' })
  })
})
