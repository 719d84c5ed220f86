import { describe, expect, it } from 'vitest'
import { checkIssuerBinding } from './check-issuer-binding.js'

const did = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'
const method = { verificationMethod: `${did}#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK`, controller: did }

describe('checkIssuerBinding', () => {
  it('passes when the key that verified belongs to the issuer', () => {
    const check = checkIssuerBinding({ issuer: { id: did, type: ['Profile'] } }, { verified: [method] })
    expect(check).toMatchObject({ id: 'issuer-binding', outcome: 'passed' })
  })

  it('fails when the key that verified is controlled by someone other than the issuer', () => {
    const check = checkIssuerBinding({ issuer: 'did:web:university.example' }, { verified: [method] })
    expect(check).toMatchObject({ outcome: 'failed', code: 'ISSUER_MISMATCH' })
    expect(check.message).toContain(did)
  })

  it('does not trust a controller claimed by a method from someone else’s document', () => {
    const claimed = { verificationMethod: 'did:web:attacker.example#key-1', controller: 'did:web:university.example' }
    const originOf = () => ({ documentId: 'did:web:attacker.example', isProfile: false })
    expect(checkIssuerBinding({ issuer: 'did:web:university.example' }, { verified: [claimed], originOf }).code).toBe('ISSUER_MISMATCH')
  })

  it('binds a key found in the issuer Profile whatever controller the Profile states', () => {
    const profileId = 'https://example.edu/issuers/876543'
    const found = { verificationMethod: `${profileId}#key`, controller: 'https://example.edu/elsewhere' }
    const originOf = () => ({ documentId: profileId, isProfile: true })
    expect(checkIssuerBinding({ issuer: { id: profileId } }, { verified: [found], originOf }).outcome).toBe('passed')
    expect(checkIssuerBinding({ issuer: { id: 'https://example.edu/issuers/1' } }, { verified: [found], originOf }).code).toBe('ISSUER_MISMATCH')
  })

  it('passes when any one proof of a proof set is the issuer’s', () => {
    const other = { verificationMethod: 'did:key:other#other', controller: 'did:key:other' }
    expect(checkIssuerBinding({ issuer: did }, { verified: [other, method] }).outcome).toBe('passed')
  })

  it('is skipped when no proof verified', () => {
    expect(checkIssuerBinding({ issuer: did }, { verified: [] }).outcome).toBe('skipped')
  })

  it('fails a bound issuer that is not on the trusted list, when one is given', () => {
    expect(checkIssuerBinding({ issuer: did }, { verified: [method], trustedIssuers: ['did:web:university.example'] }).code).toBe(
      'ISSUER_NOT_TRUSTED',
    )
    expect(checkIssuerBinding({ issuer: did }, { verified: [method], trustedIssuers: [did] }).outcome).toBe('passed')
  })
})
