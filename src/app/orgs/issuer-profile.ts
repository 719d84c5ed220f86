import type { Profile } from '../../core/credential/index.js'
import { orgDid } from './did.js'
import type { OrgRecord } from './ports.js'

/**
 * The OB 3.0 `Profile` an organization's credentials embed as `issuer`: its did:web as `id`,
 * the profile fields that are set, its logo as an `Image` served at `<publicUrl>/images/<id>`.
 * @see https://www.imsglobal.org/spec/ob/v3p0/#profile
 */
export function issuerProfile(org: OrgRecord, publicUrl: string): Profile {
  const base = publicUrl.replace(/\/+$/, '')
  const profile: Profile = { id: orgDid(base, org.slug), type: ['Profile'], name: org.name }
  if (org.url) profile.url = org.url
  if (org.email) profile.email = org.email
  if (org.description) profile.description = org.description
  if (org.logoImageId) profile.image = { id: `${base}/images/${org.logoImageId}`, type: 'Image' }
  if (org.country) profile.address = { type: ['Address'], addressCountryCode: org.country }
  return profile
}
