export { ELM_CONTEXTS, ELM_SHAPES, elmAchievementDocument, elmCredential, elmOrganisation, elmSpecification, isoDuration } from './elm.js'
export type { ElmAchievement, ElmAward, ElmOrganisation } from './elm.js'
