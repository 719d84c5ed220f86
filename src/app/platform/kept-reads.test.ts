import { describe, expect, it } from 'vitest'
import { keptReads } from './kept-reads.js'

describe('keptReads', () => {
  it('answers the kept value while the token reads the same, and loads again once it changes', async () => {
    let token = 'a'
    let loads = 0
    const kept = keptReads({ changeToken: () => token })
    const load = async () => ++loads
    expect(await kept('k', load)).toBe(1)
    expect(await kept('k', load)).toBe(1)
    token = 'b'
    expect(await kept('k', load)).toBe(2)
    expect(await kept('other', load)).toBe(3)
  })

  it('loads every time without a token (PostgreSQL), and forgets a failed load', async () => {
    let loads = 0
    const none = keptReads({})
    await none('k', async () => ++loads)
    await none('k', async () => ++loads)
    expect(loads).toBe(2)
    const kept = keptReads({ changeToken: () => 'same' })
    await expect(kept('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down')
    expect(await kept('k', async () => 'up')).toBe('up')
  })

  it('keeps at most `max` keys, the least recently loaded going first', async () => {
    let loads = 0
    const kept = keptReads({ changeToken: () => 't' }, 2)
    const load = async () => ++loads
    await kept('a', load)
    await kept('b', load)
    await kept('c', load)
    expect(await kept('a', load)).toBe(4)
  })
})
