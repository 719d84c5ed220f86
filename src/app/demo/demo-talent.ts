// The demo's employers side (`emblem demo --json` → "employer"): an employer organization,
// Northwind Analytics, with a member account; four demo learners with public profiles whose
// wallets hold credentials the demo organizations issued them, all opted in to be found (the demo
// learner too); a small skill hierarchy; and, on the first run, one view and one message to the
// demo learner, so both sides have something to show.
import type { VerificationReport } from '../../core/verification/index.js'
import { demoSkillUri } from '../../core/skills/index.js'
import { hashPassword } from '../accounts/password-hash.js'
import { acceptClaim } from '../credentials/claim-credential.js'
import { issueOne } from '../issuance/issue-credential.js'
import { createOrg } from '../orgs/create-org.js'
import type { PlatformPorts } from '../platform/ports.js'
import { talentUseCases } from '../talent/talent-use-cases.js'
import { displayOf } from '../wallet/display.js'
import { newItemOf } from '../wallet/items.js'

export const DEMO_EMPLOYER = Object.freeze({ email: 'employer@example.org', name: 'Jordan Lee', org: { slug: 'northwind-analytics', name: 'Northwind Analytics' } })

/** The demo learners: name, handle, location, country, and which demo achievements they hold ([org index, achievement index]). */
const LEARNERS = [
  { name: 'Amara Okafor', handle: 'amara-okafor', location: 'Lyon', country: 'FR', holds: [[0, 3], [1, 0], [3, 0]] },
  { name: 'Lukas Becker', handle: 'lukas-becker', location: 'Berlin', country: 'DE', holds: [[1, 0], [1, 2]] },
  { name: 'Sofía Ramírez', handle: 'sofia-ramirez', location: 'Madrid', country: 'ES', holds: [[0, 3], [1, 2], [3, 1]] },
  { name: 'Daan de Vries', handle: 'daan-de-vries', location: 'Utrecht', country: 'NL', holds: [[0, 0], [1, 1]] },
] as const

/** Narrower → broader among the demo skills: a search for the broader one finds both. */
const HIERARCHY: [narrower: string, broader: string][] = [
  ['data-visualisation', 'data-analysis'],
  ['spreadsheets', 'data-analysis'],
  ['sql', 'data-analysis'],
  ['python-programming', 'data-analysis'],
  ['presentation', 'communication'],
]

export interface DemoTalentSeed {
  email: string
  password: string
  org: string
  learners: string[]
}

async function account(ports: PlatformPorts, email: string, name: string): Promise<{ id: string; password: string }> {
  const { accounts, accountEmails } = ports.store.repos
  const password = ports.random.token(12)
  const passwordHash = await hashPassword(password)
  const existing = await accounts.userByEmail(email)
  const id = existing?.id ?? ports.random.uuid()
  if (existing) await accounts.setPasswordHash(id, passwordHash)
  else await accounts.createUser({ id, email, name, passwordHash })
  const at = ports.clock.now()
  await accounts.markEmailVerified(id, at)
  await accountEmails.add(id, email, at.toISOString())
  await accountEmails.markVerified(id, email, at.toISOString())
  return { id, password }
}

/** Seeds the employer, the opted-in learners and the hierarchy (idempotent: a second run keeps what is there). */
export async function seedDemoTalent(
  ports: PlatformPorts,
  { orgs, verify, learnerHandle }: { orgs: readonly { id: string; achievements: readonly string[] }[]; verify: (credential: unknown) => Promise<VerificationReport>; learnerHandle?: string | undefined },
): Promise<DemoTalentSeed> {
  const { store } = ports
  const talent = talentUseCases(ports)
  const employer = await account(ports, DEMO_EMPLOYER.email, DEMO_EMPLOYER.name)
  let org = await store.repos.talent.orgBySlug(DEMO_EMPLOYER.org.slug)
  if (!org) {
    const created = await createOrg(ports, { userId: employer.id, input: { name: DEMO_EMPLOYER.org.name, slug: DEMO_EMPLOYER.org.slug, country: 'NL', url: 'https://northwind.example', description: 'A fictional data consultancy hiring analysts across Europe.' } })
    await store.repos.talent.setOrgKind(created.id, 'employer')
    org = { id: created.id, slug: created.slug, name: created.name, kind: 'employer' }
  }
  await talent.addSkillHierarchy(HIERARCHY.map(([n, b]) => ({ skillId: demoSkillUri(n), broaderId: demoSkillUri(b) })))

  const handles: string[] = []
  for (const l of LEARNERS) {
    const email = `${l.handle.replace(/-/g, '.')}@example.org`
    const { id: userId } = await account(ports, email, l.name)
    const at = ports.clock.now()
    if ((await store.repos.learnerProfiles.save({ userId, handle: l.handle, displayName: l.name, headline: '', bio: '', public: true, openToEmployers: true }, at)) === 'taken') continue
    if ((await store.repos.walletItems.list(userId)).length === 0) {
      for (const [o, a] of l.holds) {
        const achievementId = orgs[o]?.achievements[a]
        if (!orgs[o] || !achievementId) continue
        const token = ports.random.token(32)
        const issued = await issueOne(ports, { orgId: orgs[o].id, achievementId, recipient: { email, name: l.name } }, { claimToken: token })
        await acceptClaim(ports, { token, showName: true })
        const report = await verify(issued.credential)
        const document = typeof issued.credential === 'string' ? issued.credential : JSON.stringify(issued.credential)
        const row = newItemOf(ports, userId, { source: 'claim', format: issued.format === 'jwt' ? 'vc-jwt' : 'vc-json', document, credentialId: issued.id, issuedCredentialId: issued.id, verified: report.verified, report, display: displayOf(report.credential ?? (typeof issued.credential === 'string' ? {} : issued.credential)), showName: true })
        await store.repos.walletItems.insert({ ...row, public: true })
      }
    }
    await talent.optIn(userId, { location: l.location, country: l.country })
    handles.push(l.handle)
  }

  // The demo learner opts in too; on the first run Northwind opens their profile and writes to them.
  const demoLearner = learnerHandle ? await store.repos.learnerProfiles.byHandle(learnerHandle) : undefined
  if (demoLearner) {
    await talent.optIn(demoLearner.userId, { location: 'Groningen', country: 'NL' })
    handles.push(demoLearner.handle)
    if ((await store.repos.talent.thread(org.id, demoLearner.userId)).length === 0) {
      const at = ports.clock.now().toISOString()
      await store.repos.talent.recordView(demoLearner.userId, org.id, at)
      await store.repos.talent.addMessage({ id: ports.random.uuid(), orgId: org.id, userId: demoLearner.userId, sender: 'employer', senderUserId: employer.id, body: 'Hello Alex, your research data stewardship credential caught our eye. We are hiring a data steward in Groningen — would you like to talk?', createdAt: at })
    }
  }
  return { email: DEMO_EMPLOYER.email, password: employer.password, org: org.slug, learners: handles }
}
