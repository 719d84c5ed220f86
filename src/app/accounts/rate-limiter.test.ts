import { describe, expect, it } from 'vitest'
import { createRateLimiter } from './rate-limiter.js'

const clockAt = (start = 0) => {
  let t = start
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) }
}

describe('rate limiter', () => {
  it('allows the limit, refuses the next, and frees a slot when the oldest event ages out', () => {
    const clock = clockAt()
    const limiter = createRateLimiter(clock, { limit: 3, windowMs: 60_000 })
    for (let i = 0; i < 3; i++) {
      expect(limiter.check('k').allowed).toBe(true)
      limiter.hit('k')
      clock.advance(10_000)
    }
    expect(limiter.check('k')).toEqual({ allowed: false, retryAfterSeconds: 30 })
    clock.advance(29_999)
    expect(limiter.check('k').allowed).toBe(false)
    clock.advance(1)
    expect(limiter.check('k').allowed).toBe(true)
  })

  it('keeps keys apart and forgets a key on reset', () => {
    const clock = clockAt()
    const limiter = createRateLimiter(clock, { limit: 1, windowMs: 1000 })
    limiter.hit('a')
    expect(limiter.check('a').allowed).toBe(false)
    expect(limiter.check('b').allowed).toBe(true)
    limiter.reset('a')
    expect(limiter.check('a').allowed).toBe(true)
  })

  it('never answers a wait shorter than one second', () => {
    const clock = clockAt()
    const limiter = createRateLimiter(clock, { limit: 1, windowMs: 1500 })
    limiter.hit('k')
    clock.advance(1400)
    expect(limiter.check('k')).toEqual({ allowed: false, retryAfterSeconds: 1 })
  })

  it('holds at most maxKeys keys, dropping the stalest first', () => {
    const clock = clockAt()
    const limiter = createRateLimiter(clock, { limit: 1, windowMs: 60_000 }, { maxKeys: 2 })
    limiter.hit('old')
    limiter.hit('mid')
    limiter.hit('new')
    expect(limiter.check('old').allowed).toBe(true)
    expect(limiter.check('mid').allowed).toBe(false)
    expect(limiter.check('new').allowed).toBe(false)
  })
})
