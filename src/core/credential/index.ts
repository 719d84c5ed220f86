export type * from './types.js'
export type * from './vocabulary.js'
export { ACHIEVEMENT_TYPES, ALIGNMENT_TARGET_TYPES, IDENTIFIER_TYPES, RESULT_TYPES, RESULT_STATUS_TYPES } from './vocabulary.js'
export { hashIdentity, normalizeEmail, matchesIdentity, emailIdentity, isIdentityHash } from './identity.js'
export {
  buildAchievementCredential,
  prepareAchievement,
  prepareIssuer,
  ACHIEVEMENT_CREDENTIAL_SCHEMA,
  type AchievementCredentialInput,
  type RecipientInput,
} from './build-credential.js'
export { parseJsonInput, checkInputLimits, DEFAULT_INPUT_LIMITS, type JsonInputLimits } from './parse.js'
export { findJsonSyntaxError, type JsonSyntaxError } from './json-syntax.js'
export { validateCredential } from './validate.js'
export { isDateTimeZ, isUri, type ValidationError, type ValidationResult } from './shape.js'
export { validateAgainstJsonSchema } from './schema.js'
