import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { PlatformError } from '../core/errors.js'
import { lineBlocks, lineBlocksOfText, linesOfBlock } from './credential-line-blocks.js'
import type { CliIo } from './main.js'

/** One credential's text, with the line it starts on. */
export interface InputRecord {
  line: number
  text: string
}

/**
 * The credentials in a file: one JSON document (possibly pretty-printed), or JSON Lines (one per
 * line). JSON Lines can be read as records or, for the worker threads, as the blocks of whole lines
 * they were read in (credential-line-blocks.ts); a run reads one of the two, once.
 */
export type CredentialInput =
  | { format: 'document'; records: AsyncIterable<InputRecord> }
  | { format: 'lines'; records: AsyncIterable<InputRecord>; blocks: AsyncIterable<Uint8Array> }

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

/**
 * Opens FILE (or standard input for `-`) and tells JSON Lines from a single document by looking
 * ahead: two or more non-empty lines that are each a whole JSON object or compact JWS are JSON Lines.
 * A file is read a block at a time as it is consumed. A missing file is `ERR_INPUT_INVALID` (exit 2).
 */
export async function openCredentialInput(file: string, io: CliIo): Promise<CredentialInput> {
  const source = new Lookahead(await openBlocks(file, io))
  const lines = recordsOf(source.peek())
  const first = await lines.next()
  if (first.done) throw new PlatformError('ERR_INPUT_INVALID', `${file === '-' ? 'Standard input' : file} is empty`)
  if (!isWholeRecord(first.value.text)) {
    const rest: string[] = []
    for await (const { text } of recordsOf(source.rest())) rest.push(text)
    return { format: 'document', records: once({ line: first.value.line, text: rest.join('\n') }) }
  }
  const second = await lines.next()
  if (second.done) return { format: 'document', records: once(first.value) }
  return { format: 'lines', records: recordsOf(source.rest()), blocks: source.rest() }
}

/** The non-empty lines of blocks of whole lines, numbered from 1 (blank lines count). */
export async function* recordsOf(blocks: AsyncIterable<Uint8Array>): AsyncGenerator<InputRecord, void, undefined> {
  let line = 0
  for await (const block of blocks) {
    for (const text of linesOfBlock(block)) {
      line++
      if (text.trim() !== '') yield { line, text }
    }
  }
}

/**
 * Blocks read ahead to look at the input, then given once, with the rest, to whoever reads it:
 * `peek` reads and keeps, `rest` gives what was kept (and forgets it) and reads on.
 */
export class Lookahead {
  readonly #blocks: AsyncIterator<Uint8Array>
  readonly #kept: Uint8Array[] = []
  #ended = false

  constructor(blocks: AsyncIterable<Uint8Array>) {
    this.#blocks = blocks[Symbol.asyncIterator]()
  }

  async *peek(): AsyncGenerator<Uint8Array, void, undefined> {
    for (let i = 0; ; i++) {
      if (i === this.#kept.length) {
        if (this.#ended) return
        const next = await this.#blocks.next()
        if (next.done) return void (this.#ended = true)
        this.#kept.push(next.value)
      }
      yield this.#kept[i]!
    }
  }

  async *rest(): AsyncGenerator<Uint8Array, void, undefined> {
    for (let block = this.#kept.shift(); block !== undefined; block = this.#kept.shift()) yield block
    if (this.#ended) return
    for (let next = await this.#blocks.next(); !next.done; next = await this.#blocks.next()) yield next.value
  }
}

/** Reads a whole small file (a key, a document) as text; a missing file is `ERR_INPUT_INVALID`. */
export async function readTextFile(file: string, what: string, io: CliIo): Promise<string> {
  if (file === '-') return io.readStdin()
  await assertReadable(file, what)
  const chunks: Buffer[] = []
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) chunks.push(chunk)
  return Buffer.concat(chunks).toString('utf8')
}

async function openBlocks(file: string, io: CliIo): Promise<AsyncIterable<Uint8Array>> {
  if (file === '-') return lineBlocksOfText(await io.readStdin())
  await assertReadable(file, 'Input')
  return fileBlocks(file)
}

async function* fileBlocks(file: string): AsyncGenerator<Uint8Array, void, undefined> {
  const handle = await open(file, 'r')
  try {
    yield* lineBlocks(async (buffer, offset, length) => (await handle.read(buffer, offset, length, null)).bytesRead)
  } finally {
    await handle.close()
  }
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

async function* once(record: InputRecord): AsyncGenerator<InputRecord> {
  yield record
}
