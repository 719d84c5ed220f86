// A bench file compiled to JavaScript that imports Emblem from dist/ (the code `emblem serve` runs),
// so a bench measured in a child process of its own pays neither tsx nor run-time TypeScript
// compilation in any of its threads: the figures, peak RSS above all, are those of the product.
import { mkdir } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { buildDist } from '../scripts/build.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const src = join(root, 'src')

/**
 * Builds dist/, then compiles `file` (a bench .ts file) into one ES module under
 * node_modules/.cache/emblem-bench/ whose imports of src/ point at the same modules in dist/ and
 * whose packages stay imports (resolved from the repository's node_modules). Returns its path.
 */
export async function compiledAgainstDist(file: string): Promise<string> {
  await buildDist()
  const outfile = join(root, 'node_modules', '.cache', 'emblem-bench', `${relative(join(root, 'bench'), file).replace(/\.ts$/, '')}.mjs`)
  await mkdir(dirname(outfile), { recursive: true })
  await build({
    entryPoints: [file],
    outfile,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20.11',
    logLevel: 'warning',
    plugins: [
      {
        name: 'src-from-dist',
        setup(b) {
          b.onResolve({ filter: /^\.\.?\// }, ({ path, resolveDir }) => {
            const target = resolve(resolveDir, path)
            // This module is only for the parent process; the child never imports it.
            if (target === fileURLToPath(import.meta.url).replace(/\.ts$/, '.js')) return { path: target, external: true }
            if (!target.startsWith(`${src}/`)) return undefined
            return { path: join(root, 'dist', relative(src, target)), external: true }
          })
        },
      },
    ],
  })
  return outfile
}
