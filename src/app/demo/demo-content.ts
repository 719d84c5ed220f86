// What `emblem demo` seeds: three micro-credentials with the EU elements filled in, aligned to the
// built-in demo skills, and learner names for the cohort. Invented for Emblem's demo.
import { demoSkillUri } from '../../core/skills/index.js'
import type { AchievementDefinitionInput } from '../achievements/definition.js'
import type { BadgeDesign } from '../media/badge-design.js'

const skill = (slug: string, name: string) => ({ targetName: name, targetUrl: demoSkillUri(slug), targetFramework: 'Emblem demo skills', targetCode: slug, targetType: 'ext:Skill' })

/** The demo organization's profile. */
export const DEMO_ORG = {
  name: 'Emblem Demo University',
  slug: 'demo',
  description: 'A fictional university that shows what issuing micro-credentials with Emblem looks like.',
  url: 'https://demo.emblem.example',
  email: 'badges@demo.emblem.example',
  country: 'NL',
} as const

/** The demo's achievements and their badge designs. */
export const DEMO_ACHIEVEMENTS: readonly { definition: AchievementDefinitionInput; design: BadgeDesign }[] = [
  {
    definition: {
      name: 'Research Data Stewardship',
      description: 'Plan, document and share research data so that others can find, understand and reuse it (FAIR).',
      criteria: { narrative: 'Complete the six online modules, write a data management plan for a real project, and pass the peer-reviewed assessment.' },
      achievementType: 'MicroCredential',
      tag: ['research data', 'FAIR', 'open science'],
      fieldOfStudy: 'Information and data management',
      inLanguage: 'en',
      creditsAvailable: 3,
      alignment: [skill('research-methods', 'research methods'), skill('data-analysis', 'analyse data')],
      learningOutcomes: ['Write a data management plan that meets funder requirements', 'Choose licences and repositories for research data', 'Describe datasets with standard metadata'],
      workloadHours: 80,
      ects: 3,
      eqfLevel: 7,
      assessmentType: 'Peer-reviewed data management plan',
      supervision: 'supervised-with-identity-check',
      participation: 'online',
      qualityAssurance: 'Designed and assessed under the university’s accredited quality assurance system.',
      prerequisites: 'A bachelor’s degree or equivalent research experience.',
      stackability: 'stackable',
      stackableTowards: 'Graduate Certificate in Open Science',
      validityMonths: 60,
    },
    design: { title: 'Data Stewardship', subtitle: 'Micro-credential', shape: 'shield', icon: 'book', background: '#1d4ed8', foreground: '#ffffff' },
  },
  {
    definition: {
      name: 'Accessible Web Design',
      description: 'Design and build web pages that people with disabilities can use, to WCAG 2.2 AA.',
      criteria: { narrative: 'Audit a real website against WCAG 2.2, fix the barriers found, and present the before-and-after results.' },
      achievementType: 'MicroCredential',
      tag: ['accessibility', 'WCAG', 'web'],
      fieldOfStudy: 'Software and applications development and analysis',
      inLanguage: 'en',
      creditsAvailable: 2,
      alignment: [skill('web-accessibility', 'design accessible web content')],
      learningOutcomes: ['Test pages with screen readers and keyboard only', 'Fix common WCAG 2.2 failures', 'Write an accessibility statement'],
      workloadHours: 50,
      ects: 2,
      eqfLevel: 6,
      assessmentType: 'Practical audit and presentation',
      participation: 'blended',
      stackability: 'standalone',
    },
    design: { title: 'Accessible Web', subtitle: 'WCAG 2.2 AA', shape: 'hexagon', icon: 'code', background: '#15803d', foreground: '#ffffff' },
  },
  {
    definition: {
      name: 'Workplace First Aid',
      description: 'Give first aid at work until professional help arrives.',
      criteria: { narrative: 'Attend the one-day practical course and pass the scenario-based assessment.' },
      achievementType: 'Certificate',
      tag: ['first aid', 'health and safety'],
      inLanguage: 'en',
      alignment: [skill('first-aid', 'give first aid')],
      learningOutcomes: ['Assess an emergency scene safely', 'Perform CPR and use a defibrillator'],
      workloadHours: 8,
      eqfLevel: 3,
      assessmentType: 'Practical scenarios',
      participation: 'onsite',
      validityMonths: 36,
    },
    design: { title: 'First Aid', subtitle: 'Workplace', shape: 'circle', icon: 'heart', background: '#b91c1c', foreground: '#ffffff' },
  },
]

const FIRST = ['Amara', 'Bram', 'Chen', 'Dalia', 'Emil', 'Fatima', 'Goran', 'Hana', 'Ivo', 'Jade', 'Kofi', 'Lena', 'Mateo', 'Noor', 'Oskar', 'Priya', 'Quinn', 'Rosa', 'Sami', 'Tess', 'Umar', 'Vera', 'Wim', 'Ximena', 'Yusuf', 'Zoë']
const LAST = ['Okafor', 'de Vries', 'Wang', 'Haddad', 'Lindqvist', 'Rahman', 'Petrović', 'Sato', 'Jansen', 'Moreau', 'Mensah', 'Fischer', 'García', 'Khan', 'Berg', 'Patel', 'Murphy', 'Silva', 'Nieminen', 'Kowalski']

/** The i-th demo learner (0-based): a name and an address under example.org, the same for the same i. */
export function demoLearner(i: number): { name: string; email: string } {
  const first = FIRST[i % FIRST.length]!
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!
  return { name: `${first} ${last}`, email: `learner${i + 1}@example.org` }
}
