// Input problems of the account forms in the page's language: each issue's code translated for its
// field (`acct.error.<field>.<code>`), the English message when the catalog has no such key.
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../app/accounts/index.js'
import type { Translator } from '../../../app/i18n/translator.js'
import type { InputIssue } from '../../../app/platform/input-error.js'
import type { FieldErrors } from '../../components/form.js'

/** The limits the messages quote. */
const VALUES = { min: PASSWORD_MIN, max: PASSWORD_MAX }
const FIELD_MAX: Record<string, number> = { name: 100, email: 254 }

/** Password fields share the password messages. */
const MESSAGE_FIELD: Record<string, string> = { newPassword: 'password' }

/** An input code as a catalog key segment (`too_long` → `tooLong`). */
export const camelCode = (code: string): string => code.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

/** One message per field, translated where the catalog knows the field's code. */
export function fieldErrorsOf(t: Translator, issues: readonly InputIssue[]): FieldErrors {
  const errors: Record<string, string> = {}
  for (const { path, code, message } of issues) {
    if (errors[path]) continue
    const key = `acct.error.${MESSAGE_FIELD[path] ?? path}.${camelCode(code)}`
    errors[path] = t.has(key) ? t.t(key, { ...VALUES, ...(FIELD_MAX[path] ? { max: FIELD_MAX[path] } : {}) }) : message
  }
  return errors
}
