// The issuance tests' platform: the test platform with a data directory of its own, an
// organization with a published micro-credential, and a verifier that reaches this instance's
// did:web documents and status lists in-process (never the network).
import { parseDefinition, type AchievementDefinitionInput } from '../../../src/app/achievements/definition.js'
import { instanceFetcher } from '../../../src/app/credentials/instance-fetcher.js'
import { verifyCredential, type VerificationReport } from '../../../src/core/verification/index.js'
import { startTestPlatform, type TestOrg, type TestPlatform, type TestSession } from '../../support/platform.js'

/** A published micro-credential with a validity period and two result descriptions. */
export const DEFINITION: AchievementDefinitionInput = {
  name: 'Open Science Basics',
  description: 'Practising open science: open access, open data, reproducible workflows.',
  criteria: { narrative: 'Pass the final assessment with at least 60%.' },
  achievementType: 'MicroCredential',
  ects: 2,
  eqfLevel: 5,
  validityMonths: 24,
  resultDescription: [{ id: 'urn:uuid:2f4c1a8e-9b7d-4c3e-8f1a-6d5e4c3b2a10', name: 'Final grade', resultType: 'Percent' }],
}

export interface IssuancePlatform {
  t: TestPlatform
  owner: TestSession
  org: TestOrg
  achievementId: string
  dataDir: string
  /** Inserts an achievement (published unless said otherwise) into `org`; returns its id. */
  seedAchievement(org: TestOrg, overrides?: { state?: 'draft' | 'published' | 'archived'; definition?: Partial<AchievementDefinitionInput> }): Promise<string>
  /** verifyCredential at the test clock's time, documents fetched from the app in-process. */
  verify(credential: unknown): Promise<VerificationReport>
  close(): Promise<void>
}

/** Starts a platform (SQLite, or PostgreSQL when asked) with an owner, an organization and a published achievement. */
export async function startIssuancePlatform(opts: Parameters<typeof startTestPlatform>[0] = {}): Promise<IssuancePlatform> {
  const t = await startTestPlatform(opts)
  const { dataDir } = t
  const owner = await t.seedUser()
  const org = await t.seedOrg({ owner, name: 'Example University' })
  const seedAchievement: IssuancePlatform['seedAchievement'] = async (target, { state = 'published', definition = {} } = {}) => {
    const now = t.clock.now().toISOString()
    const id = t.ports.random.uuid()
    const parsed = parseDefinition({ ...DEFINITION, ...definition })
    await t.store.db
      .insertInto('achievements')
      .values({ id, org_id: target.id, state, name: parsed.name, definition: JSON.stringify(parsed), image_id: null, created_at: now, updated_at: now })
      .execute()
    return id
  }
  const achievementId = await seedAchievement(org)
  const fetcher = instanceFetcher(t.config.publicUrl, { fetchLocal: async (path, init) => t.app.request(path, init) })
  return {
    t,
    owner,
    org,
    achievementId,
    dataDir,
    seedAchievement,
    verify: (credential) => verifyCredential(credential, { now: t.clock.now(), fetcher }),
    close: () => t.close(),
  }
}

/** The failed checks of a report, for readable assertion messages. */
export const failedChecks = (report: VerificationReport) => report.checks.filter((c) => c.outcome === 'failed')
