// Preloaded with `node --import ./test/support/record-modules.mjs`: appends the URL of every ES
// module the process loads to the file named by RECORD_MODULES (one a line), so a test can tell
// which packages a command loaded.
import { register } from 'node:module'

const hooks = `import { appendFileSync } from 'node:fs'
let file
export function initialize(data) { file = data.file }
export async function load(url, context, next) {
  appendFileSync(file, url + '\\n')
  return next(url, context)
}`
register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { file: process.env.RECORD_MODULES } })
