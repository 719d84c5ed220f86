// OB 3.0 enumerations. Each but ResultStatusType is extensible: other values must start with `ext:`.
// https://www.imsglobal.org/spec/ob/v3p0/#enumerated-value-sets

/** An extension value of an extensible enumeration, e.g. `ext:ESCOSkill`. */
export type ExtensionValue = `ext:${string}`

/** The kinds of Achievement the spec lists (`achievementType`). */
export const ACHIEVEMENT_TYPES = [
  'Achievement', 'ApprenticeshipCertificate', 'Assessment', 'Assignment', 'AssociateDegree', 'Award', 'Badge',
  'BachelorDegree', 'Certificate', 'CertificateOfCompletion', 'Certification', 'CommunityService', 'Competency',
  'Course', 'CoCurricular', 'Degree', 'Diploma', 'DoctoralDegree', 'Fieldwork', 'GeneralEducationDevelopment',
  'JourneymanCertificate', 'LearningProgram', 'License', 'Membership', 'ProfessionalDoctorate',
  'QualityAssuranceCredential', 'MasterCertificate', 'MasterDegree', 'MicroCredential', 'ResearchDoctorate',
  'SecondarySchoolDiploma',
] as const

/** The kind of an Achievement (`achievementType`). */
export type AchievementType = (typeof ACHIEVEMENT_TYPES)[number] | ExtensionValue

/** The alignment target types the spec lists (`targetType`). */
export const ALIGNMENT_TARGET_TYPES = [
  'ceasn:Competency', 'ceterms:Credential', 'CFItem', 'CFRubric', 'CFRubricCriterion', 'CFRubricCriterionLevel', 'CTDL',
] as const

/** The type of the node an Alignment points at (`targetType`). */
export type AlignmentTargetType = (typeof ALIGNMENT_TARGET_TYPES)[number] | ExtensionValue

/** The identifier types the spec lists (IdentityObject `identityType`, IdentifierEntry `identifierType`). */
export const IDENTIFIER_TYPES = [
  'name', 'sourcedId', 'systemId', 'productId', 'userName', 'accountId', 'emailAddress', 'nationalIdentityNumber',
  'isbn', 'issn', 'lisSourcedId', 'oneRosterSourcedId', 'sisSourcedId', 'ltiContextId', 'ltiDeploymentId',
  'ltiToolId', 'ltiPlatformId', 'ltiUserId', 'identifier',
] as const

/** The kind of identifier in an IdentityObject or IdentifierEntry. */
export type IdentifierTypeEnum = (typeof IDENTIFIER_TYPES)[number] | ExtensionValue

/** The result types the spec lists (`resultType`). */
export const RESULT_TYPES = [
  'GradePointAverage', 'LetterGrade', 'Percent', 'PerformanceLevel', 'PredictedScore', 'RawScore', 'Result',
  'RubricCriterion', 'RubricCriterionLevel', 'RubricScore', 'ScaledScore', 'Status',
] as const

/** The kind of a ResultDescription (`resultType`). */
export type ResultType = (typeof RESULT_TYPES)[number] | ExtensionValue

/** The result statuses the spec lists; not extensible. */
export const RESULT_STATUS_TYPES = ['Completed', 'Enrolled', 'Failed', 'InProgress', 'OnHold', 'Provisional', 'Withdrew'] as const

/** Where a learner stands (`Result.status`); required when the ResultDescription's resultType is `Status`. */
export type ResultStatusType = (typeof RESULT_STATUS_TYPES)[number]
