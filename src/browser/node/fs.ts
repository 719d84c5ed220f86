// node:fs for the browser bundle: a browser reads no files. Core reads one, the context snapshot the
// build writes (core/canonical/fast/context-snapshot.ts), and works without it: it is told there is none.
export function readFileSync(path: string | URL): never {
  throw Object.assign(new Error(`${String(path)}: a browser has no files`), { code: 'ENOENT' })
}
