// A multipart/form-data upload read as a stream (RFC 7578): the small text fields before the file,
// then the file's bytes as they arrive, so a large CSV goes to disk without being held in memory.
// The upload form puts its file input last; anything after the file part is not read.
import { PlatformError } from '../../../core/errors.js'

/** The fields before the file, and the file as a stream of bytes. */
export interface Upload {
  fields: Record<string, string>
  fileName: string
  file: AsyncIterable<Uint8Array>
}

const CRLF = Buffer.from('\r\n')
const HEADERS_END = Buffer.from('\r\n\r\n')
const MAX_HEADERS = 16 * 1024
const MAX_FIELD = 64 * 1024

const invalid = (why: string) => new PlatformError('ERR_CSV_INVALID', `The upload could not be read: ${why}`)

/** Reads chunks on demand into one buffer. */
class Reader {
  buffer = Buffer.alloc(0)
  isDone = false
  constructor(private readonly source: AsyncIterator<Uint8Array>) {}

  async fill(): Promise<boolean> {
    if (this.isDone) return false
    const next = await this.source.next()
    if (next.done) {
      this.isDone = true
      return false
    }
    this.buffer = this.buffer.length === 0 ? Buffer.from(next.value) : Buffer.concat([this.buffer, next.value])
    return true
  }

  /** Everything up to `marker` (consumed with it); refuses to buffer more than `max` bytes looking for it. */
  async until(marker: Buffer, max: number, what: string): Promise<Buffer> {
    for (;;) {
      const at = this.buffer.indexOf(marker)
      if (at >= 0) {
        const head = this.buffer.subarray(0, at)
        this.buffer = this.buffer.subarray(at + marker.length)
        return head
      }
      if (this.buffer.length > max) throw invalid(`${what} is too long`)
      if (!(await this.fill())) throw invalid(`${what} never ends`)
    }
  }

  async take(n: number): Promise<Buffer> {
    while (this.buffer.length < n) if (!(await this.fill())) throw invalid('the body ends too early')
    const head = this.buffer.subarray(0, n)
    this.buffer = this.buffer.subarray(n)
    return head
  }
}

/** The boundary of a multipart/form-data Content-Type, or ERR_CSV_INVALID. */
function boundaryOf(contentType: string): string {
  if (!/^multipart\/form-data\b/i.test(contentType)) throw invalid('send the form as multipart/form-data')
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType)
  const boundary = match?.[1] ?? match?.[2]
  if (!boundary) throw invalid('the form has no boundary')
  return boundary
}

/** A part's name and file name from its Content-Disposition header. */
function dispositionOf(headers: string): { name: string; fileName?: string } {
  const line = headers.split('\r\n').find((h) => /^content-disposition:/i.test(h))
  const name = line && /\bname="([^"]*)"/i.exec(line)?.[1]
  if (name === undefined || name === null) throw invalid('a part has no name')
  const fileName = line ? /\bfilename="([^"]*)"/i.exec(line)?.[1] : undefined
  return fileName === undefined ? { name } : { name, fileName }
}

/**
 * Reads a multipart/form-data `body` up to the part named `fileField`, collecting the text fields
 * before it (64 KB each at most), and returns the file's bytes as a stream. ERR_CSV_INVALID for a
 * malformed body or one without that file.
 */
export async function readUpload(body: ReadableStream<Uint8Array> | null, contentType: string, fileField: string): Promise<Upload> {
  if (!body) throw invalid('the form is empty')
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`)
  const reader = new Reader((body as unknown as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]())
  const partEnd = Buffer.concat([CRLF, delimiter])
  await reader.until(delimiter, MAX_HEADERS, 'the preamble')
  const fields: Record<string, string> = {}
  for (;;) {
    const after = await reader.take(2)
    if (after.equals(Buffer.from('--'))) throw invalid(`the form has no file "${fileField}"`)
    if (!after.equals(CRLF)) throw invalid('a boundary is not followed by a line break')
    const { name, fileName } = dispositionOf((await reader.until(HEADERS_END, MAX_HEADERS, 'a part header')).toString('utf8'))
    if (name === fileField && fileName !== undefined) return { fields, fileName, file: fileBytes(reader, partEnd) }
    fields[name] = (await reader.until(partEnd, MAX_FIELD, `the field ${name}`)).toString('utf8')
  }
}

/** The bytes of the current part up to `partEnd`, keeping back the tail that could be the start of it. */
async function* fileBytes(reader: Reader, partEnd: Buffer): AsyncGenerator<Uint8Array> {
  for (;;) {
    const at = reader.buffer.indexOf(partEnd)
    if (at >= 0) {
      if (at > 0) yield reader.buffer.subarray(0, at)
      reader.buffer = reader.buffer.subarray(at + partEnd.length)
      return
    }
    const safe = reader.buffer.length - (partEnd.length - 1)
    if (safe > 0) {
      yield reader.buffer.subarray(0, safe)
      reader.buffer = reader.buffer.subarray(safe)
    }
    if (!(await reader.fill())) throw invalid('the file part never ends')
  }
}
