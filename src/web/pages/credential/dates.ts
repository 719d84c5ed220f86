const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

/** A date as people read it (1 March 2026, UTC), or undefined for a missing or malformed one. */
export function readableDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return undefined
  return DATE.format(new Date(value))
}
