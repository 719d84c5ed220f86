import { describe, expect, it } from 'vitest'
import { escoOccupationOf, escoRelationOf, onetRatingOf, onetTechnologyOf, skillUriOf } from './occupations.js'

describe('occupation rows', () => {
  it('reads an ESCO occupation with its ISCO group, code and distinct alternative labels', () => {
    const o = escoOccupationOf({ conceptUri: 'http://data.europa.eu/esco/occupation/x', iscoGroup: '2513', preferredLabel: 'web developer', altLabels: 'web designer\nweb developer\n', hiddenLabels: 'webdev', status: 'released', code: '2513.5', description: ' Builds sites. ' })
    expect(o).toMatchObject({ framework: 'esco', code: '2513.5', iscoGroup: '2513', altLabels: ['web designer'], description: 'Builds sites.', searchText: 'web developer\nweb designer\nwebdev' })
    expect(escoOccupationOf({ conceptUri: 'x', preferredLabel: 'y', status: 'obsolete' })).toBeUndefined()
  })

  it('keeps essential and optional relations only', () => {
    expect(escoRelationOf({ occupationUri: 'o', skillUri: 's', relationType: 'essential', skillType: 'knowledge' })).toEqual({ occupationId: 'o', skillId: 's', relation: 'essential', category: 'knowledge', importance: null })
    expect(escoRelationOf({ occupationUri: 'o', skillUri: 's', relationType: 'related' })).toBeUndefined()
  })

  it('reads O*NET importance rows (essential from 3), skipping level rows and suppressed ratings', () => {
    const row = { 'O*NET-SOC Code': '15-1211.00', 'Element ID': '2.A.1.a', 'Scale ID': 'IM', 'Data Value': '3.12', 'Recommend Suppress': 'N' }
    expect(onetRatingOf(row, 'skill')).toEqual({ occupationId: 'https://www.onetonline.org/link/summary/15-1211.00', skillId: 'https://www.onetonline.org/find/descriptor/result/2.A.1.a', relation: 'essential', category: 'skill', importance: 3.12 })
    expect(onetRatingOf({ ...row, 'Data Value': '2.5' }, 'knowledge')?.relation).toBe('optional')
    expect(onetRatingOf({ ...row, 'Scale ID': 'LV' }, 'skill')).toBeUndefined()
    expect(onetRatingOf({ ...row, 'Recommend Suppress': 'Y' }, 'skill')).toBeUndefined()
    expect(onetTechnologyOf({ 'O*NET-SOC Code': '15-1211.00', 'Commodity Code': '43232202', 'Commodity Title': 'Document management software', 'Hot Technology': 'Y' })?.requirement.relation).toBe('essential')
  })

  it('finds the framework URI of an alignment from its URL, or its framework and code', () => {
    expect(skillUriOf({ uri: 'http://data.europa.eu/esco/skill/a' })).toBe('http://data.europa.eu/esco/skill/a')
    expect(skillUriOf({ framework: 'Emblem demo skills', code: 'fair-data' })).toBe('urn:emblem:skill:fair-data')
    expect(skillUriOf({ framework: 'ESCO', code: 'CCD0A1D9-AFDA-43D9-B901-96344886E14D' })).toBe('http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d')
    expect(skillUriOf({ framework: 'O*NET', code: '2.B.3.e' })).toBe('https://www.onetonline.org/find/descriptor/result/2.B.3.e')
    expect(skillUriOf({ framework: 'ESCO', code: 'S1.2' })).toBeUndefined()
    expect(skillUriOf({ code: 'x' })).toBeUndefined()
  })
})
