// The platform as the edges see it: namespaces of use cases and read queries already bound to the
// ports, and a few harmless facts. No store, no repositories, no ports: an edge cannot reach past
// a use case, and the type system says so.
import { accountsUseCases, type AccountsUseCases } from '../accounts/accounts-use-cases.js'
import { achievementsUseCases, type AchievementsUseCases } from '../achievements/achievements-use-cases.js'
import { credentialsUseCases, type CredentialsUseCases } from '../credentials/credentials-use-cases.js'
import { createLookRecorder } from '../credentials/look-recorder.js'
import { dashboardUseCases, type DashboardUseCases } from '../dashboard/dashboard-use-cases.js'
import { seedDemo, type DemoSeed } from '../demo/seed-demo.js'
import { seedDemoLearner, type DemoLearnerSeed } from '../demo/demo-learner.js'
import { seedDemoTalent, type DemoTalentSeed } from '../demo/demo-talent.js'
import type { FetchLocal } from '../credentials/ports.js'
import { verifyLocal } from '../credentials/verify-local.js'
import { holderUseCases, type HolderUseCases } from '../holder/holder-use-cases.js'
import { intakeUseCases, type IntakeUseCases } from '../intake/intake-use-cases.js'
import { issuanceUseCases, type IssuanceUseCases } from '../issuance/issuance-use-cases.js'
import { instanceOutboxUseCases, type InstanceOutboxUseCases } from '../mail/instance-outbox.js'
import { outboxUseCases, type OutboxUseCases } from '../mail/outbox-use-cases.js'
import { orgsUseCases, type OrgsUseCases } from '../orgs/orgs-use-cases.js'
import { skillsUseCases, type SkillsUseCases } from '../skills/skills-use-cases.js'
import { walletUseCases, type WalletUseCases } from '../wallet/wallet-use-cases.js'
import { liveVerifierOf, shareUseCases, type ShareUseCases } from '../share/share-use-cases.js'
import { trustUseCases, type TrustUseCases } from '../trust/trust-use-cases.js'
import { endorsementsUseCases, type EndorsementsUseCases } from '../endorsements/endorsements-use-cases.js'
import { talentUseCases, type TalentUseCases } from '../talent/talent-use-cases.js'
import { webhooksUseCases, type WebhooksUseCases } from '../webhooks/webhooks-use-cases.js'
import { ob3ClientUseCases, type Ob3ClientUseCases } from '../ob3client/ob3client-use-cases.js'
import { issuerPushUseCases, type IssuerPushUseCases } from '../ob3client/issuer-push.js'
import { ltiUseCases, type LtiUseCases } from '../lti/lti-use-cases.js'
import { occupationsUseCases, type OccupationsUseCases } from '../occupations/occupations-use-cases.js'
import { careerUseCases, type CareerUseCases } from '../career/career-use-cases.js'
import { oauthUseCases, type OAuthUseCases } from '../oauth/oauth-use-cases.js'
import { programsUseCases, type ProgramsUseCases } from '../programs/programs-use-cases.js'
import { clrUseCases, type ClrUseCases } from '../clr/clr-use-cases.js'
import { pathwaysUseCases, type PathwaysUseCases } from '../pathways/pathways-use-cases.js'
import { apiKeyActor, requireOrgAccess, sessionActor, type OrgAccess } from './access.js'
import type { Actor } from './access-ports.js'
import type { PlatformPorts } from './ports.js'
import { checkReadiness } from './readiness.js'
import type { RoleName } from './roles.js'

/** Who is asking, and may they act in an organization. */
export interface AccessUseCases {
  /** The signed-in user of a session cookie's token (a live session), or undefined. */
  session(token: string): Promise<Extract<Actor, { kind: 'user' }> | undefined>
  /** The organization an unrevoked API key acts for, with its role, or undefined. */
  apiKey(secret: string): Promise<Extract<Actor, { kind: 'api-key' }> | undefined>
  /** The one access check: the organization of `slug` with the actor's role, at least `least` (401 / 404 / 403 otherwise). */
  requireOrg(actor: Actor | undefined, slug: string, least: RoleName): Promise<OrgAccess>
}

/** Seeding the demonstration organization (`emblem demo`). */
export interface DemoUseCases {
  /** The demo user, organization, skills, achievements, an API key, and `count` credentials queued as batches. */
  seed(options: { count: number }): Promise<DemoSeed>
  /** The demo learner (after `seed`): an account whose wallet holds `org`'s credentials and an imported one; `fetchLocal` reaches this instance's documents to verify them. */
  seedLearner(org: { id: string; achievements: readonly string[] }, fetchLocal: FetchLocal): Promise<DemoLearnerSeed>
  /** The employer side (after `seed` and `seedLearner`): an employer organization with a member, opted-in learners with credentials of `orgs`. */
  seedTalent(orgs: readonly { id: string; achievements: readonly string[] }[], fetchLocal: FetchLocal, learnerHandle?: string): Promise<DemoTalentSeed>
}

/** Everything the edges (HTTP API, pages, CLI commands) may do: use cases and read queries, bound. */
export interface Platform {
  /** The public origin, no trailing slash. */
  readonly publicUrl: string
  /** Whether e-mail goes out over SMTP (else it is held in the outbox). */
  readonly smtpConfigured: boolean
  /** The platform's time (tests fix it). */
  now(): Date
  readonly access: AccessUseCases
  readonly accounts: AccountsUseCases
  readonly orgs: OrgsUseCases
  readonly achievements: AchievementsUseCases
  readonly skills: SkillsUseCases
  readonly issuance: IssuanceUseCases
  readonly credentials: CredentialsUseCases
  readonly dashboard: DashboardUseCases
  readonly outbox: OutboxUseCases
  /** The instance's own e-mail (confirmations, resets) for its administrators, and where such mail goes. */
  readonly instanceOutbox: InstanceOutboxUseCases
  readonly demo: DemoUseCases
  /** The learner as holder: their DID, presentations, export, notification settings, account deletion. */
  readonly holder: HolderUseCases
  /** The learner's wallet (issue #10). */
  readonly wallet: WalletUseCases
  /** The learner's public profile, share links and skills profile (issue #10). */
  readonly share: ShareUseCases
  /** Reading and verifying a credential from any container: the public verifier, wallet import. */
  readonly intake: IntakeUseCases
  /** Trusted issuers and registries (administrators), and whether an issuer is trusted. */
  readonly trust: TrustUseCases
  /** Endorsements between organizations: signed EndorsementCredentials. */
  readonly endorsements: EndorsementsUseCases
  /** Employers finding learners by verified skills; learners' opt-in, views and messages. */
  readonly talent: TalentUseCases
  /** An organization's webhook endpoints and their delivery log. */
  readonly webhooks: WebhooksUseCases
  /** Occupations (ESCO, O*NET, demo) and what they ask for (issue #12). */
  readonly occupations: OccupationsUseCases
  /** The learner's career planner and the aggregated demand signals (issue #12). */
  readonly career: CareerUseCases
  /** The 1EdTech OB 3.0 API: its OAuth server's records, the learner's grants, credentials and Profile. */
  readonly oauth: OAuthUseCases
  /** Learning programs, the catalog, enrolments, requirements and reviews (issue #12). */
  readonly programs: ProgramsUseCases
  /** CLR 2.0 records (a learner's chosen credentials, a completed program) and Europass ELM 3 exports. */
  readonly clr: ClrUseCases
  /** Other OB 3.0 hosts a learner connected: import everything from them, send credentials there (issue #13). */
  readonly ob3client: Ob3ClientUseCases
  /** An issuer sends a credential to the learner's OB 3.0 host through a push link (issue #13 item 2). */
  readonly issuerPush: IssuerPushUseCases
  /** Pathways: stackable credentials, their public pages and learners' progress (issue #12). */
  readonly pathways: PathwaysUseCases
  /** The LTI 1.3 tool: platforms, launches, course mappings, deep linking, grade sync (issue #13 item 3). */
  readonly lti: LtiUseCases
  /** Writes what is counted in memory (page views and verifications, aggregated and written every 2 seconds); the server calls it at shutdown. */
  flush(): Promise<void>
  /** For load balancers: resolves when the database is reachable and its schema current (ERR_STORE_UNAVAILABLE otherwise). */
  ready(): Promise<void>
}

/** The one binding of use cases to ports: what createPlatform hands the edges. */
export function bindPlatform(ports: PlatformPorts): Platform {
  // Counted looks are written in batches; whoever reads the counts flushes them first.
  const looks = createLookRecorder(ports)
  const counted = <A extends unknown[], R>(read: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    await looks.flush()
    return read(...args)
  }
  const dashboard = dashboardUseCases(ports)
  const orgs = orgsUseCases(ports)
  const credentials = credentialsUseCases(ports, looks)
  const programs = programsUseCases(ports)
  const intake = intakeUseCases(ports, credentials)
  const pathways = pathwaysUseCases(ports)
  const issuance = issuanceUseCases(ports)
  // Every way a credential reaches a learner (issue, batch, claim, import: the jobs share these ports)
  // runs the pathway check; set on the ports themselves so the background runners see it too.
  ports.credentialReached ??= (who) => pathways.reached(who)
  return Object.freeze({
    publicUrl: ports.publicUrl,
    smtpConfigured: ports.smtpConfigured,
    now: () => ports.clock.now(),
    access: {
      session: (token) => sessionActor(ports, token),
      apiKey: (secret) => apiKeyActor(ports, secret),
      requireOrg: (actor, slug, least) => requireOrgAccess(ports, actor, slug, least),
    },
    accounts: accountsUseCases(ports),
    orgs: { ...orgs, publicPage: counted(orgs.publicPage) },
    achievements: achievementsUseCases(ports),
    skills: skillsUseCases(ports),
    issuance,
    credentials,
    dashboard: { myOrgs: counted(dashboard.myOrgs), activity: counted(dashboard.activity), looksByAchievement: counted(dashboard.looksByAchievement) },
    outbox: outboxUseCases(ports),
    instanceOutbox: instanceOutboxUseCases(ports),
    demo: {
      seed: (options) => seedDemo(ports, options),
      seedLearner: (org, fetchLocal) => seedDemoLearner(ports, { org, verify: (credential) => verifyLocal({ ...ports, documents: { fetchLocal } }, credential) }),
      seedTalent: (orgs, fetchLocal, learnerHandle) => seedDemoTalent(ports, { orgs, learnerHandle, verify: (credential) => verifyLocal({ ...ports, documents: { fetchLocal } }, credential) }),
    },
    holder: holderUseCases(ports),
    wallet: walletUseCases(ports),
    share: shareUseCases(ports, liveVerifierOf(credentials)),
    intake,
    trust: trustUseCases(ports),
    endorsements: endorsementsUseCases(ports),
    talent: talentUseCases(ports),
    webhooks: webhooksUseCases(ports),
    occupations: occupationsUseCases(ports),
    // The planner's programs are the catalog's: published programs teaching the gap's skills.
    career: careerUseCases({ ...ports, programs: async (skills) => (await programs.findProgramsForSkills(skills)).map((p) => ({ ...p, url: `/programs/${p.id}` })) }),
    oauth: oauthUseCases(ports),
    programs,
    clr: clrUseCases(ports),
    ob3client: ob3ClientUseCases(ports, intake),
    issuerPush: issuerPushUseCases(ports, issuance),
    pathways,
    lti: ltiUseCases(ports),
    flush: () => looks.flush(),
    ready: () => checkReadiness(ports),
  } satisfies Platform)
}
