// Europass Digital Credentials: the European Learning Model (ELM 3) form of a micro-credential, for
// the Europass tools (the EDC credential builder and viewer). There is no official OB 3.0 → ELM
// mapping (STANDARDS.md §4.2); this is Emblem's, element by element of the Council Recommendation's
// Annex I. The output is unsigned JSON-LD: Europass seals credentials with JAdES, not Data Integrity.
// Controlled vocabularies are the EU's own (data.europa.eu/snb, publications.europa.eu authority
// tables); a value with no known concept becomes a Note rather than an invented URI.

/** The contexts of an ELM 3 document (W3C VC 1.1, then the EDC application profile). */
export const ELM_CONTEXTS = ['https://www.w3.org/2018/credentials/v1', 'http://data.europa.eu/snb/model/context/edc-ap'] as const
/** The SHACL shapes the EDC tools validate a generic credential against. */
export const ELM_SHAPES = 'http://data.europa.eu/snb/model/ap/edc-generic-full'

const SNB = 'http://data.europa.eu/snb'
const AUTHORITY = 'http://publications.europa.eu/resource/authority'

/** Annex I elements of an achievement, as Emblem's editor holds them. */
export interface ElmAchievement {
  /** The achievement's URL (its OB 3.0 id). */
  id: string
  name: string
  description?: string | undefined
  /** BCP 47 tag of the language of the learning (and of every text here: texts are tagged with it, English by default). */
  inLanguage?: string | undefined
  learningOutcomes: readonly string[]
  /** Skills the outcomes relate to (ESCO skill URIs go to relatedESCOSkill). */
  skills: readonly { name: string; url: string }[]
  workloadHours?: number | undefined
  ects?: number | undefined
  eqfLevel?: number | undefined
  assessmentType?: string | undefined
  supervision?: 'unsupervised' | 'supervised' | 'supervised-with-identity-check' | undefined
  participation?: 'online' | 'onsite' | 'blended' | undefined
  qualityAssurance?: string | undefined
  prerequisites?: string | undefined
  stackability?: 'standalone' | 'stackable' | undefined
  stackableTowards?: string | undefined
  /** Criteria narrative (how it is earned). */
  criteria?: string | undefined
  /** The awarding body. */
  awardingBody: ElmOrganisation
}

/** An awarding body. */
export interface ElmOrganisation {
  /** Its id (the organization's did:web). */
  id: string
  name: string
  /** ISO 3166-1 alpha-2 (Annex I element 3). */
  country?: string | null | undefined
  url?: string | null | undefined
  email?: string | null | undefined
}

/** What an awarded credential adds to its achievement. */
export interface ElmAward {
  /** The credential's id (`urn:uuid:…`). */
  id: string
  /** When it was issued (Annex I element 5). */
  issued: string
  validUntil?: string | undefined
  /** The learner (Annex I element 1): the credential subject's id, and a name where the learner shows it. */
  learner: { id: string; name?: string | undefined }
  /** Results the learner achieved (grade), as text. */
  grades?: readonly string[] | undefined
  /** The hosted credential (OB 3.0) this export was made from. */
  source: string
}

/** EU language authority codes (ISO 639-3 based, upper case) for the languages most used here. */
const LANGUAGES: Record<string, string> = {
  bg: 'BUL', cs: 'CES', da: 'DAN', de: 'DEU', el: 'ELL', en: 'ENG', es: 'SPA', et: 'EST', fi: 'FIN', fr: 'FRA', ga: 'GLE', hr: 'HRV', hu: 'HUN',
  is: 'ISL', it: 'ITA', lt: 'LIT', lv: 'LAV', mt: 'MLT', nl: 'NLD', no: 'NOR', pl: 'POL', pt: 'POR', ro: 'RON', sk: 'SLK', sl: 'SLV', sv: 'SWE', tr: 'TUR', uk: 'UKR',
}
/** EU country authority codes (ISO 3166-1 alpha-3) for EU/EEA members and close neighbours. */
const COUNTRIES: Record<string, string> = {
  AT: 'AUT', BE: 'BEL', BG: 'BGR', CH: 'CHE', CY: 'CYP', CZ: 'CZE', DE: 'DEU', DK: 'DNK', EE: 'EST', ES: 'ESP', FI: 'FIN', FR: 'FRA', GB: 'GBR', GR: 'GRC',
  HR: 'HRV', HU: 'HUN', IE: 'IRL', IS: 'ISL', IT: 'ITA', LI: 'LIE', LT: 'LTU', LU: 'LUX', LV: 'LVA', MT: 'MLT', NL: 'NLD', NO: 'NOR', PL: 'POL', PT: 'PRT',
  RO: 'ROU', SE: 'SWE', SI: 'SVN', SK: 'SVK', TR: 'TUR', UA: 'UKR', US: 'USA', CA: 'CAN', AU: 'AUS',
}
const MODES = {
  online: `${SNB}/learning-assessment/920fbb3cbe`,
  onsite: `${SNB}/learning-assessment/9191af2ed9`,
  blended: `${SNB}/learning-assessment/e92d221e4d`,
} as const
const MODE_LABEL = { online: 'online', onsite: 'in person', blended: 'blended' } as const
const SUPERVISION_LABEL = {
  unsupervised: 'Unsupervised without ID Verification',
  supervised: 'Supervised without ID verification',
  'supervised-with-identity-check': 'Supervised with ID verification',
} as const
/** The one supervision concept the Europass Annex I sample shows; the others go out as notes. */
const SUPERVISION_CONCEPT: Partial<Record<keyof typeof SUPERVISION_LABEL, string>> = { unsupervised: `${SNB}/supervision-verification/c598449d64` }
const ECTS = `${SNB}/education-credit/6fcec5c5af`

/** A language-tagged text map, as ELM writes every text. */
const text = (lang: string, value: string) => ({ [lang]: [value] })
const primary = (tag: string | undefined) => (tag ?? 'en').toLowerCase().split('-')[0]!

/** An ISO 8601 duration of `hours` (`PT12H`, `P2DT4H`). */
export function isoDuration(hours: number): string {
  const minutes = Math.round(hours * 60)
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return `PT${h > 0 ? `${h}H` : ''}${m > 0 || h === 0 ? `${m}M` : ''}`
}

const ESCO_SKILL = /^https?:\/\/data\.europa\.eu\/esco\/skill\//

function languageConcept(tag: string | undefined) {
  const code = LANGUAGES[primary(tag)]
  return code ? { id: `${AUTHORITY}/language/${code}`, type: 'Concept', inScheme: { id: `${AUTHORITY}/language`, type: 'ConceptScheme' }, notation: 'language', prefLabel: text('en', code) } : undefined
}

function countryConcept(alpha2: string | null | undefined) {
  const code = alpha2 ? COUNTRIES[alpha2.toUpperCase()] : undefined
  return code ? { id: `${AUTHORITY}/country/${code}`, type: 'Concept', inScheme: { id: `${AUTHORITY}/country`, type: 'ConceptScheme' }, notation: 'country', prefLabel: text('en', alpha2!.toUpperCase()) } : undefined
}

/** A blank-ish local id for ELM's nodes, as the EDC builder writes them (`urn:epass:<kind>:<n>`), stable within one document. */
const localId = (base: string, kind: string, n: number | string) => `${base}#${kind}-${n}`

/** The awarding body as an ELM Organisation (legal name, country in its location, homepage, e-mail). */
export function elmOrganisation(org: ElmOrganisation, lang: string): Record<string, unknown> {
  const country = countryConcept(org.country)
  return omitEmpty({
    id: org.id,
    type: 'Organisation',
    legalName: text(lang, org.name),
    location: country ? [{ id: `${org.id}#location`, type: 'Location', address: [{ id: `${org.id}#address`, type: 'Address', countryCode: country }] }] : undefined,
    homepage: org.url ? [{ id: `${org.id}#homepage`, type: 'WebResource', contentURL: org.url }] : undefined,
    contactPoint: org.email ? [{ id: `${org.id}#contact`, type: 'ContactPoint', emailAddress: [{ id: `mailto:${org.email}`, type: 'Mailbox' }] }] : undefined,
  })
}

/**
 * The achievement as an ELM LearningAchievementSpecification: title, description, learning outcomes
 * (with their ESCO skills), workload (volumeOfLearning), ECTS (creditPoint), EQF level, mode of
 * participation, language, entry requirements (prerequisites), and the rest of Annex I as notes.
 */
export function elmSpecification(a: ElmAchievement): Record<string, unknown> {
  const lang = primary(a.inLanguage)
  const escoSkills = a.skills.filter((s) => ESCO_SKILL.test(s.url))
  const otherSkills = a.skills.filter((s) => !ESCO_SKILL.test(s.url))
  const skillConcept = (s: { name: string; url: string }) => ({ id: s.url, type: 'Concept', prefLabel: text(lang, s.name) })
  const outcomes = a.learningOutcomes.map((outcome, i) =>
    omitEmpty({
      id: localId(a.id, 'learningOutcome', i + 1),
      type: 'LearningOutcome',
      title: text(lang, outcome),
      relatedESCOSkill: i === 0 && escoSkills.length ? escoSkills.map(skillConcept) : undefined,
      relatedSkill: i === 0 && otherSkills.length ? otherSkills.map(skillConcept) : undefined,
    }),
  )
  // Skills with no outcome to hang on still describe what is learned.
  if (outcomes.length === 0 && a.skills.length > 0)
    outcomes.push(omitEmpty({ id: localId(a.id, 'learningOutcome', 1), type: 'LearningOutcome', title: text(lang, a.skills.map((s) => s.name).join(', ')), relatedESCOSkill: escoSkills.length ? escoSkills.map(skillConcept) : undefined, relatedSkill: otherSkills.length ? otherSkills.map(skillConcept) : undefined }))
  const notes: Record<string, unknown>[] = []
  const note = (subject: string, value: string) => notes.push({ id: localId(a.id, 'note', notes.length + 1), type: 'Note', noteLiteral: text(lang, value), subject: { id: localId(a.id, 'noteSubject', notes.length + 1), type: 'Concept', prefLabel: text('en', subject) } })
  if (a.assessmentType) note('Type of assessment', a.assessmentType)
  if (a.supervision && !SUPERVISION_CONCEPT[a.supervision]) note('Supervision and identity verification', SUPERVISION_LABEL[a.supervision])
  if (a.qualityAssurance) note('Quality assurance', a.qualityAssurance)
  if (a.stackability === 'standalone') note('Integration and stackability', 'Stand-alone micro-credential')
  if (a.stackability === 'stackable' || a.stackableTowards) note('Integration and stackability', `Stackable${a.stackableTowards ? ` towards ${a.stackableTowards}` : ''}`)
  if (a.criteria) note('Criteria', a.criteria)
  const language = languageConcept(a.inLanguage)
  return omitEmpty({
    id: a.id,
    type: 'LearningAchievementSpecification',
    title: text(lang, a.name),
    description: a.description ? text(lang, a.description) : undefined,
    dcType: [{ id: `${SNB}/learning-opportunity/74a4a268e8`, type: 'Concept', prefLabel: text('en', 'Micro-credential') }],
    learningOutcome: outcomes.length ? outcomes : undefined,
    volumeOfLearning: a.workloadHours !== undefined ? isoDuration(a.workloadHours) : undefined,
    creditPoint: a.ects !== undefined ? [{ id: localId(a.id, 'creditPoint', 1), type: 'CreditPoint', framework: { id: ECTS, type: 'Concept', prefLabel: text('en', 'European Credit Transfer and Accumulation System') }, point: String(a.ects) }] : undefined,
    eqfLevel: a.eqfLevel ? { id: `${SNB}/eqf/${a.eqfLevel}`, type: 'Concept', prefLabel: text('en', `Level ${a.eqfLevel}`) } : undefined,
    mode: a.participation ? [{ id: MODES[a.participation], type: 'Concept', prefLabel: text('en', MODE_LABEL[a.participation]) }] : undefined,
    language: language ? [language] : undefined,
    entryRequirement: a.prerequisites ? { id: localId(a.id, 'entryRequirement', 1), type: 'Note', noteLiteral: text(lang, a.prerequisites) } : undefined,
    additionalNote: notes.length ? notes : undefined,
    homepage: [{ id: localId(a.id, 'homepage', 1), type: 'WebResource', contentURL: a.id }],
  })
}

/** `GET …/achievements/{id}/elm`: the specification as a standalone ELM JSON-LD document, with its awarding body. */
export function elmAchievementDocument(a: ElmAchievement): Record<string, unknown> {
  const lang = primary(a.inLanguage)
  return { '@context': [...ELM_CONTEXTS], ...elmSpecification(a), awardingBody: [elmOrganisation(a.awardingBody, lang)] }
}

/**
 * `GET /api/v1/credentials/{id}/elm`: an awarded micro-credential as an unsigned ELM 3
 * EuropeanDigitalCredential: the learner (Person) with a LearningAchievement specified by the
 * achievement, proven by its assessment (grade, supervision), awarded by the organization.
 */
export function elmCredential(a: ElmAchievement, award: ElmAward): Record<string, unknown> {
  const lang = primary(a.inLanguage)
  const body = elmOrganisation(a.awardingBody, lang)
  const awardedBy = { id: `${award.id}#awarding`, type: 'AwardingProcess', awardingBody: [body], awardingDate: award.issued }
  const supervisionConcept = a.supervision ? SUPERVISION_CONCEPT[a.supervision] : undefined
  const assessment = omitEmpty({
    id: `${award.id}#assessment`,
    type: 'LearningAssessment',
    title: text(lang, a.assessmentType ?? `Assessment: ${a.name}`),
    awardedBy,
    grade: award.grades?.length ? { id: `${award.id}#grade`, type: 'Note', noteLiteral: text(lang, award.grades.join(', ')) } : undefined,
    idVerification: supervisionConcept ? { id: supervisionConcept, type: 'Concept', prefLabel: text('en', SUPERVISION_LABEL[a.supervision!]) } : undefined,
  })
  return omitEmpty({
    '@context': [...ELM_CONTEXTS],
    id: award.id,
    type: ['VerifiableCredential', 'EuropeanDigitalCredential'],
    credentialSchema: [{ id: ELM_SHAPES, type: 'ShaclValidator2017' }],
    issuer: body,
    issuanceDate: award.issued,
    issued: award.issued,
    validFrom: award.issued,
    expirationDate: award.validUntil,
    credentialSubject: omitEmpty({
      id: award.learner.id,
      type: 'Person',
      fullName: award.learner.name ? text(lang, award.learner.name) : undefined,
      hasClaim: [
        {
          id: `${award.id}#achievement`,
          type: 'LearningAchievement',
          title: text(lang, a.name),
          awardedBy,
          provenBy: [assessment],
          specifiedBy: elmSpecification(a),
          supplementaryDocument: [{ id: `${award.id}#source`, type: 'WebResource', contentURL: award.source, title: text('en', 'Open Badges 3.0 credential') }],
        },
      ],
    }),
  })
}

/** The object without undefined values, empty arrays and empty objects. */
function omitEmpty<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T
}
