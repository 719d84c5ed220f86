import { PlatformError } from '../errors.js'
import { encodeBase64, decodeBase64 } from './base64.js'
import { HASH_SIZE, type Hash } from './hash-leaf.js'

/** C2SP tlog-checkpoint: a log's origin, its size and the root hash of the tree of that size. */
export interface Checkpoint {
  /** The log's unique name, a schema-less URL such as `example.org/log`. */
  readonly origin: string
  readonly size: number
  readonly root: Hash
  /** Optional lines after the root (NOT RECOMMENDED by the spec; kept, never interpreted). */
  readonly extensions: readonly string[]
}

const SIZE = /^(?:0|[1-9][0-9]*)$/
// Note text may hold no control character but newline; a checkpoint line holds none at all.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f]/

const invalid = (why: string) => new PlatformError('ERR_INPUT_INVALID', `Checkpoint: ${why}`)

/**
 * C2SP tlog-checkpoint: the note text `<origin>\n<size>\n<base64 root>\n[extension lines\n]`.
 * Requires a non-empty origin and non-empty extension lines without control characters.
 * @see https://c2sp.org/tlog-checkpoint
 * @example
 * formatCheckpoint({ origin: 'emblem.example/log', size: 3, root, extensions: [] })
 */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, root, extensions } = checkpoint
  for (const line of [origin, ...extensions]) {
    if (line === '' || CONTROL.test(line)) throw new TypeError(`checkpoint lines must be non-empty, without control characters: ${JSON.stringify(line)}`)
  }
  if (!Number.isSafeInteger(size) || size < 0) throw new TypeError(`checkpoint size must be a non-negative safe integer, got ${size}`)
  if (root.length !== HASH_SIZE) throw new TypeError('checkpoint root must be 32 bytes')
  return [origin, String(size), encodeBase64(root), ...extensions].map((line) => `${line}\n`).join('')
}

/**
 * C2SP tlog-checkpoint: parses a checkpoint body strictly (decimal size without leading zeros,
 * canonical padded base64 of a 32-byte root, text ending in a newline). `ERR_INPUT_INVALID` otherwise.
 * @see https://c2sp.org/tlog-checkpoint
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw invalid('the text must end with a newline')
  const lines = text.slice(0, -1).split('\n')
  if (lines.length < 3) throw invalid('expected an origin, a size and a root hash line')
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]]
  if (origin === '' || CONTROL.test(origin)) throw invalid('the origin line is empty or has control characters')
  if (!SIZE.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine))) throw invalid(`bad tree size ${JSON.stringify(sizeLine.slice(0, 30))}`)
  const root = decodeBase64(rootLine)
  if (root?.length !== HASH_SIZE) throw invalid('the root is not the base64 of 32 bytes')
  if (extensions.some((line) => line === '' || CONTROL.test(line))) throw invalid('an extension line is empty or has control characters')
  return { origin, size: Number(sizeLine), root, extensions }
}
