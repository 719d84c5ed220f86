// Form parts of the organization pages: labelled fields (input, textarea, select, radios) with their
// hint and error tied to them, and the mapping from use-case errors to messages per field.
import { html } from 'hono/html'
import { InputError } from '../../../app/platform/input-error.js'
import type { FieldErrors } from '../account/form.js'

export { csrfField, errorSummary, formAlert, type FieldErrors } from '../account/form.js'

const fieldId = (name: string) => `field-${name}`

interface Common {
  name: string
  label: string
  hint?: string | undefined
  errors?: FieldErrors | undefined
  required?: boolean
}

function describedBy(name: string, hint: string | undefined, errors: FieldErrors | undefined) {
  const id = fieldId(name)
  const ids = [hint ? `${id}-hint` : '', errors?.[name] ? `${id}-error` : ''].filter(Boolean).join(' ')
  return ids ? html`aria-describedby="${ids}"` : ''
}

function labelled({ name, label, hint, errors }: Common, control: unknown) {
  const id = fieldId(name)
  const error = errors?.[name]
  return html`<div class="field">
    <label for="${id}">${label}</label>
    ${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : ''}
    ${error ? html`<span class="error" id="${id}-error"><span class="sr-only">Error: </span>${error}</span>` : ''}
    ${control}
  </div>`
}

/** A labelled one-line input. */
export function inputField(props: Common & { type?: 'text' | 'email' | 'url'; value?: string | null | undefined; autocomplete?: string; maxlength?: number; pattern?: string }) {
  const { name, type = 'text', value, autocomplete = 'off', maxlength, pattern, required, hint, errors } = props
  return labelled(
    props,
    html`<input id="${fieldId(name)}" name="${name}" type="${type}" autocomplete="${autocomplete}" value="${value ?? ''}"
      ${required ? html`required` : ''} ${maxlength ? html`maxlength="${maxlength}"` : ''} ${pattern ? html`pattern="${pattern}"` : ''}
      ${type !== 'text' ? html`spellcheck="false" autocapitalize="none"` : ''}
      ${describedBy(name, hint, errors)} ${errors?.[name] ? html`aria-invalid="true"` : ''} />`,
  )
}

/** A labelled multi-line text area. */
export function textAreaField(props: Common & { value?: string | undefined; maxlength?: number; rows?: number }) {
  const { name, value, maxlength, rows = 5, hint, errors } = props
  return labelled(
    props,
    html`<textarea id="${fieldId(name)}" name="${name}" rows="${rows}" ${maxlength ? html`maxlength="${maxlength}"` : ''}
      ${describedBy(name, hint, errors)} ${errors?.[name] ? html`aria-invalid="true"` : ''}>${value ?? ''}</textarea>`,
  )
}

/** A labelled select; `options` are [value, label] pairs. */
export function selectField(props: Common & { value?: string | null | undefined; options: ReadonlyArray<readonly [string, string]> }) {
  const { name, value, options, hint, errors, required } = props
  return labelled(
    props,
    html`<select id="${fieldId(name)}" name="${name}" ${required ? html`required` : ''} ${describedBy(name, hint, errors)} ${errors?.[name] ? html`aria-invalid="true"` : ''}>
      ${options.map(([v, l]) => html`<option value="${v}" ${v === (value ?? '') ? html`selected` : ''}>${l}</option>`)}
    </select>`,
  )
}

/** A fieldset of radio buttons with a legend; each option may carry a hint. */
export function radioField({ name, label, value, options, errors }: Common & { value?: string | undefined; options: ReadonlyArray<{ value: string; label: string; hint?: string }> }) {
  const error = errors?.[name]
  return html`<fieldset id="${fieldId(name)}" ${error ? html`aria-describedby="${fieldId(name)}-error"` : ''}>
    <legend>${label}</legend>
    ${error ? html`<span class="error" id="${fieldId(name)}-error"><span class="sr-only">Error: </span>${error}</span>` : ''}
    ${options.map(
      (o) => html`<div>
        <label><input type="radio" name="${name}" value="${o.value}" ${o.value === value ? html`checked` : ''} /> ${o.label}</label>
        ${o.hint ? html`<span class="hint">${o.hint}</span>` : ''}
      </div>`,
    )}
  </fieldset>`
}

/**
 * The messages per field of an input error (an InputError: OrgInputError, or ERR_CONFLICT for a
 * taken slug or address), for a form to show; undefined for any other error, which the caller rethrows.
 */
export function fieldErrorsOf(err: unknown): Record<string, string> | undefined {
  return err instanceof InputError ? { ...err.fields } : undefined
}

/** A short date and time for tables, in UTC ("2026-03-01 09:00 UTC"); '—' for none. */
export const when = (iso: string | null | undefined): string => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '—')

/** A status line after a redirect (post/redirect/get), announced politely. */
export const notice = (message: string | undefined) => (message ? html`<div class="alert ok" role="status"><p>${message}</p></div>` : '')
