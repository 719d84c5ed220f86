import { describe, expect, it } from 'vitest'
import { canonizeFast } from '../../core/canonical/canonize.js'
import { canonizeGeneral } from '../../core/canonical/index.js'
import { buildAchievementCredential, validateCredential } from '../../core/credential/index.js'
import { createSigner, generateKeyPair, resolveDidKey, signCredential, verifyProofs } from '../../core/proof/index.js'
import { parseDefinition, type AchievementDefinitionInput } from './definition.js'
import { achievementValidUntil, criteriaNarrative, EU_VOCABULARY, obAchievement } from './ob-achievement.js'
import type { AchievementRecord } from './ports.js'

const PUBLIC_URL = 'http://localhost:3000'

const fullDefinition: AchievementDefinitionInput = {
  name: 'FAIR Data Stewardship',
  description: 'Making research data findable, accessible, interoperable and reusable.',
  criteria: { narrative: 'Complete the final project.', id: 'https://example.edu/fds/criteria' },
  achievementType: 'MicroCredential',
  tag: ['FAIR', 'open science', 'FAIR'],
  fieldOfStudy: 'Information and Communication Technologies',
  humanCode: 'FDS-101',
  inLanguage: 'en-GB',
  resultDescription: [
    { id: 'urn:uuid:7c2a8b1e-4d3f-4a6b-9e0c-1f2d3e4a5b6c', name: 'Final grade', resultType: 'ScaledScore', valueMin: '1', valueMax: '10', requiredValue: '5.5' },
    { name: 'Level', resultType: 'PerformanceLevel', allowedValue: ['Pass', 'Merit', 'Distinction'] },
  ],
  alignment: [
    {
      targetName: 'manage findable accessible interoperable and reusable data',
      targetUrl: 'http://data.europa.eu/esco/skill/4f5c1208-62fd-4e5a-a51e-306c06947e11',
      targetFramework: 'ESCO',
      targetType: 'ext:ESCOSkill',
      targetCode: 'S1.2',
    },
    { targetName: 'Data stewardship', targetUrl: 'urn:emblem:skill:data-stewardship', targetType: 'ceasn:Competency' },
  ],
  learningOutcomes: ['Write a data management plan', 'Publish a dataset with a persistent identifier'],
  workloadHours: 75,
  ects: 3,
  eqfLevel: 6,
  assessmentType: 'Supervised final project',
  supervision: 'supervised-with-identity-check',
  participation: 'blended',
  qualityAssurance: 'Accredited by NVAO.\nReviewed yearly.',
  prerequisites: 'A bachelor degree.',
  stackability: 'stackable',
  stackableTowards: 'MSc Data Science',
  validityMonths: 24,
}

const recordOf = (input: AchievementDefinitionInput, overrides: Partial<AchievementRecord> = {}): AchievementRecord => {
  const definition = parseDefinition(input)
  return {
    id: '0b8f2d6e-3a1c-4e5f-9b7a-2c4d6e8f0a1b',
    orgId: 'org-1',
    state: 'published',
    name: definition.name,
    definition: definition as unknown as Record<string, unknown>,
    imageId: 'a'.repeat(64),
    version: 3,
    createdAt: '2025-03-01T09:00:00.000Z',
    updatedAt: '2025-03-01T09:00:00.000Z',
    ...overrides,
  }
}

describe('obAchievement', () => {
  it('maps every editor field onto OB 3.0 terms with the EU elements as alignments and criteria', () => {
    const achievement = obAchievement(recordOf(fullDefinition), { publicUrl: PUBLIC_URL, orgSlug: 'demo' })
    expect(achievement).toMatchObject({
      id: `${PUBLIC_URL}/orgs/demo/achievements/0b8f2d6e-3a1c-4e5f-9b7a-2c4d6e8f0a1b`,
      type: ['Achievement'],
      achievementType: 'MicroCredential',
      name: 'FAIR Data Stewardship',
      criteria: { id: 'https://example.edu/fds/criteria' },
      image: { id: `${PUBLIC_URL}/images/${'a'.repeat(64)}`, type: 'Image' },
      creditsAvailable: 3,
      fieldOfStudy: 'Information and Communication Technologies',
      humanCode: 'FDS-101',
      inLanguage: 'en-GB',
      tag: ['FAIR', 'open science'],
      version: '3',
    })
    expect(achievement.alignment?.map((a) => a.targetUrl)).toEqual([
      'http://data.europa.eu/esco/skill/4f5c1208-62fd-4e5a-a51e-306c06947e11',
      'urn:emblem:skill:data-stewardship',
      'http://data.europa.eu/snb/eqf/6',
      EU_VOCABULARY.ects,
      EU_VOCABULARY.mode.blended,
    ])
    expect(achievement.alignment?.[2]).toEqual({
      type: ['Alignment'],
      targetName: 'EQF level 6',
      targetUrl: 'http://data.europa.eu/snb/eqf/6',
      targetCode: '6',
      targetFramework: 'European Qualifications Framework',
    })
    expect(achievement.resultDescription?.[0]?.id).toBe('urn:uuid:7c2a8b1e-4d3f-4a6b-9e0c-1f2d3e4a5b6c')
    expect(achievement.resultDescription?.[1]).toMatchObject({ id: `${achievement.id}/results/2`, allowedValue: ['Pass', 'Merit', 'Distinction'] })
    const narrative = achievement.criteria.narrative!
    for (const text of [
      'Complete the final project.',
      '## Learning outcomes',
      '- Write a data management plan',
      'Workload: 75 hours, 3 ECTS credits',
      'Level: EQF 6',
      'Type of assessment: Supervised final project; supervised, with identity verification',
      'Form of participation: Blended',
      'Stackability: stackable towards MSc Data Science',
      'Validity: 24 months',
      '## Prerequisites\n\nA bachelor degree.',
      '## Quality assurance\n\nAccredited by NVAO.\nReviewed yearly.',
    ])
      expect(narrative).toContain(text)
  })

  it('omits what the definition leaves out, instead of emitting empty values', () => {
    const achievement = obAchievement(
      recordOf({ name: 'Minimal', description: 'D', criteria: { narrative: 'Do it.' } }, { imageId: null }),
      { publicUrl: PUBLIC_URL, orgSlug: 'demo' },
    )
    expect(Object.keys(achievement).sort()).toEqual(['achievementType', 'criteria', 'description', 'id', 'name', 'type', 'version'])
    expect(achievement.criteria).toEqual({ narrative: 'Do it.' })
  })

  it('prefers creditsAvailable over ECTS when both are given', () => {
    const achievement = obAchievement(recordOf({ ...fullDefinition, creditsAvailable: 4.5 }), { publicUrl: PUBLIC_URL, orgSlug: 'demo' })
    expect(achievement.creditsAvailable).toBe(4.5)
  })

  it.each(['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const)(
    'embeds in a credential that validates, signs with %s and verifies (every term defined by the bundled contexts)',
    async (suite) => {
      const keyPair = generateKeyPair()
      const signer = createSigner(keyPair)
      const credential = buildAchievementCredential({
        id: 'urn:uuid:3b9e1c1a-5f4e-4d2b-8a6c-0e1f2a3b4c5d',
        issuer: { id: `did:key:${keyPair.publicKeyMultibase}`, type: ['Profile'], name: 'Example University' },
        achievement: obAchievement(recordOf(fullDefinition), { publicUrl: PUBLIC_URL, orgSlug: 'demo' }),
        recipient: { email: 'ada@example.org', salt: 'c2FsdA' },
        validFrom: '2025-03-01T09:00:00Z',
        validUntil: achievementValidUntil(parseDefinition(fullDefinition), new Date('2025-03-01T09:00:00Z'))!.toISOString(),
      })
      expect(validateCredential(credential)).toEqual({ valid: true, errors: [] })
      const signed = await signCredential(credential, signer, { suite })
      const result = await verifyProofs(signed, { resolveVerificationMethod: async (url: string) => resolveDidKey(url) })
      expect(result.verified).toBe(true)
    },
  )

  it('canonicalizes on the fast path, to the same N-Quads as jsonld in safe mode', async () => {
    const credential = buildAchievementCredential({
      id: 'urn:uuid:3b9e1c1a-5f4e-4d2b-8a6c-0e1f2a3b4c5d',
      issuer: { id: 'did:web:localhost%3A3000:orgs:demo', type: ['Profile'], name: 'Example University' },
      achievement: obAchievement(recordOf(fullDefinition), { publicUrl: PUBLIC_URL, orgSlug: 'demo' }),
      recipient: { id: 'did:example:learner' },
      validFrom: '2025-03-01T09:00:00Z',
    })
    const fast = await canonizeFast(credential)
    expect(fast).toBeDefined()
    expect(fast).toBe(await canonizeGeneral(credential))
    expect(fast).toContain('"http://data.europa.eu/snb/eqf/6"^^<https://www.w3.org/2001/XMLSchema#anyURI>')
  })
})

describe('criteriaNarrative', () => {
  it('is undefined when there is nothing to say', () => {
    expect(criteriaNarrative(parseDefinition({ name: 'Empty' }))).toBeUndefined()
  })
})

describe('achievementValidUntil', () => {
  it('adds the validity period in calendar months', () => {
    expect(achievementValidUntil({ validityMonths: 24 }, new Date('2025-03-01T09:00:00Z'))?.toISOString()).toBe('2027-03-01T09:00:00.000Z')
  })

  it('clamps to the last day of a shorter month', () => {
    expect(achievementValidUntil({ validityMonths: 1 }, new Date('2025-01-31T12:00:00Z'))?.toISOString()).toBe('2025-02-28T12:00:00.000Z')
    expect(achievementValidUntil({ validityMonths: 13 }, new Date('2023-01-31T12:00:00Z'))?.toISOString()).toBe('2024-02-29T12:00:00.000Z')
  })

  it('is undefined for a definition without a validity period', () => {
    expect(achievementValidUntil({}, new Date('2025-01-31T12:00:00Z'))).toBeUndefined()
  })
})
