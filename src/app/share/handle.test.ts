import { describe, expect, it } from 'vitest'
import { handleProblem, normalizeHandle, suggestHandle } from './handle.js'

describe('profile handles', () => {
  it('accepts 3–30 lower-case letters, digits and inner hyphens', () => {
    for (const ok of ['ada', 'ada-lovelace', 'a1b', 'x'.repeat(30), '2026-grad']) expect(handleProblem(ok)).toBeUndefined()
  })
  it('refuses short, long, odd characters, edge hyphens and reserved words, saying why', () => {
    expect(handleProblem('ab')?.code).toBe('too_short')
    expect(handleProblem('x'.repeat(31))?.code).toBe('too_long')
    for (const bad of ['ada_l', 'ada l', 'adá', '-ada', 'ada-', 'ADA']) expect(handleProblem(bad)?.code).toBe('invalid_characters')
    for (const reserved of ['admin', 'wallet', 'api', 'emblem']) expect(handleProblem(reserved)?.code).toBe('taken')
  })
  it('normalizes what was typed and suggests a usable handle from a name', () => {
    expect(normalizeHandle('  Ada-L ')).toBe('ada-l')
    expect(suggestHandle('Ada Lovelace', 'x1')).toBe('ada-lovelace')
    expect(suggestHandle('Zoë Ünal', 'x1')).toBe('zoe-unal')
    expect(suggestHandle('李', 'k9f')).toBe('k9f')
    expect(suggestHandle('Admin', 'k9f')).toBe('admin-k9f')
    for (const name of ['Jo', '', '!!!', 'A'.repeat(80)]) expect(handleProblem(suggestHandle(name, 'q7z'))).toBeUndefined()
  })
})
