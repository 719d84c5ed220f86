import { describe, expect, it } from 'vitest'
import { markdownBlocks, renderMarkdown } from './markdown-lite.js'

describe('markdownBlocks', () => {
  it('reads headings, bullet and numbered lists and paragraphs', () => {
    expect(markdownBlocks('# Learning outcomes\n\nThe learner can:\n\n1. plan;\n2. publish.\n\n- one\n* two\n\nA\nparagraph.')).toEqual([
      { kind: 'heading', text: 'Learning outcomes' },
      { kind: 'paragraph', text: 'The learner can:' },
      { kind: 'list', ordered: true, items: ['plan;', 'publish.'] },
      { kind: 'list', ordered: false, items: ['one', 'two'] },
      { kind: 'paragraph', text: 'A paragraph.' },
    ])
  })
})

describe('renderMarkdown', () => {
  it('escapes raw HTML instead of passing it through', async () => {
    const out = String(await renderMarkdown('<script>alert(1)</script>\n\n- <img src=x onerror=alert(1)>'))
    expect(out).not.toContain('<script>')
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(out).toContain('<li>&lt;img src=x onerror=alert(1)&gt;</li>')
  })
})
