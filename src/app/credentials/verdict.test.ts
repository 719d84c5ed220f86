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
