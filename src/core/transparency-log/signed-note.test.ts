import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { privateKeyObjectFromSeed } from '../proof/key-object.js'
import { formatCheckpoint, parseCheckpoint } from './checkpoint.js'
import { hashLeaf } from './hash-leaf.js'
import { createNoteSigner, formatSignerKey, noteKeyId, parseSignerKey, parseVerifierKey, verifierKeyOf } from './note-keys.js'
import { openNote, signNote } from './signed-note.js'

const seedOf = (byte: number) => new Uint8Array(32).fill(byte)
const logSigner = createNoteSigner('emblem.example/log', seedOf(1))
const witnessSigner = createNoteSigner('witness.example', seedOf(2))
const { privateKey: logKey } = generateKeyPairSync('ed25519')
const logVerifier = parseVerifierKey(verifierKeyOf('emblem.example/log', privateKeyObjectFromSeed(seedOf(1))))
const witnessVerifier = parseVerifierKey(verifierKeyOf('witness.example', privateKeyObjectFromSeed(seedOf(2))))
const text = formatCheckpoint({ origin: 'emblem.example/log', size: 7, root: hashLeaf(Uint8Array.of(7)), extensions: [] })
const codeOf = (run: () => unknown) => {
  try {
    run()
    return 'ok'
  } catch (err) {
    return (err as { code?: string; message: string }).code + ': ' + (err as Error).message
  }
}


describe('note keys', () => {
  it('round-trip a verifier key string and a Go signer key string', () => {
    const vkey = verifierKeyOf('emblem.example/log', logKey)
    expect(vkey).toMatch(/^emblem\.example\/log\+[0-9a-f]{8}\+A[Q-Za-f]/)
    const skey = formatSignerKey('emblem.example/log', logKey)
    const signer = parseSignerKey(skey)
    expect(`${signer.name}+${signer.keyId}`).toBe(vkey.split('+').slice(0, 2).join('+'))
    expect(() => openNote(signNote(text, [signer]), [parseVerifierKey(vkey)])).not.toThrow()
  })

  it('derive the key ID from the name too, so one key under two names has two IDs', () => {
    const publicKey = new Uint8Array(32)
    expect(noteKeyId('a', publicKey)).not.toBe(noteKeyId('b', publicKey))
  })

  it('reject key strings that are malformed, of another type, or whose ID does not match', () => {
    // A fixed key whose ID has a hex letter in it, so the upper-cased ID really differs.
    const seed = [3, 4, 5, 6, 7, 8, 9].map(seedOf).find((s) => /[a-f]/.test(verifierKeyOf('emblem.example/log', privateKeyObjectFromSeed(s)).split('+')[1]!))!
    const good = verifierKeyOf('emblem.example/log', privateKeyObjectFromSeed(seed))
    const [name, id, key] = [good.split('+')[0]!, good.split('+')[1]!, good.split('+').slice(2).join('+')]
    const flippedId = (parseInt(id, 16) ^ 1).toString(16).padStart(8, '0')
    const twoType = Buffer.from([2, ...Buffer.from(key, 'base64').subarray(1)]).toString('base64')
    for (const bad of [`${name}+${flippedId}+${key}`, `${name}+${id}+${twoType}`, `${name}+${id.toUpperCase()}+${key}`, `bad name+${id}+${key}`, `${name}+${id}`, '']) {
      expect(codeOf(() => parseVerifierKey(bad)), bad).toMatch(/^ERR_KEY_INVALID/)
    }
    expect(codeOf(() => parseSignerKey(`PUBLIC+KEY+${good}`))).toMatch(/^ERR_KEY_INVALID/)
  })
})

describe('signed notes', () => {
  it('open with the signatures of known keys and list the others as unknown', () => {
    const note = signNote(text, [logSigner, witnessSigner])
    expect(note.startsWith(`${text}\n\u2014 emblem.example/log `)).toBe(true)
    const opened = openNote(note, [logVerifier])
    expect(opened.text).toBe(text)
    expect(opened.signatures.map((s) => s.name)).toEqual(['emblem.example/log'])
    expect(opened.unknownSignatures.map((s) => s.name)).toEqual(['witness.example'])
    expect(openNote(note, [logVerifier, witnessVerifier]).signatures).toHaveLength(2)
    expect(parseCheckpoint(opened.text).size).toBe(7)
  })

  it('accept the same note as bytes', () => {
    expect(openNote(Buffer.from(signNote(text, [logSigner])), [logVerifier]).text).toBe(text)
  })

  it('refuse a note no known key signed, one with a bad signature, and one with a changed text', () => {
    const note = signNote(text, [logSigner])
    expect(codeOf(() => openNote(note, [witnessVerifier]))).toMatch(/^ERR_NOTE_INVALID: Note has no signature from a known key/)
    const forged = note.replace(/ (\S+)\n$/, (_, b64: string) => ` ${Buffer.from(Buffer.from(b64, 'base64').map((b, i) => (i === 10 ? b ^ 1 : b))).toString('base64')}\n`)
    expect(codeOf(() => openNote(forged, [logVerifier]))).toMatch(/^ERR_NOTE_INVALID: Note signature by emblem.example\/log\+[0-9a-f]{8} does not verify/)
    expect(codeOf(() => openNote(note.replace('\n7\n', '\n8\n'), [logVerifier]))).toMatch(/does not verify/)
  })

  it('refuse malformed notes as Go note.Open does', () => {
    const note = signNote(text, [logSigner])
    const malformed = [
      note.slice(0, -1),
      text,
      `${text}\n`,
      note.replace('\n', '\r\n'),
      `\u0001${note}`,
      `${note}not a signature\n`,
      note.replace('\u2014 ', '- '),
      note.replace('\u2014 emblem.example/log ', '\u2014 emblem.example/log  '),
      `${text}\n\u2014 a+b AAAAAAAA\n`,
      `${text}\n\u2014 name AAAA\n`,
    ]
    for (const bad of malformed) expect(codeOf(() => openNote(bad, [logVerifier])), JSON.stringify(bad)).toMatch(/^ERR_NOTE_INVALID: Malformed note/)
    expect(codeOf(() => openNote(Uint8Array.of(0xff, ...Buffer.from(note)), [logVerifier]))).toMatch(/not valid UTF-8/)
  })

  it('read at most 100 signature lines by default, ignoring repeats below that', () => {
    const line = signNote(text, [logSigner]).slice(text.length + 1)
    expect(openNote(`${text}\n${line.repeat(100)}`, [logVerifier]).signatures).toHaveLength(1)
    expect(codeOf(() => openNote(`${text}\n${line.repeat(101)}`, [logVerifier]))).toMatch(/more than 100 signatures/)
    expect(codeOf(() => openNote(`${text}\n${line.repeat(17)}`, [logVerifier], { maxSignatures: 16 }))).toMatch(/more than 16/)
  })

  it('refuse to sign text that could not be opened again', () => {
    expect(() => signNote('no newline', [logSigner])).toThrow(TypeError)
    expect(() => signNote('tab\there\n', [logSigner])).toThrow(TypeError)
    expect(() => signNote(text, [])).toThrow(TypeError)
  })
})
