// The subset of Markdown criteria narratives use, read into blocks (no HTML: pages render them escaped).

/** One block of a Markdown text. */
export type Block = { kind: 'heading'; text: string } | { kind: 'list'; ordered: boolean; items: string[] } | { kind: 'paragraph'; text: string }

const HEADING = /^#{1,6}\s+(.*)$/
const BULLET = /^\s*[-*+]\s+(.*)$/
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/

/** The blocks of a Markdown text: headings, bullet and numbered lists, paragraphs (the subset criteria narratives use). */
export function markdownBlocks(text: string): Block[] {
  const blocks: Block[] = []
  let paragraph: string[] = []
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') })
    paragraph = []
  }
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim()
    const heading = HEADING.exec(line)
    const item = BULLET.exec(raw) ?? NUMBERED.exec(raw)
    if (line === '') flush()
    else if (heading) {
      flush()
      blocks.push({ kind: 'heading', text: heading[1]!.trim() })
    } else if (item) {
      flush()
      const ordered = !BULLET.test(raw)
      const last = blocks.at(-1)
      if (last?.kind === 'list' && last.ordered === ordered) last.items.push(item[1]!.trim())
      else blocks.push({ kind: 'list', ordered, items: [item[1]!.trim()] })
    } else paragraph.push(line)
  }
  flush()
  return blocks
}
