#!/usr/bin/env node
// The `emblem` executable: runs the compiled dist/ (`npm ci` builds it: scripts/build.mjs), or, when
// dist/ is absent (a checkout before its first build), the TypeScript sources through tsx.
import { existsSync } from 'node:fs'

const compiled = new URL('../dist/cli/main.js', import.meta.url)
let main
if (existsSync(compiled)) ({ main } = await import(compiled.href))
else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../src/cli/main.ts'))
}
process.exitCode = await main(process.argv.slice(2))
