// What the achievement pages call each field, in the page's language (error summaries and the
// publish problems name fields by these).
import type { Translator } from '../../../app/i18n/translator.js'

/** Field labels by form field name. */
export const fieldLabels = (t: Translator): Record<string, string> => ({
  name: t.t('ach.field.name'),
  description: t.t('ach.field.description'),
  criteriaNarrative: t.t('ach.field.criteriaNarrative'),
  criteriaUrl: t.t('ach.field.criteriaUrl'),
  achievementType: t.t('ach.field.achievementType'),
  tags: t.t('ach.field.tags'),
  fieldOfStudy: t.t('ach.field.fieldOfStudy'),
  humanCode: t.t('ach.field.humanCode'),
  inLanguage: t.t('ach.field.inLanguage'),
  creditsAvailable: t.t('ach.field.creditsAvailable'),
  learningOutcomes: t.t('ach.field.learningOutcomes'),
  workloadHours: t.t('ach.field.workloadHours'),
  ects: t.t('ach.field.ects'),
  eqfLevel: t.t('ach.field.eqfLevel'),
  assessmentType: t.t('ach.field.assessmentType'),
  supervision: t.t('ach.field.supervision'),
  participation: t.t('ach.field.participation'),
  qualityAssurance: t.t('ach.field.qualityAssurance'),
  prerequisites: t.t('ach.field.prerequisites'),
  stackability: t.t('ach.field.stackability'),
  stackableTowards: t.t('ach.field.stackableTowards'),
  validityMonths: t.t('ach.field.validityMonths'),
  alignments: t.t('ach.section.skills'),
  results: t.t('ach.section.results'),
  imageId: t.t('ach.field.image'),
  form: t.t('ach.field.form'),
})

/** A skills framework's display name. */
export const frameworkName = (framework: string): string => ({ esco: 'ESCO', onet: 'O*NET', 'emblem-demo': 'Emblem demo skills' })[framework] ?? framework
