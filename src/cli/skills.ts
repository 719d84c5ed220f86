import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { Command } from 'commander'
import { parse } from 'csv-parse'
import { PlatformError } from '../core/errors.js'
import {
  ESCO_ATTRIBUTION,
  ESCO_SKILLS_FILE,
  escoSkillOf,
  missingEscoColumns,
  ONET_ATTRIBUTION,
  ONET_CONTENT_MODEL_FILE,
  ONET_REQUIRED_COLUMNS,
  onetSkillsOf,
  type OnetElement,
  type SkillEntry,
} from '../core/skills/index.js'
import type { CliIo } from './main.js'

interface ImportOptions {
  esco?: string
  onet?: string
  batchSize: string
}

/** `emblem skills import --esco DIR | --onet DIR` and `emblem skills seed-demo`: fill the skills table the achievement editor searches. */
export function register(program: Command, io: CliIo): void {
  const skills = program.command('skills').description('the skills the achievement editor aligns to (ESCO, O*NET, demo)')
  skills
    .command('import')
    .description(`import skills from the official ESCO CSV export (${ESCO_SKILLS_FILE}) or O*NET text release (${ONET_CONTENT_MODEL_FILE}); safe to repeat`)
    .option('--esco <dir>', 'folder of the ESCO CSV export (English), or its skills_en.csv')
    .option('--onet <dir>', 'folder of the O*NET database in text format, or its Content Model Reference.txt')
    .option('--batch-size <n>', 'skills per transaction', '500')
    .action(async (options: ImportOptions) => {
      if ((options.esco === undefined) === (options.onet === undefined))
        throw new PlatformError('ERR_INPUT_INVALID', 'Give exactly one of --esco DIR or --onet DIR')
      const batchSize = Number(options.batchSize)
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000) throw new PlatformError('ERR_INPUT_INVALID', '--batch-size must be a whole number from 1 to 5000')
      const framework = options.esco !== undefined ? 'ESCO' : 'O*NET'
      const file = options.esco !== undefined ? await locate(options.esco, ESCO_SKILLS_FILE, 'ESCO') : await locate(options.onet!, ONET_CONTENT_MODEL_FILE, 'O*NET')
      const started = performance.now()
      await io.services.withPlatform(async ({ platform }) => {
        const entries = options.esco !== undefined ? escoSkills(file) : onetSkills(file)
        const { imported } = await platform.skills.import(entries, { batchSize })
        const seconds = ((performance.now() - started) / 1000).toFixed(1)
        const counts = await platform.skills.countByFramework()
        const stored = counts[framework === 'ESCO' ? 'esco' : 'onet'] ?? 0
        io.out(`Imported ${imported} ${framework} skills from ${file} in ${seconds} s; ${stored} ${framework} skills are stored.\n`)
        io.out(`${framework === 'ESCO' ? ESCO_ATTRIBUTION : ONET_ATTRIBUTION}\n`)
      })
    })
  skills
    .command('seed-demo')
    .description("store Emblem's ~30 built-in demo skills (framework emblem-demo), so the picker works without ESCO or O*NET")
    .action(async () => {
      await io.services.withPlatform(async ({ platform }) => io.out(`Stored ${await platform.skills.seedDemo()} demo skills (framework emblem-demo).\n`))
    })
}

/** The file to read: `path` itself when it is that file, else `name` inside the folder `path`. */
async function locate(path: string, name: string, framework: string): Promise<string> {
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
