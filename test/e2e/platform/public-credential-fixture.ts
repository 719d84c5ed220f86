// A platform for the public-credential tests: the test platform's store and clock, an app that also
// publishes the transparency log (so pages prove log inclusion), an organization with a published
// micro-credential (PNG badge, EU elements, an ESCO skill), and issuing, revoking and checkpointing
// through the real use cases.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto'
import type { Hono } from 'hono'
import { parseDefinition } from '../../../src/app/achievements/definition.js'
import { changeStatus, type StatusAction } from '../../../src/app/issuance/change-status.js'
import { issueCredential } from '../../../src/app/issuance/issue-credential.js'
import { logOrigin, signCheckpoint } from '../../../src/app/log-checkpoint.js'
import { createNoteSigner, verifierKeyOf } from '../../../src/core/transparency-log/index.js'
import { CSRF_COOKIE } from '../../../src/http/auth/tokens.js'
import type { Config } from '../../../src/config.js'
import { silentLogger } from '../../../src/http/logger.js'
import { createApp } from '../../../src/main.js'
import { buildPng } from '../../../src/media/fixtures/build-png.js'
import { designBadgeSvg } from '../../../src/media/index.js'
import { startTestPlatform, type TestOrg, type TestPlatform } from '../../support/platform.js'

/** The definition of the micro-credential the tests issue: every EU element set. */
export const DEFINITION = {
  name: 'FAIR Data Stewardship',
  description: 'Making research data findable, accessible, interoperable and reusable.',
  criteria: { narrative: 'Complete the final project and pass its review.' },
  achievementType: 'MicroCredential',
  tag: ['open science'],
  alignment: [
    {
      targetName: 'manage findable accessible interoperable and reusable data',
      targetUrl: 'http://data.europa.eu/esco/skill/4f5c1208-62fd-4e5a-a51e-306c06947e11',
      targetFramework: 'ESCO',
      targetType: 'ext:ESCOSkill',
    },
  ],
  learningOutcomes: ['Write a data management plan', 'Publish a dataset with a persistent identifier'],
  workloadHours: 75,
  ects: 3,
  eqfLevel: 6,
  assessmentType: 'Supervised final project',
  supervision: 'supervised-with-identity-check',
  participation: 'online',
  qualityAssurance: 'Accredited by the national accreditation body',
  prerequisites: 'A bachelor degree in any field',
  stackability: 'stackable',
  stackableTowards: 'MSc Data Science',
  validityMonths: 36,
}

/** One issued credential as the tests use it. */
export interface Issued {
  id: string
  uuid: string
  /** The claim token from the learner's e-mail. */
  claimToken: string
}

export interface CredentialPlatform {
  t: TestPlatform
  /** The app that also publishes the log. */
  app: Hono
  org: TestOrg
  achievementId: string
  /** GET (or any method) on the app that publishes the log. */
  request(path: string, init?: RequestInit): Promise<Response>
  /** Posts a form anonymously with a matching CSRF cookie, as a browser does; `csrf: false` leaves the token out. */
  submitForm(path: string, fields: Record<string, string>, opts?: { csrf?: boolean }): Promise<Response>
  issue(recipient?: { email?: string; name?: string; did?: string }, org?: { id: string }, achievementId?: string): Promise<Issued>
  changeStatus(id: string, action: StatusAction, reason?: string): Promise<void>
  /** Signs a checkpoint of everything issued so far. */
  signCheckpoint(): Promise<void>
  /** A second organization signing with VC-JWT, and its achievement. */
  seedJwtIssuer(): Promise<{ org: TestOrg; achievementId: string }>
  /** Another published achievement of the organization, with an SVG badge or none. */
  seedAchievement(badge: BadgeKind): Promise<string>
  close(): Promise<void>
}

/** The badge image of a seeded achievement. */
export type BadgeKind = 'png' | 'svg' | 'none'

/** Inserts the badge image and a published achievement with DEFINITION into `org`. */
async function seedAchievement(t: TestPlatform, org: TestOrg, badge: BadgeKind = 'png'): Promise<string> {
  const now = t.clock.now().toISOString()
  let imageId: string | null = null
  if (badge !== 'none') {
    const bytes = badge === 'png' ? buildPng(64, 64) : new TextEncoder().encode(designBadgeSvg({ title: 'FAIR Data' }))
    imageId = createHash('sha256').update(bytes).digest('hex')
    const [width, height] = badge === 'png' ? [64, 64] : [512, 512]
    await t.store.db
      .insertInto('images')
      .values({ id: imageId, org_id: org.id, media_type: badge === 'png' ? 'image/png' : 'image/svg+xml', bytes, width, height, created_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
  }
  const id = t.ports.random.uuid()
  const definition = parseDefinition(DEFINITION)
  await t.store.db
    .insertInto('achievements')
    .values({ id, org_id: org.id, state: 'published', name: definition.name, definition: JSON.stringify(definition), image_id: imageId, created_at: now, updated_at: now })
    .execute()
  return id
}

/** Starts the platform (SQLite, or PostgreSQL when asked) with an organization and its published achievement. */
export async function startCredentialPlatform(opts: { dialect?: 'sqlite' | 'postgres'; config?: Partial<Config>; sqlitePath?: string } = {}): Promise<CredentialPlatform> {
  const t = await startTestPlatform(opts)
  const origin = logOrigin(t.config.publicUrl)
  const { privateKey } = generateKeyPairSync('ed25519')
  const signer = createNoteSigner(origin, privateKey)
  const app = createApp(t.config, { log: silentLogger, platform: t.platform, transparencyLog: { reader: t.store.log, verifierKey: verifierKeyOf(origin, privateKey) } })
  const owner = await t.seedUser()
  const org = await t.seedOrg({ owner, name: 'Example University' })
  const achievementId = await seedAchievement(t, org)

  const request = async (path: string, init?: RequestInit) => app.request(path, init)
  return {
    t,
    app,
    org,
    achievementId,
    request,
    submitForm: async (path, fields, { csrf = true } = {}) => {
      const token = randomBytes(24).toString('base64url')
      return app.request(path, {
        method: 'POST',
        headers: { cookie: `${CSRF_COOKIE}=${token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(csrf ? { _csrf: token, ...fields } : fields).toString(),
      })
    },
    async issue({ email = 'ada@example.org', name = 'Ada Lovelace', did }: { email?: string; name?: string; did?: string } = {}, issuer = org, achievement = achievementId) {
      const outcome = await issueCredential(t.ports, { orgId: issuer.id, achievementId: achievement, input: { recipient: { email, name, ...(did ? { did } : {}) } } })
      if (outcome.replayed) throw new Error('no Idempotency-Key was sent')
      const issued = outcome.view
      const mail = await t.store.db.selectFrom('outbox').select('text').where('text', 'like', `%/c/${issued.id.slice('urn:uuid:'.length)}%`).executeTakeFirstOrThrow()
      const claimToken = /\/claim\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1]
      if (!claimToken) throw new Error(`no claim link in the e-mail:\n${mail.text}`)
      return { id: issued.id, uuid: issued.id.slice('urn:uuid:'.length), claimToken }
    },
    async changeStatus(id, action, reason) {
      const row = await t.store.db.selectFrom('issued_credentials').select('org_id').where('credential_id', '=', id).executeTakeFirstOrThrow()
      await changeStatus(t.ports, { orgId: row.org_id, credentialId: id, action, reason })
    },
    async signCheckpoint() {
      await signCheckpoint({ store: t.store, signer, origin, clock: t.clock })
    },
    async seedJwtIssuer() {
      const owner2 = await t.seedUser()
      const jwtOrg = await t.seedOrg({ owner: owner2, name: 'JWT Institute' })
      await t.store.db.updateTable('organizations').set({ suite: 'vc-jwt' }).where('id', '=', jwtOrg.id).execute()
      return { org: jwtOrg, achievementId: await seedAchievement(t, jwtOrg) }
    },
    seedAchievement: (badge) => seedAchievement(t, org, badge),
    close: () => t.close(),
  }
}
