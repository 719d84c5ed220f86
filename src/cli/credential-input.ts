import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import { PlatformError } from '../core/errors.js'
import type { CliIo } from './main.js'

/** One credential's text, with the line it starts on. */
export interface InputRecord {
  line: number
  text: string
}

/** The credentials in a file: one JSON document (possibly pretty-printed), or JSON Lines (one per line). */
export interface CredentialInput {
  format: 'document' | 'lines'
  records: AsyncIterable<InputRecord>
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

/**
 * Opens FILE (or standard input for `-`) and tells JSON Lines from a single document by looking
 * ahead: two or more non-empty lines that are each a whole JSON object or compact JWS are JSON Lines.
 * A file is read line by line as it is consumed. A missing file is `ERR_INPUT_INVALID` (exit 2).
 */
export async function openCredentialInput(file: string, io: CliIo): Promise<CredentialInput> {
  const lines = nonEmptyLines(await openLines(file, io))
  const first = await lines.next()
  if (first.done) throw new PlatformError('ERR_INPUT_INVALID', `${file === '-' ? 'Standard input' : file} is empty`)
  if (!isWholeRecord(first.value.text)) {
    const rest: string[] = [first.value.text]
    for await (const { text } of lines) rest.push(text)
    return { format: 'document', records: once({ line: first.value.line, text: rest.join('\n') }) }
  }
  const second = await lines.next()
  if (second.done) return { format: 'document', records: once(first.value) }
  return { format: 'lines', records: prepend([first.value, second.value], lines) }
}

/** Reads a whole small file (a key, a document) as text; a missing file is `ERR_INPUT_INVALID`. */
export async function readTextFile(file: string, what: string, io: CliIo): Promise<string> {
  if (file === '-') return io.readStdin()
  await assertReadable(file, what)
  const chunks: Buffer[] = []
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) chunks.push(chunk)
  return Buffer.concat(chunks).toString('utf8')
}

async function openLines(file: string, io: CliIo): Promise<AsyncIterable<string>> {
  if (file === '-') return createInterface({ input: Readable.from([await io.readStdin()]), crlfDelay: Infinity })
  await assertReadable(file, 'Input')
  return createInterface({ input: createReadStream(file), crlfDelay: Infinity })
}

async function assertReadable(file: string, what: string): Promise<void> {
  try {
    if (!(await stat(file)).isFile()) throw new PlatformError('ERR_INPUT_INVALID', `${what} ${file} is not a file`)
  } catch (err) {
    if (err instanceof PlatformError) throw err
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message
    throw new PlatformError('ERR_INPUT_INVALID', `Cannot read ${what.toLowerCase()} file ${file}: ${reason}`, { cause: err })
  }
}

function isWholeRecord(line: string): boolean {
  const text = line.trim()
  if (COMPACT_JWS.test(text)) return true
  if (!text.startsWith('{') || !text.endsWith('}')) return false
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

async function* nonEmptyLines(lines: AsyncIterable<string>): AsyncGenerator<InputRecord, void, undefined> {
  let line = 0
  for await (const text of lines) {
    line++
    if (text.trim() !== '') yield { line, text }
  }
}

async function* once(record: InputRecord): AsyncGenerator<InputRecord> {
  yield record
}

async function* prepend(head: InputRecord[], rest: AsyncIterator<InputRecord>): AsyncGenerator<InputRecord> {
  yield* head
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value
}
