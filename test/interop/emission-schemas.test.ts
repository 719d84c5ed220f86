// What Emblem emits, as the official OB 3.0 JSON Schemas read it (issue #14 item 4): the two published
// variants disagree on `proof` (the JSON-LD one requires an array), so Emblem emits a proof set of one,
// which both accept. The schemas are read from ../shared and never copied into the repository.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildCredentialInput, buildIssuerProfile } from '../support/builders.js'
import { signDraft } from '../../src/app/issuance/sign-draft.js'
import { buildAchievementCredential, validateAgainstJsonSchema } from '../../src/core/credential/index.js'
import { createSigner, generateKeyPair, signCredential } from '../../src/core/proof/index.js'
import { verifyCredential } from '../../src/core/verification/index.js'

const SCHEMAS = path.resolve(process.cwd(), '../shared/interop/schemas/ob-v3p0')
const VARIANTS = ['ob_v3p0_achievementcredential_schema.json', 'ob_v3p0_achievementcredential_schema.json-ld-variant.json']
const schema = (file: string) => JSON.parse(readFileSync(path.join(SCHEMAS, file), 'utf8')) as object

const keyPair = generateKeyPair()
const did = `did:key:${keyPair.publicKeyMultibase}`
const signer = createSigner(keyPair)
/** The realistic credential without its status entry: its list is not served here, and status is not what this file is about. */
const draft = () => {
  const { credentialStatus: _status, ...credential } = buildAchievementCredential(buildCredentialInput({ issuer: buildIssuerProfile({ id: did }) }))
  return credential
}

describe.skipIf(!existsSync(SCHEMAS))('proof in what Emblem issues, against both official schema variants', () => {
  it.each(['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const)('%s: an issued credential carries a proof set of one that both variants accept, and verifies', async (suite) => {
    const signed = JSON.parse((await signDraft(draft(), signer, suite, '2026-03-01T09:00:00Z')).stored) as Record<string, unknown>
    expect(Array.isArray(signed.proof)).toBe(true)
    expect(signed.proof).toHaveLength(1)
    for (const variant of VARIANTS) expect(validateAgainstJsonSchema(signed, schema(variant)), variant).toEqual({ valid: true, errors: [] })
    const report = await verifyCredential(signed, { now: new Date('2026-06-01T00:00:00Z') })
    expect(report.checks.filter((c) => c.outcome === 'failed')).toEqual([])
  })

  it('shows why: a lone proof object, as the W3C vectors carry it, is rejected by the JSON-LD variant', async () => {
    const lone = (await signCredential(draft(), signer, { suite: 'eddsa-rdfc-2022', created: '2026-03-01T09:00:00Z' })) as Record<string, unknown>
    expect(Array.isArray(lone.proof)).toBe(false)
    expect(validateAgainstJsonSchema(lone, schema(VARIANTS[0]!)).valid).toBe(true)
    expect(validateAgainstJsonSchema(lone, schema(VARIANTS[1]!)).errors).toEqual([{ path: '/proof', message: 'must be an array' }])
  })
})
