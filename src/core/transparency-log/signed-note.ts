import { PlatformError } from '../errors.js'
import { decodeBase64, encodeBase64 } from './base64.js'
import { hasLoneSurrogate, isValidKeyName, type NoteSigner, type NoteVerifier } from './note-keys.js'

/** One signature line of a note: the key's name and ID, and base64(key ID || signature) as written. */
export interface NoteSignature {
  readonly name: string
  readonly keyId: string
  readonly base64: string
}

/** An opened note: its text, the signatures verified by known keys, and those of unknown keys (ignored). */
export interface OpenedNote {
  readonly text: string
  readonly signatures: readonly NoteSignature[]
  readonly unknownSignatures: readonly NoteSignature[]
}

/** Options of `openNote`. */
export interface OpenNoteOptions {
  /** Most signature lines read before the note is refused; C2SP asks verifiers to accept at least 16. */
  readonly maxSignatures?: number
}

const SIGNATURE_PREFIX = '\u2014 '
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f]/
const utf8 = new TextEncoder()

const invalid = (why: string) => new PlatformError('ERR_NOTE_INVALID', why)
const malformed = (why: string) => invalid(`Malformed note: ${why}`)

/**
 * C2SP signed-note: the text, a blank line, and one line `— <name> <base64(key ID || signature)>`
 * per signer. Requires text ending in a newline, with no control character but newline.
 * @see https://c2sp.org/signed-note
 * @example
 * const note = signNote(formatCheckpoint(checkpoint), [createNoteSigner('emblem.example/log', key)])
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!text.endsWith('\n') || CONTROL_BUT_NEWLINE.test(text) || hasLoneSurrogate(text)) {
    throw new TypeError('note text must end with a newline and hold no control character but newline')
  }
  if (signers.length === 0) throw new TypeError('a note needs at least one signer')
  const message = utf8.encode(text)
  const lines = signers.map((signer) => {
    if (!isValidKeyName(signer.name)) throw new TypeError(`invalid key name ${JSON.stringify(signer.name)}`)
    const signature = new Uint8Array([...Buffer.from(signer.keyId, 'hex'), ...signer.sign(message)])
    return `${SIGNATURE_PREFIX}${signer.name} ${encodeBase64(signature)}\n`
  })
  return `${text}\n${lines.join('')}`
}

/** The text and signature block of a note, checked as Go's note.Open checks them. */
function splitNote(note: string | Uint8Array): { text: string; lines: string[] } {
  let message: string
  if (typeof note === 'string') {
    if (hasLoneSurrogate(note)) throw malformed('not valid Unicode')
    message = note
  } else {
    try {
      message = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(note)
    } catch {
      throw malformed('not valid UTF-8')
    }
  }
  if (CONTROL_BUT_NEWLINE.test(message)) throw malformed('a control character other than newline')
  const split = message.lastIndexOf('\n\n')
  if (split < 0) throw malformed('no blank line before the signatures')
  const text = message.slice(0, split + 1)
  const block = message.slice(split + 2)
  if (block === '' || !block.endsWith('\n')) throw malformed('the signature block is empty or does not end with a newline')
  return { text, lines: block.slice(0, -1).split('\n') }
}

/**
 * C2SP signed-note, as Go's note.Open: checks a note's signatures against `verifiers`, ignoring
 * signatures of unknown keys. `ERR_NOTE_INVALID` when it is malformed, has too many signatures,
 * has a bad signature from a known key, or none from a known key.
 * @see https://c2sp.org/signed-note
 * @example
 * const { text } = openNote(await res.text(), [parseVerifierKey(logKey)])
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[], options: OpenNoteOptions = {}): OpenedNote {
  const { maxSignatures } = { maxSignatures: 100, ...options }
  const byKey = new Map<string, NoteVerifier>()
  for (const verifier of verifiers) {
    const key = `${verifier.name} ${verifier.keyId}`
    if (byKey.has(key)) throw new TypeError(`two verifiers for key ${verifier.name}+${verifier.keyId}`)
    byKey.set(key, verifier)
  }
  const { text, lines } = splitNote(note)
  const message = utf8.encode(text)
  const signatures: NoteSignature[] = []
  const unknownSignatures: NoteSignature[] = []
  const seen = new Set<string>()
  for (const [count, line] of lines.entries()) {
    if (!line.startsWith(SIGNATURE_PREFIX)) throw malformed('a line after the blank line is not a signature')
    const rest = line.slice(SIGNATURE_PREFIX.length)
    const space = rest.indexOf(' ')
    const name = space < 0 ? rest : rest.slice(0, space)
    const base64 = space < 0 ? '' : rest.slice(space + 1)
    const bytes = decodeBase64(base64)
    if (!isValidKeyName(name) || !bytes || bytes.length < 5) throw malformed(`bad signature line ${JSON.stringify(line.slice(0, 80))}`)
    if (count + 1 > maxSignatures) throw invalid(`Note has more than ${maxSignatures} signatures`)
    const keyId = Buffer.from(bytes.subarray(0, 4)).toString('hex')
    const verifier = byKey.get(`${name} ${keyId}`)
    const key = verifier ? `${name} ${keyId}` : line
    // Repeats of a signature, or of a known key's signature, are dropped as Go drops them.
    if (seen.has(key)) continue
    seen.add(key)
    if (!verifier) {
      unknownSignatures.push({ name, keyId, base64 })
      continue
    }
    if (!verifier.verify(message, bytes.subarray(4))) throw invalid(`Note signature by ${name}+${keyId} does not verify`)
    signatures.push({ name, keyId, base64 })
  }
  if (signatures.length === 0) throw invalid('Note has no signature from a known key')
  return { text, signatures, unknownSignatures }
}
