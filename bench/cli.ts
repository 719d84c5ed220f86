// The command line as a user runs it: `emblem --help` start-up against a bare `node -e 0`, and
// `emblem credential sign` of 8,000 varied OB 3.0 credentials (JSON Lines, not a cohort: the
// fast-check arbitraries the canonicalization tests use, VC 2.0 and the VC 1.1 / endorsed /
// multi-subject forms other issuers write), wall time of the whole process including its start-up,
// on its default thread pool and with --threads 1, against Digital Bazaar's vc + eddsa-rdfc-2022
// stack signing the same credentials in-process, in the same run. Rounds are interleaved; each
// figure is the median. The compiled CLI is rebuilt first (scripts/build.mjs), so it runs this source.
//   npm run bench -- --only cli [--json]
import { execFileSync, spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { CONTEXT } from '../src/core/canonical/index.js'
import { exportKeyPair, generateKeyPair } from '../src/core/proof/index.js'
import { arbitraryCredential } from '../test/support/credential-arbitrary.js'
import { arbitraryInteropCredential } from '../test/support/interop-arbitrary.js'
import { digitalBazaarSuite } from './digitalbazaar.js'
import type { Row, Target } from './report.js'

const CREDENTIALS = 8000
const CREATED = '2025-03-01T09:00:00Z'
const ROUNDS = 3
const HELP_ROUNDS = 9
/** How long each round measures the standard stack (it signs about a hundred a second). */
const BASELINE_MS = 3000

/** The figures of one run. */
export interface CliBenchResult {
  credentials: number
  /** Threads the CLI's pool used by default (one per core). */
  threads: number
  /** Median wall time of `node -e 0` and of `emblem --help` (ms). */
  nodeStartMs: number
  helpMs: number
  /** Median wall time of the whole `emblem credential sign` process (s), on the pool and with --threads 1. */
  signSeconds: number
  signOneThreadSeconds: number
  /** Digital Bazaar's stack on the same credentials, in-process, per second. */
  baselinePerSecond: number
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** A VC 1.1 credential signed with a Data Integrity proof names the context that defines it, as its issuer would. */
function withProofContext(credential: unknown): Record<string, unknown> {
  const c = credential as Record<string, unknown>
  const contexts = c['@context'] as unknown[]
  return contexts[0] === CONTEXT.VC_V1 ? { ...c, '@context': [...contexts, CONTEXT.DATA_INTEGRITY_V2] } : c
}

/** Wall time of a process (ms); it must exit 0. `stdout` is a file descriptor, or ignored. */
function timed(args: string[], stdout: number | 'ignore' = 'ignore'): number {
  const started = performance.now()
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', stdout, 'pipe'], maxBuffer: 16 * 1024 * 1024 })
  const elapsed = performance.now() - started
  if (result.status !== 0) throw new Error(`Bench: node ${args.join(' ')} exited ${result.status}: ${result.stderr?.toString().slice(0, 500)}`)
  return elapsed
}

/** Runs the CLI bench and returns its figures. */
export async function runCliBench(say: (line: string) => void = () => {}): Promise<CliBenchResult> {
  say('cli: building dist/')
  execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' })
  const dir = mkdtempSync(join(tmpdir(), 'emblem-bench-cli-'))
  try {
    const keyPair = generateKeyPair()
    const keyFile = join(dir, 'issuer.key.json')
    writeFileSync(keyFile, JSON.stringify(exportKeyPair(keyPair, { includeSecret: true })))
    const credentials = fc
      .sample(fc.oneof({ weight: 3, arbitrary: arbitraryCredential }, { weight: 1, arbitrary: arbitraryInteropCredential }), { seed: 20261204, numRuns: CREDENTIALS })
      .map(withProofContext)
    const input = join(dir, 'credentials.jsonl')
    writeFileSync(input, `${credentials.map((c) => JSON.stringify(c)).join('\n')}\n`)
    const output = join(dir, 'signed.jsonl')
    const sign = (...more: string[]) => {
      const fd = openSync(output, 'w')
      try {
        return timed(['bin/emblem.mjs', 'credential', 'sign', input, '--key', keyFile, '--created', CREATED, ...more], fd) / 1000
      } finally {
        closeSync(fd)
      }
    }

    say(`cli: start-up, ${HELP_ROUNDS} rounds`)
    timed(['bin/emblem.mjs', '--help'])
    const nodeStart: number[] = []
    const help: number[] = []
    for (let round = 0; round < HELP_ROUNDS; round++) {
      nodeStart.push(timed(['-e', '0']))
      help.push(timed(['bin/emblem.mjs', '--help']))
    }

    const db = await digitalBazaarSuite(keyPair, 'eddsa-rdfc-2022', CREATED)
    await db.sign(credentials[0]!)
    let next = 0
    const signed: number[] = []
    const oneThread: number[] = []
    const baseline: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      say(`cli: sign round ${round + 1}/${ROUNDS}`)
      signed.push(sign())
      const lines = readFileSync(output, 'utf8').trimEnd().split('\n')
      if (lines.length !== CREDENTIALS || !lines.every((line, i) => JSON.parse(line).id === credentials[i]!.id))
        throw new Error('Bench: the CLI did not sign every credential, in order')
      oneThread.push(sign('--threads', '1'))
      const started = performance.now()
      let ops = 0
      while (performance.now() - started < BASELINE_MS) {
        await db.sign(credentials[next++ % CREDENTIALS]!)
        ops++
      }
      baseline.push((ops * 1000) / (performance.now() - started))
    }
    return {
      credentials: CREDENTIALS,
      threads: availableParallelism(),
      nodeStartMs: round(median(nodeStart)),
      helpMs: round(median(help)),
      signSeconds: round(median(signed)),
      signOneThreadSeconds: round(median(oneThread)),
      baselinePerSecond: round(median(baseline)),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The rows, the targets of issue #9 and a line for the text report. */
export function cliReport(r: CliBenchResult): { rows: Row[]; targets: Target[]; lines: string[] } {
  const perSecond = (seconds: number) => round(r.credentials / seconds)
  const rows: Row[] = [
    { name: 'node-start', ops_per_s: round(1000 / r.nodeStartMs), baseline: null, baseline_ops_per_s: null, ratio: null, wall_ms: r.nodeStartMs },
    { name: 'cli-help', ops_per_s: round(1000 / r.helpMs), baseline: 'node-start', baseline_ops_per_s: round(1000 / r.nodeStartMs), ratio: round(r.nodeStartMs / r.helpMs), wall_ms: r.helpMs },
    { name: 'digitalbazaar-rdfc-sign-varied', ops_per_s: r.baselinePerSecond, baseline: null, baseline_ops_per_s: null, ratio: null },
    {
      name: 'cli-sign-8000',
      ops_per_s: perSecond(r.signSeconds),
      baseline: 'digitalbazaar-rdfc-sign-varied',
      baseline_ops_per_s: r.baselinePerSecond,
      ratio: round(perSecond(r.signSeconds) / r.baselinePerSecond),
      wall_ms: round(r.signSeconds * 1000),
    },
    {
      name: 'cli-sign-8000-1-thread',
      ops_per_s: perSecond(r.signOneThreadSeconds),
      baseline: 'digitalbazaar-rdfc-sign-varied',
      baseline_ops_per_s: r.baselinePerSecond,
      ratio: round(perSecond(r.signOneThreadSeconds) / r.baselinePerSecond),
      wall_ms: round(r.signOneThreadSeconds * 1000),
    },
  ]
  const targets: Target[] = [{ name: 'cli-sign-8000', baseline: 'digitalbazaar-rdfc-sign-varied', ratio: 40 }]
  const lines = [
    `cli: emblem --help ${r.helpMs} ms (node -e 0: ${r.nodeStartMs} ms); sign ${r.credentials.toLocaleString('en-US')} varied credentials ${r.signSeconds} s on ${r.threads} threads, ${r.signOneThreadSeconds} s on one (whole process, start-up included)`,
    `${r.helpMs <= 300 ? 'met    ' : 'NOT MET'}  cli-help <= 300 ms (${r.helpMs} ms)`,
  ]
  return { rows, targets, lines }
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
