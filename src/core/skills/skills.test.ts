import { describe, expect, it } from 'vitest'
import { DEMO_SKILLS } from './demo-skills.js'
import { escoSkillOf, missingEscoColumns } from './esco.js'
import { onetSkillsOf } from './onet.js'
import { escapeLike, likePattern, prefixPatterns, searchTextOf } from './search-text.js'

describe('ESCO rows', () => {
  const row = {
    conceptUri: 'http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab',
    skillType: 'knowledge',
    preferredLabel: 'Python (computer programming)',
    altLabels: 'Python3\nPython (computer programming)\n Py3K \n\nPython3',
    hiddenLabels: 'Pyhton',
    status: 'released',
    description: ' Programming in Python. ',
  }

  it('keeps the URI, its UUID as the code, the kind, distinct displayable synonyms and the description', () => {
    expect(escoSkillOf(row)).toEqual({
      id: row.conceptUri,
      framework: 'esco',
      code: '0005c151-5b5a-4a66-8aac-60e734beb1ab',
      kind: 'knowledge',
      preferredLabel: 'Python (computer programming)',
      altLabels: ['Python3', 'Py3K'],
      description: 'Programming in Python.',
      searchText: 'python (computer programming)\npython3\npy3k\npyhton',
    })
  })

  it('matches hidden labels (misspellings) without ever showing them', () => {
    const skill = escoSkillOf(row)!
    expect(skill.searchText).toContain('pyhton')
    expect(skill.altLabels).not.toContain('Pyhton')
  })

  it('skips rows without a URI or label and rows that are not released; a blank skillType is a skill', () => {
    expect(escoSkillOf({ ...row, conceptUri: '' })).toBeUndefined()
    expect(escoSkillOf({ ...row, preferredLabel: ' ' })).toBeUndefined()
    expect(escoSkillOf({ ...row, status: 'obsolete' })).toBeUndefined()
    expect(escoSkillOf({ ...row, skillType: '' })?.kind).toBe('skill')
  })

  it('names the required columns a header lacks', () => {
    expect(missingEscoColumns(['conceptType', 'conceptUri'])).toEqual(['preferredLabel'])
  })
})

describe('O*NET Content Model elements', () => {
  it('keeps the leaves under basic skills, cross-functional skills and knowledge, with their descriptor page as URI', () => {
    const skills = onetSkillsOf([
      { elementId: '2', name: 'Worker Requirements', description: 'x' },
      { elementId: '2.A', name: 'Basic Skills', description: 'x' },
      { elementId: '2.A.1', name: 'Content', description: 'x' },
      { elementId: '2.A.1.a', name: 'Reading Comprehension', description: 'Understanding written sentences.' },
      { elementId: '2.C', name: 'Knowledge', description: 'x' },
      { elementId: '2.C.6', name: 'Education and Training', description: 'n/a' },
      { elementId: '1.A.1.a', name: 'Oral Comprehension', description: 'an ability, not a skill' },
    ])
    expect(skills.map((s) => [s.code, s.kind, s.id])).toEqual([
      ['2.A.1.a', 'skill', 'https://www.onetonline.org/find/descriptor/result/2.A.1.a'],
      ['2.C.6', 'knowledge', 'https://www.onetonline.org/find/descriptor/result/2.C.6'],
    ])
    expect(skills[1]!.description).toBe('')
  })
})

describe('search text', () => {
  it('is the distinct labels, normalized, one per line, preferred first', () => {
    expect(searchTextOf(['Data  Analysis', 'data analysis', 'Analytics '])).toBe('data analysis\nanalytics')
  })

  it('escapes LIKE wildcards so a % or _ in a query matches itself', () => {
    expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b')
    expect(likePattern('  Big   DATA ')).toBe('%big data%')
    expect(prefixPatterns('Git')).toEqual(['git%', '%\ngit%'])
  })
})

describe('demo skills', () => {
  it('offers about thirty skills with unique urn: ids that a credential can align to', () => {
    expect(DEMO_SKILLS.length).toBeGreaterThanOrEqual(25)
    expect(new Set(DEMO_SKILLS.map((s) => s.id)).size).toBe(DEMO_SKILLS.length)
    for (const skill of DEMO_SKILLS) expect(skill.id).toMatch(/^urn:emblem:skill:[a-z0-9-]+$/)
  })
})
