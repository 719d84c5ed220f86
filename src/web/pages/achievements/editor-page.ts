import type { Context } from 'hono'
import { html } from 'hono/html'
import type { OrgRef } from '../../../app/platform/access-ports.js'
import { DEFINITION_LIMITS as L, PARTICIPATION_FORMS, STACKABILITY_KINDS, SUPERVISION_KINDS } from '../../../app/achievements/definition.js'
import type { SkillRecord } from '../../../app/skills/ports.js'
import { ACHIEVEMENT_TYPES, RESULT_TYPES } from '../../../core/credential/index.js'
import { orgNav } from '../../components/org-nav.js'
import { renderPage } from '../../page.js'
import { LABELS, type EditorState, type ResultRow } from './editor-form.js'
import { csrfField, errorSummary, fieldId, selectInput, textArea, textInput, type FieldErrors } from './fields.js'

/** What the editor page shows besides the form's state. */
export interface EditorPageProps {
  org: OrgRef
  /** Undefined for a new achievement. */
  achievement?: { id: string; name: string }
  state: EditorState
  errors?: FieldErrors
  /** The skills search's results, when one was run. */
  skillResults?: SkillRecord[]
}

const PARTICIPATION_LABELS: Record<(typeof PARTICIPATION_FORMS)[number], string> = { online: 'Online', onsite: 'On site', blended: 'Blended (online and on site)' }
const SUPERVISION_LABELS: Record<(typeof SUPERVISION_KINDS)[number], string> = {
  unsupervised: 'Unsupervised, no identity verification',
  supervised: 'Supervised, no identity verification',
  'supervised-with-identity-check': 'Supervised, with identity verification',
}
const STACKABILITY_LABELS: Record<(typeof STACKABILITY_KINDS)[number], string> = {
  standalone: 'Stand-alone, independent micro-credential',
  stackable: 'Integrated, stackable towards another credential',
}
const pairs = <T extends string>(labels: Record<T, string>) => Object.entries(labels) as [T, string][]

/** The achievement editor: every OB 3.0 field and EU element in fieldsets, a skills picker that works without JavaScript. */
export function editorPage(c: Context, { org, achievement, state, errors, skillResults }: EditorPageProps) {
  const v = state.values
  const action = achievement ? `/orgs/${org.slug}/achievements/${achievement.id}/edit` : `/orgs/${org.slug}/achievements/new`
  const title = achievement ? `Edit ${achievement.name}` : 'New achievement'
  const input = (name: string, label: string, extra: Partial<Parameters<typeof textInput>[0]> = {}) => textInput({ name, label, value: v[name], errors, ...extra })
  return renderPage(c, {
    title: `${title} · ${org.name}`,
    status: errors && Object.keys(errors).length > 0 ? 422 : 200,
    main: html`<h1>${title}</h1>
      ${orgNav(org, 'achievements')}
      ${errorSummary(errors, LABELS)}
      <form method="post" action="${action}" novalidate>
        ${csrfField(c)} ${state.version ? html`<input type="hidden" name="version" value="${state.version}" />` : ''}
        <fieldset>
          <legend>About the achievement</legend>
          ${input('name', LABELS.name!, { required: true, maxlength: L.name, hint: 'The title learners and employers see, e.g. "FAIR Data Stewardship".' })}
          ${textArea({ name: 'description', label: LABELS.description!, value: v.description, errors, maxlength: L.description, hint: 'What the learner can do; needed to publish.' })}
          ${selectInput({ name: 'achievementType', label: LABELS.achievementType!, value: v.achievementType, errors, options: ACHIEVEMENT_TYPES.map((t) => [t, t] as const) })}
          ${input('tags', LABELS.tags!, { hint: 'Comma-separated, e.g. open science, data' })}
          ${input('fieldOfStudy', LABELS.fieldOfStudy!, { maxlength: L.shortText })}
          ${input('humanCode', LABELS.humanCode!, { maxlength: L.code, hint: 'Your course or module code, e.g. FDS-101' })}
          ${input('inLanguage', LABELS.inLanguage!, { maxlength: 35, hint: 'A BCP 47 language tag, e.g. en, nl, pt-BR' })}
        </fieldset>
        <fieldset>
          <legend>Criteria</legend>
          ${textArea({ name: 'criteriaNarrative', label: LABELS.criteriaNarrative!, value: v.criteriaNarrative, errors, rows: 6, maxlength: L.narrative, hint: 'What it takes to earn it (Markdown: # headings, - lists). Needed to publish, unless you give a criteria page.' })}
          ${input('criteriaUrl', LABELS.criteriaUrl!, { type: 'url', maxlength: L.url, hint: 'Optional: an https page describing the criteria.' })}
        </fieldset>
        <fieldset>
          <legend>EU micro-credential elements</legend>
          <p class="hint">The Council Recommendation on micro-credentials (2022) asks for these; they are written into the credential.</p>
          ${textArea({ name: 'learningOutcomes', label: LABELS.learningOutcomes!, value: v.learningOutcomes, errors, rows: 5, hint: 'One per line, e.g. "Write a data management plan".' })}
          ${input('workloadHours', LABELS.workloadHours!, { type: 'number', step: 'any', min: 0 })}
          ${input('ects', LABELS.ects!, { type: 'number', step: 'any', min: 0, max: 360 })}
          ${input('creditsAvailable', 'Other credits', { type: 'number', step: 'any', min: 0, hint: 'Credits in another system; the credential shows these instead of ECTS.' })}
          ${selectInput({ name: 'eqfLevel', label: LABELS.eqfLevel!, value: v.eqfLevel, errors, blank: 'Not given', options: [1, 2, 3, 4, 5, 6, 7, 8].map((n) => [String(n), `Level ${n}`] as const) })}
          ${input('assessmentType', LABELS.assessmentType!, { maxlength: L.shortText * 2, hint: 'e.g. Supervised final project, written exam' })}
          ${selectInput({ name: 'supervision', label: LABELS.supervision!, value: v.supervision, errors, blank: 'Not given', options: pairs(SUPERVISION_LABELS) })}
          ${selectInput({ name: 'participation', label: LABELS.participation!, value: v.participation, errors, blank: 'Not given', options: pairs(PARTICIPATION_LABELS) })}
          ${textArea({ name: 'qualityAssurance', label: LABELS.qualityAssurance!, value: v.qualityAssurance, errors, maxlength: L.longText, hint: 'Who assures the quality, and how (accreditation, internal review).' })}
          ${textArea({ name: 'prerequisites', label: LABELS.prerequisites!, value: v.prerequisites, errors, maxlength: L.longText })}
          ${selectInput({ name: 'stackability', label: LABELS.stackability!, value: v.stackability, errors, blank: 'Not given', options: pairs(STACKABILITY_LABELS) })}
          ${input('stackableTowards', LABELS.stackableTowards!, { maxlength: L.shortText * 2, hint: 'e.g. MSc Data Science' })}
          ${input('validityMonths', LABELS.validityMonths!, { type: 'number', min: 1, max: 1200, hint: 'Credentials expire this many months after issue; leave empty for no expiry.' })}
        </fieldset>
        ${resultsFieldset(state.results, errors)}
        ${alignmentsFieldset(state, errors, skillResults)}
        <div class="actions">
          <button type="submit" name="intent" value="save">${achievement ? 'Save changes' : 'Create draft'}</button>
          <a href="${achievement ? `/orgs/${org.slug}/achievements/${achievement.id}` : `/orgs/${org.slug}/achievements`}">Cancel</a>
        </div>
      </form>`,
  })
}

function resultsFieldset(rows: ResultRow[], errors: FieldErrors | undefined) {
  const blank: ResultRow = { id: '', name: '', resultType: 'Result', allowedValues: '', valueMin: '', valueMax: '', requiredValue: '' }
  const shown = [...rows, blank]
  return html`<fieldset id="${fieldId('results')}">
    <legend>Results (grades, levels, status)</legend>
    <p class="hint">Optional. Each kind of result a credential can carry; fill the empty row to add one, clear a name to remove it.</p>
    ${errors?.results ? html`<p class="error">${errors.results}</p>` : ''}
    ${shown.map(
      (r, i) => html`<fieldset>
        <legend>Result ${i + 1}</legend>
        ${r.id ? html`<input type="hidden" name="result.${i}.id" value="${r.id}" />` : ''}
        ${textInput({ name: `result.${i}.name`, label: 'Name', value: r.name, errors, maxlength: L.shortText, hint: 'e.g. Final grade' })}
        ${selectInput({ name: `result.${i}.resultType`, label: 'Kind', value: r.resultType, errors, options: RESULT_TYPES.map((t) => [t, t] as const) })}
        ${textInput({ name: `result.${i}.allowedValues`, label: 'Allowed values', value: r.allowedValues, errors, hint: 'Comma-separated, e.g. Pass, Merit, Distinction' })}
        ${textInput({ name: `result.${i}.valueMin`, label: 'Lowest value', value: r.valueMin, errors, maxlength: L.code })}
        ${textInput({ name: `result.${i}.valueMax`, label: 'Highest value', value: r.valueMax, errors, maxlength: L.code })}
        ${textInput({ name: `result.${i}.requiredValue`, label: 'Value required to pass', value: r.requiredValue, errors, maxlength: L.code })}
      </fieldset>`,
    )}
  </fieldset>`
}

function alignmentsFieldset(state: EditorState, errors: FieldErrors | undefined, results: SkillRecord[] | undefined) {
  const present = new Set(state.alignments.map((a) => a.targetUrl))
  return html`<fieldset id="${fieldId('alignments')}">
    <legend>Skills and alignments</legend>
    ${errors?.alignments ? html`<p class="error" role="alert">${errors.alignments}</p>` : ''}
    ${state.alignments.length === 0
      ? html`<p class="muted">No skills yet. Search below and tick the ones this achievement certifies.</p>`
      : html`<ul class="plain">
          ${state.alignments.map(
            (a, i) => html`<li>
              <input type="hidden" name="alignment.${i}.json" value="${JSON.stringify(a)}" />
              <label><input type="checkbox" name="alignment.${i}.keep" value="1" checked /> ${a.targetName}
                <small>${a.targetFramework ?? ''} · ${a.targetUrl}</small></label>
            </li>`,
          )}
        </ul>`}
    <div class="field">
      <label for="${fieldId('skillQuery')}">Search skills</label>
      <span class="hint" id="${fieldId('skillQuery')}-hint">By name or synonym, e.g. "data analysis", "Excel". Your other changes are kept.</span>
      <input id="${fieldId('skillQuery')}" name="skillQuery" type="search" value="${state.skillQuery}" maxlength="100" aria-describedby="${fieldId('skillQuery')}-hint" />
      <button type="submit" name="intent" value="search-skills" class="secondary">Search</button>
    </div>
    ${results === undefined
      ? ''
      : html`<div role="status">
          ${results.length === 0
            ? html`<p>No skills match “${state.skillQuery}”.</p>`
            : html`<fieldset>
                <legend>Tick skills to add (${results.length} found)</legend>
                ${results.map(
                  (s) => html`<div>
                    <label><input type="checkbox" name="addSkill" value="${s.id}" ${present.has(s.id) ? html`checked disabled` : ''} />
                      ${s.preferredLabel} <span class="pill">${s.kind}</span> <small>${frameworkName(s.framework)}</small></label>
                    ${s.altLabels.length ? html`<span class="hint">Also: ${s.altLabels.slice(0, 5).join(', ')}</span>` : ''}
                  </div>`,
                )}
              </fieldset>`}
        </div>`}
    <details>
      <summary>Add another alignment by hand</summary>
      ${textInput({ name: 'newAlignment.targetName', label: 'Name', maxlength: 400 })}
      ${textInput({ name: 'newAlignment.targetUrl', label: 'URL or URI', type: 'url', maxlength: L.url })}
      ${textInput({ name: 'newAlignment.targetFramework', label: 'Framework', maxlength: L.shortText })}
    </details>
  </fieldset>`
}

/** A framework's display name. */
export const frameworkName = (framework: string): string => ({ esco: 'ESCO', onet: 'O*NET', 'emblem-demo': 'Emblem demo skills' })[framework] ?? framework
