import { PlatformError } from '../core/errors.js'
import { readTextFile } from './credential-input.js'
import type { CliIo } from './main.js'

/**
 * The documents given with `--document FILE`: DID documents, issuer Profiles and status list
 * credentials, keyed by their `id`. A file holds one JSON document, a JSON array of them, or JSON
 * Lines. A document without a string `id` is an exit-2 error.
 */
export async function loadDocuments(files: readonly string[], io: CliIo): Promise<Map<string, unknown>> {
  const documents = new Map<string, unknown>()
  for (const file of files) {
    for (const document of parseDocuments(await readTextFile(file, 'Document', io), file)) {
      const id = (document as { id?: unknown }).id
      if (typeof document !== 'object' || document === null || typeof id !== 'string')
        throw new PlatformError('ERR_INPUT_INVALID', `A document in ${file} has no string id to be found by`)
      documents.set(id, document)
    }
  }
  return documents
}

function parseDocuments(text: string, file: string): unknown[] {
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? value : [value]
  } catch {
    // Not one JSON value: JSON Lines.
  }
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      try {
        return JSON.parse(line) as unknown
      } catch {
        throw new PlatformError('ERR_INPUT_INVALID', `${file} line ${number} is not JSON (expected JSON or JSON Lines documents)`)
      }
    })
}
