import { describe, expect, it } from 'vitest'
import { encodeBase64url } from '../../core/encoding/index.js'
import { decodePublicKeyMultibase, generateKeyPair } from '../../core/proof/index.js'
import { didDocument } from './did-document.js'

describe('didDocument', () => {
  it('lists active and retired keys as Multikey and JWK assertion methods and leaves revoked keys out', () => {
    const [old, mid, fresh] = [generateKeyPair(), generateKeyPair(), generateKeyPair()].map((k) => k.publicKeyMultibase)
    const keys = [
      { id: 'key-old', publicKeyMultibase: old!, state: 'revoked' as const },
      { id: 'key-mid', publicKeyMultibase: mid!, state: 'retired' as const },
      { id: 'key-new', publicKeyMultibase: fresh!, state: 'active' as const },
    ]
    const did = 'did:web:badges.example%3A8443:orgs:acme'
    const jwk = (key: string) => ({ kty: 'OKP', crv: 'Ed25519', x: encodeBase64url(decodePublicKeyMultibase(key)) })
    expect(didDocument({ slug: 'acme' }, keys, 'https://badges.example:8443')).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
      id: did,
      verificationMethod: [
        { id: `${did}#key-mid`, type: 'Multikey', controller: did, publicKeyMultibase: mid },
        { id: `${did}#key-mid-jwk`, type: 'JsonWebKey2020', controller: did, publicKeyJwk: jwk(mid!) },
        { id: `${did}#key-new`, type: 'Multikey', controller: did, publicKeyMultibase: fresh },
        { id: `${did}#key-new-jwk`, type: 'JsonWebKey2020', controller: did, publicKeyJwk: jwk(fresh!) },
      ],
      assertionMethod: [`${did}#key-mid`, `${did}#key-mid-jwk`, `${did}#key-new`, `${did}#key-new-jwk`],
    })
  })
})
