import { describe, expect, it } from 'vitest'
import { validateAgainstJsonSchema } from './schema.js'

// A small stand-in for the 1EdTech schemas (which tests load from ../shared): same draft, same idioms.
const schema = {
  $schema: 'https://json-schema.org/draft/2019-09/schema#',
  $id: 'https://example.org/schemas/credential.json',
  type: 'object',
  required: ['id', 'type', 'validFrom', 'credentialSubject'],
  properties: {
    id: { type: 'string' },
    type: {
      oneOf: [
        { type: 'string' },
        { type: 'array', minItems: 1, contains: { enum: ['VerifiableCredential'] }, items: { type: 'string' } },
      ],
    },
    validFrom: { type: 'string', format: 'date-time' },
    credentialSubject: {
      type: 'object',
      required: ['identifier'],
      properties: {
        identifier: {
          type: 'object',
          required: ['type', 'hashed'],
          additionalProperties: false,
          properties: { type: { enum: ['IdentityObject'] }, hashed: { type: 'boolean' } },
        },
      },
    },
  },
}
const valid = {
  id: 'urn:uuid:1',
  type: ['VerifiableCredential'],
  validFrom: '2025-01-01T00:00:00Z',
  credentialSubject: { identifier: { type: 'IdentityObject', hashed: true } },
}

describe('validateAgainstJsonSchema', () => {
  it('passes a document the schema accepts', () => {
    expect(validateAgainstJsonSchema(valid, schema)).toEqual({ valid: true, errors: [] })
  })

  it('points at a missing property itself and says it is required', () => {
    const { validFrom, ...rest } = valid
    expect(validFrom).toBeDefined()
    expect(validateAgainstJsonSchema(rest, schema).errors).toEqual([{ path: '/validFrom', message: 'is required' }])
  })

  it('explains a date-time without a time zone', () => {
    expect(validateAgainstJsonSchema({ ...valid, validFrom: '2025-01-01T00:00:00' }, schema).errors).toEqual([
      { path: '/validFrom', message: 'must be a date-time with a time zone, e.g. 2025-01-01T00:00:00Z' },
    ])
  })

  it('reports what a oneOf needed instead of every failed branch', () => {
    expect(validateAgainstJsonSchema({ ...valid, type: ['OpenBadgeCredential'] }, schema).errors).toEqual([
      { path: '/type', message: 'must include "VerifiableCredential"' },
    ])
    expect(validateAgainstJsonSchema({ ...valid, type: 42 }, schema).errors).toEqual([{ path: '/type', message: 'must be a string or an array' }])
  })

  it('names enum values and properties that are not allowed', () => {
    const subject = { identifier: { type: 'Identity', hashed: true, email: 'a@example.org' } }
    expect(validateAgainstJsonSchema({ ...valid, credentialSubject: subject }, schema).errors).toEqual([
      { path: '/credentialSubject/identifier/email', message: 'is not allowed here' },
      { path: '/credentialSubject/identifier/type', message: 'must be one of "IdentityObject"' },
    ])
  })

  it('compiles each schema object once and accepts two copies of one $id', () => {
    const copy = structuredClone(schema)
    expect(validateAgainstJsonSchema(valid, copy).valid).toBe(true)
    expect(validateAgainstJsonSchema(valid, schema).valid).toBe(true)
    const started = performance.now()
    for (let i = 0; i < 1000; i++) validateAgainstJsonSchema(valid, schema)
    expect(performance.now() - started).toBeLessThan(200)
  })
})
