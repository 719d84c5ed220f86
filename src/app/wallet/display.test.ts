import { describe, expect, it } from 'vitest'
import { displayOf } from './display.js'

describe('displayOf', () => {
  it('reads an Open Badges 3.0 credential: achievement, issuer profile, VC 2.0 dates, skills but EU elements', () => {
    const d = displayOf({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: 'did:web:badges.example.edu', type: ['Profile'], name: 'Example University', url: 'https://example.edu', image: { id: 'https://example.edu/logo.png', type: 'Image' } },
      validFrom: '2026-01-02T03:04:05Z',
      validUntil: '2027-01-02T03:04:05Z',
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: {
          id: 'https://example.edu/a/1',
          type: ['Achievement'],
          name: 'Data Stewardship',
          description: 'Caring for research data.',
          achievementType: 'MicroCredential',
          image: { id: 'https://example.edu/badge.png', type: 'Image' },
          criteria: { narrative: 'Pass the assessment.' },
          alignment: [
            { type: ['Alignment'], targetName: 'manage data', targetUrl: 'http://data.europa.eu/esco/skill/abc', targetFramework: 'ESCO', targetCode: 'S1.2' },
            { type: ['Alignment'], targetName: 'EQF level 6', targetUrl: 'http://data.europa.eu/snb/eqf/6', targetFramework: 'European Qualifications Framework' },
          ],
        },
      },
    })
    expect(d).toEqual({
      name: 'Data Stewardship',
      description: 'Caring for research data.',
      imageUrl: 'https://example.edu/badge.png',
      issuer: { id: 'did:web:badges.example.edu', name: 'Example University', url: 'https://example.edu', imageUrl: 'https://example.edu/logo.png' },
      issuedAt: '2026-01-02T03:04:05Z',
      expiresAt: '2027-01-02T03:04:05Z',
      achievementType: 'MicroCredential',
      criteria: 'Pass the assessment.',
      skills: [{ label: 'manage data', code: 'S1.2', framework: 'ESCO', uri: 'http://data.europa.eu/esco/skill/abc' }],
    })
  })

  it('reads a VC 1.1 credential without an achievement, and refuses script URLs as images', () => {
    const d = displayOf({
      type: ['VerifiableCredential', 'UniversityDegreeCredential'],
      issuer: 'https://uni.example.org/issuer',
      issuanceDate: '2020-05-01T00:00:00Z',
      expirationDate: '2030-05-01T00:00:00Z',
      image: 'javascript:alert(1)',
      credentialSubject: { id: 'did:example:1', name: 'Ada Lovelace' },
    })
    expect(d).toEqual({
      name: 'UniversityDegreeCredential',
      issuer: { id: 'https://uni.example.org/issuer', name: 'uni.example.org', url: 'https://uni.example.org/issuer' },
      recipientName: 'Ada Lovelace',
      issuedAt: '2020-05-01T00:00:00Z',
      expiresAt: '2030-05-01T00:00:00Z',
      skills: [],
    })
  })

  it('takes English from language maps and names an unknown issuer', () => {
    expect(displayOf({ name: { de: 'Abzeichen', en: 'Badge' }, credentialSubject: {} })).toMatchObject({ name: 'Badge', issuer: { name: 'Unknown issuer' } })
  })
})
