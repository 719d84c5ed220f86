import { describe, expect, it } from 'vitest'
import { skillsProfile } from './skills-profile.js'

const esco = 'ESCO'
describe('skills profile', () => {
  it('counts a skill once per credential, joining by URI, framework code or label, most proven first', () => {
    const profile = skillsProfile([
      { id: 'a', name: 'Data Basics', issuerName: 'Uni A', skills: [{ label: 'Data analysis', uri: 'http://data.europa.eu/esco/skill/1' }, { label: 'Teamwork' }, { label: 'teamwork ' }] },
      { id: 'b', name: 'Data Advanced', issuerName: 'Uni B', skills: [{ label: 'Analyse data', uri: 'http://data.europa.eu/esco/skill/1' }, { label: 'SQL', code: 'S1.2', framework: esco }] },
      { id: 'c', name: 'Databases', issuerName: 'Uni B', skills: [{ label: 'Structured Query Language', code: 's1.2', framework: esco }, { label: 'Teamwork' }, { label: '  ' }] },
    ])
    expect(profile.map((s) => [s.label, s.count, s.credentials.map((c) => c.id)])).toEqual([
      ['Data analysis', 2, ['a', 'b']],
      ['SQL', 2, ['b', 'c']],
      ['Teamwork', 2, ['a', 'c']],
    ])
    expect(profile[1]).toMatchObject({ code: 'S1.2', framework: esco })
    expect(profile[0]).toMatchObject({ uri: 'http://data.europa.eu/esco/skill/1' })
  })
  it('is empty without skills', () => {
    expect(skillsProfile([{ id: 'a', name: 'x', issuerName: 'y', skills: [] }])).toEqual([])
  })
})
