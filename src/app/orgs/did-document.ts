import { decodePublicKeyMultibase } from '../../core/proof/index.js'
import { encodeBase64url } from '../../core/encoding/index.js'
import type { StoredOrgKey } from '../platform/ports.js'
import { orgDid } from './did.js'

/** A Multikey method (what Data Integrity proofs cite) or the same key as a JWK (what a VC-JWT's `kid` names). */
export type OrgVerificationMethod =
  | { id: string; type: 'Multikey'; controller: string; publicKeyMultibase: string }
  | { id: string; type: 'JsonWebKey2020'; controller: string; publicKeyJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string } }

/** A did:web DID document listing each key twice for assertions: as Multikey and as a JWK. */
export interface OrgDidDocument {
  '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1', 'https://w3id.org/security/suites/jws-2020/v1']
  id: string
  verificationMethod: OrgVerificationMethod[]
  assertionMethod: string[]
}

/**
 * The id of the JWK form of a key's verification method: what VC-JWTs name in `kid`, since OB 3.0
 * §8.2 wants a `kid` that dereferences to a JWK (`<did>#<key id>` -> `<did>#<key id>-jwk`).
 */
export const jwkMethodId = (verificationMethod: string): string => `${verificationMethod}-jwk`

/**
 * The organization's DID document: every key that is not revoked, oldest first, as a Multikey
 * `<did>#<key id>` and as a JsonWebKey2020 `<did>#<key id>-jwk` (OKP Ed25519 `publicKeyJwk`),
 * both listed under `assertionMethod`. Retired keys stay so credentials they signed still verify;
 * revoked keys are left out, so those no longer do.
 * @see https://w3c-ccg.github.io/did-method-web/
 */
export function didDocument(org: { slug: string }, keys: readonly Pick<StoredOrgKey, 'id' | 'publicKeyMultibase' | 'state'>[], publicUrl: string): OrgDidDocument {
  const did = orgDid(publicUrl, org.slug)
  const listed = keys.filter((k) => k.state !== 'revoked')
  const methods: OrgVerificationMethod[] = listed.flatMap((k) => {
    const id = `${did}#${k.id}`
    return [
      { id, type: 'Multikey' as const, controller: did, publicKeyMultibase: k.publicKeyMultibase },
      { id: jwkMethodId(id), type: 'JsonWebKey2020' as const, controller: did, publicKeyJwk: { kty: 'OKP' as const, crv: 'Ed25519' as const, x: encodeBase64url(decodePublicKeyMultibase(k.publicKeyMultibase)) } },
    ]
  })
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  }
}
