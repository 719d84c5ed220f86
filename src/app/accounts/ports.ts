/** The accounts repository: filled in by the accounts use cases. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AccountsRepo {}
