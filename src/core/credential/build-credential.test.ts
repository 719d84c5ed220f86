import { describe, expect, it } from 'vitest'
import { buildCredentialInput, buildIssuerProfile, buildMicroCredentialAchievement, buildRealisticCredential, LEARNER_EMAIL, RECIPIENT_SALT } from '../../../test/support/builders.js'
import { canonize, canonizeGeneral, CONTEXT } from '../canonical/index.js'
import { isPlatformError } from '../errors.js'
import { buildAchievementCredential, prepareAchievement, prepareIssuer } from './build-credential.js'
import { hashIdentity, normalizeEmail } from './identity.js'

const minimalInput = () => {
  const { id, issuer, achievement, validFrom } = buildCredentialInput()
  return { id, issuer, achievement, validFrom, recipient: { id: 'did:example:learner' } }
}

describe('buildAchievementCredential', () => {
  it('emits the VC 2.0 form with the OB 3.0.3 context, both types and the OB credentialSchema', () => {
    const credential = buildRealisticCredential()
    expect(credential['@context']).toEqual([CONTEXT.VC_V2, CONTEXT.OB_V3, CONTEXT.OB_EXTENSIONS])
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential'])
    expect(credential.credentialSchema).toEqual([
      { id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json', type: '1EdTechJsonSchemaValidator2019' },
    ])
    expect(credential.validFrom).toBe('2025-03-01T09:00:00Z')
    expect(credential).not.toHaveProperty('issuanceDate')
  })

  it('names the credential after the achievement unless told otherwise', () => {
    expect(buildRealisticCredential().name).toBe('FAIR Data Stewardship')
    expect(buildRealisticCredential({ name: 'FAIR Data (2025)' }).name).toBe('FAIR Data (2025)')
  })

  it('embeds the full issuer Profile and Achievement', () => {
    const credential = buildRealisticCredential()
    expect(credential.issuer).toMatchObject({ id: 'did:web:example.edu:orgs:demo', type: ['Profile'], address: { addressCountryCode: 'NL' } })
    expect(credential.credentialSubject.achievement.alignment).toHaveLength(3)
  })

  it('identifies the learner by DID and by a salted hash of the normalized e-mail', () => {
    const { credentialSubject } = buildRealisticCredential()
    expect(credentialSubject.id).toMatch(/^did:key:/)
    expect(credentialSubject.identifier).toEqual([
      {
        type: 'IdentityObject',
        identityHash: hashIdentity(normalizeEmail(LEARNER_EMAIL), RECIPIENT_SALT),
        identityType: 'emailAddress',
        hashed: true,
        salt: RECIPIENT_SALT,
      },
    ])
  })

  it('omits undefined, null and empty arrays instead of emitting them', () => {
    const input = { ...minimalInput(), evidence: [], result: undefined, description: null as unknown as undefined }
    const credential = buildAchievementCredential(input)
    expect(credential).not.toHaveProperty('evidence')
    expect(credential).not.toHaveProperty('description')
    expect(credential).not.toHaveProperty('validUntil')
    expect(credential).not.toHaveProperty('credentialStatus')
    expect(credential.credentialSubject).not.toHaveProperty('result')
    expect(credential.credentialSubject).not.toHaveProperty('identifier')
    expect(JSON.stringify(credential)).not.toMatch(/null|\[\]/)
  })

  it('does not share objects with its input', () => {
    const input = buildCredentialInput()
    const credential = buildAchievementCredential(input)
    credential.credentialSubject.achievement.tag!.push('mutated')
    expect(input.achievement.tag).not.toContain('mutated')
  })

  it('rejects a non-UUID id, a date without time zone, an inverted validity period and a missing recipient', () => {
    const cases = [
      { ...minimalInput(), id: 'https://example.edu/credentials/1' },
      { ...minimalInput(), validFrom: '2025-03-01T09:00:00' },
      { ...minimalInput(), validUntil: '2024-01-01T00:00:00Z' },
      { ...minimalInput(), recipient: {} as { id: string } },
      { ...minimalInput(), recipient: { email: 'a@example.org', salt: '' } },
    ]
    for (const input of cases) {
      expect(() => buildAchievementCredential(input)).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID' }))
    }
  })

  it('yields a document JSON-LD safe mode canonicalizes, so every term is defined by its contexts', async () => {
    const nquads = await canonizeGeneral(buildRealisticCredential())
    expect(nquads).toContain('"http://data.europa.eu/esco/skill/4f5c1208-62fd-4e5a-a51e-306c06947e11"^^')
    expect(nquads).toContain('"94567"')
    // Relative IRIs would mean an undefined type or term slipped through.
    expect(nquads).not.toMatch(/<(?![a-z][a-z0-9+.-]*:)/i)
  })

  it('canonicalizes to the same bytes on the fast path as on the general path', async () => {
    const credential = buildRealisticCredential()
    expect(await canonize(credential)).toBe(await canonizeGeneral(credential))
  })

  it('fails safe-mode canonicalization when a term the contexts do not define is added', async () => {
    const credential = { ...buildRealisticCredential(), favouriteColour: 'blue' }
    await expect(canonizeGeneral(credential)).rejects.toSatisfy((err) => isPlatformError(err, 'ERR_JSONLD'))
  })
})

describe('prepared achievement and issuer for a cohort', () => {
  it('shares one frozen achievement and issuer across the credentials of a cohort, unchanged in content', () => {
    const achievement = prepareAchievement(buildMicroCredentialAchievement())
    const issuer = prepareIssuer(buildIssuerProfile())
    const first = buildAchievementCredential(buildCredentialInput({ achievement, issuer }))
    const second = buildAchievementCredential(buildCredentialInput({ achievement, issuer, id: 'urn:uuid:5d2c7a9e-1b3f-4c8d-9e0a-2f4b6c8d0e1f' }))
    expect(first.credentialSubject.achievement).toBe(second.credentialSubject.achievement)
    expect(first.issuer).toBe(second.issuer)
    expect(Object.isFrozen(first.credentialSubject.achievement.criteria)).toBe(true)
    // Same JSON as an unprepared build: preparing is an optimisation, never a change of content.
    expect(JSON.stringify(first)).toBe(JSON.stringify(buildAchievementCredential(buildCredentialInput())))
  })

  it('signs a cohort whose canonical form matches jsonld for every member', async () => {
    const achievement = prepareAchievement(buildMicroCredentialAchievement())
    const issuer = prepareIssuer(buildIssuerProfile())
    for (const n of [1, 2, 3]) {
      const credential = buildAchievementCredential(
        buildCredentialInput({ achievement, issuer, id: `urn:uuid:5d2c7a9e-1b3f-4c8d-9e0a-00000000000${n}`, recipient: { email: `l${n}@example.org`, salt: `s${n}` } }),
      )
      expect(await canonize(credential)).toBe(await canonizeGeneral(credential))
    }
  })
})
