// The full ESCO release into a fresh SQLite file (skills, occupations, ISCO groups, essential and
// optional relations, both hierarchies) with `emblem skills import`'s readers and use cases, and
// its peak RSS; then gap analysis for one learner (a dozen verified credentials' skills) against
// one occupation, p50/p99 over 1,000 calls. Files from ../shared/skills/esco (skipped when absent).
// In a child process of its own, so its peak RSS is its own.
//   npm run bench -- --only esco [--json]
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Row } from './report.js'

export const ESCO_DIR = join(import.meta.dirname, '../../shared/skills/esco')
const TARGET_IMPORT_S = 60
const TARGET_RSS_MB = 500
const TARGET_GAP_P99_MS = 20

export interface EscoBenchResult {
  skills: number
  occupations: number
  requirements: number
  importSeconds: number
  peakRssMb: number
  gapP50Ms: number
  gapP99Ms: number
  calls: number
}

async function runEscoBench(): Promise<EscoBenchResult> {
  const { openStore } = await import('../src/store/index.js')
  const { createPlatform } = await import('../src/platform.js')
  const { masterKeyFrom } = await import('../src/keys/master-key.js')
  const { escoSkills } = await import('../src/cli/skills-files.js')
  const { escoOccupationSources } = await import('../src/cli/occupation-files.js')
  const dir = mkdtempSync(join(tmpdir(), 'emblem-bench-esco-'))
  const store = await openStore({ url: join(dir, 'emblem.db') })
  try {
    await store.migrate()
    const { platform } = createPlatform({ store, masterKey: masterKeyFrom(randomBytes(32)), publicUrl: 'http://localhost:3000', dataDir: dir })
    const started = performance.now()
    const { imported: skills } = await platform.skills.import(escoSkills(join(ESCO_DIR, 'skills_en.csv')))
    const result = await platform.occupations.import((await escoOccupationSources(ESCO_DIR, 'ESCO v1.1.1'))!)
    const importSeconds = (performance.now() - started) / 1000
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024)

    // A learner holding a dozen skills of software developer's (some narrower than its essentials).
    const occupation = 'http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1'
    const required = (await platform.occupations.get(occupation)).skills
    const userId = crypto.randomUUID()
    const now = new Date().toISOString()
    await store.db.insertInto('users').values({ id: userId, email: 'bench@example.org', name: 'Bench', password_hash: 'x', email_verified_at: now, created_at: now }).execute()
    for (let i = 0; i < 12; i += 1) {
      const s = required[(i * 3) % required.length]!
      await store.repos.walletItems.insert({
        id: `w_bench${i}`, userId, digest: `${i}`.padStart(64, '0'), credentialId: null, issuedCredentialId: null, source: 'import', format: 'vc-json', document: '{}', verified: true,
        report: JSON.stringify({ verified: true, checks: [] }), checkedAt: now, name: `Credential ${i}`, description: '', imageUrl: null, issuerId: null, issuerName: 'Bench',
        issuedAt: null, expiresAt: null, skills: [{ label: s.label, uri: s.skillId }, { label: 'x', uri: `http://data.europa.eu/esco/skill/none-${i}` }], addedAt: now,
      })
    }
    for (let i = 0; i < 50; i += 1) await platform.career.plan(userId, occupation)
    const times: number[] = []
    const calls = 1000
    for (let i = 0; i < calls; i += 1) {
      const t0 = performance.now()
      await platform.career.plan(userId, occupation)
      times.push(performance.now() - t0)
    }
    times.sort((a, b) => a - b)
    const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 100) / 100
    return { skills, occupations: result.occupations, requirements: result.requirements, importSeconds: Math.round(importSeconds * 10) / 10, peakRssMb, gapP50Ms: at(0.5), gapP99Ms: at(0.99), calls }
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export function escoReport(r: EscoBenchResult | undefined): { rows: Row[]; lines: string[] } {
  if (!r) return { rows: [], lines: [`esco: skipped (no ESCO files at ${ESCO_DIR})`] }
  const mark = (ok: boolean) => (ok ? 'met    ' : 'NOT MET')
  return {
    rows: [{ name: 'esco-gap-analysis', ops_per_s: Math.round(1000 / Math.max(0.001, r.gapP50Ms)), baseline: null, baseline_ops_per_s: null, ratio: null, p50_ms: r.gapP50Ms, p99_ms: r.gapP99Ms }],
    lines: [
      `esco: ${r.skills.toLocaleString('en-US')} skills, ${r.occupations.toLocaleString('en-US')} occupations and ISCO groups, ${r.requirements.toLocaleString('en-US')} occupation skills imported in ${r.importSeconds} s, peak RSS ${r.peakRssMb} MB; gap analysis p50 ${r.gapP50Ms} ms, p99 ${r.gapP99Ms} ms (${r.calls} calls)`,
      `${mark(r.importSeconds <= TARGET_IMPORT_S)}  full ESCO import <= ${TARGET_IMPORT_S} s (${r.importSeconds} s)`,
      `${mark(r.peakRssMb <= TARGET_RSS_MB)}  ESCO import peak RSS <= ${TARGET_RSS_MB} MB (${r.peakRssMb} MB)`,
      `${mark(r.gapP99Ms <= TARGET_GAP_P99_MS)}  gap analysis p99 <= ${TARGET_GAP_P99_MS} ms (${r.gapP99Ms} ms)`,
    ],
  }
}

/** Runs this file in a child process; undefined when the ESCO files are absent. */
export async function runEscoChild(say: (line: string) => void = () => {}): Promise<EscoBenchResult | undefined> {
  if (!existsSync(join(ESCO_DIR, 'occupations_en.csv'))) {
    say(`esco: skipped, no ESCO files at ${ESCO_DIR}`)
    return undefined
  }
  say('esco: the full ESCO import and gap analysis, in a child process')
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--json'], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const [code] = (await once(child, 'exit')) as [number | null]
  if (code !== 0) throw new Error(`bench/esco.ts exited with ${code}`)
  return JSON.parse(out.trim().split('\n').at(-1)!) as EscoBenchResult
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runEscoBench()
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`)
  else process.stdout.write(`${escoReport(result).lines.join('\n')}\n`)
}
