// Contexts processed once per build, not once per process. Processing the JSON-LD contexts a
// credential names (jsonld's context algorithm, which copies every term definition for each scoped
// context it applies) is the largest part of the first credentials a process canonicalizes, and
// every process and every worker thread of `emblem credential sign` did it again: about 300
// contexts, 0.2–0.3 s of CPU each. scripts/build.mjs now runs the fast path over a corpus of
// credentials once (context-snapshot-corpus.ts, buildContextSnapshot) and writes what their contexts
// became next to this module; a process loads that and processes only the contexts the corpus did not reach, when it
// first meets them. A snapshot is used only with the jsonld and the bundled contexts it was made
// with (its fingerprint): anything else, or no snapshot (running from src/), and the cache starts
// empty, as before. Either way the active contexts are the ones jsonld makes; the snapshot tests
// (context-snapshot.test.ts) check the fast path against jsonld with a loaded snapshot.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { bundledContextPins } from '../contexts.js'
import type { DocumentLoader } from '../document-loader.js'
import { ContextCache } from './context-cache.js'

/** The snapshot's file name, next to this module in dist/. */
export const CONTEXT_SNAPSHOT_FILE = 'contexts.snapshot'

/** What a snapshot is valid for: this jsonld and these bundled contexts. */
export const contextFingerprint = (): string => {
  const jsonld = (createRequire(import.meta.url)('jsonld/package.json') as { version: string }).version
  return createHash('sha256')
    .update(JSON.stringify({ jsonld, contexts: bundledContextPins() }))
    .digest('hex')
}

/** The build's snapshot, or undefined when there is none (running from src/, or in a browser). */
function readSnapshot(): Buffer | undefined {
  try {
    return readFileSync(new URL(`./${CONTEXT_SNAPSHOT_FILE}`, import.meta.url))
  } catch {
    return undefined
  }
}

/** A context cache over `loader` (the bundled contexts) holding the snapshot's contexts when it is one for these contexts. */
export function contextCache(loader: DocumentLoader, snapshot: Uint8Array | undefined = readSnapshot()): ContextCache {
  const cache = new ContextCache(loader)
  if (snapshot) cache.load(snapshot, contextFingerprint())
  return cache
}
