// What `emblem demo` adds for pathways (issue #12): "Data Analyst Professional", an achievement of
// the main demo organization issued to learners who hold any two of three parts — two of its own
// achievements and one of the Guild of Data Professionals. The demo learner holds one part already,
// so /wallet/pathways and the issuer's pathway page show progress on a fresh clone.
import { publishAchievement } from '../achievements/achievement-state.js'
import { createAchievement } from '../achievements/edit-achievement.js'
import { achievementUrl } from '../achievements/ob-achievement.js'
import { saveImage } from '../achievements/save-image.js'
import { DEMO_LEARNER } from '../demo/demo-learner.js'
import type { PlatformPorts } from '../platform/ports.js'
import type { PathwaysUseCases } from './pathways-use-cases.js'

const TARGET = {
  name: 'Data Analyst Professional',
  description: 'Stacks data stewardship, analysis and visualisation into one professional credential.',
  criteria: { narrative: 'Hold any two of: Research Data Stewardship, Python for Data Analysis (Emblem Demo University), Data Visualisation Practitioner (Guild of Data Professionals).' },
  achievementType: 'Certificate',
  inLanguage: 'en',
}

/** Seeds the demo pathway once (by title); its id, or undefined when the demo organizations lack the parts. */
export async function seedDemoPathways(ports: PlatformPorts, pathways: PathwaysUseCases, orgs: readonly { id: string; achievements: readonly string[] }[]): Promise<string | undefined> {
  const [main, guild] = orgs
  if (!main || !guild) return undefined
  const existing = (await pathways.listOfOrg(main.id)).find((p) => p.title === TARGET.name)
  if (existing) return existing.id
  const [mainOrg, guildOrg] = [await ports.store.repos.orgs.get(main.id), await ports.store.repos.orgs.get(guild.id)]
  const [stewardship, , , python] = main.achievements
  const visualisation = guild.achievements[2]
  if (!mainOrg || !guildOrg || !stewardship || !python || !visualisation) return undefined
  const svg = ports.media.designBadge({ title: 'Data Analyst', subtitle: 'Professional', shape: 'shield', icon: 'star', background: '#0f766e', foreground: '#ffffff' })
  const image = await saveImage(ports, main.id, ports.media.checkImage(new TextEncoder().encode(svg), 'image/svg+xml'))
  const target = await publishAchievement(ports, main.id, (await createAchievement(ports, { orgId: main.id, definition: TARGET, imageId: image.id })).id)
  const created = await pathways.create(main.id, {
    achievementId: target.id,
    title: TARGET.name,
    summary: 'Show that you can look after research data, analyse it and make it speak: hold any two of these three credentials and the professional certificate is issued to you automatically.',
    rule: 'some',
    required: 2,
    windowDays: 730,
    parts: [
      { achievementUrl: achievementUrl(ports.publicUrl, mainOrg.slug, stewardship) },
      { achievementUrl: achievementUrl(ports.publicUrl, mainOrg.slug, python) },
      { achievementUrl: achievementUrl(ports.publicUrl, guildOrg.slug, visualisation) },
    ],
  })
  await pathways.reached({ email: DEMO_LEARNER.email })
  return created.id
}
