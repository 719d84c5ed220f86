// Whether held parts complete a pathway: "all of" or "N of" the parts, optionally in the listed order
// (issuance dates not decreasing along the list) and within a window of days (the counted parts all
// issued within D days of the first). Pure: the caller gives the holdings.

/** One credential the learner holds of a part: the part's position and when it was issued. */
export interface PartHolding {
  position: number
  /** ISO 8601 issuance date; null when the credential does not say (never counts under order or window rules). */
  issuedAt: string | null
}

export interface PathwayRules {
  /** Part positions in the listed order. */
  positions: readonly number[]
  required: number
  ordered: boolean
  windowDays: number | null
}

const DAY = 86_400_000

/** The most parts a set of holdings counts under the rules (each part once). */
export function countedParts(rules: PathwayRules, holdings: readonly PartHolding[]): number {
  const order = new Map(rules.positions.map((p, i) => [p, i]))
  const known = holdings.filter((h) => order.has(h.position))
  if (!rules.ordered && rules.windowDays === null) return new Set(known.map((h) => h.position)).size
  const dated = known.filter((h) => h.issuedAt !== null && Number.isFinite(Date.parse(h.issuedAt))).map((h) => ({ rank: order.get(h.position)!, at: Date.parse(h.issuedAt!) }))
  const starts = rules.windowDays === null ? [Number.NEGATIVE_INFINITY] : [...new Set(dated.map((h) => h.at))]
  let best = 0
  for (const start of starts) {
    const end = rules.windowDays === null ? Number.POSITIVE_INFINITY : start + rules.windowDays * DAY
    const inWindow = dated.filter((h) => h.at >= start && h.at <= end)
    best = Math.max(best, rules.ordered ? longestChain(inWindow) : new Set(inWindow.map((h) => h.rank)).size)
  }
  return best
}

/** The longest chain of holdings with strictly increasing list rank and non-decreasing dates. */
function longestChain(items: readonly { rank: number; at: number }[]): number {
  const sorted = [...items].sort((a, b) => a.rank - b.rank || a.at - b.at)
  const chain: number[] = sorted.map(() => 1)
  for (let i = 0; i < sorted.length; i++)
    for (let j = 0; j < i; j++) if (sorted[j]!.rank < sorted[i]!.rank && sorted[j]!.at <= sorted[i]!.at) chain[i] = Math.max(chain[i]!, chain[j]! + 1)
  return chain.reduce((a, b) => Math.max(a, b), 0)
}

/** Whether the holdings complete the pathway. */
export const isComplete = (rules: PathwayRules, holdings: readonly PartHolding[]): boolean => countedParts(rules, holdings) >= rules.required
