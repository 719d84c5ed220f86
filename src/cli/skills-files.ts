// Reading the skills files `emblem skills import` takes (ESCO CSV, O*NET text), loaded when it runs.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { parse } from 'csv-parse'
import { PlatformError } from '../core/errors.js'
import { escoSkillOf, missingEscoColumns, ONET_REQUIRED_COLUMNS, onetSkillsOf, type OnetElement, type SkillEntry } from '../core/skills/index.js'

/** The file to read: `path` itself when it is that file, else `name` inside the folder `path`. */
export async function locate(path: string, name: string, framework: string): Promise<string> {
  const info = await stat(path).catch(() => undefined)
  if (!info) throw new PlatformError('ERR_INPUT_INVALID', `No ${framework} folder or file at ${path}`)
  const file = info.isDirectory() ? join(path, name) : path
  if (!info.isDirectory() && basename(file) !== name) throw new PlatformError('ERR_INPUT_INVALID', `${path} is not the ${framework} file ${name}`)
  if (!(await stat(file).catch(() => undefined))?.isFile())
    throw new PlatformError('ERR_INPUT_INVALID', `No ${name} in ${path}: give the folder of the ${framework} ${framework === 'ESCO' ? 'CSV export' : 'text release'}`)
  return file
}

/** The skills of an ESCO skills_en.csv, read as a stream (RFC 4180, header names, optional BOM). */
export async function* escoSkills(file: string): AsyncGenerator<SkillEntry> {
  const records = createReadStream(file).pipe(
    parse({
      bom: true,
      columns: (header: string[]) => {
        const missing = missingEscoColumns(header)
        if (missing.length > 0) throw new PlatformError('ERR_CSV_INVALID', `${file} is not an ESCO skills file: it has no ${missing.join(', ')} column`)
        return header
      },
    }),
  )
  try {
    for await (const record of records as AsyncIterable<Record<string, string>>) {
      const entry = escoSkillOf(record)
      if (entry) yield entry
    }
  } catch (err) {
    throw csvError(file, err)
  }
}

/** The skills and knowledge areas of an O*NET Content Model Reference.txt (tab-delimited, no quoting; a few hundred rows). */
export async function* onetSkills(file: string): AsyncGenerator<SkillEntry> {
  const records = createReadStream(file).pipe(
    parse({
      bom: true,
      delimiter: '\t',
      quote: false,
      columns: (header: string[]) => {
        const missing = ONET_REQUIRED_COLUMNS.filter((c) => !header.includes(c))
        if (missing.length > 0) throw new PlatformError('ERR_CSV_INVALID', `${file} is not the O*NET Content Model Reference: it has no ${missing.join(', ')} column`)
        return header
      },
    }),
  )
  const elements: OnetElement[] = []
  try {
    for await (const r of records as AsyncIterable<Record<string, string>>)
      elements.push({ elementId: r['Element ID'] ?? '', name: r['Element Name'] ?? '', description: r.Description ?? '' })
  } catch (err) {
    throw csvError(file, err)
  }
  yield* onetSkillsOf(elements)
}

function csvError(file: string, err: unknown): unknown {
  if (err instanceof PlatformError) return err
  const cause = (err as { cause?: unknown }).cause
  if (cause instanceof PlatformError) return cause
  return new PlatformError('ERR_CSV_INVALID', `Cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
}
