import { describe, expect, it } from 'vitest'
import { analyseGap, ancestorMapOf, rankPrograms } from './gap.js'

const req = (skillId: string, relation: 'essential' | 'optional') => ({ skillId, label: skillId, description: '', framework: null, relation, category: 'skill' as const, importance: null })

describe('gap analysis', () => {
  it('keeps the nearest held skills for each ancestor, and leaves out ancestors the learner holds', () => {
    const map = ancestorMapOf(['python', 'java', 'programming'], [
      { heldId: 'python', ancestorId: 'programming', depth: 1 },
      { heldId: 'python', ancestorId: 'ict', depth: 2 },
      { heldId: 'java', ancestorId: 'ict', depth: 2 },
      { heldId: 'java', ancestorId: 'group', depth: 1 },
      { heldId: 'python', ancestorId: 'group', depth: 3 },
    ])
    expect(map.has('programming')).toBe(false)
    expect([...map.get('ict')!].sort()).toEqual(['java', 'python'])
    expect([...map.get('group')!]).toEqual(['java'])
  })

  it('covers a skill directly or through a narrower held skill, says why, and lists the gap essential first', () => {
    const credentials = [{ id: 'w1', name: 'Python Basics', skills: [{ uri: 'python', label: 'Python' }] }]
    const { covered, gap } = analyseGap([req('r-optional', 'optional'), req('programming', 'essential'), req('python', 'optional'), req('debug', 'essential')], credentials, new Map([['programming', new Set(['python'])]]))
    expect(covered.map((c) => [c.skill, c.because.map((b) => b.match), c.credentials])).toEqual([
      ['programming', ['narrower'], ['w1']],
      ['python', ['direct'], ['w1']],
    ])
    expect(gap.map((g) => g.skill)).toEqual(['debug', 'r-optional'])
  })

  it('ranks programs by the gap they cover per hour, free ones before paid ones at the same rate', () => {
    const gap = [{ skill: 'a', label: 'a', relation: 'essential' as const }, { skill: 'b', label: 'b', relation: 'optional' as const }]
    const ranked = rankPrograms(
      [
        { id: 'paid', title: 'Paid', covers: ['a'], hours: 10, price: 100 },
        { id: 'free', title: 'Free', covers: ['a'], hours: 10, price: 0 },
        { id: 'slow', title: 'Slow', covers: ['a', 'b'], hours: 100, price: 0 },
        { id: 'off', title: 'Off topic', covers: ['z'], hours: 1, price: 0 },
      ],
      gap,
    )
    expect(ranked.map((p) => p.id)).toEqual(['free', 'paid', 'slow'])
    expect(ranked[2]).toMatchObject({ gapWeight: 3, perHour: 0.03, perPrice: null })
  })
})
