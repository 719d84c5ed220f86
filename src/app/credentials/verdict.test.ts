import { describe, expect, it } from 'vitest'
import type { Check, VerificationReport } from '../../core/verification/index.js'
import { verdictOf } from './verdict.js'

const passed = (id: Check['id']): Check => ({ id, outcome: 'passed', message: '' })
const failed = (id: Check['id'], code: Check['code']): Check => ({ id, outcome: 'failed', code, message: '' })
const report = (...checks: Check[]): VerificationReport => ({ verified: checks.every((c) => c.outcome !== 'failed'), checks })

describe('verdictOf', () => {
  it('says verified when every check passed and the issuer has not withdrawn it', () => {
    expect(verdictOf(report(passed('proof'), passed('status')), 'active')).toBe('verified')
  })

  it('puts the issuer’s revocation or suspension first, from its record or the status list', () => {
    expect(verdictOf(report(passed('proof')), 'revoked')).toBe('revoked')
    expect(verdictOf(report(passed('proof'), failed('status', 'CREDENTIAL_REVOKED')))).toBe('revoked')
    expect(verdictOf(report(passed('proof')), 'suspended')).toBe('suspended')
    expect(verdictOf(report(failed('status', 'CREDENTIAL_SUSPENDED')))).toBe('suspended')
  })

  it('tells an expired credential and an untrusted issuer apart from a failed one', () => {
    expect(verdictOf(report(passed('proof'), failed('validity-period', 'CREDENTIAL_EXPIRED')))).toBe('expired')
    expect(verdictOf(report(passed('proof'), failed('issuer-binding', 'ISSUER_NOT_TRUSTED')))).toBe('issuer-untrusted')
    expect(verdictOf(report(failed('proof', 'PROOF_INVALID' as Check['code']), failed('validity-period', 'CREDENTIAL_EXPIRED')))).toBe('not-verified')
  })
})

describe('verdictOf with the trust check', () => {
  const trustFailed: Check = { id: 'trust', outcome: 'failed', code: 'ISSUER_NOT_TRUSTED', message: 'Signature valid, issuer not in any trusted list' }
  const trustPassed: Check = { id: 'trust', outcome: 'passed', message: 'Issuer trusted: This instance' }

  it('says issuer-untrusted for a valid credential whose issuer is in no trusted list, verified when one lists it', () => {
    expect(verdictOf({ verified: true, checks: [passed('proof'), trustFailed], trust: { trusted: false } })).toBe('issuer-untrusted')
    expect(verdictOf({ verified: true, checks: [passed('proof'), trustPassed], trust: { trusted: true, list: 'This instance' } })).toBe('verified')
  })

  it('keeps revoked, expired and failed ahead of an untrusted issuer', () => {
    expect(verdictOf({ verified: false, checks: [passed('proof'), failed('status', 'CREDENTIAL_REVOKED'), trustFailed], trust: { trusted: false } })).toBe('revoked')
    expect(verdictOf({ verified: false, checks: [passed('proof'), failed('validity-period', 'CREDENTIAL_EXPIRED'), trustFailed], trust: { trusted: false } })).toBe('expired')
    expect(verdictOf({ verified: false, checks: [failed('proof', 'PROOF_INVALID' as Check['code']), { id: 'trust', outcome: 'skipped', message: '' }], trust: { trusted: false } })).toBe('not-verified')
  })
})
