import type { Achievement, Alignment, ResultDescription } from '../../core/credential/index.js'
import type { AchievementDefinition } from './definition.js'
import type { AchievementRecord } from './ports.js'

// The OB 3.0 Achievement a credential embeds, from a stored definition. Only terms of the bundled
// VC 2.0 + OB 3.0.3 contexts: canonicalization in safe mode rejects anything else. EU elements
// without an OB term (STANDARDS.md §4.1) become alignments to the EU's own vocabularies (EQF, ECTS,
// modes of learning) and Markdown sections of the criteria narrative, so a displayer shows them all.

/** EU vocabularies the elements align to (data.europa.eu/snb, as Europass Digital Credentials use them). */
export const EU_VOCABULARY = Object.freeze({
  eqfLevel: (level: number) => `http://data.europa.eu/snb/eqf/${level}`,
  eqfFramework: 'European Qualifications Framework',
  ects: 'http://data.europa.eu/snb/education-credit/6fcec5c5af',
  ectsFramework: 'European Credit Transfer and Accumulation System',
  modeFramework: 'Europass modes of learning and assessment',
  mode: {
    online: 'http://data.europa.eu/snb/learning-assessment/920fbb3cbe',
    onsite: 'http://data.europa.eu/snb/learning-assessment/9191af2ed9',
    blended: 'http://data.europa.eu/snb/learning-assessment/e92d221e4d',
  },
})

const PARTICIPATION_LABEL = { online: 'Online', onsite: 'On site', blended: 'Blended (online and on site)' } as const
const SUPERVISION_LABEL = {
  unsupervised: 'unsupervised, no identity verification',
  supervised: 'supervised, no identity verification',
  'supervised-with-identity-check': 'supervised, with identity verification',
} as const

/** Where an organization's achievement lives: its OB `id` and the page a person sees. */
export const achievementUrl = (publicUrl: string, orgSlug: string, id: string): string =>
  `${publicUrl}/orgs/${encodeURIComponent(orgSlug)}/achievements/${encodeURIComponent(id)}`

/** The stored definition (validated when it was written). */
export const definitionOf = (record: AchievementRecord): AchievementDefinition => record.definition as unknown as AchievementDefinition

/**
 * The OB 3.0 Achievement of `record` as credentials embed it: `id` under the organization's URL,
 * every editor field mapped (STANDARDS.md §4.1), `version` the record's version, the badge image
 * under `/images/<id>`. Null, empty strings and empty arrays are omitted.
 * @example obAchievement(record, { publicUrl: 'https://badges.example.edu', orgSlug: 'science' })
 */
export function obAchievement(record: AchievementRecord, { publicUrl, orgSlug }: { publicUrl: string; orgSlug: string }): Achievement {
  const d = definitionOf(record)
  const id = achievementUrl(publicUrl, orgSlug, record.id)
  const name = d.name || record.name
  const achievement: Achievement = {
    id,
    type: ['Achievement'],
    achievementType: d.achievementType as Achievement['achievementType'],
    name,
    description: d.description ?? '',
    criteria: omitEmpty({ id: d.criteria?.id, narrative: criteriaNarrative(d) }),
    image: record.imageId ? { id: `${publicUrl}/images/${record.imageId}`, type: 'Image', caption: name } : undefined,
    creditsAvailable: d.creditsAvailable ?? d.ects,
    fieldOfStudy: d.fieldOfStudy,
    humanCode: d.humanCode,
    inLanguage: d.inLanguage,
    tag: nonEmpty(d.tag),
    alignment: nonEmpty(alignmentsOf(d)),
    resultDescription: nonEmpty((d.resultDescription ?? []).map((r, i) => resultDescriptionOf(r, `${id}/results/${i + 1}`))),
    version: String(record.version),
  }
  return omitEmpty(achievement)
}

/** When a credential issued at `issuedAt` expires: `validityMonths` calendar months later (clamped to the month's end), or undefined. */
export function achievementValidUntil(definition: Pick<AchievementDefinition, 'validityMonths'>, issuedAt: Date): Date | undefined {
  const months = definition.validityMonths
  if (!months) return undefined
  const target = new Date(issuedAt.getTime())
  const day = target.getUTCDate()
  target.setUTCDate(1)
  target.setUTCMonth(target.getUTCMonth() + months)
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(day, lastDay))
  return target
}

/** The editor's alignments (skills first), then EQF level, ECTS credits and mode of participation; one per target URL. */
function alignmentsOf(d: AchievementDefinition): Alignment[] {
  const out: Alignment[] = (d.alignment ?? []).map((a) => omitEmpty({ type: ['Alignment'], ...a }) as Alignment)
  if (d.eqfLevel)
    out.push({
      type: ['Alignment'],
      targetName: `EQF level ${d.eqfLevel}`,
      targetUrl: EU_VOCABULARY.eqfLevel(d.eqfLevel),
      targetCode: String(d.eqfLevel),
      targetFramework: EU_VOCABULARY.eqfFramework,
    })
  if (d.ects !== undefined)
    out.push({
      type: ['Alignment'],
      targetName: `${d.ects} ECTS credits`,
      targetUrl: EU_VOCABULARY.ects,
      targetCode: String(d.ects),
      targetFramework: EU_VOCABULARY.ectsFramework,
    })
  if (d.participation)
    out.push({
      type: ['Alignment'],
      targetName: PARTICIPATION_LABEL[d.participation],
      targetUrl: EU_VOCABULARY.mode[d.participation],
      targetFramework: EU_VOCABULARY.modeFramework,
    })
  const seen = new Set<string>()
  return out.filter((a) => !seen.has(a.targetUrl) && seen.add(a.targetUrl))
}

function resultDescriptionOf(r: AchievementDefinition['resultDescription'][number], fallbackId: string): ResultDescription {
  return omitEmpty({
    id: r.id ?? fallbackId,
    type: ['ResultDescription'],
    name: r.name,
    resultType: r.resultType as ResultDescription['resultType'],
    allowedValue: nonEmpty(r.allowedValue),
    valueMin: r.valueMin,
    valueMax: r.valueMax,
    requiredValue: r.requiredValue,
  })
}

/** The criteria narrative, then the learning outcomes and the EU elements as Markdown sections. */
export function criteriaNarrative(d: AchievementDefinition): string | undefined {
  const sections: string[] = []
  if (d.criteria?.narrative) sections.push(d.criteria.narrative)
  if (d.learningOutcomes?.length) sections.push(`## Learning outcomes\n\n${d.learningOutcomes.map((o) => `- ${o}`).join('\n')}`)
  const facts = microCredentialFacts(d)
  if (facts.length) sections.push(`## Micro-credential\n\n${facts.map((f) => `- ${f}`).join('\n')}`)
  if (d.prerequisites) sections.push(`## Prerequisites\n\n${d.prerequisites}`)
  if (d.qualityAssurance) sections.push(`## Quality assurance\n\n${d.qualityAssurance}`)
  return sections.length ? sections.join('\n\n') : undefined
}

/** The one-line EU elements, as "Label: value" (also what pages list). */
export function microCredentialFacts(d: AchievementDefinition): string[] {
  const facts: string[] = []
  const workload = [d.workloadHours !== undefined ? `${d.workloadHours} hours` : '', d.ects !== undefined ? `${d.ects} ECTS credits` : '']
    .filter(Boolean)
    .join(', ')
  if (workload) facts.push(`Workload: ${workload}`)
  if (d.eqfLevel) facts.push(`Level: EQF ${d.eqfLevel}`)
  const assessment = [d.assessmentType, d.supervision ? SUPERVISION_LABEL[d.supervision] : undefined].filter(Boolean)
  if (assessment.length) facts.push(`Type of assessment: ${assessment.join('; ')}`)
  if (d.participation) facts.push(`Form of participation: ${PARTICIPATION_LABEL[d.participation]}`)
  if (d.stackability === 'standalone') facts.push('Stackability: stand-alone')
  if (d.stackability === 'stackable') facts.push(`Stackability: stackable${d.stackableTowards ? ` towards ${d.stackableTowards}` : ''}`)
  else if (d.stackableTowards) facts.push(`Stackability: towards ${d.stackableTowards}`)
  if (d.validityMonths) facts.push(`Validity: ${d.validityMonths} months from the date of issuing`)
  return facts
}

const nonEmpty = <T>(items: T[] | undefined): T[] | undefined => (items && items.length > 0 ? items : undefined)

function omitEmpty<T extends object>(value: T): T {
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) if (v !== undefined && v !== null && v !== '') out[key] = v
  return out as T
}
