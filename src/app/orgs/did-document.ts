import type { StoredOrgKey } from '../platform/ports.js'
import { orgDid } from './did.js'

/** A did:web DID document listing Multikey verification methods for assertions (credential proofs). */
export interface OrgDidDocument {
  '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1']
  id: string
  verificationMethod: Array<{ id: string; type: 'Multikey'; controller: string; publicKeyMultibase: string }>
  assertionMethod: string[]
}

/**
 * The organization's DID document: every key that is not revoked, oldest first, as a Multikey
 * `<did>#<key id>` listed under `assertionMethod`. Retired keys stay so credentials they signed
 * still verify; revoked keys are left out, so those no longer do.
 * @see https://w3c-ccg.github.io/did-method-web/
 */
export function didDocument(org: { slug: string }, keys: readonly Pick<StoredOrgKey, 'id' | 'publicKeyMultibase' | 'state'>[], publicUrl: string): OrgDidDocument {
  const did = orgDid(publicUrl, org.slug)
  const listed = keys.filter((k) => k.state !== 'revoked')
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: listed.map((k) => ({ id: `${did}#${k.id}`, type: 'Multikey', controller: did, publicKeyMultibase: k.publicKeyMultibase })),
    assertionMethod: listed.map((k) => `${did}#${k.id}`),
  }
}
