import { describe, expect, it } from 'vitest'
import { didDocument } from './did-document.js'

describe('didDocument', () => {
  it('lists active and retired keys as Multikey assertion methods and leaves revoked keys out', () => {
    const keys = [
      { id: 'key-old', publicKeyMultibase: 'z6MkOld', state: 'revoked' as const },
      { id: 'key-mid', publicKeyMultibase: 'z6MkMid', state: 'retired' as const },
      { id: 'key-new', publicKeyMultibase: 'z6MkNew', state: 'active' as const },
    ]
    const did = 'did:web:badges.example%3A8443:orgs:acme'
    expect(didDocument({ slug: 'acme' }, keys, 'https://badges.example:8443')).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [
        { id: `${did}#key-mid`, type: 'Multikey', controller: did, publicKeyMultibase: 'z6MkMid' },
        { id: `${did}#key-new`, type: 'Multikey', controller: did, publicKeyMultibase: 'z6MkNew' },
      ],
      assertionMethod: [`${did}#key-mid`, `${did}#key-new`],
    })
  })
})
