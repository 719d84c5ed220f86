import { describe, expect, it } from 'vitest'
import { checkCsvRow, csvRows } from './csv-rows.js'

/** The text in small pieces, as a stream delivers it (cells and CRLF split across pieces). */
async function* pieces(text: string, size = 5): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}
const rowsOf = async (text: string, skip?: number, size?: number) => {
  const out = []
  for await (const row of csvRows(pieces(text, size), skip === undefined ? {} : { skip })) out.push(row)
  return out
}

describe('CSV recipient rows', () => {
  it('numbers rows as records, the header being row 1, and reads only the columns it knows', async () => {
    expect(await rowsOf('Name,EMAIL,extra\r\nAda,ada@example.org,1\r\nGrace,grace@example.org,2\r\n')).toEqual([
      { row: 2, email: 'ada@example.org', name: 'Ada' },
      { row: 3, email: 'grace@example.org', name: 'Grace' },
    ])
  })

  it('reads a BOM, multi-byte characters split across pieces, quoted separators and line breaks', async () => {
    const rows = await rowsOf('\uFEFFemail,name,evidence_narrative\n"a@x.org","Ünïcödé, Ñame","line one\nline ""two"""\n', undefined, 3)
    expect(rows).toEqual([{ row: 2, email: 'a@x.org', name: 'Ünïcödé, Ñame', evidenceNarrative: 'line one\nline "two"' }])
  })

  it('skips blank lines and rows of empty cells, and resumes after `skip` rows', async () => {
    const text = 'email,name\n\na@x.org,A\n,,\nb@x.org,B\nc@x.org,C\n'
    expect((await rowsOf(text)).map((r) => r.row)).toEqual([2, 3, 4])
    expect((await rowsOf(text, 2)).map((r) => r.email)).toEqual(['c@x.org'])
  })

  it('refuses an empty file, a header without email and name, and broken quoting', async () => {
    await expect(rowsOf('')).rejects.toThrow(/empty/)
    await expect(rowsOf('mail,fullname\n')).rejects.toThrow(/missing: email$|missing: email;/)
    await expect(rowsOf('email,name\n"x@y.org,X\n')).rejects.toMatchObject({ code: 'ERR_CSV_INVALID' })
    await expect(rowsOf(`email,name\n"${'x'.repeat(70_000)}",X\n`)).rejects.toMatchObject({ code: 'ERR_CSV_INVALID' })
  })

  it('checks a row as an award, naming the CSV columns at fault', () => {
    const now = new Date('2026-03-01T00:00:00Z')
    expect(checkCsvRow({ row: 2, email: ' Ada@X.org ', name: ' Ada ', evidenceUrl: 'https://x.org/1' }, now)).toEqual({
      ok: true,
      details: { recipient: { email: 'ada@x.org', name: 'Ada' }, evidence: [{ id: 'https://x.org/1' }] },
    })
    expect(checkCsvRow({ row: 3, email: 'nope', name: '', validUntil: '2020-01-01T00:00:00Z', evidenceUrl: 'ftp://x' }, now)).toEqual({
      ok: false,
      message:
        'email: "nope" is not an e-mail address like name@example.org; name: Enter the learner’s name; validUntil: The credential must stay valid past now; evidence_url: Evidence links must be http(s) URLs',
    })
  })
})
