import { validateCredential } from '../credential/index.js'
import type { Check } from './types.js'

const SHOWN_ERRORS = 3

/**
 * The 'schema' check: the credential against the OB 3.0 AchievementCredential JSON Schema (VC 2.0
 * and VC 1.1 forms, OpenBadgeCredential and AchievementCredential). Lists the first few errors.
 * @see https://www.imsglobal.org/spec/ob/v3p0/#verification
 */
export function checkSchema(credential: Record<string, unknown>): Check {
  const { valid, errors } = validateCredential(credential)
  if (valid) return { id: 'schema', outcome: 'passed', message: 'Conforms to the OB 3.0 AchievementCredential schema' }
  const shown = errors.slice(0, SHOWN_ERRORS).map((e) => `${e.path || '/'} ${e.message}`)
  const more = errors.length > SHOWN_ERRORS ? ` (and ${errors.length - SHOWN_ERRORS} more)` : ''
  return { id: 'schema', outcome: 'failed', code: 'SCHEMA_INVALID', message: `${shown.join('; ')}${more}` }
}
