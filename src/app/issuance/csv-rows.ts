// Recipient rows from a CSV file, streamed: a header row naming the columns (case-insensitive, in
// any order, extra columns ignored), then one learner per row. Memory stays flat however long the
// file is. Rows are numbered as records, the header being row 1 (the first learner is row 2, as in
// a spreadsheet without multi-line cells).
import { CsvError, parse } from 'csv-parse'
import { PlatformError } from '../../core/errors.js'
import { checkIssueDetails, type IssueDetails } from './issue-input.js'

/** The columns Emblem reads; `email` and `name` are required. */
export interface CsvRow {
  row: number
  email: string
  name: string
  did?: string
  validUntil?: string
  evidenceUrl?: string
  evidenceNarrative?: string
}

type Column = Exclude<keyof CsvRow, 'row'>

/** Header names (lower-cased, without spaces, `_` and `-`) and the column each means. */
const HEADERS: Record<string, Column> = {
  email: 'email',
  emailaddress: 'email',
  name: 'name',
  fullname: 'name',
  did: 'did',
  validuntil: 'validUntil',
  evidenceurl: 'evidenceUrl',
  evidence: 'evidenceUrl',
  evidencenarrative: 'evidenceNarrative',
}

/** The CSV column a problem of IssueDetails is about, for row errors. */
const FIELD_COLUMN: Record<string, string> = {
  'recipient.email': 'email',
  'recipient.name': 'name',
  'recipient.did': 'did',
  validUntil: 'validUntil',
  'evidence.0': 'evidence_url',
  'evidence.0.id': 'evidence_url',
  'evidence.0.narrative': 'evidence_narrative',
}

/** Longest row we parse (characters): a sane file never comes near it; a broken quote might. */
const MAX_RECORD_CHARS = 64 * 1024

const normalizeHeader = (cell: string) => cell.trim().toLowerCase().replace(/[\s_-]+/g, '')

/** Which column index holds each known column; ERR_CSV_INVALID without `email` and `name`. */
function columnsOf(header: string[]): Map<Column, number> {
  const columns = new Map<Column, number>()
  header.forEach((cell, i) => {
    const column = HEADERS[normalizeHeader(cell)]
    if (column && !columns.has(column)) columns.set(column, i)
  })
  const missing = (['email', 'name'] as const).filter((c) => !columns.has(c))
  if (missing.length > 0) {
    const found = header.map((h) => h.trim()).filter(Boolean).slice(0, 10).join(', ')
    throw new PlatformError(
      'ERR_CSV_INVALID',
      `The first row must be a header naming the columns email and name (missing: ${missing.join(', ')}; found: ${found || 'nothing'})`,
    )
  }
  return columns
}

/**
 * The recipient rows of a CSV file, after skipping the first `skip` of them (to resume a batch).
 * Handles a UTF-8 BOM, quoted cells with commas, quotes and line breaks, quotes inside unquoted
 * cells, CRLF, blank lines and rows of empty cells. ERR_CSV_INVALID for an empty file, a header without email and name, or broken
 * CSV (an unclosed quote, a row over 64 KB), naming the line.
 */
export async function* csvRows(source: AsyncIterable<Uint8Array | string>, { skip = 0 }: { skip?: number } = {}): AsyncGenerator<CsvRow> {
  const parser = parse({
    bom: true,
    relax_column_count: true,
    // A quote inside an unquoted cell (O"Brien, =HYPERLINK("…") typed by hand) is text, not an error.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    max_record_size: MAX_RECORD_CHARS,
  })
  const feeding = feed(source, parser)
  let columns: Map<Column, number> | undefined
  let row = 0
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++
      if (!columns) {
        columns = columnsOf(record)
        continue
      }
      if (row - 2 < skip) continue
      const cell = (column: Column) => {
        const index = columns!.get(column)
        const value = index === undefined ? undefined : record[index]?.trim()
        return value ? value : undefined
      }
      const out: CsvRow = { row, email: cell('email') ?? '', name: cell('name') ?? '' }
      for (const column of ['did', 'validUntil', 'evidenceUrl', 'evidenceNarrative'] as const) {
        const value = cell(column)
        if (value !== undefined) out[column] = value
      }
      yield out
    }
  } catch (err) {
    if (err instanceof CsvError) throw new PlatformError('ERR_CSV_INVALID', `The file is not valid CSV: ${err.message}`, { cause: err })
    throw err
  } finally {
    parser.destroy()
    await feeding
  }
  if (!columns) throw new PlatformError('ERR_CSV_INVALID', 'The file is empty: its first row must be a header naming the columns email and name')
}

/** Writes `source` into the parser, honouring back-pressure; a source error ends the parser with it. */
async function feed(source: AsyncIterable<Uint8Array | string>, parser: ReturnType<typeof parse>): Promise<void> {
  try {
    for await (const chunk of source) {
      if (parser.destroyed) return
      if (!parser.write(chunk)) await new Promise<void>((resolve) => {
        const done = () => {
          parser.off('drain', done).off('close', done)
          resolve()
        }
        parser.once('drain', done).once('close', done)
      })
    }
    if (!parser.destroyed) parser.end()
  } catch (err) {
    parser.destroy(err as Error)
  }
}

/** A row checked as an award: its details, or why it cannot be issued (naming the CSV columns). */
export function checkCsvRow(row: CsvRow, now: Date): { ok: true; details: IssueDetails } | { ok: false; message: string } {
  const evidence = row.evidenceUrl || row.evidenceNarrative ? [{ ...(row.evidenceUrl ? { id: row.evidenceUrl } : {}), ...(row.evidenceNarrative ? { narrative: row.evidenceNarrative } : {}) }] : undefined
  const checked = checkIssueDetails(
    {
      recipient: { email: row.email, name: row.name, ...(row.did ? { did: row.did } : {}) },
      ...(row.validUntil ? { validUntil: row.validUntil } : {}),
      ...(evidence ? { evidence } : {}),
    },
    now,
  )
  if (checked.ok) return checked
  const message = checked.issues.map((i) => `${FIELD_COLUMN[i.path] ?? i.path}: ${i.message}`).join('; ')
  return { ok: false, message }
}
