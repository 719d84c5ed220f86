#!/usr/bin/env node
// The `emblem` executable: runs the compiled dist/ (`npm ci` and `npm run build` make it:
// scripts/build.mjs). When dist/ is absent, or older than a file in src/ (sources edited or pulled
// since the last build), it runs the TypeScript sources through tsx instead, which is slower to start.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const compiled = join(root, 'dist', 'cli', 'main.js')

/** Whether dist/ was built after every file in src/ last changed (dist/.built is written last by the build). */
function isCurrent() {
  let built
  try {
    built = statSync(join(root, 'dist', '.built')).mtimeMs
  } catch {
    return false
  }
  const src = join(root, 'src')
  if (!existsSync(src)) return true
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true }))
    if (entry.isFile() && statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs > built) return false
  return true
}

let main
if (existsSync(compiled) && isCurrent()) ({ main } = await import(pathToFileURL(compiled).href))
else {
  if (existsSync(compiled)) process.stderr.write('emblem: src/ changed after dist/ was built; running the sources (npm run build compiles them)\n')
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../src/cli/main.ts'))
}
process.exitCode = await main(process.argv.slice(2))
