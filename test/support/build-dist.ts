// vitest globalSetup: compiles src/ to dist/ (scripts/build.mjs, about a second) before any test
// runs, so that tests that start `bin/emblem.mjs` (which runs dist/) run the current source.
import { execFileSync } from 'node:child_process'

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] })
}
