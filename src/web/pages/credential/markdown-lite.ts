import { html } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'

type Block = { kind: 'heading'; text: string } | { kind: 'list'; ordered: boolean; items: string[] } | { kind: 'paragraph'; text: string }

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

/** Markdown rendered as escaped HTML (no raw HTML, no links): headings at `headingLevel`, lists, paragraphs. */
export function renderMarkdown(text: string, headingLevel: 3 | 4 = 3): HtmlEscapedString | Promise<HtmlEscapedString> {
  return html`${markdownBlocks(text).map((block) => {
    if (block.kind === 'heading') return headingLevel === 3 ? html`<h3>${block.text}</h3>` : html`<h4>${block.text}</h4>`
    if (block.kind === 'paragraph') return html`<p>${block.text}</p>`
    const items = block.items.map((item) => html`<li>${item}</li>`)
    return block.ordered ? html`<ol>${items}</ol>` : html`<ul>${items}</ul>`
  })}`
}
