// The achievement editor (new and edit): every Open Badges 3.0 field and EU micro-credential
// element in titled sections, result rows, and a skills picker that searches on the server
// without script and offers matches as you type with it (client/skills-typeahead.ts).
import { DEFINITION_LIMITS as L, PARTICIPATION_FORMS, STACKABILITY_KINDS, SUPERVISION_KINDS } from '../../../app/achievements/definition.js'
import type { SkillRecord } from '../../../app/skills/ports.js'
import { ACHIEVEMENT_TYPES, RESULT_TYPES } from '../../../core/credential/index.js'
import type { RoleName } from '../../../app/platform/roles.js'
import { Checkbox, ErrorSummary, Form, FormActions, FormSection, Select, TextArea, TextField, fieldId, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { useT } from '../../kit/env.js'
import type { EditorState, ResultRow } from './editor-form.js'
import { fieldLabels, frameworkName } from './labels.js'

/** What the editor shows besides the form's state. */
export interface EditorModel {
  org: ShellOrg
  role: RoleName
  /** Undefined for a new achievement. */
  achievement?: { id: string; name: string } | undefined
  state: EditorState
  errors?: FieldErrors | undefined
  /** The skills search's results, when one was run. */
  skillResults?: readonly SkillRecord[] | undefined
}

/** The page. */
export function EditorView({ model }: { model: EditorModel }) {
  const t = useT()
  const { org, role, achievement, state, errors, skillResults } = model
  const v = state.values
  const list = `/orgs/${org.slug}/achievements`
  const action = achievement ? `${list}/${achievement.id}/edit` : `${list}/new`
  const title = achievement ? t.t('ach.editor.editTitle', { name: achievement.name }) : t.t('ach.editor.newTitle')
  const notGiven = t.t('ach.editor.notGiven')
  const text = (name: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => <TextField name={name} label={t.t(`ach.field.${name}` as 'ach.field.name')} value={v[name]} errors={errors} markOptional {...extra} />
  const area = (name: string, extra: Partial<Parameters<typeof TextArea>[0]> = {}) => <TextArea name={name} label={t.t(`ach.field.${name}` as 'ach.field.name')} value={v[name]} errors={errors} markOptional {...extra} />
  return (
    <OrgShell org={org} role={role} current="achievements">
      <PageHeader
        crumbs={[{ label: t.t('ach.list.title'), href: list }, ...(achievement ? [{ label: achievement.name, href: `${list}/${achievement.id}` }] : []), { label: achievement ? t.t('ach.editor.editCrumb') : t.t('ach.editor.newTitle') }]}
        title={title}
        lead={t.t('ach.editor.lead')}
      />
      <ErrorSummary errors={errors} labels={fieldLabels(t)} />
      {errors?.form && <p class="field-error" id={fieldId('form')}><Icon name="alert" />{errors.form}</p>}
      <Form action={action} class="form ach-editor">
        {/* The form's default button (Enter in a field) saves; the skills search below is not first. */}
        <button type="submit" name="intent" value="save" hidden tabindex={-1} />
        {state.version && <input type="hidden" name="version" value={state.version} />}
        <FormSection title={t.t('ach.section.about')}>
          {text('name', { required: true, maxLength: L.name, hint: t.t('ach.hint.name') })}
          {area('description', { markOptional: false, maxLength: L.description, hint: t.t('ach.hint.description') })}
          <div class="field-row">
            <Select name="achievementType" label={t.t('ach.field.achievementType')} value={v.achievementType} errors={errors} options={ACHIEVEMENT_TYPES.map((x) => [x, x] as const)} />
            {text('inLanguage', { maxLength: 35, hint: t.t('ach.hint.inLanguage'), spellcheck: false })}
          </div>
          {text('tags', { hint: t.t('ach.hint.tags') })}
          <div class="field-row">
            {text('fieldOfStudy', { maxLength: L.shortText })}
            {text('humanCode', { maxLength: L.code, hint: t.t('ach.hint.humanCode') })}
          </div>
        </FormSection>
        <FormSection title={t.t('ach.section.criteria')} hint={t.t('ach.hint.criteriaSection')}>
          {area('criteriaNarrative', { markOptional: false, rows: 6, maxLength: L.narrative, hint: t.t('ach.hint.criteriaNarrative') })}
          {text('criteriaUrl', { type: 'url', maxLength: L.url, hint: t.t('ach.hint.criteriaUrl') })}
        </FormSection>
        <FormSection title={t.t('ach.section.eu')} hint={t.t('ach.hint.euSection')}>
          {area('learningOutcomes', { rows: 5, hint: t.t('ach.hint.learningOutcomes') })}
          <div class="field-row">
            {text('workloadHours', { type: 'number', step: 'any', min: 0, inputMode: 'decimal' })}
            {text('ects', { type: 'number', step: 'any', min: 0, max: 360, inputMode: 'decimal' })}
            {text('creditsAvailable', { type: 'number', step: 'any', min: 0, inputMode: 'decimal', hint: t.t('ach.hint.creditsAvailable') })}
          </div>
          <div class="field-row">
            <Select name="eqfLevel" label={t.t('ach.field.eqfLevel')} value={v.eqfLevel} errors={errors} placeholder={notGiven} options={[1, 2, 3, 4, 5, 6, 7, 8].map((n) => [String(n), t.t('ach.eqf.level', { level: n })] as const)} />
            <Select name="participation" label={t.t('ach.field.participation')} value={v.participation} errors={errors} placeholder={notGiven} options={PARTICIPATION_FORMS.map((x) => [x, t.t(`ach.participation.${x}`)] as const)} />
          </div>
          {text('assessmentType', { maxLength: L.shortText * 2, hint: t.t('ach.hint.assessmentType') })}
          <Select name="supervision" label={t.t('ach.field.supervision')} value={v.supervision} errors={errors} placeholder={notGiven} options={SUPERVISION_KINDS.map((x) => [x, t.t(`ach.supervision.${x}`)] as const)} />
          {area('qualityAssurance', { maxLength: L.longText, hint: t.t('ach.hint.qualityAssurance') })}
          {area('prerequisites', { maxLength: L.longText })}
          <div class="field-row">
            <Select name="stackability" label={t.t('ach.field.stackability')} value={v.stackability} errors={errors} placeholder={notGiven} options={STACKABILITY_KINDS.map((x) => [x, t.t(`ach.stackability.${x}`)] as const)} />
            {text('stackableTowards', { maxLength: L.shortText * 2, hint: t.t('ach.hint.stackableTowards') })}
          </div>
          {text('validityMonths', { type: 'number', min: 1, max: 1200, inputMode: 'numeric', hint: t.t('ach.hint.validityMonths') })}
        </FormSection>
        <ResultsSection rows={state.results} errors={errors} />
        <SkillsSection state={state} errors={errors} results={skillResults} />
        <FormActions>
          <button type="submit" name="intent" value="save" class="button">{achievement ? t.t('ach.editor.save') : t.t('ach.editor.create')}</button>
          <a class="button ghost" href={achievement ? `${list}/${achievement.id}` : list}>{t.t('ach.editor.cancel')}</a>
        </FormActions>
      </Form>
    </OrgShell>
  )
}

function ResultsSection({ rows, errors }: { rows: readonly ResultRow[]; errors: FieldErrors | undefined }) {
  const t = useT()
  const blank: ResultRow = { id: '', name: '', resultType: 'Result', allowedValues: '', valueMin: '', valueMax: '', requiredValue: '' }
  return (
    <FormSection title={t.t('ach.section.results')} hint={t.t('ach.hint.results')} id={fieldId('results')}>
      {errors?.results && <p class="field-error"><Icon name="alert" />{errors.results}</p>}
      {[...rows, blank].map((r, i) => (
        <fieldset class="result-row">
          <legend>{t.t('ach.result.legend', { n: i + 1 })}</legend>
          {r.id && <input type="hidden" name={`result.${i}.id`} value={r.id} />}
          <div class="field-row">
            <TextField name={`result.${i}.name`} label={t.t('ach.result.name')} value={r.name} errors={errors} maxLength={L.shortText} hint={t.t('ach.hint.resultName')} />
            <Select name={`result.${i}.resultType`} label={t.t('ach.result.kind')} value={r.resultType} errors={errors} options={RESULT_TYPES.map((x) => [x, x] as const)} />
          </div>
          <TextField name={`result.${i}.allowedValues`} label={t.t('ach.result.allowedValues')} value={r.allowedValues} errors={errors} hint={t.t('ach.hint.allowedValues')} />
          <div class="field-row">
            <TextField name={`result.${i}.valueMin`} label={t.t('ach.result.valueMin')} value={r.valueMin} errors={errors} maxLength={L.code} />
            <TextField name={`result.${i}.valueMax`} label={t.t('ach.result.valueMax')} value={r.valueMax} errors={errors} maxLength={L.code} />
            <TextField name={`result.${i}.requiredValue`} label={t.t('ach.result.requiredValue')} value={r.requiredValue} errors={errors} maxLength={L.code} />
          </div>
        </fieldset>
      ))}
    </FormSection>
  )
}

function SkillsSection({ state, errors, results }: { state: EditorState; errors: FieldErrors | undefined; results: readonly SkillRecord[] | undefined }) {
  const t = useT()
  const present = new Set(state.alignments.map((a) => a.targetUrl))
  return (
    <FormSection title={t.t('ach.section.skills')} hint={t.t('ach.hint.skillsSection')} id={fieldId('alignments')}>
      {errors?.alignments && <p class="field-error" role="alert"><Icon name="alert" />{errors.alignments}</p>}
      {state.alignments.length === 0 ? (
        <p class="muted">{t.t('ach.editor.noSkills')}</p>
      ) : (
        <ul class="skill-checks">
          {state.alignments.map((a, i) => (
            <li>
              <input type="hidden" name={`alignment.${i}.json`} value={JSON.stringify(a)} />
              <Checkbox name={`alignment.${i}.keep`} checked label={a.targetName} hint={[a.targetFramework ? frameworkName(a.targetFramework) : '', a.targetUrl].filter(Boolean).join(' · ')} />
            </li>
          ))}
        </ul>
      )}
      <div
        class="skills-search"
        data-skills-typeahead="/api/v1/skills"
        data-msg-none={t.t('ach.typeahead.none')}
        data-msg-one={t.t('ach.typeahead.one')}
        data-msg-many={t.t('ach.typeahead.many', { count: '{count}' })}
        data-msg-added={t.t('ach.typeahead.added', { name: '{name}' })}
        data-msg-removed={t.t('ach.typeahead.removed', { name: '{name}' })}
        data-msg-remove={t.t('ach.typeahead.remove', { name: '{name}' })}
        data-msg-picked={t.t('ach.typeahead.picked')}
        data-msg-list={t.t('ach.typeahead.list')}
      >
        <div class="skills-search-row">
          <TextField name="skillQuery" type="search" label={t.t('ach.editor.searchSkills')} value={state.skillQuery} maxLength={100} hint={t.t('ach.hint.skillQuery')} autocomplete="off" />
          <button type="submit" name="intent" value="search-skills" class="button secondary"><Icon name="search" />{t.t('ach.editor.search')}</button>
        </div>
      </div>
      {results !== undefined && (
        <div role="status" class="skill-results">
          {results.length === 0 ? (
            <p>{t.t('ach.editor.noSkillMatch', { query: state.skillQuery })}</p>
          ) : (
            <fieldset class="group">
              <legend>{t.t('ach.editor.tickSkills', { count: results.length })}</legend>
              <div class="choices">
                {results.map((s, i) => (
                  <label class="check" for={`skill-${i}`}>
                    <input type="checkbox" id={`skill-${i}`} name="addSkill" value={s.id} checked={present.has(s.id)} disabled={present.has(s.id)} />
                    <span>
                      {s.preferredLabel} <span class="tag">{s.kind}</span> <small class="muted">{frameworkName(s.framework)}</small>
                      {s.altLabels.length > 0 && <span class="hint">{t.t('ach.editor.alsoKnownAs', { labels: s.altLabels.slice(0, 5).join(', ') })}</span>}
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          )}
        </div>
      )}
      <details class="disclosure">
        <summary>{t.t('ach.editor.byHand')}</summary>
        <div>
          <TextField name="newAlignment.targetName" label={t.t('ach.editor.alignmentName')} maxLength={400} />
          <TextField name="newAlignment.targetUrl" label={t.t('ach.editor.alignmentUrl')} type="url" maxLength={L.url} />
          <TextField name="newAlignment.targetFramework" label={t.t('ach.editor.alignmentFramework')} maxLength={L.shortText} />
        </div>
      </details>
    </FormSection>
  )
}
