// The one way the edges read input: JSON bodies, url-encoded forms and multipart uploads, each
// capped while it is read (Content-Length first, then every byte counted), integer and cursor query
// parameters, and one InputError whose issues ({ path, code, message }) reach the problem body and
// the form fields. Routes and pages never read `c.req` bodies themselves.
import { Readable } from 'node:stream'
import busboy from 'busboy'
import type { Context } from 'hono'
import type { z } from 'zod'
import { InputError, issuesOfZod, type InputIssue } from '../app/platform/input-error.js'
import { PlatformError } from '../core/errors.js'
import './context.js'

export { InputError, type InputIssue }

/** Default caps: a JSON body, a url-encoded form, one text field of a multipart form. */
export const BODY_LIMITS = Object.freeze({ json: 1024 * 1024, form: 1024 * 1024, field: 64 * 1024, fields: 50, depth: 64 })

const MB = 1024 * 1024
const sizeText = (bytes: number) => (bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`)

/** ERR_INPUT_TOO_LARGE (413) for a body past `maxBytes`. */
export const tooLarge = (what: string, maxBytes: number): PlatformError =>
  new PlatformError('ERR_INPUT_TOO_LARGE', `${what} is at most ${maxBytes} bytes (${sizeText(maxBytes)})`)

/**
 * The request body as a stream of chunks that fails with ERR_INPUT_TOO_LARGE once more than
 * `maxBytes` have come: a Content-Length over the cap is refused before a byte is read, and a body
 * without one is counted as it arrives (the rest is never pulled). Undefined when there is no body.
 */
export function bodyStream(c: Context, { maxBytes, what = 'The request body' }: { maxBytes: number; what?: string }): AsyncIterable<Uint8Array> | undefined {
  const declared = Number(c.req.header('content-length') ?? NaN)
  if (declared > maxBytes) throw tooLarge(what, maxBytes)
  const body = c.req.raw.body
  if (!body) return undefined
  return (async function* () {
    const reader = body.getReader()
    let seen = 0
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        seen += value.byteLength
        if (seen > maxBytes) throw tooLarge(what, maxBytes)
        yield value
      }
    } finally {
      await reader.cancel().catch(() => {})
    }
  })()
}

/** The whole request body, read under `maxBytes` (see {@link bodyStream}); empty when there is none. */
export async function readBytes(c: Context, options: { maxBytes: number; what?: string }): Promise<Uint8Array> {
  const stream = bodyStream(c, options)
  if (!stream) return new Uint8Array()
  const chunks: Uint8Array[] = []
  for await (const chunk of stream) chunks.push(chunk)
  return Buffer.concat(chunks)
}

/** The request body as UTF-8 text, read under `maxBytes`. */
export async function readText(c: Context, options: { maxBytes: number; what?: string }): Promise<string> {
  return Buffer.from(await readBytes(c, options)).toString('utf8')
}

/** The deepest nesting of arrays and objects in JSON text (strings skipped), without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 0x5c) i++
      else if (ch === 0x22) inString = false
    } else if (ch === 0x22) inString = true
    else if (ch === 0x7b || ch === 0x5b) deepest = Math.max(deepest, ++depth)
    else if (ch === 0x7d || ch === 0x5d) depth--
  }
  return deepest
}

/** Parses JSON text: ERR_INPUT_TOO_DEEP past `maxDepth` levels, ERR_JSON_PARSE when malformed. */
export function parseJsonText(text: string, { maxDepth = BODY_LIMITS.depth }: { maxDepth?: number } = {}): unknown {
  if (jsonDepth(text) > maxDepth) throw new PlatformError('ERR_INPUT_TOO_DEEP', `The request body nests more than ${maxDepth} levels deep`)
  try {
    return JSON.parse(text) as unknown
  } catch (err) {
    throw new PlatformError('ERR_JSON_PARSE', `The request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`)
  }
}

/** Options of {@link readJson}. */
export interface ReadJsonOptions {
  /** The cap (default 1 MB). */
  maxBytes?: number
  /** What an empty body stands for (e.g. `{}`); without it an empty body is ERR_JSON_PARSE. */
  empty?: unknown
}

/**
 * A JSON body checked against `schema`: 413 ERR_INPUT_TOO_LARGE past the cap (checked while
 * reading), 400 ERR_INPUT_TOO_DEEP for pathological nesting, 400 ERR_JSON_PARSE when malformed,
 * 400 InputError naming every field at fault.
 * @example const { email, password } = await readJson(c, credentialsBody)
 */
export async function readJson<T>(c: Context, schema: z.ZodType<T>, { maxBytes = BODY_LIMITS.json, empty }: ReadJsonOptions = {}): Promise<T> {
  const text = await readText(c, { maxBytes, what: 'A JSON body' })
  const value = text.trim() === '' && empty !== undefined ? empty : parseJsonText(text)
  return checkInput(schema, value)
}

/** `value` checked against `schema`; an InputError naming every field at fault (the whole body is `(body)`). */
export function checkInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  throw new InputError(issuesOfZod(parsed.error))
}

const FORM = Symbol('emblem.form')
const MULTIPART = Symbol('emblem.multipart')
type Cached = { [FORM]?: Promise<URLSearchParams>; [MULTIPART]?: Promise<MultipartForm> }
const cacheOf = (c: Context): Cached => c.req.raw as unknown as Cached

/** Whether the request is a url-encoded form, a multipart form, or neither. */
export function formKind(c: Context): 'urlencoded' | 'multipart' | undefined {
  const type = (c.req.header('content-type') ?? '').toLowerCase()
  if (type.startsWith('application/x-www-form-urlencoded')) return 'urlencoded'
  if (type.startsWith('multipart/form-data')) return 'multipart'
  return undefined
}

/**
 * The url-encoded form's fields, read once per request under `maxBytes` (default 1 MB) and kept
 * for later readers (the CSRF check reads it first). ERR_INPUT_INVALID for another content type.
 */
export function readFormParams(c: Context, { maxBytes = BODY_LIMITS.form }: { maxBytes?: number } = {}): Promise<URLSearchParams> {
  const cache = cacheOf(c)
  cache[FORM] ??= (async () => {
    if (formKind(c) !== 'urlencoded') throw new PlatformError('ERR_INPUT_INVALID', 'Send the form as application/x-www-form-urlencoded')
    return new URLSearchParams(await readText(c, { maxBytes, what: 'A form' }))
  })()
  return cache[FORM]
}

/**
 * A url-encoded form as `name → value` (the last value of a repeated name), checked against
 * `schema` when one is given (InputError naming each field). Capped like {@link readFormParams}.
 * @example const { email = '', password = '' } = await readForm(c)
 */
export async function readForm(c: Context, options?: { maxBytes?: number }): Promise<Record<string, string>>
export async function readForm<T>(c: Context, schema: z.ZodType<T>, options?: { maxBytes?: number }): Promise<T>
export async function readForm<T>(c: Context, schemaOrOptions?: z.ZodType<T> | { maxBytes?: number }, options: { maxBytes?: number } = {}): Promise<T | Record<string, string>> {
  const schema = schemaOrOptions && 'safeParse' in schemaOrOptions ? schemaOrOptions : undefined
  const params = await readFormParams(c, schema ? options : ((schemaOrOptions as { maxBytes?: number } | undefined) ?? {}))
  const fields = Object.fromEntries(params) as Record<string, string>
  return schema ? checkInput(schema, fields) : fields
}

/** A form's fields with repeated names kept as lists (checkbox groups, repeated rows). */
export async function readFormAll(c: Context, options: { maxBytes?: number } = {}): Promise<Record<string, string | string[]>> {
  const params = await readFormParams(c, options)
  const out: Record<string, string | string[]> = {}
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key)
    out[key] = values.length === 1 ? values[0]! : values
  }
  return out
}

/** A file part of a multipart form, streamed as it arrives. */
export interface UploadedFile {
  /** The form field's name. */
  field: string
  /** The file name the browser sent (may be empty). */
  fileName: string
  mimeType: string
  /** The bytes; read it once. ERR_INPUT_INVALID when the form is cut off or malformed. */
  stream: AsyncIterable<Uint8Array>
}

/** A multipart form read up to its first file: the text fields before it, and the file (if any) as a stream. */
export interface MultipartForm {
  fields: Record<string, string>
  file: UploadedFile | undefined
  /** Stops reading the rest of the body (an early refusal). */
  discard(): void
}

const malformed = (err: unknown) =>
  new PlatformError('ERR_INPUT_INVALID', `The form could not be read: ${err instanceof Error ? err.message : String(err)}`, { cause: err })

/**
 * Reads a multipart/form-data body with busboy, streaming: the text fields up to the first file
 * (each at most 64 KB, at most 50), then stops, handing the file over as a stream for the route to
 * consume (forms put their file input last and `_csrf` first, so the CSRF check never reads a file
 * byte). Read once per request and kept. 400 for a malformed form, 413 past the field caps.
 */
export function readMultipart(c: Context): Promise<MultipartForm> {
  const cache = cacheOf(c)
  cache[MULTIPART] ??= openMultipart(c)
  return cache[MULTIPART]
}

function openMultipart(c: Context): Promise<MultipartForm> {
  if (formKind(c) !== 'multipart') return Promise.reject(new PlatformError('ERR_INPUT_INVALID', 'Send the form as multipart/form-data'))
  let parser: busboy.Busboy
  try {
    parser = busboy({
      headers: { 'content-type': c.req.header('content-type') ?? '' },
      limits: { fieldSize: BODY_LIMITS.field, fields: BODY_LIMITS.fields, files: 1, parts: BODY_LIMITS.fields + 1 },
    })
  } catch (err) {
    return Promise.reject(malformed(err))
  }
  const body = c.req.raw.body
  const source = body ? Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>) : Readable.from([])
  const discard = () => {
    source.unpipe(parser)
    source.destroy()
  }
  return new Promise<MultipartForm>((resolve, reject) => {
    const fields: Record<string, string> = {}
    let settled = false
    const fail = (err: PlatformError) => {
      if (settled) return
      settled = true
      discard()
      reject(err)
    }
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(tooLarge(`The form field ${name.slice(0, 40)}`, BODY_LIMITS.field))
      fields[name] = value
    })
    parser.on('fieldsLimit', () => fail(new PlatformError('ERR_INPUT_TOO_LARGE', `A form has at most ${BODY_LIMITS.fields} fields`)))
    parser.on('partsLimit', () => fail(new PlatformError('ERR_INPUT_TOO_LARGE', `A form has at most ${BODY_LIMITS.fields + 1} parts`)))
    parser.on('file', (field, stream, info) => {
      if (settled) return void stream.resume()
      settled = true
      resolve({ fields, file: { field, fileName: info.filename ?? '', mimeType: info.mimeType, stream: guarded(stream) }, discard })
    })
    parser.on('error', (err) => fail(malformed(err)))
    parser.on('close', () => {
      if (settled) return
      settled = true
      resolve({ fields, file: undefined, discard })
    })
    source.on('error', (err) => fail(err instanceof PlatformError ? err : malformed(err)))
    source.pipe(parser)
  })
}

/** A file stream whose errors (a cut-off or malformed form) become ERR_INPUT_INVALID. */
async function* guarded(stream: Readable): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array>) yield chunk
  } catch (err) {
    throw err instanceof PlatformError ? err : malformed(err)
  }
}

/**
 * The file of a multipart form, counted as it streams: ERR_INPUT_TOO_LARGE past `maxBytes`.
 * ERR_INPUT_INVALID when the form has no file in `field`.
 */
export async function readUploadedFile(c: Context, { field, maxBytes, what = 'The file' }: { field: string; maxBytes: number; what?: string }): Promise<UploadedFile & { fields: Record<string, string> }> {
  const form = await readMultipart(c)
  if (!form.file || form.file.field !== field) {
    form.discard()
    throw new InputError([{ path: field, code: 'required', message: 'Choose a file to upload' }])
  }
  const { stream } = form.file
  return {
    ...form.file,
    fields: form.fields,
    stream: (async function* () {
      let seen = 0
      for await (const chunk of stream) {
        seen += chunk.byteLength
        if (seen > maxBytes) {
          form.discard()
          throw tooLarge(what, maxBytes)
        }
        yield chunk
      }
    })(),
  }
}

/**
 * The query string checked against `schema` (the last value of a repeated name): an InputError
 * naming each parameter at fault. The schema is the one the operation's OpenAPI description shows.
 * @example const { limit, cursor } = readQuery(c, listBatchesQuery)
 */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const params = new URL(c.req.url).searchParams
  const values: Record<string, string> = {}
  for (const [name, value] of params) values[name] = value
  return checkInput(schema, values) as z.output<S>
}

/**
 * An integer query parameter in [min, max]: `fallback` when absent or empty, an InputError
 * (`invalid_type` / `too_small` / `too_large`) otherwise.
 */
export function intParam(c: Context, name: string, { min = 0, max = 999_999, fallback }: { min?: number; max?: number; fallback?: number } = {}): number | undefined {
  const raw = c.req.query(name)
  if (raw === undefined || raw === '') return fallback
  if (!/^\d{1,9}$/.test(raw)) throw new InputError([{ path: name, code: 'invalid_type', message: `must be a whole number, got ${JSON.stringify(raw.slice(0, 20))}` }])
  const value = Number(raw)
  if (value < min || value > max)
    throw new InputError([{ path: name, code: value < min ? 'too_small' : 'too_large', message: `must be a whole number from ${min} to ${max}` }])
  return value
}

/** An opaque paging cursor a list returned (base64url, at most 512 characters), or undefined; an InputError otherwise. */
export function cursorParam(c: Context, name = 'cursor'): string | undefined {
  const raw = c.req.query(name)
  if (raw === undefined || raw === '') return undefined
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(raw)) throw new InputError([{ path: name, code: 'invalid_format', message: 'not a cursor this list returned' }])
  return raw
}

/**
 * A small uploaded file of a multipart form, whole (an image, a logo): undefined when the form has
 * no file in `field` or it is empty (nothing chosen), ERR_INPUT_TOO_LARGE past `maxBytes`.
 */
export async function readUploadedBytes(
  c: Context,
  { field, maxBytes, what = 'The file' }: { field: string; maxBytes: number; what?: string },
): Promise<{ bytes: Uint8Array; mimeType: string; fileName: string; fields: Record<string, string> } | undefined> {
  const form = await readMultipart(c)
  if (!form.file || form.file.field !== field) {
    form.discard()
    return undefined
  }
  const { stream, mimeType, fileName } = await readUploadedFile(c, { field, maxBytes, what })
  const chunks: Uint8Array[] = []
  for await (const chunk of stream) chunks.push(chunk)
  const bytes = Buffer.concat(chunks)
  return bytes.byteLength === 0 ? undefined : { bytes, mimeType, fileName, fields: form.fields }
}
