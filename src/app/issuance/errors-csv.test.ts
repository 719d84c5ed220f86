import { describe, expect, it } from 'vitest'
import { csvCell, csvLine, errorReportLines } from './errors-csv.js'

describe('error report cells', () => {
  it('quotes every cell and doubles the quotes inside', () => {
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"')
    expect(csvCell(12)).toBe('"12"')
    expect(csvLine(['a', 'b\nc'])).toBe('"a","b\nc"\r\n')
  })

  it('puts a quote mark before anything a spreadsheet would run as a formula', () => {
    for (const text of ['=1+1', '+31 6 1234', '-2', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(text)).toBe(`"'${text}"`)
    for (const text of ['a=1', 'mail@example.org', ' =x', '']) expect(csvCell(text)).toBe(`"${text}"`)
  })

  it('streams a report page by page in row order, the header first', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ row: i + 2, email: `e${i}`, message: 'm' }))
    const repo = { errors: async (_id: string, { afterRow = 0, limit }: { afterRow?: number; limit: number }) => rows.filter((r) => r.row > afterRow).slice(0, limit) }
    const chunks: string[] = []
    for await (const chunk of errorReportLines(repo, 'b', 2)) chunks.push(chunk)
    expect(chunks).toHaveLength(4)
    expect(chunks.join('').split('\r\n').filter(Boolean)).toEqual(['"row","email","message"', ...rows.map((r) => `"${r.row}","${r.email}","m"`)])
  })
})
