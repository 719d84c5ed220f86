// JSON Lines input as blocks of whole lines: the bytes `emblem credential sign` and `verify` read,
// cut after a line feed, so that a block is a unit of work a pool thread can take whole (its
// ArrayBuffer transferred, not copied) and split into lines itself. Lines break as Node's readline
// breaks them (crlfDelay Infinity): at \n, \r\n and a lone \r; no line follows a final line break.

/** The size of a read, and so of most blocks (a block holds at least one whole line, however long). */
export const BLOCK_BYTES = 32 * 1024

const LINE_FEED = 0x0a
const LINE_BREAK = /\r?\n|\r(?!\n)/

/** A block's lines, decoded as UTF-8 (invalid bytes become U+FFFD, a byte order mark is kept). */
export function linesOfBlock(bytes: Uint8Array): string[] {
  const lines = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8').split(LINE_BREAK)
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

/**
 * Cuts a stream of bytes into blocks of whole lines: every block but the last ends with a line feed,
 * and owns its ArrayBuffer from its first byte (a transfer moves nothing another block needs).
 * `read(buffer, offset, length)` fills `buffer` from `offset` and answers how many bytes it read, 0 at
 * the end. A line longer than `blockBytes` makes a longer block.
 */
export async function* lineBlocks(
  read: (buffer: Uint8Array, offset: number, length: number) => Promise<number>,
  blockBytes = BLOCK_BYTES,
): AsyncGenerator<Uint8Array, void, undefined> {
  let carry = new Uint8Array(0)
  for (;;) {
    // Room for a whole block after what the last one left over; twice that when a line is longer.
    const buffer = new Uint8Array(carry.length + Math.max(blockBytes, carry.length))
    buffer.set(carry)
    const bytesRead = await read(buffer, carry.length, buffer.length - carry.length)
    const filled = carry.length + bytesRead
    if (bytesRead === 0) {
      if (filled > 0) yield buffer.subarray(0, filled)
      return
    }
    const end = buffer.lastIndexOf(LINE_FEED, filled - 1)
    if (end < 0) {
      carry = buffer.subarray(0, filled)
      continue
    }
    carry = buffer.slice(end + 1, filled)
    yield buffer.subarray(0, end + 1)
  }
}

/** The blocks of text already in memory (standard input), each in an ArrayBuffer of its own. */
export async function* lineBlocksOfText(text: string, blockBytes = BLOCK_BYTES): AsyncGenerator<Uint8Array, void, undefined> {
  const bytes = Buffer.from(text, 'utf8')
  let at = 0
  yield* lineBlocks(async (buffer, offset, length) => {
    const n = Math.min(length, bytes.length - at)
    buffer.set(bytes.subarray(at, at + n), offset)
    at += n
    return n
  }, blockBytes)
}

