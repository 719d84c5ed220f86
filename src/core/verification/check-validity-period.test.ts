import { describe, expect, it } from 'vitest'
import { checkValidityPeriod } from './check-validity-period.js'

const now = new Date('2026-06-01T12:00:00Z')

describe('checkValidityPeriod', () => {
  it('passes a VC 2.0 credential whose validity period contains now', () => {
    const check = checkValidityPeriod({ validFrom: '2026-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z' }, { now })
    expect(check).toMatchObject({ id: 'validity-period', outcome: 'passed' })
  })

  it('rejects a credential whose validUntil has passed', () => {
    const check = checkValidityPeriod({ validFrom: '2025-01-01T00:00:00Z', validUntil: '2026-05-01T00:00:00Z' }, { now })
    expect(check).toMatchObject({ outcome: 'failed', code: 'CREDENTIAL_EXPIRED' })
  })

  it('rejects a credential whose validFrom is still ahead', () => {
    const check = checkValidityPeriod({ validFrom: '2026-07-01T00:00:00Z' }, { now })
    expect(check).toMatchObject({ outcome: 'failed', code: 'CREDENTIAL_NOT_YET_VALID' })
  })

  it('reads issuanceDate and expirationDate in the VC 1.1 form', () => {
    expect(checkValidityPeriod({ issuanceDate: '2026-07-01T00:00:00Z' }, { now })).toMatchObject({ code: 'CREDENTIAL_NOT_YET_VALID' })
    expect(checkValidityPeriod({ issuanceDate: '2020-01-01T00:00:00Z', expirationDate: '2021-01-01T00:00:00Z' }, { now })).toMatchObject({
      code: 'CREDENTIAL_EXPIRED',
    })
    expect(checkValidityPeriod({ issuanceDate: '2020-01-01T00:00:00Z', expirationDate: '2030-01-01T00:00:00Z' }, { now })).toMatchObject({
      outcome: 'passed',
    })
  })

  it('prefers validFrom over issuanceDate when a credential carries both', () => {
    const check = checkValidityPeriod({ validFrom: '2026-07-01T00:00:00Z', issuanceDate: '2020-01-01T00:00:00Z' }, { now })
    expect(check.code).toBe('CREDENTIAL_NOT_YET_VALID')
  })

  it('tolerates a clock that is behind the issuer by less than the skew allowance', () => {
    const soon = { validFrom: '2026-06-01T12:04:00Z' }
    expect(checkValidityPeriod(soon, { now }).outcome).toBe('passed')
    expect(checkValidityPeriod(soon, { now, maxClockSkewSeconds: 0 }).code).toBe('CREDENTIAL_NOT_YET_VALID')
  })

  it('fails a bound that is not a date-time instead of ignoring it', () => {
    expect(checkValidityPeriod({ validUntil: 'next tuesday' }, { now })).toMatchObject({ outcome: 'failed', code: 'VALIDITY_PERIOD_INVALID' })
    expect(checkValidityPeriod({ validUntil: 1_700_000_000 }, { now })).toMatchObject({ code: 'VALIDITY_PERIOD_INVALID' })
  })

  it('passes a credential without any validity period', () => {
    expect(checkValidityPeriod({}, { now })).toMatchObject({ outcome: 'passed', message: 'No validity period is stated' })
  })
})
