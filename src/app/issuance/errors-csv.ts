import type { BatchesRepo, RowError } from './ports.js'

/**
 * One CSV cell, quoted, with a leading `'` before anything a spreadsheet would run as a formula
 * (a first character of = + - @, tab or carriage return), so `=HYPERLINK(…)` reads as text.
 * @see https://owasp.org/www-community/attacks/CSV_Injection
 */
export function csvCell(value: string | number): string {
  const text = String(value)
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return `"${safe.replace(/"/g, '""')}"`
}

/** A CSV line (CRLF-terminated, RFC 4180). */
export const csvLine = (cells: readonly (string | number)[]): string => `${cells.map(csvCell).join(',')}\r\n`

/** The header of an error report. */
export const ERROR_REPORT_HEADER = csvLine(['row', 'email', 'message'])

/** A batch's error report as CSV text, page by page (row order), so a large report is never held whole. */
export async function* errorReportLines(repo: Pick<BatchesRepo, 'errors'>, batchId: string, pageSize = 1000): AsyncGenerator<string> {
  yield ERROR_REPORT_HEADER
  let afterRow = 0
  for (;;) {
    const page: RowError[] = await repo.errors(batchId, { afterRow, limit: pageSize })
    if (page.length === 0) return
    yield page.map((e) => csvLine([e.row, e.email, e.message])).join('')
    afterRow = page.at(-1)!.row
  }
}
