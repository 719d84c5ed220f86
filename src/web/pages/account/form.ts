// Form parts of the account pages: labelled fields with their error next to them, an error summary
// linking to each field, and the CSRF field every form posts.
import type { Context } from 'hono'
import { html } from 'hono/html'
import '../../../http/context.js'

/** Messages per field name, from AccountInputError.fields (or a page's own checks). */
export type FieldErrors = Readonly<Record<string, string>>

/** One labelled input. Passwords are never echoed back into the page. */
export interface FieldProps {
  name: string
  label: string
  type?: 'text' | 'email' | 'password'
  value?: string | undefined
  autocomplete: string
  hint?: string | undefined
  errors?: FieldErrors | undefined
  /** Browser-side limits, mirrored on the server (which has the last word). */
  minlength?: number
  maxlength?: number
}

const fieldId = (name: string) => `field-${name}`

/** A field: label, hint and error (both tied to the input with aria-describedby), input. */
export function field({ name, label, type = 'text', value, autocomplete, hint, errors, minlength, maxlength }: FieldProps) {
  const id = fieldId(name)
  const error = errors?.[name]
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return html`<div class="field">
    <label for="${id}">${label}</label>
    ${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : ''}
    ${error ? html`<span class="error" id="${id}-error"><span class="sr-only">Error: </span>${error}</span>` : ''}
    <input
      id="${id}"
      name="${name}"
      type="${type}"
      autocomplete="${autocomplete}"
      required
      ${type !== 'password' && value !== undefined ? html`value="${value}"` : ''}
      ${minlength !== undefined ? html`minlength="${minlength}"` : ''}
      ${maxlength !== undefined ? html`maxlength="${maxlength}"` : ''}
      ${type === 'email' ? html`spellcheck="false" autocapitalize="none"` : ''}
      ${describedBy ? html`aria-describedby="${describedBy}"` : ''}
      ${error ? html`aria-invalid="true"` : ''}
    />
  </div>`
}

/** The error summary at the top of a form: read out first (role=alert), each message links to its field. */
export function errorSummary(errors: FieldErrors | undefined, labels: Readonly<Record<string, string>>) {
  const entries = Object.entries(errors ?? {})
  if (entries.length === 0) return ''
  return html`<div class="alert bad" role="alert" aria-labelledby="error-summary-title">
    <h2 id="error-summary-title">There is a problem</h2>
    <ul>
      ${entries.map(([name, message]) => html`<li><a href="#${fieldId(name)}">${labels[name] ?? name}: ${message}</a></li>`)}
    </ul>
  </div>`
}

/** A message for the whole form (a wrong password, a rate limit), not tied to a field. */
export const formAlert = (message: string | undefined) => (message ? html`<div class="alert bad" role="alert"><p>${message}</p></div>` : '')

/** The hidden CSRF field every form posts. */
export const csrfField = (c: Context) => html`<input type="hidden" name="_csrf" value="${c.var.csrfToken}" />`
