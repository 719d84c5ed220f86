// The demo's learner (`emblem demo --json` → "learner"): an account with a public profile whose
// wallet holds credentials the main demo organization issued to it (claimed, one bound to its DID)
// and one it imported from elsewhere: "External Academy", a did:key issuer that signs in-process here.
import { CONTEXT } from '../../core/canonical/index.js'
import { PlatformError } from '../../core/errors.js'
import { createSigner, didKeyOf, generateKeyPair, signCredential } from '../../core/proof/index.js'
import type { VerificationReport } from '../../core/verification/index.js'
import { hashPassword } from '../accounts/password-hash.js'
import { acceptClaim } from '../credentials/claim-credential.js'
import { issueOne } from '../issuance/issue-credential.js'
import type { PlatformPorts } from '../platform/ports.js'
import { displayOf } from '../wallet/display.js'
import { addImported, newItemOf } from '../wallet/items.js'
import { seedDemoCareer } from './demo-career.js'

/** The demo learner's address, name and intended public profile handle. */
export const DEMO_LEARNER = Object.freeze({ email: 'learner@example.org', name: 'Alex Morgan', handle: 'alex-morgan' })

/** What the demo learner seeding made: who signs in, and what their wallet holds. */
export interface DemoLearnerSeed {
  email: string
  password: string
  handle: string
  did: string
  /** Wallet item ids (claimed ones first). */
  items: string[]
}

/** An OB 3.0 credential External Academy awards `subject`. */
const externalBadge = (id: string, issuer: string, subject: string, at: Date, image: string) => ({
  '@context': [CONTEXT.VC_V2, CONTEXT.OB_V3],
  id,
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Introduction to Research Software Engineering',
  issuer: { id: issuer, type: ['Profile'], name: 'External Academy', url: 'https://academy.example' },
  validFrom: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  credentialSubject: {
    id: subject,
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://academy.example/achievements/intro-rse',
      type: ['Achievement'],
      achievementType: 'Course',
      name: 'Introduction to Research Software Engineering',
      image: { id: image, type: 'Image' },
      description: 'Version control, testing and packaging of research code: a six-week online course with a graded project.',
      criteria: { narrative: 'Completed all six modules and passed the final project review.' },
    },
  },
})

/**
 * Seeds the demo learner: the account (verified; a fresh password on every run), its confirmed
 * address, holder DID and public profile (/u/<handle>), and on the first run its wallet (every
 * credential public): two credentials of `org` issued to it
 * and claimed (the first to its DID), and one External Academy credential imported. `verify`
 * checks each credential the way the wallet does (this instance's documents in-process).
 */
export async function seedDemoLearner(
  ports: PlatformPorts,
  { org, verify }: { org: { id: string; achievements: readonly string[] }; verify: (credential: unknown) => Promise<VerificationReport> },
): Promise<DemoLearnerSeed> {
  const { store, random, clock } = ports
  const { accounts, accountEmails, walletItems } = store.repos
  const password = random.token(12)
  const passwordHash = await hashPassword(password)
  const existing = await accounts.userByEmail(DEMO_LEARNER.email)
  const userId = existing?.id ?? random.uuid()
  if (existing) await accounts.setPasswordHash(userId, passwordHash)
  else await accounts.createUser({ id: userId, email: DEMO_LEARNER.email, name: DEMO_LEARNER.name, passwordHash })
  const at = clock.now()
  await accounts.markEmailVerified(userId, at)
  await accountEmails.add(userId, DEMO_LEARNER.email, at.toISOString())
  await accountEmails.markVerified(userId, DEMO_LEARNER.email, at.toISOString())
  const { did } = await ports.holderKeys.ensure(userId)
  const profile = {
    userId,
    handle: DEMO_LEARNER.handle,
    displayName: DEMO_LEARNER.name,
    headline: 'Research data steward in training',
    bio: 'I help research teams keep their data findable, accessible, interoperable and reusable, and I write the small tools that make it easy.',
    public: true,
    openToEmployers: true,
  }
  if ((await store.repos.learnerProfiles.save(profile, at)) === 'taken') throw new PlatformError('ERR_CONFLICT', `The demo learner's handle ${DEMO_LEARNER.handle} belongs to another account; the demo will not touch it`)

  await seedDemoCareer(ports, userId)
  const kept = await walletItems.list(userId)
  if (kept.length > 0) return { email: DEMO_LEARNER.email, password, handle: DEMO_LEARNER.handle, did, items: kept.map((i) => i.id) }

  const items: string[] = []
  for (const [n, achievementId] of org.achievements.slice(0, 2).entries()) {
    const token = random.token(32)
    const recipient = { email: DEMO_LEARNER.email, name: DEMO_LEARNER.name, ...(n === 0 ? { did } : {}) }
    const issued = await issueOne(ports, { orgId: org.id, achievementId, recipient }, { claimToken: token })
    await acceptClaim(ports, { token, showName: true })
    const document = typeof issued.credential === 'string' ? issued.credential : JSON.stringify(issued.credential)
    const report = await verify(issued.credential)
    const row = newItemOf(ports, userId, {
      source: 'claim',
      format: issued.format === 'jwt' ? 'vc-jwt' : 'vc-json',
      document,
      credentialId: issued.id,
      issuedCredentialId: issued.id,
      verified: report.verified,
      report,
      display: displayOf(report.credential ?? (typeof issued.credential === 'string' ? {} : issued.credential)),
      showName: true,
    })
    await walletItems.insert({ ...row, public: true })
    items.push(row.id)
  }

  const pair = generateKeyPair()
  const academy = didKeyOf(pair.publicKeyMultibase)
  // Its badge travels in the credential as a data: URL, as many issuers' do; the import keeps a checked copy.
  const badgeSvg = ports.media.designBadge({ title: 'Research SE', subtitle: 'External Academy', shape: 'circle', icon: 'code', background: '#9a3412', foreground: '#ffffff' })
  const badge = `data:image/svg+xml;base64,${Buffer.from(badgeSvg, 'utf8').toString('base64')}`
  const signed = await signCredential(externalBadge(`urn:uuid:${random.uuid()}`, academy, did, new Date(at.getTime() - 120 * 86_400_000), badge), createSigner(pair), { suite: 'eddsa-rdfc-2022', created: at.toISOString().replace(/\.\d{3}Z$/, 'Z') })
  const report = await verify(signed)
  const { item } = await addImported(ports, userId, { format: 'vc-json', document: JSON.stringify(signed, null, 2), credentialId: signed.id, verified: report.verified, report, display: displayOf(signed) })
  await walletItems.update(userId, item.id, { public: true })
  items.push(item.id)
  return { email: DEMO_LEARNER.email, password, handle: DEMO_LEARNER.handle, did, items }
}
