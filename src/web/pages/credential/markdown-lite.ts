import { html } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import { markdownBlocks } from '../../../app/credentials/markdown-blocks.js'

export { markdownBlocks }

/** Markdown rendered as escaped HTML (no raw HTML, no links): headings at `headingLevel`, lists, paragraphs. */
export function renderMarkdown(text: string, headingLevel: 3 | 4 = 3): HtmlEscapedString | Promise<HtmlEscapedString> {
  return html`${markdownBlocks(text).map((block) => {
    if (block.kind === 'heading') return headingLevel === 3 ? html`<h3>${block.text}</h3>` : html`<h4>${block.text}</h4>`
    if (block.kind === 'paragraph') return html`<p>${block.text}</p>`
    const items = block.items.map((item) => html`<li>${item}</li>`)
    return block.ordered ? html`<ol>${items}</ol>` : html`<ul>${items}</ul>`
  })}`
}
