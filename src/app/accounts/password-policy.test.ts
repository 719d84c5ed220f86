import { describe, expect, it } from 'vitest'
import { parseEmail, parseName } from './account-input.js'
import { passwordProblem } from './password-policy.js'

describe('password policy', () => {
  const email = 'ada.lovelace@example.org'
  it('accepts a long, uncommon password', () => {
    expect(passwordProblem('analytical engine 1843', { email })).toBeUndefined()
  })
  it('refuses fewer than 10 or more than 128 characters, counting code points', () => {
    expect(passwordProblem('short pw1', { email })).toMatch(/at least 10/)
    expect(passwordProblem('🔑🚪'.repeat(5), { email })).toBeUndefined()
    expect(passwordProblem('🔑🚪🔑🚪🔑🚪🔑🚪🔑', { email })).toMatch(/at least 10 characters \(this one has 9\)/)
    expect(passwordProblem('x1'.repeat(65), { email })).toMatch(/at most 128/)
  })
  it('refuses the e-mail address, its local part and very common passwords', () => {
    expect(passwordProblem('Ada.Lovelace@Example.org', { email })).toMatch(/e-mail/)
    expect(passwordProblem('ada.lovelace', { email: 'ada.lovelace@example.org' })).toMatch(/e-mail/)
    expect(passwordProblem('Password123', { email })).toMatch(/most common/)
    expect(passwordProblem('qwertyuiop', { email })).toMatch(/most common/)
    expect(passwordProblem('zzzzzzzzzzzz', { email })).toMatch(/repeat/)
  })
})

describe('account input', () => {
  it('normalizes an e-mail address and refuses what is not one', () => {
    expect(parseEmail('  Ada@Example.ORG ')).toEqual({ email: 'ada@example.org' })
    expect(parseEmail('ada@')).toHaveProperty('problem')
    expect(parseEmail('a b@example.org')).toHaveProperty('problem')
    expect(parseEmail('')).toEqual({ problem: 'Enter your e-mail address', code: 'required' })
    expect(parseEmail('a b@example.org')).toMatchObject({ code: 'invalid_email' })
  })
  it('trims a name and refuses an empty, overlong or control-character one', () => {
    expect(parseName('  Ada   Lovelace ')).toEqual({ name: 'Ada Lovelace' })
    expect(parseName('   ')).toHaveProperty('problem')
    expect(parseName('x'.repeat(101))).toHaveProperty('problem')
    expect(parseName('Ada\u0000')).toHaveProperty('problem')
  })
})
