import { describe, expect, it } from 'vitest'
import { issuerProfile } from './issuer-profile.js'
import type { OrgRecord } from './ports.js'

const org: OrgRecord = {
  id: '0b7c1f5e-0000-4000-8000-000000000001',
  slug: 'acme',
  name: 'Acme Academy',
  description: '',
  url: null,
  email: null,
  country: null,
  logoImageId: null,
  brandColor: null,
  suite: 'eddsa-rdfc-2022',
  statusEntries: 'revocation',
  createdAt: '2025-01-01T00:00:00.000Z',
}

describe('issuerProfile', () => {
  it('names the organization by its did:web with the port %3A-encoded', () => {
    expect(issuerProfile(org, 'http://localhost:3000')).toEqual({
      id: 'did:web:localhost%3A3000:orgs:acme',
      type: ['Profile'],
      name: 'Acme Academy',
    })
  })

  it('carries the profile fields that are set and the logo as an Image on this instance', () => {
    const logo = 'a'.repeat(64)
    const profile = issuerProfile(
      { ...org, description: 'We teach.', url: 'https://acme.example', email: 'hi@acme.example', country: 'FI', logoImageId: logo },
      'https://badges.example/',
    )
    expect(profile).toEqual({
      id: 'did:web:badges.example:orgs:acme',
      type: ['Profile'],
      name: 'Acme Academy',
      url: 'https://acme.example',
      email: 'hi@acme.example',
      description: 'We teach.',
      image: { id: `https://badges.example/images/${logo}`, type: 'Image' },
      address: { type: ['Address'], addressCountryCode: 'FI' },
    })
  })
})
