import { normalizeEmail } from '../../core/credential/index.js'
import { checkCsvRow, csvRows, type CsvRow } from './csv-rows.js'
import type { RowError } from './ports.js'

/** What a look through a whole CSV file finds before anything is issued. */
export interface CsvScan {
  /** Recipient rows (the header excluded). */
  totalRows: number
  /** The first rows, as parsed. */
  preview: CsvRow[]
  /** Rows that would not be issued, in order (the first `maxProblems`). */
  problems: RowError[]
  /** How many rows would not be issued. */
  problemCount: number
}

/** Rows whose e-mails a scan remembers to spot duplicates; past it, duplicates are left to the batch runner. */
const DUPLICATE_WINDOW = 200_000

/**
 * Reads a CSV file once, streaming: counts the recipient rows, keeps the first `previewRows`, and
 * lists the rows that would fail (bad e-mail, empty name, duplicate e-mail…). ERR_CSV_INVALID for a
 * file that is not a recipient list at all (empty, no email/name header, broken quotes) or has no rows.
 */
export async function scanCsv(
  source: AsyncIterable<Uint8Array | string>,
  { now, previewRows = 10, maxProblems = 50 }: { now: Date; previewRows?: number; maxProblems?: number },
): Promise<CsvScan> {
  const scan: CsvScan = { totalRows: 0, preview: [], problems: [], problemCount: 0 }
  const seen = new Map<string, number>()
  for await (const row of csvRows(source)) {
    scan.totalRows++
    if (scan.preview.length < previewRows) scan.preview.push(row)
    const problem = problemOf(row, now, seen)
    if (problem === undefined) continue
    scan.problemCount++
    if (scan.problems.length < maxProblems) scan.problems.push({ row: row.row, email: row.email, message: problem })
  }
  return scan
}

function problemOf(row: CsvRow, now: Date, seen: Map<string, number>): string | undefined {
  const checked = checkCsvRow(row, now)
  if (!checked.ok) return checked.message
  const email = normalizeEmail(row.email)
  const first = seen.get(email)
  if (first !== undefined) return duplicateMessage(first)
  if (seen.size < DUPLICATE_WINDOW) seen.set(email, row.row)
  return undefined
}

/** The row error of a repeated e-mail address. */
export const duplicateMessage = (firstRow: number): string => `email: the same address as row ${firstRow}; each learner gets one credential per file`
