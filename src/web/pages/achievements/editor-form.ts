// The achievement editor's HTML form and the definition it stands for, both ways: a definition
// becomes field values to show, and posted fields become a definition candidate the app validates.
import type { AchievementDefinition, DefinitionAlignment, DefinitionIssue } from '../../../app/achievements/definition.js'
import type { SkillRecord } from '../../../app/skills/ports.js'
import type { Translator } from '../../../app/i18n/translator.js'

/** A result description row of the form (all text, as typed). */
export interface ResultRow {
  id: string
  name: string
  resultType: string
  allowedValues: string
  valueMin: string
  valueMax: string
  requiredValue: string
}

/** Everything the editor shows: flat field values, result rows, the alignments kept, the skills search. */
export interface EditorState {
  values: Record<string, string>
  results: ResultRow[]
  alignments: DefinitionAlignment[]
  skillQuery: string
  /** The version the form was opened at (edits only). */
  version?: string
}

/** The one-line and multi-line fields, by form name. */
export const SIMPLE_FIELDS = [
  'name', 'description', 'achievementType', 'fieldOfStudy', 'humanCode', 'inLanguage', 'creditsAvailable',
  'workloadHours', 'ects', 'eqfLevel', 'assessmentType', 'supervision', 'participation', 'qualityAssurance',
  'prerequisites', 'stackability', 'stackableTowards', 'validityMonths',
] as const
const NUMBER_FIELDS = new Set(['creditsAvailable', 'workloadHours', 'ects', 'eqfLevel', 'validityMonths'])

/** The editor's state for a stored (or empty) definition. */
export function stateOfDefinition(d: Partial<AchievementDefinition>, version?: number): EditorState {
  const values: Record<string, string> = {}
  for (const name of SIMPLE_FIELDS) {
    const value = d[name]
    if (value !== undefined) values[name] = String(value)
  }
  values.criteriaNarrative = d.criteria?.narrative ?? ''
  values.criteriaUrl = d.criteria?.id ?? ''
  values.tags = (d.tag ?? []).join(', ')
  values.learningOutcomes = (d.learningOutcomes ?? []).join('\n')
  values.achievementType ??= 'MicroCredential'
  const results = (d.resultDescription ?? []).map((r) => ({
    id: r.id ?? '',
    name: r.name,
    resultType: r.resultType,
    allowedValues: (r.allowedValue ?? []).join(', '),
    valueMin: r.valueMin ?? '',
    valueMax: r.valueMax ?? '',
    requiredValue: r.requiredValue ?? '',
  }))
  return { values, results, alignments: [...(d.alignment ?? [])], skillQuery: '', ...(version !== undefined ? { version: String(version) } : {}) }
}

type Body = Record<string, string | string[]>

/** The posted form as editor state, the definition it stands for (unvalidated), and the skills ticked to add. */
export function readEditorForm(body: Body): { state: EditorState; input: Record<string, unknown>; addSkillIds: string[] } {
  const values: Record<string, string> = {}
  for (const name of [...SIMPLE_FIELDS, 'criteriaNarrative', 'criteriaUrl', 'tags', 'learningOutcomes']) values[name] = one(body, name)
  // Rows left blank (the spare one the page always offers) are dropped, so row numbers match the definition's.
  const results = resultRows(body).filter((r) => r.name.trim() || r.allowedValues.trim() || r.valueMin.trim() || r.valueMax.trim() || r.requiredValue.trim())
  const alignments = keptAlignments(body)
  const manual = { targetName: one(body, 'newAlignment.targetName').trim(), targetUrl: one(body, 'newAlignment.targetUrl').trim(), targetFramework: one(body, 'newAlignment.targetFramework').trim() }
  if (manual.targetName || manual.targetUrl) alignments.push(manual.targetFramework ? manual : { targetName: manual.targetName, targetUrl: manual.targetUrl })

  const input: Record<string, unknown> = {}
  for (const name of SIMPLE_FIELDS) {
    const value = values[name]!
    if (value.trim() === '') continue
    input[name] = NUMBER_FIELDS.has(name) ? numberOrText(value) : value
  }
  if (input.name === undefined) input.name = ''
  input.criteria = { ...(values.criteriaNarrative!.trim() ? { narrative: values.criteriaNarrative } : {}), ...(values.criteriaUrl!.trim() ? { id: values.criteriaUrl } : {}) }
  input.tag = values.tags!.split(',').map((t) => t.trim()).filter(Boolean)
  input.learningOutcomes = values.learningOutcomes!.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)
  input.resultDescription = results.map((r) => ({
      ...(r.id ? { id: r.id } : {}),
      name: r.name,
      resultType: r.resultType,
      ...(r.allowedValues.trim() ? { allowedValue: r.allowedValues.split(',').map((v) => v.trim()).filter(Boolean) } : {}),
      ...(r.valueMin.trim() ? { valueMin: r.valueMin } : {}),
      ...(r.valueMax.trim() ? { valueMax: r.valueMax } : {}),
      ...(r.requiredValue.trim() ? { requiredValue: r.requiredValue } : {}),
    }))
  input.alignment = [...alignments]
  const version = one(body, 'version')
  return {
    state: { values, results, alignments, skillQuery: one(body, 'skillQuery'), ...(version ? { version } : {}) },
    input,
    addSkillIds: all(body, 'addSkill'),
  }
}

/** The alignment a picked skill becomes (STANDARDS §4.1: ESCO skills as `ext:ESCOSkill`). */
export function alignmentOfSkill(skill: SkillRecord): DefinitionAlignment {
  const framework = { esco: 'ESCO', onet: 'O*NET', 'emblem-demo': 'Emblem demo skills' }[skill.framework] ?? skill.framework
  return {
    targetName: skill.preferredLabel.slice(0, 400),
    targetUrl: skill.id,
    targetFramework: framework,
    ...(skill.code ? { targetCode: skill.code.slice(0, 100) } : {}),
    targetType: skill.framework === 'esco' ? 'ext:ESCOSkill' : 'ceasn:Competency',
    ...(skill.description ? { targetDescription: skill.description.slice(0, 2000) } : {}),
  }
}

/** An issue's message in the page's language: the common codes translated, the English message otherwise. */
export function issueText(t: Translator, { path, code, message }: DefinitionIssue): string {
  if (path === 'imageId' && code === 'required') return t.t('ach.error.imageRequired')
  if (code === 'required') return /publish/.test(message) ? t.t('ach.error.requiredToPublish') : t.t('ach.error.required')
  return message
}

/** Form field names for the definition's issues, messages (in the page's language) joined per field. */
export function fieldErrorsOf(t: Translator, issues: readonly DefinitionIssue[]): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of issues) {
    const [field, text] = fieldOf(t, issue.path, issueText(t, issue))
    errors[field] = errors[field] ? `${errors[field]}; ${text}` : text
  }
  return errors
}

function fieldOf(t: Translator, path: string, message: string): [string, string] {
  const parts = path.split('.')
  const head = parts[0]!
  const n = Number(parts[1]) + 1
  if (path === 'criteria.narrative') return ['criteriaNarrative', message]
  if (path === 'criteria.id') return ['criteriaUrl', message]
  if (head === 'tag') return ['tags', parts[1] ? t.t('ach.error.tag', { n, message }) : message]
  if (head === 'learningOutcomes') return ['learningOutcomes', parts[1] ? t.t('ach.error.line', { n, message }) : message]
  if (head === 'resultDescription' && parts[2]) return [`result.${parts[1]}.${parts[2] === 'allowedValue' ? 'allowedValues' : parts[2]}`, message]
  if (head === 'resultDescription') return ['results', message]
  if (head === 'alignment') return ['alignments', parts[1] ? t.t('ach.error.alignment', { n, message: parts[2] ? `${parts[2]} ${message}` : message }) : message]
  if (head === 'definition') return ['form', message]
  return [head, message]
}

const numberOrText = (value: string): number | string => (/^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value)

function resultRows(body: Body): ResultRow[] {
  const indexes = new Set<number>()
  for (const key of Object.keys(body)) {
    const m = /^result\.(\d{1,2})\./.exec(key)
    if (m) indexes.add(Number(m[1]))
  }
  return [...indexes]
    .sort((a, b) => a - b)
    .map((i) => ({
      id: one(body, `result.${i}.id`),
      name: one(body, `result.${i}.name`),
      resultType: one(body, `result.${i}.resultType`),
      allowedValues: one(body, `result.${i}.allowedValues`),
      valueMin: one(body, `result.${i}.valueMin`),
      valueMax: one(body, `result.${i}.valueMax`),
      requiredValue: one(body, `result.${i}.requiredValue`),
    }))
}

// Each alignment already on the form travels as JSON in a hidden field; its checkbox keeps it.
function keptAlignments(body: Body): DefinitionAlignment[] {
  const kept: DefinitionAlignment[] = []
  for (const key of Object.keys(body).sort(byIndex)) {
    const m = /^alignment\.(\d{1,3})\.json$/.exec(key)
    if (!m || one(body, `alignment.${m[1]}.keep`) !== '1') continue
    try {
      kept.push(JSON.parse(one(body, key)) as DefinitionAlignment)
    } catch {
      // a tampered field: dropped, like an unticked one
    }
  }
  return kept
}

const byIndex = (a: string, b: string): number => (Number(/\d+/.exec(a)?.[0] ?? 0) - Number(/\d+/.exec(b)?.[0] ?? 0)) || a.localeCompare(b)

/** One string field of a parsed form ('' when absent; the first when repeated). */
export const one = (body: Body, name: string): string => {
  const value = body[name]
  return typeof value === 'string' ? value : Array.isArray(value) ? (value[0] ?? '') : ''
}

/** Every value of a repeated field. */
export const all = (body: Body, name: string): string[] => {
  const value = body[name]
  return typeof value === 'string' ? [value] : Array.isArray(value) ? value : []
}
