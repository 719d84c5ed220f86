#!/usr/bin/env node
// Compiles src/ to dist/ with esbuild, file by file (no bundling: dist/ mirrors src/, so whatever a
// module reads relative to itself at run time is where it expects it). TypeScript and TSX become
// ES modules; the files read at run time are copied as they are: JSON (i18n catalogs) and the browser
// sources web/kit/assets.ts bundles on first use (web/styles, web/client, and browser/, the verifier's entry). Tests are left out, and so
// are the .mjs worker entries that load TypeScript through tsx (compiled code starts the .js worker).
// It then processes the JSON-LD contexts of a corpus of credentials once and writes them beside the fast
// path (core/canonical/fast/context-snapshot.ts), so no process has to.
// Runs on `npm ci` (prepare), `npm run build` and before every test run (vitest globalSetup); about two seconds.
//
// The new tree is written beside dist/ and swapped in, so a process running from dist/ never sees
// half a build.
import { cp, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const src = join(root, 'src')
const dist = join(root, 'dist')
/** Copied verbatim: esbuild bundles them for the browser at run time (src/web/kit/assets.ts). */
const BROWSER_SOURCES = ['web/client', 'web/styles', 'browser']

async function files(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name))
}

const isTest = (file) => /\.test\.tsx?$/.test(file)
const isBrowserSource = (file) => BROWSER_SOURCES.some((dir) => relative(src, file).startsWith(`${dir}/`))

export async function buildDist() {
  const started = performance.now()
  const all = await files(src)
  const compiled = all.filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts') && !isTest(f) && !isBrowserSource(f))
  const copied = all.filter((f) => (!/\.tsx?$/.test(f) && !f.endsWith('.mjs')) || isBrowserSource(f))
  const out = `${dist}.${process.pid}.tmp`
  await rm(out, { recursive: true, force: true })
  await build({
    entryPoints: compiled,
    outdir: out,
    outbase: src,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20.11',
    sourcemap: 'linked',
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
  })
  for (const file of copied.filter((f) => !isTest(f))) {
    const target = join(out, relative(src, file))
    await mkdir(dirname(target), { recursive: true })
    await cp(file, target)
  }
  // The JSON-LD contexts processed once here, not in every process (core/canonical/fast/context-snapshot.ts).
  const fast = (file) => import(pathToFileURL(join(out, 'core/canonical/fast', file)).href)
  const [{ CONTEXT_SNAPSHOT_FILE }, { buildContextSnapshot }] = await Promise.all([fast('context-snapshot.js'), fast('context-snapshot-corpus.js')])
  await writeFile(join(out, 'core/canonical/fast', CONTEXT_SNAPSHOT_FILE), await buildContextSnapshot())
  // Written last: bin/emblem.mjs runs dist/ only while no file in src/ is newer than this.
  await writeFile(join(out, '.built'), `${new Date().toISOString()}\n`)
  const old = `${dist}.${process.pid}.old`
  await rename(dist, old).catch((err) => {
    if (err.code !== 'ENOENT') throw err
  })
  await rename(out, dist)
  await rm(old, { recursive: true, force: true })
  return { files: compiled.length, ms: Math.round(performance.now() - started) }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { files: count, ms } = await buildDist()
  if (!process.argv.includes('--quiet')) process.stderr.write(`dist/: ${count} modules compiled in ${ms} ms\n`)
}
