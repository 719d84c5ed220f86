// Witness cosignatures (C2SP tlog-cosignature) of the log's checkpoints: accepted only from the
// witnesses the operator configured (EMBLEM_LOG_WITNESSES), only over a checkpoint this log signed,
// and served with that checkpoint.
import { z } from 'zod'
import { PlatformError } from '../core/errors.js'
import { parseCheckpoint, verifyCosignature, type CosignerKey } from '../core/transparency-log/index.js'

/** Where cosignatures are kept, and which witnesses may add them. */
export interface LogWitnessing {
  /** The configured witnesses' keys. */
  readonly witnesses: readonly CosignerKey[]
  /** The signed note of this log's checkpoint of `size`, or undefined. */
  noteAt(size: number): Promise<string | undefined>
  add(row: { size: number; witness: string; keyId: string; line: string; timestamp: number; createdAt: string }): Promise<void>
  linesFor(size: number): Promise<{ witness: string; line: string; timestamp: number }[]>
  now(): Date
}

/** `POST /log/cosignatures`: a checkpoint size and one witness's signature line over it. */
export const cosignatureInput = z.strictObject({
  size: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).describe('The tree size of the checkpoint cosigned (one this log signed)'),
  cosignature: z.string().min(1).max(400).describe('The witness’s signature line, `— <name> <base64(key ID || timestamp || signature)>` (C2SP tlog-cosignature, cosignature/v1)'),
})

/** The checkpoint's text: the note before its signatures. */
const textOf = (note: string) => note.slice(0, note.lastIndexOf('\n\n') + 1)

/**
 * Accepts a cosignature: its witness must be configured (else ERR_FORBIDDEN), the checkpoint of that
 * size must be one this log signed (else ERR_NOT_FOUND), and the line must verify over its text
 * with the witness's key (else ERR_INPUT_INVALID).
 */
export async function acceptCosignature(w: LogWitnessing, input: z.infer<typeof cosignatureInput>): Promise<{ size: number; witness: string; timestamp: number }> {
  const name = /^\u2014 (\S+) /.exec(input.cosignature)?.[1]
  if (name === undefined) throw new PlatformError('ERR_INPUT_INVALID', 'The cosignature is not a signature line, `— <name> <base64>`')
  const keyId = (() => {
    const b64 = input.cosignature.trim().split(' ')[2] ?? ''
    const bytes = Buffer.from(b64, 'base64')
    return bytes.length >= 4 ? bytes.subarray(0, 4).toString('hex') : ''
  })()
  const witness = w.witnesses.find((k) => k.name === name && k.keyId === keyId)
  if (!witness) throw new PlatformError('ERR_FORBIDDEN', `${name} is not a witness of this log: the operator lists witnesses in EMBLEM_LOG_WITNESSES`)
  const note = await w.noteAt(input.size)
  if (note === undefined) throw new PlatformError('ERR_NOT_FOUND', `This log signed no checkpoint of size ${input.size}`)
  const text = textOf(note)
  parseCheckpoint(text)
  let timestamp: number
  try {
    ;({ timestamp } = verifyCosignature(witness, text, input.cosignature))
  } catch (err) {
    throw new PlatformError('ERR_INPUT_INVALID', err instanceof Error ? err.message : String(err))
  }
  await w.add({ size: input.size, witness: witness.name, keyId: witness.keyId, line: `${input.cosignature.trim()}\n`, timestamp, createdAt: w.now().toISOString() })
  return { size: input.size, witness: witness.name, timestamp }
}

/** The note of a checkpoint with the stored cosignature lines added to its signatures. */
export async function cosignedNote(w: LogWitnessing | undefined, note: string, size: number): Promise<string> {
  if (!w) return note
  const lines = await w.linesFor(size)
  const known = new Set(w.witnesses.map((k) => k.name))
  return note + lines.filter((l) => known.has(l.witness)).map((l) => l.line).join('')
}

/** Parses EMBLEM_LOG_WITNESSES: witness verifier keys separated by commas or whitespace. */
export function parseWitnessList(text: string | undefined, parse: (key: string) => CosignerKey): CosignerKey[] {
  return (text ?? '').split(/[\s,]+/).filter(Boolean).map(parse)
}
