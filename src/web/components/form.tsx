// The one form kit: every form on every page is built from these parts, so labels, hints, errors
// (next to the field and in a summary that links to it), required marks and the CSRF token behave
// the same everywhere. Field ids are `field-<name>`; a field's error is `field-<name>-error`.
import type { Child } from 'hono/jsx'
import { usePage, useT } from '../kit/env.js'
import { Icon } from './icons.js'

/** Messages (already in the page's language) by field name. */
export type FieldErrors = Readonly<Record<string, string>>

/** The id of a field's control. */
export const fieldId = (name: string): string => `field-${name.replace(/[^A-Za-z0-9_-]+/g, '-')}`

/** The hidden field that carries the CSRF token. */
export function CsrfField() {
  const { csrfToken } = usePage()
  return <input type="hidden" name="_csrf" value={csrfToken} />
}

/** A form that posts (with its CSRF token) unless it is a GET search form. */
export function Form({ action, method = 'post', enctype, class: className = 'form', id, label, children }: { action: string; method?: 'post' | 'get'; enctype?: 'multipart/form-data'; class?: string; id?: string; label?: string; children?: Child }) {
  return (
    <form action={action} method={method} enctype={enctype} class={className} id={id} aria-label={label} novalidate={false}>
      {method === 'post' && <CsrfField />}
      {children}
    </form>
  )
}

/** The list of problems at the top of a form, read out first; each links to its field. */
export function ErrorSummary({ errors, labels }: { errors: FieldErrors | undefined; labels: Readonly<Record<string, string>> }) {
  const t = useT()
  const entries = Object.entries(errors ?? {})
  if (entries.length === 0) return null
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{t.t('common.form.problemTitle', { count: entries.length })}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li><a href={`#${fieldId(name)}`}>{labels[name] ? `${labels[name]}: ${message}` : message}</a></li>
        ))}
      </ul>
    </div>
  )
}

/** What every field shares. */
interface FieldBase {
  name: string
  label: Child
  hint?: Child
  errors?: FieldErrors | undefined
  required?: boolean
  /** Marks the label "(optional)" when the field is not required. */
  markOptional?: boolean
  id?: string
}

/** The label, hint and error around a control; gives the control its ids. */
function FieldFrame({ name, label, hint, errors, required, markOptional, id, children }: FieldBase & { children: (describedBy: string | undefined, invalid: boolean, controlId: string) => Child }) {
  const t = useT()
  const controlId = id ?? fieldId(name)
  const error = errors?.[name]
  const describedBy = [hint ? `${controlId}-hint` : '', error ? `${controlId}-error` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div class="field">
      <label for={controlId}>
        {label}
        {!required && markOptional && <span class="optional"> ({t.t('common.form.optional')})</span>}
      </label>
      {hint && <span class="hint" id={`${controlId}-hint`}>{hint}</span>}
      {error && (
        <span class="field-error" id={`${controlId}-error`}>
          <Icon name="alert" />
          <span><span class="sr-only">{t.t('common.form.errorPrefix')} </span>{error}</span>
        </span>
      )}
      {children(describedBy, Boolean(error), controlId)}
    </div>
  )
}

/** A one-line text input. Passwords are never echoed back. */
export function TextField(props: FieldBase & {
  value?: string | undefined
  type?: 'text' | 'email' | 'password' | 'url' | 'search' | 'date' | 'number' | 'tel'
  autocomplete?: string
  placeholder?: string
  minLength?: number
  maxLength?: number
  min?: string | number
  max?: string | number
  step?: string | number
  inputMode?: 'numeric' | 'decimal' | 'email' | 'url' | 'search'
  pattern?: string
  spellcheck?: boolean
  list?: string
  extra?: Record<string, string>
}) {
  const { type = 'text', value, autocomplete, placeholder, minLength, maxLength, min, max, step, inputMode, pattern, spellcheck, list, extra } = props
  return (
    <FieldFrame {...props}>
      {(describedBy, invalid, id) => (
        <input
          id={id}
          name={props.name}
          type={type}
          value={type === 'password' ? undefined : value}
          autocomplete={autocomplete}
          placeholder={placeholder}
          required={props.required}
          minlength={minLength}
          maxlength={maxLength}
          min={min}
          max={max}
          step={step}
          inputmode={inputMode}
          pattern={pattern}
          list={list}
          spellcheck={spellcheck === undefined ? (type === 'email' || type === 'url' ? false : undefined) : spellcheck}
          autocapitalize={type === 'email' || type === 'url' ? 'none' : undefined}
          aria-describedby={describedBy}
          aria-invalid={invalid ? 'true' : undefined}
          {...extra}
        />
      )}
    </FieldFrame>
  )
}

/** A multi-line text input. */
export function TextArea(props: FieldBase & { value?: string | undefined; rows?: number; maxLength?: number; placeholder?: string }) {
  return (
    <FieldFrame {...props}>
      {(describedBy, invalid, id) => (
        <textarea id={id} name={props.name} rows={props.rows ?? 4} maxlength={props.maxLength} placeholder={props.placeholder} required={props.required} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
          {props.value ?? ''}
        </textarea>
      )}
    </FieldFrame>
  )
}

/** One option of a Select: value and label. */
export type SelectOption = readonly [value: string, label: string]

/**
 * A drop-down. Without a `value` it starts on a "Choose…" placeholder that cannot be submitted,
 * so nothing is ever picked for the user by default.
 */
export function Select(props: FieldBase & { options: readonly SelectOption[]; value?: string | undefined; placeholder?: string; autosubmit?: boolean }) {
  const t = useT()
  const hasValue = props.value !== undefined && props.value !== '' && props.options.some(([v]) => v === props.value)
  return (
    <FieldFrame {...props}>
      {(describedBy, invalid, id) => (
        <select id={id} name={props.name} required={props.required} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined} data-autosubmit={props.autosubmit ? '' : undefined}>
          {(props.placeholder !== undefined || !hasValue) && (
            <option value="" selected={!hasValue} disabled={props.required}>
              {props.placeholder ?? t.t('common.form.choose')}
            </option>
          )}
          {props.options.map(([value, label]) => (
            <option value={value} selected={value === props.value}>{label}</option>
          ))}
        </select>
      )}
    </FieldFrame>
  )
}

/** A checkbox with its label beside it. */
export function Checkbox({ name, label, hint, value = '1', checked = false, id }: { name: string; label: Child; hint?: Child; value?: string; checked?: boolean; id?: string }) {
  const controlId = id ?? fieldId(name)
  return (
    <label class="check" for={controlId}>
      <input type="checkbox" id={controlId} name={name} value={value} checked={checked} aria-describedby={hint ? `${controlId}-hint` : undefined} />
      <span>
        {label}
        {hint && <span class="hint" id={`${controlId}-hint`}>{hint}</span>}
      </span>
    </label>
  )
}

/** A group of radio buttons under a legend. */
export function RadioGroup({ name, legend, options, value, errors, hint, inline = false, cards = false }: { name: string; legend: Child; options: ReadonlyArray<readonly [value: string, label: Child, hint?: Child]>; value?: string | undefined; errors?: FieldErrors | undefined; hint?: Child; inline?: boolean; cards?: boolean }) {
  const t = useT()
  const error = errors?.[name]
  const base = fieldId(name)
  return (
    <fieldset class="group" aria-describedby={[hint ? `${base}-hint` : '', error ? `${base}-error` : ''].filter(Boolean).join(' ') || undefined}>
      <legend>{legend}</legend>
      {hint && <span class="hint" id={`${base}-hint`}>{hint}</span>}
      {error && (
        <span class="field-error" id={`${base}-error`}>
          <Icon name="alert" />
          <span><span class="sr-only">{t.t('common.form.errorPrefix')} </span>{error}</span>
        </span>
      )}
      <div class={inline ? 'choices inline' : 'choices'}>
        {options.map(([optionValue, label, optionHint], i) => (
          <label class={cards ? 'choice-card' : 'check'} for={i === 0 ? base : `${base}-${i}`}>
            <input type="radio" id={i === 0 ? base : `${base}-${i}`} name={name} value={optionValue} checked={optionValue === value} />
            <span>
              {label}
              {optionHint && <span class="hint">{optionHint}</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}

/** A file input (drop zone look); `accept` narrows what the picker offers. */
export function FileField(props: FieldBase & { accept?: string }) {
  return (
    <FieldFrame {...props}>
      {(describedBy, invalid, id) => <input id={id} name={props.name} type="file" accept={props.accept} required={props.required} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined} />}
    </FieldFrame>
  )
}

/** A titled block of fields inside a long form. */
export function FormSection({ title, hint, children, id }: { title: Child; hint?: Child; children?: Child; id?: string }) {
  return (
    <fieldset class="form-section" id={id}>
      <legend>{title}</legend>
      {hint && <p class="section-hint">{hint}</p>}
      {children}
    </fieldset>
  )
}

/** The buttons at the end of a form. */
export function FormActions({ children }: { children?: Child }) {
  return <div class="form-actions">{children}</div>
}
