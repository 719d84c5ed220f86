// Parameters and shapes many operations share: the organization in the path, paging, whole-number
// query parameters, timestamps, raw bytes. Routes check query strings with these same schemas
// (`readQuery`), so the OpenAPI document shows exactly what is accepted.
import { z } from 'zod'

/** The organization a route acts on, by its slug. */
export const orgParam = z.string().meta({ description: "The organization's slug, as in its URLs", examples: ['acme-academy'] })

/** An id in the path (a UUID unless the operation says otherwise). */
export const idParam = (description: string) => z.string().meta({ description })

/** A query parameter left empty (`?limit=`) counts as absent. */
const blankAsAbsent = (value: unknown) => (value === '' ? undefined : value)

/**
 * A whole-number query parameter in [min, max]: `fallback` when absent or empty (absent without
 * one). Every problem reads `must be a whole number from <min> to <max>`, coded `invalid_type`,
 * `too_small` or `too_large`.
 */
export function wholeNumberQuery(options: { min: number; max: number; fallback: number; description: string }): z.ZodType<number, unknown>
export function wholeNumberQuery(options: { min: number; max: number; description: string }): z.ZodType<number | undefined, unknown>
export function wholeNumberQuery({ min, max, fallback, description }: { min: number; max: number; fallback?: number; description: string }): z.ZodType<number | undefined, unknown> {
  const message = `must be a whole number from ${min} to ${max}`
  const number = z.coerce.number(message).int(message).min(min, message).max(max, message)
  return z.preprocess(blankAsAbsent, fallback === undefined ? number.optional() : number.default(fallback)).meta({ description })
}

/** The opaque `cursor` a list returned as `nextCursor`, to read its next page. */
export const cursorQuery = z
  .preprocess(blankAsAbsent, z.string().regex(/^[A-Za-z0-9_-]{1,512}$/, 'not a cursor this list returned').optional())
  .meta({ description: 'The `nextCursor` of the previous page; absent for the first page' })

/** An optional text query parameter (empty counts as absent), at most `max` characters. */
export const textQuery = (max: number, description: string) => z.preprocess(blankAsAbsent, z.string().max(max, `must be at most ${max} characters`).optional()).meta({ description })

/** An optional choice among `values` (empty counts as absent). */
export const choiceQuery = <T extends readonly [string, ...string[]]>(values: T, description: string) =>
  z.preprocess(blankAsAbsent, z.enum(values, `must be one of ${values.join(', ')}`).optional()).meta({ description })

/** An instant as the API writes it: ISO 8601 in UTC (`2026-03-01T09:00:00.000Z`). */
export const timestamp = z.string().meta({ format: 'date-time' })

/** Raw bytes of a body (an image, a CSV file, a PDF). */
export const binary = z.string().meta({ format: 'binary' })

/** A page of `item`s; `nextCursor` is present while more follow. */
export const pageOf = <S extends z.ZodType>(item: S) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().optional().describe('Pass as `cursor` to read the next page; absent on the last page'),
  })

/** A list of `item`s (not paged). */
export const listOf = <S extends z.ZodType>(item: S) => z.object({ items: z.array(item) })
