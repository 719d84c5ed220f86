import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/cli/main.js'

async function run(...argv: string[]) {
  let out = ''
  let err = ''
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) })
  return { code, out, err }
}

afterEach(() => vi.unstubAllEnvs())

describe('emblem migrate', () => {
  it('creates the SQLite database under the data directory at the latest schema, and is idempotent', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'emblem-migrate-')), 'data')
    vi.stubEnv('EMBLEM_DATA_DIR', dataDir)
    const first = await run('migrate')
    expect(first).toMatchObject({ code: 0, err: '' })
    expect(first.out).toContain(`${join(dataDir, 'emblem.db')} (sqlite) is at the latest schema`)
    expect(existsSync(join(dataDir, 'emblem.db'))).toBe(true)
    expect((await run('migrate')).code).toBe(0)
  })

  it('says which database it could not reach, without its password, and exits 1', async () => {
    vi.stubEnv('EMBLEM_DATABASE_URL', 'postgres://emblem:s3cret@127.0.0.1:1/emblem')
    const { code, err } = await run('migrate')
    expect(code).toBe(1)
    expect(err).toMatch(/^emblem: Cannot bring the postgres database to the latest schema: .*ECONNREFUSED/)
    expect(err).not.toContain('s3cret')
  })
})
