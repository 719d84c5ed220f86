export { ASSOCIATION_TYPES, CLR_CONTEXTS, achievementOf, buildClrCredential, clrShapeProblems, embeddedCredentials, isClrCredential, unwrapEmbedded } from './clr.js'
export type { AssociationType, ClrAssociation, ClrParts } from './clr.js'
