import { describe, expect, it } from 'vitest'
import { nextFreeIndex } from './next-free-index.js'
import { StatusList } from './status-list.js'

/** A deterministic stand-in for crypto.randomInt that replays `picks`, then repeats the last. */
const replay = (...picks: number[]) => {
  let call = 0
  return () => picks[Math.min(call++, picks.length - 1)]!
}

describe('nextFreeIndex', () => {
  it('returns the random pick when it is free', () => {
    expect(nextFreeIndex(new StatusList(), replay(90_210))).toBe(90_210)
  })

  it('draws again when the pick is already allocated', () => {
    const allocated = new StatusList()
    allocated.set(5)
    allocated.set(6)
    expect(nextFreeIndex(allocated, replay(5, 6, 7))).toBe(7)
  })

  it('scans from a random start, wrapping, once the random probes run out', () => {
    const allocated = new StatusList()
    for (let i = 0; i < allocated.length; i++) if (i !== 3) allocated.set(i)
    expect(nextFreeIndex(allocated, replay(100), { attempts: 2 })).toBe(3)
  })

  it('returns undefined when every index is allocated', () => {
    const allocated = new StatusList()
    for (let i = 0; i < allocated.length; i++) allocated.set(i)
    expect(nextFreeIndex(allocated, replay(0))).toBeUndefined()
  })

  it('refuses a random function that answers out of range', () => {
    expect(() => nextFreeIndex(new StatusList(), () => 131_072)).toThrow(TypeError)
    expect(() => nextFreeIndex(new StatusList(), () => 0.5)).toThrow(TypeError)
  })
})
