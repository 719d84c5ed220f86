// JSON Lines read in blocks of whole lines (credential-line-blocks.ts) give the records Node's
// readline gave before them — the same lines, numbered the same, blank ones skipped — however the
// bytes fall into blocks, and every block can be handed to a thread on its own.
import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { assertProperty } from '../../test/support/property.js'
import { recordsOf, type InputRecord } from './credential-input.js'
import { lineBlocksOfText, linesOfBlock } from './credential-line-blocks.js'

/** What `emblem credential sign` read before blocks: readline over the text, non-empty lines numbered from 1. */
async function readlineRecords(text: string): Promise<InputRecord[]> {
  const records: InputRecord[] = []
  let line = 0
  for await (const t of createInterface({ input: Readable.from([Buffer.from(text, 'utf8')]), crlfDelay: Infinity })) {
    line++
    if (t.trim() !== '') records.push({ line, text: t })
  }
  return records
}

async function collect<T>(items: AsyncIterable<T>, take: (item: T) => T = (item) => item): Promise<T[]> {
  const all: T[] = []
  for await (const item of items) all.push(take(item))
  return all
}

// Lines of JSON-ish text with non-ASCII and astral characters, blank and space-only lines, joined by
// every line break readline knows, with or without a final break and a byte order mark.
const content = fc.stringMatching(/^[ -~]{0,40}$/).chain((ascii) =>
  fc.oneof(
    fc.constant(ascii),
    fc.constantFrom('', ' ', '\t', '{"name":"Zoë 学习 🎓"}', 'é'.repeat(50), '🎓'.repeat(30)).map((extra) => ascii + extra),
  ),
)
const text = fc
  .tuple(
    fc.array(fc.tuple(content, fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 40 }),
    fc.boolean(),
    fc.boolean(),
    fc.option(content, { nil: undefined }),
  )
  .map(([lines, bom, finalBreak, last]) => (bom ? '\uFEFF' : '') + lines.map(([l, br]) => l + br).join('') + (finalBreak ? '' : (last ?? '')))

describe('JSON Lines in blocks of whole lines', () => {
  it('gives the records readline gave, whatever the block size', async () => {
    await assertProperty(
      fc.asyncProperty(text, fc.integer({ min: 1, max: 300 }), async (input, blockBytes) => {
        // Each block is moved away (as to a thread) before the next is read.
        const blocks = await collect(lineBlocksOfText(input, blockBytes), (block) => structuredClone(block, { transfer: [block.buffer as ArrayBuffer] }))
        expect(await collect(recordsOf(toAsync(blocks)))).toEqual(await readlineRecords(input))
        for (const [i, block] of blocks.entries()) {
          // Each block is a transferable whole: its own ArrayBuffer from its first byte.
          expect(block.byteOffset).toBe(0)
          if (i < blocks.length - 1) expect(block[block.length - 1]).toBe(0x0a)
        }
        expect(Buffer.concat(blocks).toString('utf8')).toBe(input)
      }),
      { numRuns: 2000 },
    )
  })

  it('keeps a line longer than a block whole, in one block', async () => {
    const long = `{"description":"${'学'.repeat(5000)}"}`
    const blocks = await collect(lineBlocksOfText(`{"a":1}\n${long}\r\n{"b":2}`, 64))
    expect(blocks.flatMap((b) => linesOfBlock(b))).toEqual(['{"a":1}', long, '{"b":2}'])
    expect(blocks.some((b) => linesOfBlock(b).includes(long))).toBe(true)
  })

  it('decodes invalid UTF-8 as readline did (U+FFFD), never failing', async () => {
    const bytes = new Uint8Array([0x7b, 0xff, 0x7d, 0x0a, 0xc3, 0x0a])
    expect(linesOfBlock(bytes)).toEqual(['{\uFFFD}', '\uFFFD'])
  })
})

async function* toAsync<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items
}
