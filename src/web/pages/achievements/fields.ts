// Labelled form controls of the achievement pages: the hint and the error sit next to the control
// and are tied to it with aria-describedby; a control in error is aria-invalid.
import type { Context } from 'hono'
import { html } from 'hono/html'
import '../../../http/context.js'

/** Messages per form field name. */
export type FieldErrors = Readonly<Record<string, string>>

interface Common {
  name: string
  label: string
  hint?: string
  errors?: FieldErrors | undefined
  required?: boolean
}

export const fieldId = (name: string): string => `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`

function described(name: string, hint: string | undefined, errors: FieldErrors | undefined) {
  const id = fieldId(name)
  const error = errors?.[name]
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return {
    id,
    notes: html`${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : ''}${error
      ? html`<span class="error" id="${id}-error"><span class="sr-only">Error: </span>${error}</span>`
      : ''}`,
    aria: html`${ids ? html` aria-describedby="${ids}"` : ''}${error ? html` aria-invalid="true"` : ''}`,
  }
}

/** A one-line input. */
export function textInput(p: Common & { value?: string | undefined; type?: 'text' | 'url' | 'number' | 'search' | 'color'; maxlength?: number; step?: string; min?: number; max?: number }) {
  const d = described(p.name, p.hint, p.errors)
  return html`<div class="field">
    <label for="${d.id}">${p.label}</label>${d.notes}
    <input id="${d.id}" name="${p.name}" type="${p.type ?? 'text'}" value="${p.value ?? ''}"${p.maxlength ? html` maxlength="${p.maxlength}"` : ''}${p.step
      ? html` step="${p.step}"`
      : ''}${p.min !== undefined ? html` min="${p.min}"` : ''}${p.max !== undefined ? html` max="${p.max}"` : ''}${p.required ? html` required` : ''}${d.aria} />
  </div>`
}

/** A multi-line input. */
export function textArea(p: Common & { value?: string | undefined; rows?: number; maxlength?: number }) {
  const d = described(p.name, p.hint, p.errors)
  return html`<div class="field">
    <label for="${d.id}">${p.label}</label>${d.notes}
    <textarea id="${d.id}" name="${p.name}" rows="${p.rows ?? 4}"${p.maxlength ? html` maxlength="${p.maxlength}"` : ''}${p.required ? html` required` : ''}${d.aria}>${p.value ?? ''}</textarea>
  </div>`
}

/** A choice from a list; `blank` adds an empty first option with that text. */
export function selectInput(p: Common & { value?: string | undefined; options: readonly (readonly [value: string, label: string])[]; blank?: string }) {
  const d = described(p.name, p.hint, p.errors)
  return html`<div class="field">
    <label for="${d.id}">${p.label}</label>${d.notes}
    <select id="${d.id}" name="${p.name}"${d.aria}>
      ${p.blank !== undefined ? html`<option value="">${p.blank}</option>` : ''}
      ${p.options.map(([value, label]) => html`<option value="${value}"${value === p.value ? html` selected` : ''}>${label}</option>`)}
    </select>
  </div>`
}

/** The error summary at the top of a form: read out first (role=alert), each message links to its field. */
export function errorSummary(errors: FieldErrors | undefined, labels: Readonly<Record<string, string>>, title = 'There is a problem') {
  const entries = Object.entries(errors ?? {})
  if (entries.length === 0) return ''
  return html`<div class="alert bad" role="alert" aria-labelledby="error-summary-title">
    <h2 id="error-summary-title">${title}</h2>
    <ul>
      ${entries.map(([name, message]) => html`<li><a href="#${fieldId(name)}">${labels[name] ?? name}: ${message}</a></li>`)}
    </ul>
  </div>`
}

/** The hidden CSRF field every form posts. */
export const csrfField = (c: Context) => html`<input type="hidden" name="_csrf" value="${c.var.csrfToken}" />`

/** One string field of a parsed form ('' when absent; the first when repeated). */
export const one = (body: Record<string, string | string[]>, name: string): string => {
  const value = body[name]
  return typeof value === 'string' ? value : Array.isArray(value) ? (value[0] ?? '') : ''
}

/** Every value of a repeated field. */
export const all = (body: Record<string, string | string[]>, name: string): string[] => {
  const value = body[name]
  return typeof value === 'string' ? [value] : Array.isArray(value) ? value : []
}
