import { describe, expect, it } from 'vitest'
import { hashLeaf } from '../core/transparency-log/index.js'
import { checkpointOfNote, compareWithHead, headMismatchError } from './log-head.js'

const root = (n: number) => hashLeaf(new Uint8Array([n]))
const head = { origin: 'badges.example.edu/log', size: 12, root: root(1), extensions: [] }

describe('compareWithHead', () => {
  it('accepts a tree that extends the mark: the same size and root, or more leaves with the same root at its size', () => {
    expect(compareWithHead(head, { origin: head.origin, size: 12, rootAtHeadSize: root(1) })).toBeUndefined()
    expect(compareWithHead(head, { origin: head.origin, size: 500, rootAtHeadSize: root(1) })).toBeUndefined()
  })

  it('refuses fewer leaves (a restored older database), another root at its size (a fork) and another log', () => {
    expect(compareWithHead(head, { origin: head.origin, size: 11, rootAtHeadSize: undefined })).toEqual({ kind: 'behind' })
    expect(compareWithHead(head, { origin: head.origin, size: 12, rootAtHeadSize: root(2) })).toEqual({ kind: 'fork' })
    expect(compareWithHead(head, { origin: head.origin, size: 30, rootAtHeadSize: root(2) })).toEqual({ kind: 'fork' })
    expect(compareWithHead(head, { origin: 'other.example/log', size: 30, rootAtHeadSize: root(1) })).toEqual({ kind: 'origin' })
  })

  it('says what happened, both sizes, and the way out', () => {
    const err = headMismatchError({ kind: 'behind' }, head, { origin: head.origin, size: 7 }, '/srv/emblem/log-head')
    expect(err.code).toBe('ERR_LOG_INCONSISTENT')
    expect(err.message).toMatch(/has 7 entries, fewer than the 12 .* \/srv\/emblem\/log-head.*restored from an older backup.*emblem log forget-head --yes.*docs\/OPERATIONS\.md#/)
  })

  it('reads the checkpoint out of a signed note, and only a checkpoint', () => {
    const note = 'badges.example.edu/log\n12\nAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=\n\n\u2014 badges.example.edu/log abcd\n'
    expect(checkpointOfNote(note)).toMatchObject({ origin: 'badges.example.edu/log', size: 12 })
    expect(() => checkpointOfNote('garbage')).toThrow()
  })
})
