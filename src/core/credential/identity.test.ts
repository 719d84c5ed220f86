import { describe, expect, it } from 'vitest'
import { emailIdentity, hashIdentity, isIdentityHash, matchesIdentity, normalizeEmail } from './identity.js'
import type { IdentityObject } from './types.js'

describe('hashIdentity', () => {
  it('reproduces the OB 3.0 spec example for a@example.com salted with Kosher', () => {
    expect(hashIdentity('a@example.com', 'Kosher')).toBe('sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399')
  })

  it('hashes UTF-8 bytes, so non-ASCII identifiers are stable', () => {
    expect(hashIdentity('zoë@example.org', 's')).toMatch(/^sha256\$[0-9a-f]{64}$/)
    expect(hashIdentity('zoë@example.org', 's')).not.toBe(hashIdentity('zoe@example.org', 's'))
  })
})

describe('normalizeEmail', () => {
  it('trims and lower-cases, and nothing more', () => {
    expect(normalizeEmail('  Ada.Lovelace+badges@Example.ORG \n')).toBe('ada.lovelace+badges@example.org')
  })
})

describe('isIdentityHash', () => {
  it('accepts sha256 and legacy md5 hashes in either case and rejects anything else', () => {
    expect(isIdentityHash(hashIdentity('x', 'y'))).toBe(true)
    expect(isIdentityHash(hashIdentity('x', 'y').toUpperCase().replace('SHA256', 'sha256'))).toBe(true)
    expect(isIdentityHash('md5$' + 'a'.repeat(32))).toBe(true)
    expect(isIdentityHash('sha256$' + 'a'.repeat(63))).toBe(false)
    expect(isIdentityHash('sha1$' + 'a'.repeat(40))).toBe(false)
    expect(isIdentityHash('a@example.com')).toBe(false)
  })
})

describe('matchesIdentity', () => {
  const identity = emailIdentity(' Ada@Example.org ', 'pepper')

  it('matches the address it was made from, whatever its case and surrounding spaces', () => {
    expect(identity.identityHash).toBe(hashIdentity('ada@example.org', 'pepper'))
    expect(matchesIdentity(identity, 'ada@example.org')).toBe(true)
    expect(matchesIdentity(identity, 'ADA@EXAMPLE.ORG  ')).toBe(true)
  })

  it('does not match another address', () => {
    expect(matchesIdentity(identity, 'eve@example.org')).toBe(false)
  })

  it('matches the spec example, whose hash uses the salt as published', () => {
    const spec: IdentityObject = {
      type: 'IdentityObject',
      hashed: true,
      identityType: 'emailAddress',
      salt: 'Kosher',
      identityHash: 'sha256$B5809D8A92F8858436D7E6B87C12EBC0AE1EAC4BAECC2C0B913AEE2C922EF399',
    }
    expect(matchesIdentity(spec, 'a@example.com')).toBe(true)
  })

  it('matches hashes of an address another issuer did not normalize', () => {
    const foreign: IdentityObject = { ...identity, identityHash: hashIdentity('Ada@Example.org', 'pepper') }
    expect(matchesIdentity(foreign, 'Ada@Example.org')).toBe(true)
  })

  it('compares plaintext identities after normalization', () => {
    const plain: IdentityObject = { type: 'IdentityObject', hashed: false, identityType: 'emailAddress', identityHash: 'Ada@example.org' }
    expect(matchesIdentity(plain, 'ada@EXAMPLE.org')).toBe(true)
  })

  it('never matches an identity of another type or a malformed hash', () => {
    expect(matchesIdentity({ ...identity, identityType: 'userName' }, 'ada@example.org')).toBe(false)
    expect(matchesIdentity({ ...identity, identityHash: 'sha256$zz' }, 'ada@example.org')).toBe(false)
  })
})
