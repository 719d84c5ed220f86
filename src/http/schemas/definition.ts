// The achievement definition as the document shows it: the app's schema (the one the use cases
// check with), annotated with what each field means in Open Badges 3.0 and the EU
// micro-credential elements (Council Recommendation 2022/C 243/02, Annex I).
import { achievementDefinitionSchema, alignmentSchema, resultDescriptionSchema } from '../../app/achievements/definition.js'
import { annotate } from '../openapi/annotate.js'

annotate(alignmentSchema, {
  id: 'Alignment',
  description: 'An OB 3.0 Alignment: a skill or framework node the achievement aligns to.',
  fields: {
    targetName: 'The skill’s name',
    targetUrl: 'Its URI (an ESCO or O*NET URI, or any absolute URI)',
    targetFramework: 'The framework’s name (ESCO, O*NET, …)',
    targetCode: 'The framework’s code for it',
    targetType: 'ceasn:Competency, ceterms:Credential, CFItem, CFRubric, …, or an ext:… value',
    targetDescription: 'What it is',
  },
})

annotate(resultDescriptionSchema, {
  id: 'ResultDescription',
  description: 'An OB 3.0 ResultDescription: a result (grade, score, status) a credential of this achievement may carry.',
  fields: {
    id: 'A urn:uuid: id, assigned when missing; results of issued credentials cite it',
    name: 'The result’s name (e.g. Final grade)',
    resultType: 'GradePointAverage, LetterGrade, Percent, Status, … or an ext:… value',
    allowedValue: 'The values a result may take, for letter grades and the like',
    valueMin: 'The lowest value',
    valueMax: 'The highest value',
    requiredValue: 'The value needed to pass',
  },
})

annotate(achievementDefinitionSchema, {
  id: 'AchievementDefinition',
  description: 'What the organization awards: the OB 3.0 Achievement fields and the EU micro-credential elements. Only `name` is needed for a draft.',
  fields: {
    name: 'The title (at most 200 characters)',
    description: 'What a holder can do (Markdown, at most 4000 characters); needed to publish',
    criteria: 'How it is earned: a narrative (Markdown) and/or a URL; needed to publish',
    achievementType: 'OB 3.0 achievement type (default MicroCredential), or an ext:… value',
    tag: 'Keywords (at most 30)',
    fieldOfStudy: 'The field of study',
    humanCode: 'A course or module code',
    inLanguage: 'The language of the learning, a BCP 47 tag (en, pt-BR)',
    creditsAvailable: 'Credits a holder earns (in the issuer’s own system)',
    resultDescription: 'Results credentials may carry (at most 20)',
    alignment: 'Skills and framework nodes it aligns to (at most 100)',
    learningOutcomes: 'What a holder knows or can do (EU element 3; at most 30)',
    workloadHours: 'Notional workload in hours (EU element 4)',
    ects: 'ECTS credits (EU element 4)',
    eqfLevel: 'European Qualifications Framework level 1–8 (EU element 5)',
    assessmentType: 'How it is assessed (EU element 7)',
    supervision: 'Supervision and identity checks during assessment',
    participation: 'Online, on site or blended (EU element 10)',
    qualityAssurance: 'The quality assurance behind it (EU element 9)',
    prerequisites: 'What a learner needs before starting',
    stackability: 'Stand-alone, or stackable towards a larger credential',
    stackableTowards: 'What it stacks towards',
    validityMonths: 'How many months credentials stay valid; none means no expiry',
  },
})

export { achievementDefinitionSchema }
