import { describe, expect, it } from 'vitest'
import { checkDefinition, parseDefinition } from './definition.js'
import { assertIssuable, completenessIssues } from './issuable.js'
import type { AchievementRecord } from './ports.js'

const issuesOf = (input: unknown) => {
  const checked = checkDefinition(input)
  return checked.ok ? [] : checked.issues
}

describe('achievement definition', () => {
  it('needs only a name for a draft, and fills in defaults', () => {
    expect(parseDefinition({ name: '  Data   Literacy ' })).toEqual({
      name: 'Data Literacy',
      description: '',
      criteria: {},
      achievementType: 'MicroCredential',
      tag: [],
      resultDescription: [],
      alignment: [],
      learningOutcomes: [],
    })
  })

  it('names each field at fault, including nested ones', () => {
    const issues = issuesOf({
      name: '',
      criteria: { id: 'javascript:alert(1)' },
      inLanguage: 'english please',
      eqfLevel: 9,
      ects: 'three',
      participation: 'by post',
      alignment: [{ targetName: 'ok', targetUrl: 'not a uri' }],
      resultDescription: [{ name: 'Grade', resultType: 'Vibes' }],
      tag: ['x'.repeat(61)],
      colour: 'red',
    })
    const paths = Object.fromEntries(issues.map((i) => [i.path, i.message]))
    expect(paths).toMatchObject({
      name: 'is required',
      'criteria.id': 'must be an http(s) URL',
      inLanguage: 'must be a BCP 47 language tag such as en or pt-BR',
      eqfLevel: 'must be between 1 and 8',
      ects: 'must be a number',
      participation: 'must be one of online, onsite, blended',
      'alignment.0.targetUrl': 'must be an absolute URI such as https://… or urn:…',
      'resultDescription.0.resultType': expect.stringContaining('must be one of GradePointAverage'),
      'tag.0': 'must be at most 60 characters',
      definition: 'has unknown field(s) colour',
    })
  })

  it('limits every list and long text', () => {
    const issues = issuesOf({
      name: 'n'.repeat(201),
      description: 'd'.repeat(4001),
      tag: Array.from({ length: 31 }, (_, i) => `t${i}`),
      alignment: Array.from({ length: 101 }, () => ({ targetName: 'a', targetUrl: 'urn:a' })),
      learningOutcomes: Array.from({ length: 31 }, () => 'o'),
    })
    expect(issues.map((i) => i.path).sort()).toEqual(['alignment', 'description', 'learningOutcomes', 'name', 'tag'])
  })

  it('rejects control characters but keeps line breaks in Markdown fields', () => {
    expect(issuesOf({ name: 'a\u0007b' })).toEqual([{ path: 'name', code: 'invalid_characters', message: 'must not contain control characters' }])
    expect(parseDefinition({ name: 'A', criteria: { narrative: ' line 1\r\nline 2 ' } }).criteria).toEqual({ narrative: 'line 1\nline 2' })
  })

  it('accepts ext: values for extensible enumerations and drops empty optional text', () => {
    const definition = parseDefinition({ name: 'A', achievementType: 'ext:Bootcamp', fieldOfStudy: '  ', alignment: [{ targetName: 'x', targetUrl: 'urn:x', targetCode: '' }] })
    expect(definition.achievementType).toBe('ext:Bootcamp')
    expect(definition).not.toHaveProperty('fieldOfStudy')
    expect(definition.alignment).toEqual([{ targetName: 'x', targetUrl: 'urn:x' }])
  })

  it('is an ERR_INPUT_INVALID error listing the fields when parsing throws', () => {
    expect(() => parseDefinition({ eqfLevel: 2.5 })).toThrow(/name: is required; eqfLevel: must be a whole number/)
  })
})

describe('issuability', () => {
  const record = (state: AchievementRecord['state'], definition: Record<string, unknown>): AchievementRecord => ({
    id: 'a',
    orgId: 'o',
    state,
    name: 'Data Literacy',
    definition,
    imageId: null,
    version: 1,
    createdAt: '',
    updatedAt: '',
  })
  const complete = parseDefinition({ name: 'Data Literacy', description: 'D', criteria: { narrative: 'Pass.' } }) as unknown as Record<string, unknown>

  it('requires a description and criteria before publishing', () => {
    expect(completenessIssues(parseDefinition({ name: 'A' })).map((i) => i.path)).toEqual(['description', 'criteria.narrative'])
    expect(completenessIssues(parseDefinition({ name: 'A', description: 'D', criteria: { id: 'https://example.edu/c' } }))).toEqual([])
  })

  it('allows issuing from a published, complete achievement only', () => {
    expect(() => assertIssuable(record('published', complete))).not.toThrow()
    expect(() => assertIssuable(record('draft', complete))).toThrow(/is a draft; publish it/)
    expect(() => assertIssuable(record('archived', complete))).toThrow(expect.objectContaining({ code: 'ERR_STATE_INVALID', message: expect.stringContaining('archived') }))
    expect(() => assertIssuable(record('published', { name: 'Data Literacy', description: '' }))).toThrow(/incomplete: description/)
  })
})
