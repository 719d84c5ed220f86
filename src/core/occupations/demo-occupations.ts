import { DEMO_FRAMEWORK, demoSkillUri } from '../skills/demo-skills.js'
import { searchTextOf } from '../skills/search-text.js'
import type { BroaderEntry, OccupationEntry, OccupationSkillEntry } from './occupations.js'

// A handful of occupations over Emblem's demo skills, so the career planner has something to plan
// toward on a fresh clone without the ESCO files. Written for Emblem; not taken from any framework.

/** The URI of a demo occupation. */
export const demoOccupationUri = (slug: string): string => `urn:emblem:occupation:${slug}`

type Row = [slug: string, label: string, altLabels: string[], description: string, essential: string[], optional: string[]]

const ROWS: Row[] = [
  ['research-data-steward', 'research data steward', ['data steward', 'research data manager'], 'Helps research teams plan, document, publish and preserve their data so it stays findable, accessible, interoperable and reusable.', ['data-management-planning', 'fair-data', 'metadata', 'privacy-gdpr'], ['open-licensing', 'research-methods', 'python-programming', 'digital-content', 'communication']],
  ['data-analyst', 'data analyst', ['business data analyst', 'reporting analyst'], 'Collects, cleans and analyses data and presents what it shows so that others can decide.', ['data-analysis', 'sql', 'spreadsheets', 'data-visualisation'], ['python-programming', 'critical-thinking', 'communication', 'privacy-gdpr']],
  ['web-content-editor', 'web content editor', ['digital content editor', 'web editor'], 'Writes, edits and publishes web content that everyone can use, and keeps a site current.', ['digital-content', 'web-accessibility', 'communication'], ['online-collaboration', 'open-licensing', 'data-visualisation']],
  ['project-coordinator', 'project coordinator', ['project officer', 'programme coordinator'], 'Plans and tracks projects, brings people together and keeps everyone informed.', ['project-management', 'communication', 'teamwork'], ['leadership', 'online-collaboration', 'spreadsheets', 'presentation']],
  ['learning-designer', 'learning designer', ['instructional designer', 'trainer'], 'Designs and runs courses and assesses what learners can do, online and in the room.', ['teaching', 'digital-content', 'communication'], ['open-badges', 'presentation', 'web-accessibility', 'intercultural-competence']],
  ['information-security-officer', 'information security officer', ['security officer', 'ISO'], 'Protects an organization’s information: policies, awareness, incidents and compliance.', ['information-security', 'privacy-gdpr', 'problem-solving'], ['communication', 'critical-thinking', 'project-management']],
]

/** The demo occupations (framework `emblem-demo`, URIs `urn:emblem:occupation:<slug>`). */
export const DEMO_OCCUPATIONS: readonly OccupationEntry[] = Object.freeze(
  ROWS.map(([slug, label, altLabels, description]) => Object.freeze({ id: demoOccupationUri(slug), framework: DEMO_FRAMEWORK, code: slug, iscoGroup: null, preferredLabel: label, altLabels, description, searchText: searchTextOf([label, ...altLabels]) })),
)

/** What each demo occupation asks for. */
export const DEMO_OCCUPATION_SKILLS: readonly OccupationSkillEntry[] = Object.freeze(
  ROWS.flatMap(([slug, , , , essential, optional]) => [
    ...essential.map((s) => ({ occupationId: demoOccupationUri(slug), skillId: demoSkillUri(s), relation: 'essential' as const, category: 'skill' as const, importance: null })),
    ...optional.map((s) => ({ occupationId: demoOccupationUri(slug), skillId: demoSkillUri(s), relation: 'optional' as const, category: 'skill' as const, importance: null })),
  ]),
)

/** A small hierarchy among the demo skills: a credential for the narrower skill covers the broader one. */
export const DEMO_SKILL_BROADER: readonly BroaderEntry[] = Object.freeze([
  { childId: demoSkillUri('web-accessibility'), broaderId: demoSkillUri('digital-content') },
  { childId: demoSkillUri('presentation'), broaderId: demoSkillUri('communication') },
  { childId: demoSkillUri('fair-data'), broaderId: demoSkillUri('metadata') },
])
