import type { Command } from 'commander'
import { PlatformError } from '../core/errors.js'
import { ESCO_ATTRIBUTION, ESCO_SKILLS_FILE, ONET_ATTRIBUTION, ONET_CONTENT_MODEL_FILE } from '../core/skills/index.js'
import type { CliIo } from './main.js'

interface ImportOptions {
  esco?: string
  onet?: string
  batchSize: string
  release?: string
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
    .option('--release <version>', 'the release imported, recorded with the occupations (e.g. "ESCO v1.1.1", "O*NET 29.2")')
    .action(async (options: ImportOptions) => {
      if ((options.esco === undefined) === (options.onet === undefined))
        throw new PlatformError('ERR_INPUT_INVALID', 'Give exactly one of --esco DIR or --onet DIR')
      const batchSize = Number(options.batchSize)
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000) throw new PlatformError('ERR_INPUT_INVALID', '--batch-size must be a whole number from 1 to 5000')
      const { escoSkills, locate, onetSkills } = await import('./skills-files.js')
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
        // A folder with occupation files: the occupations, their skills and the hierarchies too.
        const { escoOccupationSources, onetOccupationSources } = await import('./occupation-files.js')
        const release = options.release?.trim() || undefined
        if (release !== undefined && release.length > 100) throw new PlatformError('ERR_INPUT_INVALID', '--release must be at most 100 characters')
        const sources = options.esco !== undefined ? await escoOccupationSources(options.esco, release) : await onetOccupationSources(options.onet!, release)
        if (sources) {
          const began = performance.now()
          const r = await platform.occupations.import(sources)
          const took = ((performance.now() - began) / 1000).toFixed(1)
          io.out(
            `Imported ${r.occupations} ${framework} occupations${framework === 'ESCO' ? ' and ISCO groups' : ''}, ${r.requirements} occupation skills` +
              `${r.skipped > 0 ? ` (${r.skipped} skipped: their occupation is not in the files)` : ''}, ${r.skillBroader + r.occupationBroader} hierarchy links in ${took} s; release recorded: ${r.version}.\n`,
          )
        }
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
