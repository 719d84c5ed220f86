// Shared pieces of the talent pages: field errors in the page's language, the learner's monogram.
import type { Translator } from '../../../app/i18n/translator.js'
import type { InputIssue } from '../../../app/platform/input-error.js'
import type { FieldErrors } from '../../components/form.js'
import { camelCode } from '../account/field-errors.js'

/** One message per field: `talent.error.<code>`, else the English message. */
export function talentErrorsOf(t: Translator, issues: readonly InputIssue[]): FieldErrors {
  const errors: Record<string, string> = {}
  for (const issue of issues) {
    const field = issue.path.split('.')[0] || 'form'
    if (errors[field]) continue
    const key = `talent.error.${camelCode(issue.code)}`
    errors[field] = t.has(key) ? t.t(key as 'talent.error.required') : issue.message
  }
  return errors
}

/** Up to two initials of a name. */
export const monogramOf = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('') || '?'
