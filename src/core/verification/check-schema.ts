import { CONTEXT } from '../canonical/index.js'
import { clrShapeProblems, isClrCredential } from '../clr/index.js'
import { validateCredential } from '../credential/index.js'
import type { Check } from './types.js'

const SHOWN_ERRORS = 3

/**
 * The 'schema' check: the credential against the OB 3.0 AchievementCredential JSON Schema (VC 2.0
 * and VC 1.1 forms, OpenBadgeCredential and AchievementCredential). Lists the first few errors.
 * The official schema is written for VC 2.0 and rejects the VC 1.1 form (its context, issuanceDate),
 * so a VC 1.1 credential with the right shape is never called conformant: the check is skipped with
 * the code SCHEMA_VC1_FORM, which does not make the credential fail. Likewise several
 * credentialStatus entries (VC 2.0 allows them; the schema allows one): SCHEMA_STATUS_ENTRIES.
 * @see https://www.imsglobal.org/spec/ob/v3p0/#verification
 */
export function checkSchema(credential: Record<string, unknown>): Check {
  if (isClrCredential(credential)) return checkClrShape(credential)
  const { valid, errors } = validateCredential(credential)
  if (valid && isVc1Form(credential))
    return {
      id: 'schema',
      outcome: 'skipped',
      code: 'SCHEMA_VC1_FORM',
      message: 'VC 1.1 form: it has the OB 3.0 shape in that form, but the official OB 3.0 JSON Schema (VC 2.0 only) rejects the VC 1.1 form',
    }
  if (valid && Array.isArray(credential.credentialStatus) && credential.credentialStatus.length > 1)
    return {
      id: 'schema',
      outcome: 'skipped',
      code: 'SCHEMA_STATUS_ENTRIES',
      message: `${credential.credentialStatus.length} credentialStatus entries, as VC 2.0 allows (revocation and suspension); the official OB 3.0 JSON Schema allows one, so it would reject this credential`,
    }
  if (valid) return { id: 'schema', outcome: 'passed', message: 'Conforms to the OB 3.0 AchievementCredential schema' }
  const shown = errors.slice(0, SHOWN_ERRORS).map((e) => `${e.path || '/'} ${e.message}`)
  const more = errors.length > SHOWN_ERRORS ? ` (and ${errors.length - SHOWN_ERRORS} more)` : ''
  return { id: 'schema', outcome: 'failed', code: 'SCHEMA_INVALID', message: `${shown.join('; ')}${more}` }
}

const isVc1Form = (credential: Record<string, unknown>): boolean => {
  const context = credential['@context']
  return (Array.isArray(context) ? context[0] : context) === CONTEXT.VC_V1
}

/** A CLR 2.0 ClrCredential: the shape of the ClrCredential schema a verifier relies on (each embedded credential gets its own schema check). */
function checkClrShape(credential: Record<string, unknown>): Check {
  const problems = clrShapeProblems(credential)
  if (problems.length === 0) return { id: 'schema', outcome: 'passed', message: 'Has the CLR 2.0 ClrCredential shape (contexts, types, ClrSubject with its credentials)' }
  const more = problems.length > SHOWN_ERRORS ? ` (and ${problems.length - SHOWN_ERRORS} more)` : ''
  return { id: 'schema', outcome: 'failed', code: 'SCHEMA_INVALID', message: `${problems.slice(0, SHOWN_ERRORS).join('; ')}${more}` }
}
