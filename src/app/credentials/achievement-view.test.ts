import { describe, expect, it } from 'vitest'
import { parseDefinition } from '../achievements/definition.js'
import { obAchievement } from '../achievements/ob-achievement.js'
import { buildRealisticCredential } from '../../../test/support/builders.js'
import { achievementView, httpUrl } from './achievement-view.js'

const record = (definition: unknown) => ({
  id: 'a1',
  orgId: 'o1',
  state: 'published' as const,
  name: 'FAIR',
  definition: parseDefinition(definition) as unknown as Record<string, unknown>,
  imageId: null,
  version: 1,
  createdAt: '',
  updatedAt: '',
})

describe('achievementView', () => {
  it('splits the EU elements obAchievement writes into outcomes, facts, prerequisites and quality assurance', () => {
    const achievement = obAchievement(
      record({
        name: 'FAIR',
        description: 'd',
        criteria: { narrative: 'Pass the project.' },
        learningOutcomes: ['Plan', 'Publish'],
        workloadHours: 75,
        ects: 3,
        eqfLevel: 6,
        participation: 'blended',
        prerequisites: 'A degree',
        qualityAssurance: 'Accredited',
        alignment: [{ targetName: 'manage data', targetUrl: 'http://data.europa.eu/esco/skill/1', targetFramework: 'ESCO' }],
      }),
      { publicUrl: 'https://badges.example.edu', orgSlug: 'demo' },
    )
    const view = achievementView({ credentialSubject: { achievement } })
    expect(view.criteria).toBe('Pass the project.')
    expect(view.learningOutcomes).toEqual(['Plan', 'Publish'])
    expect(view.facts).toEqual([
      { label: 'Workload', value: '75 hours, 3 ECTS credits' },
      { label: 'Level', value: 'EQF 6' },
      { label: 'Form of participation', value: 'Blended (online and on site)' },
    ])
    expect(view.prerequisites).toBe('A degree')
    expect(view.qualityAssurance).toBe('Accredited')
    expect(view.skills.map((s) => s.targetName)).toEqual(['manage data'])
    expect(view.otherSections).toEqual([])
  })

  it('derives workload and level from credits and the EQF alignment of a credential issued elsewhere', () => {
    const view = achievementView(buildRealisticCredential() as unknown as Record<string, unknown>)
    expect(view.facts).toEqual([
      { label: 'Workload', value: '3 ECTS credits' },
      { label: 'Level', value: 'EQF 6' },
    ])
    expect(view.skills).toHaveLength(2)
    expect(view.otherSections.map((s) => s.title)).toEqual([])
    expect(view.criteria).toContain('# Learning outcomes')
  })

  it('turns only http(s) URLs into links or images', () => {
    expect(httpUrl('https://example.edu/x')).toBe('https://example.edu/x')
    expect(httpUrl('javascript:alert(1)')).toBeUndefined()
    expect(httpUrl('data:image/svg+xml,<svg/>')).toBeUndefined()
    expect(httpUrl(42)).toBeUndefined()
  })
})
