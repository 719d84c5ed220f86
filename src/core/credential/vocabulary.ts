/**
 * OB 3.0 enumerations. Each is extensible: a value outside the list must start with `ext:`.
 * @see https://www.imsglobal.org/spec/ob/v3p0/#enumerated-value-sets
 */

/** An extension value of an extensible enumeration, e.g. `ext:ESCOSkill`. */
export type ExtensionValue = `ext:${string}`

/** The kind of an Achievement (`achievementType`). */
export type AchievementType =
  | 'Achievement'
  | 'ApprenticeshipCertificate'
  | 'Assessment'
  | 'Assignment'
  | 'AssociateDegree'
  | 'Award'
  | 'Badge'
  | 'BachelorDegree'
  | 'Certificate'
  | 'CertificateOfCompletion'
  | 'Certification'
  | 'CommunityService'
  | 'Competency'
  | 'Course'
  | 'CoCurricular'
  | 'Degree'
  | 'Diploma'
  | 'DoctoralDegree'
  | 'Fieldwork'
  | 'GeneralEducationDevelopment'
  | 'JourneymanCertificate'
  | 'LearningProgram'
  | 'License'
  | 'Membership'
  | 'ProfessionalDoctorate'
  | 'QualityAssuranceCredential'
  | 'MasterCertificate'
  | 'MasterDegree'
  | 'MicroCredential'
  | 'ResearchDoctorate'
  | 'SecondarySchoolDiploma'
  | ExtensionValue

/** The type of the node an Alignment points at (`targetType`). */
export type AlignmentTargetType =
  | 'ceasn:Competency'
  | 'ceterms:Credential'
  | 'CFItem'
  | 'CFRubric'
  | 'CFRubricCriterion'
  | 'CFRubricCriterionLevel'
  | 'CTDL'
  | ExtensionValue

/** The kind of identifier in an IdentityObject or IdentifierEntry. */
export type IdentifierTypeEnum =
  | 'name'
  | 'sourcedId'
  | 'systemId'
  | 'productId'
  | 'userName'
  | 'accountId'
  | 'emailAddress'
  | 'nationalIdentityNumber'
  | 'isbn'
  | 'issn'
  | 'lisSourcedId'
  | 'oneRosterSourcedId'
  | 'sisSourcedId'
  | 'ltiContextId'
  | 'ltiDeploymentId'
  | 'ltiToolId'
  | 'ltiPlatformId'
  | 'ltiUserId'
  | 'identifier'
  | ExtensionValue

/** The kind of a ResultDescription (`resultType`). */
export type ResultType =
  | 'GradePointAverage'
  | 'LetterGrade'
  | 'Percent'
  | 'PerformanceLevel'
  | 'PredictedScore'
  | 'RawScore'
  | 'Result'
  | 'RubricCriterion'
  | 'RubricCriterionLevel'
  | 'RubricScore'
  | 'ScaledScore'
  | 'Status'
  | ExtensionValue

/** Where a learner stands (`Result.status`); required when the ResultDescription's resultType is `Status`. */
export type ResultStatusType = 'Completed' | 'Enrolled' | 'Failed' | 'InProgress' | 'OnHold' | 'Provisional' | 'Withdrew'

/** Identifier types the spec lists, for validation. */
export const IDENTIFIER_TYPES: readonly string[] = [
  'name', 'sourcedId', 'systemId', 'productId', 'userName', 'accountId', 'emailAddress', 'nationalIdentityNumber',
  'isbn', 'issn', 'lisSourcedId', 'oneRosterSourcedId', 'sisSourcedId', 'ltiContextId', 'ltiDeploymentId',
  'ltiToolId', 'ltiPlatformId', 'ltiUserId', 'identifier',
]

/** Result statuses the spec lists, for validation. */
export const RESULT_STATUS_TYPES: readonly string[] = ['Completed', 'Enrolled', 'Failed', 'InProgress', 'OnHold', 'Provisional', 'Withdrew']
