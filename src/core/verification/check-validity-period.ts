import type { Check } from './types.js'

const DEFAULT_SKEW_SECONDS = 300

/** Options for checkValidityPeriod. */
export interface ValidityPeriodOptions {
  now: Date
  /** Allowance for clocks that disagree, in seconds (default 300). */
  maxClockSkewSeconds?: number
}

/**
 * The 'validity-period' check: `now` must lie within `validFrom`..`validUntil` (VC 2.0) or
 * `issuanceDate`..`expirationDate` (VC 1.1), give or take the clock-skew allowance. A bound that is
 * present but not a date-time fails with VALIDITY_PERIOD_INVALID.
 * @see https://www.w3.org/TR/vc-data-model-2.0/#validity-period
 */
export function checkValidityPeriod(credential: Record<string, unknown>, options: ValidityPeriodOptions): Check {
  const { now, maxClockSkewSeconds } = { maxClockSkewSeconds: DEFAULT_SKEW_SECONDS, ...options }
  const skewMs = maxClockSkewSeconds * 1000
  const from = bound(credential, 'validFrom', 'issuanceDate')
  const until = bound(credential, 'validUntil', 'expirationDate')
  for (const b of [from, until])
    if (b && Number.isNaN(b.time))
      return { id: 'validity-period', outcome: 'failed', code: 'VALIDITY_PERIOD_INVALID', message: `${b.name} ${JSON.stringify(b.value)} is not a date-time` }
  if (from && until && from.time > until.time)
    return { id: 'validity-period', outcome: 'failed', code: 'VALIDITY_PERIOD_INVALID', message: `${from.name} is after ${until.name}` }

  const t = now.getTime()
  if (from && t + skewMs < from.time)
    return { id: 'validity-period', outcome: 'failed', code: 'CREDENTIAL_NOT_YET_VALID', message: `Not valid until ${from.value}` }
  if (until && t - skewMs > until.time)
    return { id: 'validity-period', outcome: 'failed', code: 'CREDENTIAL_EXPIRED', message: `Expired at ${until.value}` }
  return { id: 'validity-period', outcome: 'passed', message: describe(from, until) }
}

interface Bound {
  name: string
  value: unknown
  time: number
}

/** The VC 2.0 property, or the VC 1.1 one when the credential uses that form. */
function bound(credential: Record<string, unknown>, name: string, legacyName: string): Bound | undefined {
  const key = credential[name] !== undefined ? name : credential[legacyName] !== undefined ? legacyName : undefined
  if (key === undefined) return undefined
  const value = credential[key]
  return { name: key, value, time: typeof value === 'string' ? Date.parse(value) : Number.NaN }
}

function describe(from: Bound | undefined, until: Bound | undefined): string {
  if (from && until) return `Valid from ${String(from.value)} until ${String(until.value)}`
  if (from) return `Valid from ${String(from.value)}`
  if (until) return `Valid until ${String(until.value)}`
  return 'No validity period is stated'
}
