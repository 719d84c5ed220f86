export * from './occupations.js'
export { DEMO_OCCUPATIONS, DEMO_OCCUPATION_SKILLS, DEMO_SKILL_BROADER, demoOccupationUri } from './demo-occupations.js'
