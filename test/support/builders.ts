import {
  buildAchievementCredential,
  type Achievement,
  type AchievementCredential,
  type AchievementCredentialInput,
  type Alignment,
  type Profile,
} from '../../src/core/credential/index.js'

// Deterministic test data: fixed ids, dates and salt, so benchmarks and vectors are reproducible.

/** The issuer's DID; a did:web whose document would live at https://example.edu/orgs/demo/did.json. */
export const ISSUER_DID = 'did:web:example.edu:orgs:demo'
/** The learner's DID in buildRealisticCredential. */
export const LEARNER_DID = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'
/** The learner's e-mail in buildRealisticCredential (hashed with RECIPIENT_SALT). */
export const LEARNER_EMAIL = 'Ada.Lovelace@Example.org'
/** The fixed salt of the recipient identifier. */
export const RECIPIENT_SALT = 'c2FsdC1mb3ItdGVzdHM'
/** The achievement id of buildMicroCredentialAchievement. */
export const ACHIEVEMENT_ID = 'https://example.edu/achievements/fair-data-stewardship'

/** An issuer Profile (did:web, address with country) with overrides. */
export function buildIssuerProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    id: ISSUER_DID,
    type: ['Profile'],
    name: 'Example University, Faculty of Data Science',
    url: 'https://example.edu',
    email: 'badges@example.edu',
    description: 'Issues micro-credentials for short courses in research data management.',
    address: {
      type: ['Address'],
      streetAddress: 'Science Park 100',
      addressLocality: 'Amsterdam',
      postalCode: '1098 XH',
      addressCountry: 'Netherlands',
      addressCountryCode: 'NL',
    },
    ...overrides,
  }
}

/** Two ESCO skills and the EQF level, as STANDARDS 4.1 maps the EU micro-credential elements. */
export function buildMicroCredentialAlignments(): Alignment[] {
  return [
    {
      type: ['Alignment'],
      targetName: 'manage findable accessible interoperable and reusable data',
      targetUrl: 'http://data.europa.eu/esco/skill/4f5c1208-62fd-4e5a-a51e-306c06947e11',
      targetFramework: 'ESCO',
      targetType: 'ext:ESCOSkill',
    },
    {
      type: ['Alignment'],
      targetName: 'develop digital content',
      targetUrl: 'http://data.europa.eu/esco/skill/5fd5c985-eaaa-47aa-8314-62359c54505a',
      targetFramework: 'ESCO',
      targetType: 'ext:ESCOSkill',
    },
    {
      type: ['Alignment'],
      targetName: 'EQF level 6',
      targetUrl: 'http://data.europa.eu/snb/eqf/6',
      targetCode: '6',
      targetFramework: 'European Qualifications Framework',
      targetDescription: 'Advanced knowledge of a field of work or study, involving a critical understanding of theories and principles.',
    },
  ]
}

/** A MicroCredential Achievement with criteria, ESCO/EQF alignments, credits and result descriptions. */
export function buildMicroCredentialAchievement(overrides: Partial<Achievement> = {}): Achievement {
  return {
    id: ACHIEVEMENT_ID,
    type: ['Achievement'],
    achievementType: 'MicroCredential',
    name: 'FAIR Data Stewardship',
    description: 'A 3 ECTS micro-credential on making research data findable, accessible, interoperable and reusable.',
    criteria: {
      id: 'https://example.edu/achievements/fair-data-stewardship/criteria',
      narrative:
        '# Learning outcomes\n\nThe learner can:\n\n1. write a data management plan;\n2. publish a dataset with rich metadata and a persistent identifier;\n3. choose an open licence.\n\nAssessed by a supervised final project, graded on a 1-10 scale; 5.5 passes.',
    },
    image: { id: 'https://example.edu/achievements/fair-data-stewardship/image.png', type: 'Image', caption: 'FAIR Data Stewardship badge' },
    creditsAvailable: 3,
    fieldOfStudy: 'Information and Communication Technologies',
    specialization: 'Research data management',
    humanCode: 'FDS-101',
    inLanguage: 'en',
    tag: ['FAIR', 'research data', 'open science'],
    alignment: buildMicroCredentialAlignments(),
    resultDescription: [
      {
        id: 'urn:uuid:7c2a8b1e-4d3f-4a6b-9e0c-1f2d3e4a5b6c',
        type: ['ResultDescription'],
        name: 'Final project grade',
        resultType: 'ScaledScore',
        valueMin: '1',
        valueMax: '10',
        requiredValue: '5.5',
      },
      {
        id: 'urn:uuid:0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f',
        type: ['ResultDescription'],
        name: 'Course status',
        resultType: 'Status',
      },
    ],
    ...overrides,
  }
}

/** The fixed input of buildRealisticCredential; override any field. */
export function buildCredentialInput(overrides: Partial<AchievementCredentialInput> = {}): AchievementCredentialInput {
  const achievement = overrides.achievement ?? buildMicroCredentialAchievement()
  const [grade, status] = achievement.resultDescription ?? []
  return {
    id: 'urn:uuid:3b9e1c1a-5f4e-4d2b-8a6c-0e1f2a3b4c5d',
    issuer: buildIssuerProfile(),
    achievement,
    recipient: { id: LEARNER_DID, email: LEARNER_EMAIL, salt: RECIPIENT_SALT },
    validFrom: '2025-03-01T09:00:00Z',
    validUntil: '2030-03-01T09:00:00Z',
    awardedDate: '2025-02-28T16:30:00Z',
    result: [
      { type: ['Result'], resultDescription: grade?.id, value: '8.5' },
      { type: ['Result'], resultDescription: status?.id, status: 'Completed' },
    ],
    evidence: [
      {
        id: 'urn:uuid:a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
        type: ['Evidence'],
        name: 'Final project: FAIR publication of a survey dataset',
        description: 'Dataset deposited with a DOI, README and data management plan.',
        narrative: 'Reviewed by two assessors under supervision; identity checked on site.',
        genre: 'Project',
        audience: 'Assessors',
      },
    ],
    credentialStatus: {
      id: 'https://example.edu/status/1#94567',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: 'https://example.edu/status/1',
    },
    ...overrides,
  }
}

/**
 * The realistic OB 3.0 micro-credential that benchmarks and interop tests use: embedded issuer and
 * achievement, 3 alignments, 2 results, evidence, a BitstringStatusListEntry, DID and hashed e-mail.
 */
export function buildRealisticCredential(overrides: Partial<AchievementCredentialInput> = {}): AchievementCredential {
  return buildAchievementCredential(buildCredentialInput(overrides))
}
