import type { Achievement, Alignment, Profile } from '../../core/credential/index.js'
import { markdownBlocks } from './markdown-blocks.js'

/** What the credential page shows of the achievement, read from the signed credential itself. */
export interface AchievementView {
  name: string
  description: string
  imageUrl: string | undefined
  /** The criteria narrative before its EU sections (Markdown). */
  criteria: string | undefined
  criteriaUrl: string | undefined
  learningOutcomes: string[]
  /** The EU micro-credential elements as label / value pairs (workload, level, assessment, participation…). */
  facts: { label: string; value: string }[]
  prerequisites: string | undefined
  qualityAssurance: string | undefined
  /** Other sections of the narrative, kept in order (Markdown, with their heading). */
  otherSections: { title: string; text: string }[]
  /** Skills and competencies the achievement aligns to (not the EU vocabularies shown as facts). */
  skills: Alignment[]
  tags: string[]
  achievementType: string | undefined
}

/** Frameworks whose alignments are EU elements (shown as facts), not skills. */
const EU_FRAMEWORKS = new Set(['European Qualifications Framework', 'European Credit Transfer and Accumulation System', 'Europass modes of learning and assessment'])
const isEuAlignment = (a: Alignment): boolean => EU_FRAMEWORKS.has(a.targetFramework ?? '') || /^https?:\/\/data\.europa\.eu\/snb\//.test(a.targetUrl)

/** An http(s) URL, or undefined: nothing else becomes a link or an image on a page. */
export function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || !URL.canParse(value)) return undefined
  return /^https?:$/.test(new URL(value).protocol) ? value : undefined
}

/** The credential's embedded achievement (or an empty one when it has none). */
export const achievementOf = (credential: Record<string, unknown>): Partial<Achievement> => {
  const subject = (Array.isArray(credential.credentialSubject) ? credential.credentialSubject[0] : credential.credentialSubject) as { achievement?: unknown } | undefined
  const achievement = subject?.achievement
  return typeof achievement === 'object' && achievement !== null ? (achievement as Partial<Achievement>) : {}
}

/** The credential's issuer Profile (an id alone becomes a Profile with that id). */
export const issuerOf = (credential: Record<string, unknown>): Partial<Profile> => {
  const issuer = credential.issuer
  if (typeof issuer === 'string') return { id: issuer }
  return typeof issuer === 'object' && issuer !== null ? (issuer as Partial<Profile>) : {}
}

/**
 * The achievement as the page shows it: its narrative split into criteria, learning outcomes, the
 * EU elements ("Micro-credential" facts, prerequisites, quality assurance: how obAchievement writes
 * them), skills from its alignments, and the EU facts its alignments and credits imply when the
 * narrative does not state them.
 */
export function achievementView(credential: Record<string, unknown>): AchievementView {
  const a = achievementOf(credential)
  const alignments = (Array.isArray(a.alignment) ? a.alignment : []).filter((x): x is Alignment => typeof x?.targetName === 'string' && typeof x.targetUrl === 'string')
  const sections = narrativeSections(typeof a.criteria?.narrative === 'string' ? a.criteria.narrative : '')
  const take = (title: string) => {
    const i = sections.findIndex((s) => s.title?.toLowerCase() === title)
    return i === -1 ? undefined : sections.splice(i, 1)[0]!.text
  }
  const outcomes = take('learning outcomes')
  const factsText = take('micro-credential')
  const prerequisites = take('prerequisites')
  const qualityAssurance = take('quality assurance')
  const lead = sections[0]?.title === undefined ? sections.shift()?.text : undefined
  const facts = factsOf(factsText)
  const has = (label: string) => facts.some((f) => f.label.toLowerCase() === label)
  const eqf = alignments.find((x) => x.targetFramework === 'European Qualifications Framework' || /\/snb\/eqf\//.test(x.targetUrl))
  if (!has('workload') && typeof a.creditsAvailable === 'number') facts.unshift({ label: 'Workload', value: `${a.creditsAvailable} ECTS credits` })
  if (!has('level') && eqf) facts.push({ label: 'Level', value: eqf.targetCode ? `EQF ${eqf.targetCode}` : eqf.targetName })
  return {
    name: typeof a.name === 'string' ? a.name : typeof credential.name === 'string' ? credential.name : 'Credential',
    description: typeof a.description === 'string' ? a.description : '',
    imageUrl: httpUrl(a.image?.id),
    criteria: lead,
    criteriaUrl: httpUrl(a.criteria?.id),
    learningOutcomes: outcomes ? markdownBlocks(outcomes).flatMap((b) => (b.kind === 'list' ? b.items : b.kind === 'paragraph' ? [b.text] : [])) : [],
    facts,
    prerequisites,
    qualityAssurance,
    otherSections: sections.map((s) => ({ title: s.title ?? '', text: s.text })),
    skills: alignments.filter((x) => !isEuAlignment(x)),
    tags: Array.isArray(a.tag) ? a.tag.filter((t): t is string => typeof t === 'string') : [],
    achievementType: typeof a.achievementType === 'string' ? a.achievementType : undefined,
  }
}

/** A narrative cut at its `## ` headings: the text before the first heading has no title. */
function narrativeSections(narrative: string): { title: string | undefined; text: string }[] {
  const sections: { title: string | undefined; lines: string[] }[] = [{ title: undefined, lines: [] }]
  for (const line of narrative.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = /^##\s+(.+)$/.exec(line.trim())
    if (heading) sections.push({ title: heading[1]!.trim(), lines: [] })
    else sections.at(-1)!.lines.push(line)
  }
  return sections.map((s) => ({ title: s.title, text: s.lines.join('\n').trim() })).filter((s) => s.title !== undefined || s.text !== '')
}

/** "Label: value" list items as facts. */
function factsOf(text: string | undefined): { label: string; value: string }[] {
  if (!text) return []
  return markdownBlocks(text).flatMap((b) =>
    b.kind !== 'list'
      ? []
      : b.items.flatMap((item) => {
          const at = item.indexOf(': ')
          return at > 0 ? [{ label: item.slice(0, at), value: item.slice(at + 2) }] : []
        }),
  )
}
