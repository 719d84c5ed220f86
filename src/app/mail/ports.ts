/** The mail repository: filled in by the mail use cases. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OutboxRepo {}
