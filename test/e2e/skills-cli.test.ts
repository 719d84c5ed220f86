import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/cli/main.js'
import { openStore } from '../../src/store/index.js'

// `emblem skills import --esco DIR | --onet DIR` and `emblem skills seed-demo` on a SQLite database
// under a fresh data directory. The fixtures (and the full ESCO export) come from ../shared.

const SHARED = join(import.meta.dirname, '../../../shared/skills')
const ESCO_MINI = join(SHARED, 'fixtures/esco-mini')
const ONET_MINI = join(SHARED, 'fixtures/onet-mini')
const ESCO_FULL = join(SHARED, 'esco/skills_en.csv')
const hasFixtures = existsSync(ESCO_MINI) && existsSync(ONET_MINI)
if (!hasFixtures) console.warn(`skills CLI tests skipped: no fixtures at ${SHARED} (the shared reference data is absent)`)

async function run(...argv: string[]) {
  let out = ''
  let err = ''
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) })
  return { code, out, err }
}

let dataDir: string
beforeEach(() => {
  dataDir = join(mkdtempSync(join(tmpdir(), 'emblem-skills-')), 'data')
  vi.stubEnv('EMBLEM_DATA_DIR', dataDir)
})
afterEach(() => vi.unstubAllEnvs())

async function stored() {
  const store = await openStore({ url: join(dataDir, 'emblem.db') })
  try {
    return await store.repos.skills.countByFramework()
  } finally {
    await store.close()
  }
}

describe.skipIf(!hasFixtures)('emblem skills import', () => {
  it('imports the ESCO skills of an export folder, prints the count and the attribution, and can run again', async () => {
    const first = await run('skills', 'import', '--esco', ESCO_MINI)
    expect(first).toMatchObject({ code: 0, err: '' })
    expect(first.out).toMatch(/^Imported 40 ESCO skills from .*skills_en\.csv in \d+\.\d s; 40 ESCO skills are stored\.\n/)
    expect(first.out).toContain('ESCO classification of the European Commission')
    expect((await run('skills', 'import', '--esco', join(ESCO_MINI, 'skills_en.csv'), '--batch-size', '3')).code).toBe(0)
    expect(await stored()).toEqual({ esco: 40 })
  })

  it('imports the O*NET skills and knowledge areas from the Content Model Reference', async () => {
    const { code, out } = await run('skills', 'import', '--onet', ONET_MINI)
    expect(code).toBe(0)
    expect(out).toContain('Imported 35 O*NET skills')
    expect(out).toContain('O*NET® is a trademark of USDOL/ETA')
    // The folder has Occupation Data.txt: its occupations are imported too, with their 24 technology skills (UNSPSC classes).
    expect(out).toContain('Imported 9 O*NET occupations')
    expect(await stored()).toEqual({ onet: 35 + 24 })
  })

  it('says what is missing, and exits 2, for a folder or file that is not there', async () => {
    const missing = await run('skills', 'import', '--esco', join(dataDir, 'nowhere'))
    expect(missing).toMatchObject({ code: 2, out: '' })
    expect(missing.err).toMatch(/^emblem: No ESCO folder or file at .*nowhere\n$/)
    const wrongFolder = await run('skills', 'import', '--esco', ONET_MINI)
    expect(wrongFolder.code).toBe(2)
    expect(wrongFolder.err).toContain('No skills_en.csv in')
    const wrongFile = await run('skills', 'import', '--onet', join(ESCO_MINI, 'skills_en.csv'))
    expect(wrongFile.code).toBe(2)
    expect(wrongFile.err).toContain('is not the O*NET file Content Model Reference.txt')
  })

  it('refuses a CSV without the ESCO columns, and leaves the database as it was', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'emblem-not-esco-'))
    writeFileSync(join(folder, 'skills_en.csv'), 'uri,label\r\nhttp://example.org/1,thing\r\n')
    const { code, err } = await run('skills', 'import', '--esco', folder)
    expect(code).toBe(2)
    expect(err).toContain('is not an ESCO skills file: it has no conceptUri, preferredLabel column')
    expect(await stored()).toEqual({})
  })

  it('needs exactly one of --esco and --onet', async () => {
    expect((await run('skills', 'import')).err).toContain('Give exactly one of --esco DIR or --onet DIR')
    expect((await run('skills', 'import', '--esco', ESCO_MINI, '--onet', ONET_MINI)).code).toBe(2)
  })

  it.skipIf(!existsSync(ESCO_FULL))('streams the full ESCO v1.1.1 export (13,896 skills)', async () => {
    const { code, out } = await run('skills', 'import', '--esco', ESCO_FULL)
    expect(code).toBe(0)
    expect(out).toContain('Imported 13896 ESCO skills')
    expect(await stored()).toEqual({ esco: 13896 })
  }, 120_000)
})

describe('emblem skills seed-demo', () => {
  it('stores the built-in demo skills without any reference data', async () => {
    const { code, out } = await run('skills', 'seed-demo')
    expect(code).toBe(0)
    expect(out).toBe('Stored 31 demo skills (framework emblem-demo).\n')
    expect(await stored()).toEqual({ 'emblem-demo': 31 })
  })
})
