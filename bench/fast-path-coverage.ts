// How many of the interop examples (../shared/interop/examples: the OB 3.0 spec examples, the 1EdTech
// validator fixtures, CLR 2.0) take the fast canonicalization path, each checked against the general path.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { canonizeFast } from '../src/core/canonical/canonize.js'
import { canonizeGeneral } from '../src/core/canonical/rdfc.js'

/** One example: whether the general path canonicalizes it (else its error code) and whether the fast path took it. */
export interface ExampleCoverage {
  file: string
  general: 'ok' | string
  fast: boolean
}

/** The coverage of every JSON example, or undefined when ../shared/interop/examples is absent. */
export async function fastPathCoverage(root = path.resolve(process.cwd(), '../shared/interop/examples')): Promise<ExampleCoverage[] | undefined> {
  if (!existsSync(root)) return undefined
  const files = readdirSync(root).flatMap((dir) => readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.json')).map((f) => `${dir}/${f}`))
  const coverage: ExampleCoverage[] = []
  for (const file of files.sort()) {
    const { proof: _proof, ...document } = JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>
    const general = await canonizeGeneral(document).then(
      (nquads) => ({ ok: true as const, nquads }),
      (err: { code?: string }) => ({ ok: false as const, code: err.code ?? 'ERROR' }),
    )
    const fast = await canonizeFast(document)
    if (fast !== undefined && (!general.ok || fast !== general.nquads)) throw new Error(`Bench: the fast path differs from the general path on ${file}`)
    coverage.push({ file, general: general.ok ? 'ok' : general.code, fast: fast !== undefined })
  }
  return coverage
}

/** One line for the text report. */
export function coverageLine(coverage: readonly ExampleCoverage[]): string {
  const accepted = coverage.filter((c) => c.general === 'ok')
  const declined = coverage.filter((c) => c.general !== 'ok')
  return (
    `fast path: ${accepted.filter((c) => c.fast).length} of the ${accepted.length} interop examples the general path canonicalizes ` +
    `(${coverage.length} files; ${declined.length} name contexts Emblem does not bundle: ${declined.map((c) => c.file).join(', ')})`
  )
}
