import { isIdentityHash } from './identity.js'
import {
  at,
  checkDateTime,
  checkExtensible,
  checkType,
  checkUri,
  eachObject,
  isObject,
  Issues,
  optionalString,
  requireString,
  type JsonObject,
} from './shape.js'
import { ACHIEVEMENT_TYPES, ALIGNMENT_TARGET_TYPES, IDENTIFIER_TYPES, RESULT_STATUS_TYPES, RESULT_TYPES } from './vocabulary.js'

/**
 * Checks an AchievementSubject: its type, the learner (`id` or an `identifier`), the embedded
 * Achievement and the results.
 * @see https://www.imsglobal.org/spec/ob/v3p0/#achievementsubject
 */
export function checkAchievementSubject(subject: JsonObject, path: string, issues: Issues): void {
  checkType(subject, path, ['AchievementSubject'], issues)
  checkUri(subject, 'id', path, issues, true)
  const identifiers = subject.identifier === undefined ? [] : [subject.identifier].flat()
  if (subject.id === undefined && identifiers.length === 0)
    issues.add(path, 'must identify the learner with an id or at least one identifier')
  eachObject(subject, 'identifier', path, issues, (identity, p) => checkIdentityObject(identity, p, issues))
  if (subject.achievement === undefined) issues.add(at(path, 'achievement'), 'is required: the subject must embed the Achievement it earned')
  else if (!isObject(subject.achievement)) issues.add(at(path, 'achievement'), 'must be an Achievement object, not a reference')
  else checkAchievement(subject.achievement, at(path, 'achievement'), issues)
  eachObject(subject, 'result', path, issues, (result, p) => checkResult(result, p, issues))
  for (const key of ['activityStartDate', 'activityEndDate'] as const) checkDateTime(subject, key, path, issues, true)
  if (subject.creditsEarned !== undefined && typeof subject.creditsEarned !== 'number')
    issues.add(at(path, 'creditsEarned'), 'must be a number')
  checkOptionalImage(subject, path, issues)
}

/** Checks an IdentityObject; a hashed one must carry a well-formed `sha256$…` or `md5$…` IdentityHash. */
export function checkIdentityObject(identity: JsonObject, path: string, issues: Issues): void {
  checkType(identity, path, ['IdentityObject'], issues)
  if (typeof identity.hashed !== 'boolean') issues.add(at(path, 'hashed'), 'is required and must be true or false')
  requireString(identity, 'identityHash', path, issues)
  requireString(identity, 'identityType', path, issues)
  checkExtensible(identity, 'identityType', path, IDENTIFIER_TYPES, issues)
  optionalString(identity, 'salt', path, issues)
  if (identity.hashed === true && typeof identity.identityHash === 'string' && !isIdentityHash(identity.identityHash))
    issues.add(at(path, 'identityHash'), 'must be "sha256$" followed by 64 hex digits (or legacy "md5$" and 32) when hashed is true')
}

/**
 * Checks an Achievement: id, type, name, description and criteria are required.
 * @see https://www.imsglobal.org/spec/ob/v3p0/#achievement
 */
export function checkAchievement(achievement: JsonObject, path: string, issues: Issues): void {
  checkUri(achievement, 'id', path, issues)
  checkType(achievement, path, ['Achievement'], issues)
  requireString(achievement, 'name', path, issues)
  requireString(achievement, 'description', path, issues)
  const criteria = achievement.criteria
  if (criteria === undefined) issues.add(at(path, 'criteria'), 'is required: say what it takes to earn the achievement (a narrative or a page id)')
  else if (!isObject(criteria)) issues.add(at(path, 'criteria'), 'must be an object with a narrative and/or an id')
  else {
    checkUri(criteria, 'id', at(path, 'criteria'), issues, true)
    optionalString(criteria, 'narrative', at(path, 'criteria'), issues)
  }
  checkExtensible(achievement, 'achievementType', path, ACHIEVEMENT_TYPES, issues)
  if (achievement.creditsAvailable !== undefined && typeof achievement.creditsAvailable !== 'number')
    issues.add(at(path, 'creditsAvailable'), 'must be a number')
  for (const key of ['fieldOfStudy', 'humanCode', 'inLanguage', 'specialization', 'version'] as const)
    optionalString(achievement, key, path, issues)
  eachObject(achievement, 'alignment', path, issues, (alignment, p) => checkAlignment(alignment, p, issues))
  eachObject(achievement, 'resultDescription', path, issues, (description, p) => checkResultDescription(description, p, issues))
  checkOptionalImage(achievement, path, issues)
}

/** Checks an Alignment: type, targetName and a targetUrl are required. */
export function checkAlignment(alignment: JsonObject, path: string, issues: Issues): void {
  checkType(alignment, path, ['Alignment'], issues)
  requireString(alignment, 'targetName', path, issues)
  checkUri(alignment, 'targetUrl', path, issues)
  checkExtensible(alignment, 'targetType', path, ALIGNMENT_TARGET_TYPES, issues)
}

function checkResultDescription(description: JsonObject, path: string, issues: Issues): void {
  checkUri(description, 'id', path, issues)
  checkType(description, path, ['ResultDescription'], issues)
  requireString(description, 'name', path, issues)
  requireString(description, 'resultType', path, issues)
  checkExtensible(description, 'resultType', path, RESULT_TYPES, issues)
  eachObject(description, 'alignment', path, issues, (alignment, p) => checkAlignment(alignment, p, issues))
  eachObject(description, 'rubricCriterionLevel', path, issues, (level, p) => {
    checkUri(level, 'id', p, issues)
    checkType(level, p, ['RubricCriterionLevel'], issues)
    requireString(level, 'name', p, issues)
  })
}

function checkResult(result: JsonObject, path: string, issues: Issues): void {
  checkType(result, path, ['Result'], issues)
  checkUri(result, 'resultDescription', path, issues, true)
  checkUri(result, 'achievedLevel', path, issues, true)
  optionalString(result, 'value', path, issues)
  if (result.status !== undefined && !RESULT_STATUS_TYPES.includes(result.status as never))
    issues.add(at(path, 'status'), `must be one of ${RESULT_STATUS_TYPES.join(', ')}`)
  eachObject(result, 'alignment', path, issues, (alignment, p) => checkAlignment(alignment, p, issues))
}

/** Checks `node.image`, when present: an object with a URI or data URI `id` and type `Image`. */
export function checkOptionalImage(node: JsonObject, path: string, issues: Issues): void {
  if (node.image === undefined) return
  const p = at(path, 'image')
  if (!isObject(node.image)) return issues.add(p, 'must be an Image object with an id and type "Image"')
  checkUri(node.image, 'id', p, issues)
  checkType(node.image, p, ['Image'], issues)
  optionalString(node.image, 'caption', p, issues)
}
