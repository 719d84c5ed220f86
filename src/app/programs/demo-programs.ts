// What `emblem demo` adds for programs (issue #12 item 5): two programs of the main organization —
// one open and self-paced, one on site with approval — and the demo learner enrolled in the open
// one, with evidence in and a project awaiting an assessor's review, so every program page has content.
import { achievementUrl } from '../achievements/ob-achievement.js'
import { DEMO_LEARNER } from '../demo/demo-learner.js'
import type { PlatformPorts } from '../platform/ports.js'
import type { ProgramsUseCases } from './programs-use-cases.js'

export async function seedDemoPrograms(ports: Pick<PlatformPorts, 'store' | 'clock' | 'publicUrl'>, programs: ProgramsUseCases, orgId: string): Promise<{ programs: string[] }> {
  const { store, clock, publicUrl } = ports
  const existing = await programs.listOfOrg(orgId)
  if (existing.length > 0) return { programs: existing.map((p) => p.id) }
  const org = await store.repos.orgs.get(orgId)
  const published = (await store.repos.achievements.list(orgId, { state: 'published', limit: 10 })).items
  const [first, second] = published
  if (!org || !first) return { programs: [] }
  const start = new Date(clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10)
  const end = new Date(clock.now().getTime() + 72 * 86_400_000).toISOString().slice(0, 10)
  const open = await programs.create(orgId, {
    achievementId: first.id,
    title: `${first.name}: the practical track`,
    summary: `Learn by doing, at your own pace: short readings, a worked example each week, and a final project an assessor reviews. Complete it to earn “${first.name}”.`,
    format: 'online',
    hours: 24,
    durationWeeks: 6,
    selfPaced: true,
    language: 'en',
    prerequisites: 'Basic familiarity with spreadsheets; no programming needed.',
    enrolmentMode: 'open',
    requirements: [
      { kind: 'evidence', title: 'Reflection on your current practice' },
      { kind: 'review', title: 'Final project', rubric: ['Completeness', 'Correctness', 'Clarity'] },
    ],
  })
  await programs.setState(orgId, open.id, 'published')
  const target = second ?? first
  const approval = await programs.create(orgId, {
    achievementId: target.id,
    title: `${target.name} bootcamp`,
    summary: 'An intensive on-site cohort: workshops with practitioners, a proctored final exam, and a certificate that stacks with your earlier credentials.',
    format: 'onsite',
    hours: 40,
    durationWeeks: 2,
    selfPaced: false,
    startsOn: start,
    endsOn: end,
    price: 290,
    currency: 'EUR',
    language: 'en',
    seats: 20,
    prerequisites: `Holding “${first.name}” (from this or another trusted issuer).`,
    enrolmentMode: 'approval',
    requirements: [
      { kind: 'credential', title: `Holds ${first.name}`, achievementUrl: achievementUrl(publicUrl, org.slug, first.id) },
      { kind: 'attendance', title: 'Workshops attended' },
      { kind: 'score', title: 'Final exam', threshold: 60 },
    ],
  })
  await programs.setState(orgId, approval.id, 'published')
  const learner = await store.repos.accounts.userByEmail(DEMO_LEARNER.email)
  if (learner) {
    const enrolment = await programs.enrol(learner.id, open.id)
    const [reflection, project] = open.requirements
    if (reflection && project) {
      await programs.submit(learner.id, enrolment.id, reflection.id, { text: 'Our lab keeps raw data on personal laptops. I mapped where each dataset lives and who can reach it, and proposed a shared, backed-up folder with a README per dataset.' })
      await programs.submit(learner.id, enrolment.id, project.id, { text: 'Final project: a data management plan for the soil-moisture study, with storage, sharing, licensing and a 10-year retention schedule.', url: 'https://example.org/alex-morgan/dmp-soil-moisture.pdf' })
    }
  }
  return { programs: [open.id, approval.id] }
}
