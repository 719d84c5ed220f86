/** The orgs repository: filled in by the orgs use cases. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OrgsRepo {}
