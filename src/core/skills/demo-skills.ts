import { searchTextOf } from './search-text.js'
import type { SkillEntry } from './types.js'

// Emblem's own small skills framework, so the demo and a fresh clone have a skills picker that works
// without the ESCO or O*NET files. Written for Emblem; not taken from any framework.

/** The framework name of the built-in demo skills. */
export const DEMO_FRAMEWORK = 'emblem-demo'
/** The URI of a demo skill. */
export const demoSkillUri = (slug: string): string => `urn:emblem:skill:${slug}`

type Row = [slug: string, label: string, kind: SkillEntry['kind'], altLabels: string[], description: string]

const ROWS: Row[] = [
  ['data-management-planning', 'write a data management plan', 'skill', ['DMP writing', 'plan research data management'], 'Describe how data will be collected, documented, stored, shared and preserved during and after a project.'],
  ['fair-data', 'make data findable, accessible, interoperable and reusable', 'skill', ['FAIR data', 'FAIR principles'], 'Publish data with rich metadata, persistent identifiers and open formats so people and machines can reuse it.'],
  ['metadata', 'describe data with metadata', 'skill', ['metadata authoring', 'data documentation'], 'Record what a dataset contains, how it was made and how it may be used, in a standard schema.'],
  ['open-licensing', 'choose an open licence', 'skill', ['Creative Commons licensing', 'open licences'], 'Select and apply a licence that lets others reuse a work, and explain its conditions.'],
  ['data-analysis', 'analyse data', 'skill', ['data analytics', 'statistical analysis'], 'Inspect, clean, transform and model data to find useful information and support decisions.'],
  ['data-visualisation', 'visualise data', 'skill', ['data visualization', 'charting', 'dashboards'], 'Present data as charts, maps and dashboards that people can read correctly.'],
  ['spreadsheets', 'use spreadsheet software', 'skill', ['Excel', 'LibreOffice Calc', 'Google Sheets'], 'Organise, calculate and chart tabular data with spreadsheet software.'],
  ['sql', 'SQL', 'knowledge', ['structured query language', 'database queries'], 'The language for defining, querying and changing data in relational databases.'],
  ['python-programming', 'Python', 'knowledge', ['Python programming', 'Python 3'], 'Programming in Python: syntax, standard library, packages and testing.'],
  ['web-accessibility', 'design accessible web content', 'skill', ['WCAG', 'a11y', 'digital accessibility'], 'Build web pages that people with disabilities can perceive, operate and understand, following WCAG.'],
  ['information-security', 'apply information security practices', 'skill', ['cybersecurity hygiene', 'infosec'], 'Protect information and systems: strong authentication, updates, backups and recognising phishing.'],
  ['privacy-gdpr', 'data protection (GDPR)', 'knowledge', ['GDPR', 'privacy law', 'personal data protection'], 'The rules for processing personal data in the European Union and how to comply with them.'],
  ['digital-content', 'develop digital content', 'skill', ['content creation', 'digital media production'], 'Create and edit digital content in various formats, and express oneself through digital means.'],
  ['online-collaboration', 'collaborate through digital tools', 'skill', ['remote collaboration', 'online teamwork'], 'Work with others through shared documents, chat, video calls and project tools.'],
  ['teamwork', 'work in teams', 'skill', ['teamwork', 'team player', 'collaboration'], 'Cooperate with others toward a shared goal, share tasks and support colleagues.'],
  ['communication', 'communicate clearly', 'skill', ['oral communication', 'written communication'], 'Explain ideas in speech and writing adapted to the audience.'],
  ['presentation', 'give presentations', 'skill', ['public speaking', 'presenting'], 'Prepare and deliver talks with clear structure and supporting visuals.'],
  ['critical-thinking', 'think critically', 'skill', ['critical analysis', 'reasoning'], 'Evaluate information and arguments, spot assumptions and draw sound conclusions.'],
  ['problem-solving', 'solve problems', 'skill', ['problem solving', 'troubleshooting'], 'Identify problems, generate options, choose a solution and check that it worked.'],
  ['project-management', 'manage projects', 'skill', ['project planning', 'agile project management'], 'Plan, schedule, resource and steer a project to deliver its goals on time.'],
  ['leadership', 'lead others', 'skill', ['team leadership', 'people management'], 'Set direction, motivate people and take responsibility for a group’s results.'],
  ['entrepreneurship', 'act entrepreneurially', 'skill', ['entrepreneurial mindset', 'initiative'], 'Spot opportunities, take initiative and turn ideas into value for others.'],
  ['sustainability', 'apply sustainability principles', 'skill', ['green skills', 'sustainable development'], 'Take environmental, social and economic sustainability into account in decisions and work.'],
  ['intercultural-competence', 'work across cultures', 'skill', ['intercultural communication', 'cultural awareness'], 'Communicate and work respectfully with people from other cultures.'],
  ['english-b2', 'English (B2)', 'knowledge', ['English upper intermediate', 'CEFR B2 English'], 'Use English independently at CEFR level B2 in speaking, listening, reading and writing.'],
  ['research-methods', 'research methods', 'knowledge', ['research design', 'scientific method'], 'How to design studies, collect evidence and analyse it rigorously.'],
  ['academic-writing', 'write academic texts', 'skill', ['scientific writing', 'academic writing'], 'Write structured, referenced texts for an academic audience.'],
  ['teaching', 'teach and facilitate learning', 'skill', ['instruction', 'facilitation', 'training delivery'], 'Plan learning activities, guide learners and assess their progress.'],
  ['customer-service', 'serve customers', 'skill', ['customer care', 'client service'], 'Help customers courteously, understand their needs and resolve their issues.'],
  ['first-aid', 'give first aid', 'skill', ['emergency first aid', 'basic life support', 'CPR'], 'Provide initial care for an illness or injury until professional help arrives.'],
  ['open-badges', 'issue verifiable digital credentials', 'skill', ['Open Badges', 'micro-credential issuing', 'verifiable credentials'], 'Define micro-credentials and issue them as signed, verifiable Open Badges.'],
]

/** The built-in demo skills (about thirty, skills and knowledge), framework `emblem-demo`, URIs `urn:emblem:skill:<slug>`. */
export const DEMO_SKILLS: readonly SkillEntry[] = Object.freeze(
  ROWS.map(([slug, label, kind, altLabels, description]) =>
    Object.freeze({
      id: demoSkillUri(slug),
      framework: DEMO_FRAMEWORK,
      code: slug,
      kind,
      preferredLabel: label,
      altLabels,
      description,
      searchText: searchTextOf([label, ...altLabels]),
    }),
  ),
)
