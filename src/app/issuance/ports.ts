/** The issuance repository: filled in by the issuance use cases. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface IssuanceRepo {}
