// The documents scripts/build.mjs runs the fast path over to make the context snapshot
// (context-snapshot.ts): Open Badges 3.0 credentials with every class of the OB 3.0 data model in
// the place it usually takes, under the context lists credentials are written with — Emblem's own
// (VC 2.0, OB 3.0.3 and its extensions), VC 2.0 with OB 3.0.3 alone, and the VC 1.1 forms other
// issuers sign with Data Integrity proofs (each published OB 3.0 context) — plus
// each one's proof configuration (the document a Data Integrity proof signs besides the credential), an
// endorsement and a status list credential. A context a credential reaches that is not here is
// processed when first met, as without a snapshot. Only the build loads this module.
import { CONTEXT } from '../contexts.js'
import { documentLoader } from '../document-loader.js'
import { ContextCache } from './context-cache.js'
import { contextFingerprint } from './context-snapshot.js'
import { datasetOf } from './dataset.js'

const OB_CONTEXTS_V1 = [
  'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  CONTEXT.OB_V3,
]

/** The context lists: Emblem's first. */
const CONTEXT_LISTS: readonly string[][] = [
  [CONTEXT.VC_V2, CONTEXT.OB_V3, CONTEXT.OB_EXTENSIONS],
  [CONTEXT.VC_V2, CONTEXT.OB_V3],
  ...OB_CONTEXTS_V1.map((ob) => [CONTEXT.VC_V1, ob, CONTEXT.DATA_INTEGRITY_V2]),
]

/** Terms OB 3.0.3 added (`awardedDate`, `inLanguage`), present only where the context defines them. */
const since303 = <T extends object>(contexts: readonly string[], terms: T): T | object => (contexts.includes(CONTEXT.OB_V3) ? terms : {})

const image = { id: 'https://example.edu/badge.png', type: 'Image', caption: 'Badge' }
const address = {
  type: ['Address'],
  addressCountry: 'Finland',
  addressCountryCode: 'FI',
  addressLocality: 'Helsinki',
  addressRegion: 'Uusimaa',
  postalCode: '00100',
  streetAddress: 'Street 1',
  postOfficeBoxNumber: '1',
  geo: { type: 'GeoCoordinates', latitude: 60.17, longitude: 24.94 },
}
const otherIdentifier = [{ type: 'IdentifierEntry', identifier: '123', identifierType: 'sourcedId' }]

const profile = (id: string, endorsements: object[] = []) => ({
  id,
  type: ['Profile'],
  name: 'Example University',
  url: 'https://example.edu',
  email: 'info@example.edu',
  phone: '+358 1 234',
  description: 'An issuer',
  image,
  address,
  otherIdentifier,
  official: 'Registrar',
  parentOrg: { id: 'https://example.edu/parent', type: ['Profile'], name: 'Parent' },
  givenName: 'Given',
  familyName: 'Family',
  additionalName: 'Additional',
  familyNamePrefix: 'van',
  honorificPrefix: 'Dr',
  honorificSuffix: 'PhD',
  patronymicName: 'Patronymic',
  dateOfBirth: '1990-01-01',
  ...(endorsements.length ? { endorsement: endorsements } : {}),
})

const proof = {
  type: 'DataIntegrityProof',
  cryptosuite: 'eddsa-rdfc-2022',
  created: '2025-01-01T00:00:00Z',
  verificationMethod: 'did:web:example.edu#key-1',
  proofPurpose: 'assertionMethod',
  proofValue: 'z5',
}

const dates = (contexts: readonly string[]) =>
  contexts[0] === CONTEXT.VC_V1 ? { issuanceDate: '2025-01-01T00:00:00Z', expirationDate: '2030-01-01T00:00:00Z' } : { validFrom: '2025-01-01T00:00:00Z', validUntil: '2030-01-01T00:00:00Z' }

const endorsement = (contexts: readonly string[], id = 'urn:uuid:4a9a5a8e-6d83-4b4c-9b36-000000000002') => ({
  '@context': contexts,
  id,
  type: ['VerifiableCredential', 'EndorsementCredential'],
  name: 'Endorsement',
  issuer: profile('https://example.org/endorser'),
  ...dates(contexts),
  credentialSubject: { id: 'https://example.edu/achievements/1', type: ['EndorsementSubject'], endorsementComment: 'Endorsed' },
  proof: [proof],
})

/**
 * An endorsement inside a credential (of the credential, its achievement or its issuer), with its own
 * contexts: VC 2.0 and OB 3.0.3 in a VC 2.0 credential, as the OB 3.0 examples write them.
 */
const embeddedEndorsement = (contexts: readonly string[], of: string) =>
  endorsement(contexts[0] === CONTEXT.VC_V2 ? [CONTEXT.VC_V2, CONTEXT.OB_V3] : contexts, `https://example.org/endorsements/${of}`)

const achievement = (contexts: readonly string[]) => ({
  id: 'https://example.edu/achievements/1',
  type: ['Achievement'],
  name: 'Achievement',
  description: 'What it certifies',
  achievementType: 'MicroCredential',
  criteria: { id: 'https://example.edu/criteria', narrative: 'Pass the assessment' },
  image,
  alignment: [
    {
      type: ['Alignment'],
      targetName: 'Skill',
      targetUrl: 'http://data.europa.eu/esco/skill/1',
      targetCode: '1',
      targetDescription: 'A skill',
      targetFramework: 'ESCO',
      targetType: 'ext:ESCOSkill',
    },
  ],
  creator: profile('https://example.edu/issuer'),
  creditsAvailable: 5,
  fieldOfStudy: 'Informatics',
  humanCode: 'INF-1',
  ...since303(contexts, { inLanguage: 'en' }),
  otherIdentifier,
  related: [{ id: 'https://example.edu/achievements/0', type: ['Related'], version: '1', ...since303(contexts, { inLanguage: 'fi' }) }],
  resultDescription: [
    {
      id: 'urn:uuid:4a9a5a8e-6d83-4b4c-9b36-000000000003',
      type: ['ResultDescription'],
      name: 'Grade',
      resultType: 'RubricCriterionLevel',
      allowedValue: ['Pass', 'Fail'],
      requiredLevel: 'urn:uuid:4a9a5a8e-6d83-4b4c-9b36-000000000004',
      requiredValue: 'Pass',
      valueMin: '0',
      valueMax: '100',
      rubricCriterionLevel: [{ id: 'urn:uuid:4a9a5a8e-6d83-4b4c-9b36-000000000004', type: ['RubricCriterionLevel'], name: 'Level', level: '1', points: '10' }],
    },
  ],
  specialization: 'Specialization',
  tag: ['tag'],
  version: '1.0',
  endorsement: [embeddedEndorsement(contexts, 'achievement')],
})

/** A credential with each class of the data model, under `contexts`. */
const credential = (contexts: readonly string[]) => ({
  '@context': contexts,
  id: 'urn:uuid:4a9a5a8e-6d83-4b4c-9b36-000000000001',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Credential',
  description: 'A credential',
  image,
  issuer: profile('https://example.edu/issuer', [embeddedEndorsement(contexts, 'issuer')]),
  ...dates(contexts),
  ...since303(contexts, { awardedDate: '2025-01-01T00:00:00Z' }),
  credentialSubject: {
    id: 'did:example:learner',
    type: ['AchievementSubject'],
    identifier: [{ type: 'IdentityObject', hashed: true, identityHash: 'sha256$00', identityType: 'emailAddress', salt: 'salt' }],
    achievement: achievement(contexts),
    result: [{ type: ['Result'], resultDescription: 'urn:uuid:4a9a5a8e-6d83-4b4c-9b36-000000000003', value: 'Pass', status: 'Completed', achievedLevel: 'urn:uuid:4a9a5a8e-6d83-4b4c-9b36-000000000004' }],
    creditsEarned: 5,
    activityStartDate: '2024-09-01T00:00:00Z',
    activityEndDate: '2024-12-01T00:00:00Z',
    licenseNumber: 'L-1',
    role: 'Participant',
    term: 'Autumn',
    image,
    source: profile('https://example.edu/department'),
    narrative: 'Narrative',
  },
  evidence: [{ id: 'https://example.edu/evidence/1', type: ['Evidence'], name: 'Evidence', narrative: 'Narrative', description: 'Description', genre: 'Genre', audience: 'Audience' }],
  ...(contexts[0] === CONTEXT.VC_V2
    ? { credentialStatus: { id: 'https://example.edu/status/1#3', type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '3', statusListCredential: 'https://example.edu/status/1' } }
    : {}),
  ...(contexts.includes(CONTEXT.OB_EXTENSIONS)
    ? { credentialSchema: [{ id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json', type: '1EdTechJsonSchemaValidator2019' }] }
    : {}),
  endorsement: [embeddedEndorsement(contexts, 'credential')],
  proof: [proof],
})

/** A proof's configuration: what eddsa-rdfc-2022 canonicalizes besides the credential (the credential's contexts, the proof's options). */
const proofConfiguration = (contexts: readonly string[]) => {
  const { proofValue: _signature, ...options } = proof
  return { '@context': contexts, ...options }
}

/** The status list credential an issuer publishes (VC 2.0, Bitstring Status List). */
const statusList = {
  '@context': [CONTEXT.VC_V2],
  id: 'https://example.edu/status/1',
  type: ['VerifiableCredential', 'BitstringStatusListCredential'],
  issuer: 'did:web:example.edu',
  validFrom: '2025-01-01T00:00:00Z',
  credentialSubject: { id: 'https://example.edu/status/1#list', type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: 'uH4sI' },
  proof: [proof],
}

/** The corpus, in the order the snapshot processes it. */
export const contextSnapshotCorpus = (): object[] => [
  ...CONTEXT_LISTS.flatMap((contexts) => [credential(contexts), proofConfiguration(contexts), endorsement(contexts)]),
  statusList,
  proofConfiguration([CONTEXT.VC_V2]),
]

/** The snapshot of the contexts `documents` reach on the fast path; each must take it. */
export async function buildContextSnapshot(documents: readonly object[] = contextSnapshotCorpus()): Promise<Buffer> {
  const cache = new ContextCache(documentLoader, { record: true })
  for (const [i, document] of documents.entries()) {
    if ((await datasetOf(document, cache, undefined, { attempts: 4096 })) === undefined) throw new Error(`Context snapshot: document ${i} of the corpus does not take the fast path`)
  }
  return cache.snapshot(contextFingerprint())
}
