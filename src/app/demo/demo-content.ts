// What `emblem demo` seeds: four organizations (a university, a professional body, a company and a
// language institute) with logos, their micro-credentials with the EU elements filled in and aligned
// to the built-in demo skills, and a cohort of learners whose names come from many languages.
// Invented for Emblem's demo: any likeness to real organizations or people is a coincidence.
import { demoSkillUri } from '../../core/skills/index.js'
import type { AchievementDefinitionInput } from '../achievements/definition.js'
import type { BadgeDesign } from '../media/badge-design.js'
import type { CreateOrgInput } from '../orgs/org-input.js'

const skill = (slug: string, name: string) => ({ targetName: name, targetUrl: demoSkillUri(slug), targetFramework: 'Emblem demo skills', targetCode: slug, targetType: 'ext:Skill' })

/** One demo achievement: its definition, its designed badge, and whether the badge is stored as a PNG (rendered from the design) or as the SVG itself. */
export interface DemoAchievement {
  definition: AchievementDefinitionInput
  design: BadgeDesign
  image: 'svg' | 'png'
}

/** How busy an organization is over the demo's 90 days: credentials a weekday at the start and at the end (it grows), and cohort days when a whole group graduates. */
export interface DemoPace {
  /** Expected credentials a weekday, 90 days ago. */
  start: number
  /** Expected credentials a weekday, today. */
  end: number
  /** Cohort graduations: how many days ago, and how many learners. */
  cohorts: readonly { daysAgo: number; size: number }[]
}

/** One demo organization: its profile, its logo's look, its achievements and its pace. */
export interface DemoOrg {
  profile: CreateOrgInput & { slug: string; name: string }
  logo: { initials: string; background: string; foreground: string; accent: string }
  achievements: readonly DemoAchievement[]
  pace: DemoPace
}

/** The demo's main organization: its slug is what `emblem demo` prints first (`org` in `--json`). */
export const DEMO_ORG_SLUG = 'demo'

/** The demo organizations, the main one first. */
export const DEMO_ORGS: readonly DemoOrg[] = [
  {
    profile: {
      name: 'Emblem Demo University',
      slug: DEMO_ORG_SLUG,
      description: 'A fictional university of applied sciences in Groningen. Its lifelong-learning school issues micro-credentials for short courses in research, data and digital skills, stackable towards graduate certificates.',
      url: 'https://demo.emblem.example',
      email: 'badges@demo.emblem.example',
      country: 'NL',
    },
    logo: { initials: 'EDU', background: '#1d4ed8', foreground: '#ffffff', accent: '#fbbf24' },
    pace: { start: 0.6, end: 1.4, cohorts: [{ daysAgo: 74, size: 8 }, { daysAgo: 45, size: 10 }, { daysAgo: 16, size: 12 }] },
    achievements: [
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
          alignment: [skill('data-management-planning', 'write a data management plan'), skill('fair-data', 'make data findable, accessible, interoperable and reusable'), skill('research-methods', 'research methods')],
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
        image: 'svg',
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
        image: 'png',
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
        image: 'svg',
      },
      {
        definition: {
          name: 'Python for Data Analysis',
          description: 'Load, clean, analyse and chart data with Python, pandas and notebooks, in a reproducible way.',
          criteria: { narrative: 'Complete eight weekly labs and submit an analysis notebook of an open dataset that a reviewer can re-run from scratch.' },
          achievementType: 'MicroCredential',
          tag: ['python', 'data analysis', 'pandas'],
          fieldOfStudy: 'Statistics',
          inLanguage: 'en',
          creditsAvailable: 4,
          alignment: [skill('python-programming', 'Python'), skill('data-analysis', 'analyse data'), skill('data-visualisation', 'visualise data')],
          learningOutcomes: ['Clean and reshape tabular data with pandas', 'Choose and draw charts that answer a question', 'Share an analysis others can reproduce'],
          workloadHours: 100,
          ects: 4,
          eqfLevel: 6,
          assessmentType: 'Reproducible analysis notebook',
          supervision: 'supervised',
          participation: 'online',
          stackability: 'stackable',
          stackableTowards: 'Graduate Certificate in Open Science',
        },
        design: { title: 'Python Data', subtitle: 'Analysis', shape: 'square', icon: 'lightbulb', background: '#6d28d9', foreground: '#ffffff' },
        image: 'png',
      },
    ],
  },
  {
    profile: {
      name: 'Guild of Data Professionals',
      slug: 'data-guild',
      description: 'A fictional European professional body for analysts, data engineers and data protection officers. Its certifications are renewed every three years against a published body of knowledge.',
      url: 'https://guild.emblem.example',
      email: 'certification@guild.emblem.example',
      country: 'BE',
      suite: 'eddsa-jcs-2022',
    },
    logo: { initials: 'GD', background: '#0f766e', foreground: '#ffffff', accent: '#99f6e4' },
    pace: { start: 0.3, end: 0.6, cohorts: [{ daysAgo: 60, size: 6 }, { daysAgo: 25, size: 7 }] },
    achievements: [
      {
        definition: {
          name: 'Certified Data Analyst',
          description: 'The Guild’s professional certification for analysts who turn data into decisions, renewed every three years.',
          criteria: { narrative: 'Pass the two-hour proctored examination (70 % or more) and document two years of professional practice endorsed by a member.' },
          achievementType: 'Certification',
          tag: ['certification', 'analytics', 'SQL'],
          fieldOfStudy: 'Statistics',
          inLanguage: 'en',
          alignment: [skill('data-analysis', 'analyse data'), skill('sql', 'SQL'), skill('spreadsheets', 'use spreadsheet software'), skill('critical-thinking', 'think critically')],
          learningOutcomes: ['Frame a business question as an analysis', 'Query relational data with SQL', 'Report findings with their uncertainty'],
          eqfLevel: 6,
          assessmentType: 'Proctored examination and practice portfolio',
          supervision: 'supervised-with-identity-check',
          participation: 'online',
          qualityAssurance: 'Examination set and moderated by the Guild’s certification board (ISO/IEC 17024 aligned).',
          validityMonths: 36,
        },
        design: { title: 'Data Analyst', subtitle: 'Certified', shape: 'ribbon', icon: 'trophy', background: '#0f766e', foreground: '#ffffff' },
        image: 'png',
      },
      {
        definition: {
          name: 'Data Protection Foundation',
          description: 'The GDPR in practice: lawful bases, data subjects’ rights, records of processing and breach handling.',
          criteria: { narrative: 'Complete the e-learning and pass the 40-question multiple-choice examination.' },
          achievementType: 'Certificate',
          tag: ['GDPR', 'privacy', 'compliance'],
          fieldOfStudy: 'Law',
          inLanguage: 'en',
          alignment: [skill('privacy-gdpr', 'data protection (GDPR)'), skill('information-security', 'apply information security practices')],
          learningOutcomes: ['Name the lawful basis of a processing activity', 'Answer a subject access request on time', 'Decide whether a breach must be notified'],
          workloadHours: 16,
          eqfLevel: 5,
          assessmentType: 'Multiple-choice examination',
          supervision: 'unsupervised',
          participation: 'online',
          validityMonths: 24,
        },
        design: { title: 'Data Protection', subtitle: 'GDPR Foundation', shape: 'shield', icon: 'shield-check', background: '#1e3a8a', foreground: '#ffffff' },
        image: 'svg',
      },
      {
        definition: {
          name: 'Data Visualisation Practitioner',
          description: 'Dashboards and charts that people read correctly: perception, chart choice, colour and accessibility.',
          criteria: { narrative: 'Redesign three published charts and one dashboard, and defend the choices in a recorded review.' },
          achievementType: 'MicroCredential',
          tag: ['visualisation', 'dashboards'],
          inLanguage: 'en',
          creditsAvailable: 1,
          alignment: [skill('data-visualisation', 'visualise data'), skill('communication', 'communicate clearly')],
          learningOutcomes: ['Pick a chart type for a question and an audience', 'Use colour that survives colour-blindness and print'],
          workloadHours: 25,
          ects: 1,
          eqfLevel: 5,
          assessmentType: 'Portfolio and recorded review',
          participation: 'online',
          stackability: 'standalone',
        },
        design: { title: 'Data Viz', subtitle: 'Practitioner', shape: 'hexagon', icon: 'star', background: '#be185d', foreground: '#ffffff' },
        image: 'svg',
      },
    ],
  },
  {
    profile: {
      name: 'Solara Energía',
      slug: 'solara',
      description: 'A fictional solar installer from Valencia with crews in five countries. Its academy trains and certifies installers and site leads on safety, batteries and leadership.',
      url: 'https://solara.emblem.example',
      email: 'academia@solara.emblem.example',
      country: 'ES',
      suite: 'vc-jwt',
    },
    logo: { initials: 'S', background: '#c2410c', foreground: '#ffffff', accent: '#fde68a' },
    pace: { start: 0.25, end: 0.7, cohorts: [{ daysAgo: 52, size: 8 }, { daysAgo: 9, size: 9 }] },
    achievements: [
      {
        definition: {
          name: 'Solar PV Installation Safety',
          description: 'Install photovoltaic systems safely: working at height, DC isolation, and the rules for roofs and live strings.',
          criteria: { narrative: 'Attend the two-day practical course and pass the observed installation on the training roof.' },
          achievementType: 'Certificate',
          tag: ['solar', 'safety', 'installation'],
          inLanguage: 'es',
          alignment: [skill('sustainability', 'apply sustainability principles'), skill('problem-solving', 'solve problems')],
          learningOutcomes: ['Isolate a PV string before work', 'Set up fall protection on a pitched roof', 'Report a near miss'],
          workloadHours: 16,
          eqfLevel: 4,
          assessmentType: 'Observed practical installation',
          supervision: 'supervised-with-identity-check',
          participation: 'onsite',
          validityMonths: 24,
        },
        design: { title: 'PV Safety', subtitle: 'Installer', shape: 'shield', icon: 'gear', background: '#c2410c', foreground: '#ffffff' },
        image: 'png',
      },
      {
        definition: {
          name: 'Battery Storage Fundamentals',
          description: 'Size, install and commission home battery systems alongside solar panels.',
          criteria: { narrative: 'Complete the online theory and commission a battery system under an assessor’s supervision.' },
          achievementType: 'MicroCredential',
          tag: ['batteries', 'energy storage'],
          inLanguage: 'en',
          creditsAvailable: 1,
          alignment: [skill('sustainability', 'apply sustainability principles')],
          learningOutcomes: ['Size a battery for a household’s load profile', 'Commission a hybrid inverter'],
          workloadHours: 30,
          ects: 1,
          eqfLevel: 4,
          assessmentType: 'Supervised commissioning',
          participation: 'blended',
          stackability: 'stackable',
          stackableTowards: 'Solara Master Installer',
        },
        design: { title: 'Battery Storage', subtitle: 'Fundamentals', shape: 'circle', icon: 'leaf', background: '#166534', foreground: '#ffffff' },
        image: 'svg',
      },
      {
        definition: {
          name: 'Site Lead Essentials',
          description: 'Lead an installation crew: planning the day, briefing safety, and talking with customers.',
          criteria: { narrative: 'Lead five supervised installations and complete the 360° feedback with a development plan.' },
          achievementType: 'Course',
          tag: ['leadership', 'customer service'],
          inLanguage: 'en',
          alignment: [skill('leadership', 'lead others'), skill('teamwork', 'work in teams'), skill('customer-service', 'serve customers')],
          learningOutcomes: ['Run a toolbox talk', 'Handle a customer complaint on site'],
          workloadHours: 40,
          eqfLevel: 5,
          assessmentType: 'Supervised practice and 360° feedback',
          participation: 'blended',
        },
        design: { title: 'Site Lead', subtitle: 'Essentials', shape: 'ribbon', icon: 'graduation-cap', background: '#92400e', foreground: '#ffffff' },
        image: 'png',
      },
    ],
  },
  {
    profile: {
      name: 'Institut Lumière des Langues',
      slug: 'lumiere',
      description: 'A fictional language institute in Lyon. Its courses for professionals end with a CEFR-referenced assessment and a verifiable credential learners share with employers.',
      url: 'https://lumiere.emblem.example',
      email: 'certificats@lumiere.emblem.example',
      country: 'FR',
    },
    logo: { initials: 'IL', background: '#7c2d12', foreground: '#ffffff', accent: '#fcd34d' },
    pace: { start: 0.35, end: 0.45, cohorts: [{ daysAgo: 81, size: 6 }, { daysAgo: 33, size: 7 }, { daysAgo: 4, size: 5 }] },
    achievements: [
      {
        definition: {
          name: 'Business English B2',
          description: 'Meetings, e-mails and presentations in English at CEFR level B2.',
          criteria: { narrative: 'Attend 80 % of the sessions and reach B2 in all four skills in the final assessment.' },
          achievementType: 'Course',
          tag: ['English', 'CEFR B2', 'languages'],
          inLanguage: 'en',
          alignment: [skill('english-b2', 'English (B2)'), skill('presentation', 'give presentations')],
          learningOutcomes: ['Take part in meetings and negotiations', 'Write clear professional e-mails'],
          workloadHours: 60,
          eqfLevel: 4,
          assessmentType: 'CEFR-referenced four-skills assessment',
          participation: 'blended',
        },
        design: { title: 'English B2', subtitle: 'Business', shape: 'circle', icon: 'book', background: '#7c2d12', foreground: '#ffffff' },
        image: 'svg',
      },
      {
        definition: {
          name: 'Compétence interculturelle',
          description: 'Travailler avec des collègues et des clients d’autres cultures : communication, malentendus, négociation.',
          criteria: { narrative: 'Participer aux quatre ateliers et présenter une étude de cas tirée de sa pratique professionnelle.' },
          achievementType: 'MicroCredential',
          tag: ['interculturel', 'communication'],
          inLanguage: 'fr',
          creditsAvailable: 1,
          alignment: [skill('intercultural-competence', 'work across cultures'), skill('communication', 'communicate clearly')],
          learningOutcomes: ['Reconnaître les styles de communication', 'Désamorcer un malentendu interculturel'],
          workloadHours: 24,
          ects: 1,
          eqfLevel: 5,
          assessmentType: 'Étude de cas présentée',
          participation: 'onsite',
        },
        design: { title: 'Interculturel', subtitle: 'Compétence', shape: 'hexagon', icon: 'heart', background: '#1e40af', foreground: '#ffffff' },
        image: 'png',
      },
    ],
  },
]

/** An organization's logo: a monogram on a rounded square with an accent bar (256 × 256 SVG). */
export function demoLogoSvg({ initials, background, foreground, accent }: DemoOrg['logo']): string {
  const size = [140, 140, 104, 84][Math.min(initials.length, 3)]!
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">',
    `<rect width="256" height="256" rx="56" fill="${background}"/>`,
    `<rect x="48" y="186" width="160" height="14" rx="7" fill="${accent}"/>`,
    `<text x="128" y="${initials.length > 2 ? 146 : initials.length > 1 ? 152 : 168}" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-weight="700" font-size="${size}" fill="${foreground}">${initials}</text>`,
    '</svg>',
  ].join('')
}

// Learners from many languages, with the diacritics and scripts their names are written in, and an
// ASCII address each (local part first): the demo's names test that every page and certificate
// prints them.
const LEARNERS: readonly (readonly [name: string, local: string])[] = [
  ['Jürgen Großmann', 'juergen.grossmann'],
  ['Élodie Lefèvre', 'elodie.lefevre'],
  ['José Ángel Muñoz', 'jose.munoz'],
  ['Sanne van der Meer', 'sanne.vandermeer'],
  ['Małgorzata Wąsowska', 'malgorzata.wasowska'],
  ['Νίκος Παπαδόπουλος', 'nikos.papadopoulos'],
  ['ليلى الحداد', 'layla.alhaddad'],
  ['王芳', 'wang.fang'],
  ['अनन्या शर्मा', 'ananya.sharma'],
  ['Çağla Öztürk', 'cagla.ozturk'],
  ['Tomáš Dvořák', 'tomas.dvorak'],
  ['Siobhán Ó Súilleabháin', 'siobhan.osullivan'],
  ['Þóra Guðmundsdóttir', 'thora.gudmundsdottir'],
  ['João Gonçalves', 'joao.goncalves'],
  ['Nguyễn Thị Hương', 'huong.nguyen'],
  ['Олена Коваленко', 'olena.kovalenko'],
  ['Søren Kierkegård', 'soren.kierkegard'],
  ['Zoë Brontë', 'zoe.bronte'],
  ['Łukasz Żółkiewski', 'lukasz.zolkiewski'],
  ['François-Xavier Dubois', 'fx.dubois'],
  ['Ana Belén Pérez', 'anabelen.perez'],
  ['Bram de Vries', 'bram.devries'],
  ['Lena Schäfer', 'lena.schaefer'],
  ['Γεωργία Νικολάου', 'georgia.nikolaou'],
  ['محمد بن علي', 'mohamed.benali'],
  ['李伟', 'li.wei'],
  ['राहुल वर्मा', 'rahul.verma'],
  ['Ingrid Åström', 'ingrid.astrom'],
  ['Mateusz Kowalczyk', 'mateusz.kowalczyk'],
  ['Chloé Martin', 'chloe.martin'],
  ['Iñaki Etxeberria', 'inaki.etxeberria'],
  ['Fleur Jansen', 'fleur.jansen'],
  ['Björn Müller', 'bjorn.muller'],
  ['Kateřina Nováková', 'katerina.novakova'],
  ['Amara Okafor', 'amara.okafor'],
  ['Yūki Satō', 'yuki.sato'],
  ['Priya Raghunathan', 'priya.raghunathan'],
  ['Noémie Gauthier', 'noemie.gauthier'],
  ['Lucía Fernández', 'lucia.fernandez'],
  ['Daan Visser', 'daan.visser'],
  ['Agnieszka Wiśniewska', 'agnieszka.wisniewska'],
  ['Δημήτρης Αλεξίου', 'dimitris.alexiou'],
  ['فاطمة الزهراء', 'fatima.zahra'],
  ['陈静', 'chen.jing'],
  ['अर्जुन पटेल', 'arjun.patel'],
  ['Håkon Ødegård', 'hakon.odegard'],
  ['Ștefan Popescu', 'stefan.popescu'],
  ['Gülşen Yılmaz', 'gulsen.yilmaz'],
  ['Maximilian Weiß', 'maximilian.weiss'],
  ['Inès Benali', 'ines.benali'],
  ['Sofía Ibáñez', 'sofia.ibanez'],
  ['Joris van den Berg', 'joris.vandenberg'],
  ['Wojciech Szczęsny', 'wojciech.szczesny'],
  ['Ελένη Σταύρου', 'eleni.stavrou'],
  ['Kwame Mensah', 'kwame.mensah'],
  ['Aoife Ní Bhriain', 'aoife.nibhriain'],
  ['Mário Conceição', 'mario.conceicao'],
  ['Eliška Horáková', 'eliska.horakova'],
]

/** How many distinct demo learners there are (later ones repeat the names with numbered addresses). */
export const DEMO_LEARNER_COUNT = LEARNERS.length

/** The i-th demo learner (0-based): a name and an address under example.org, the same for the same i; every i has its own address. */
export function demoLearner(i: number): { name: string; email: string } {
  const [name, local] = LEARNERS[i % LEARNERS.length]!
  const round = Math.floor(i / LEARNERS.length)
  return { name, email: `${local}${round === 0 ? '' : `.${round + 1}`}@example.org` }
}
