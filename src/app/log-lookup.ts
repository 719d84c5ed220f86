import { credentialIdOf } from './credentials/credential-id.js'
import type { LogReader } from './ports.js'
import { parseLogEntry, type LogEntry } from '../core/transparency-log/index.js'
import { readInclusionProof, verifyInclusionDocument } from '../core/verification/check-log-inclusion.js'

/** What the /log page found for a credential id. */
export type InclusionLookup =
  | { kind: 'included'; credential: string; index: number; treeSize: number; issuer: string; issued: string }
  | { kind: 'absent'; credential: string }
  | { kind: 'invalid'; credential: string; message: string }

/**
 * Looks a credential up in this instance's log and verifies, on the server, its inclusion proof
 * against the latest checkpoint (opened with the log's own verifier key). The id may be given as a
 * credential's page shows it (`/c/<uuid>`) or whole (`urn:uuid:<uuid>`); other ids are taken as given.
 */
export async function lookUpInclusion(reader: LogReader, verifierKey: string, asked: string): Promise<InclusionLookup> {
  const credential = credentialIdOf(asked) ?? asked
  const proof = await readInclusionProof(reader, credential)
  if (!proof) return { kind: 'absent', credential }
  const leaf = await reader.leaf(proof.index)
  if (!leaf) return { kind: 'invalid', credential, message: `The log has no leaf ${proof.index}` }
  const entry = entryOf(leaf.entry)
  if (entry?.credential !== credential) return { kind: 'invalid', credential, message: `Leaf ${proof.index} does not hold a log entry for this credential` }
  const verified = verifyInclusionDocument(proof, credential, leaf.entry, [verifierKey])
  if (!verified.ok) return { kind: 'invalid', credential, message: verified.message }
  return { kind: 'included', credential, index: verified.index, treeSize: verified.checkpoint.size, issuer: entry.issuer, issued: entry.issued }
}

function entryOf(bytes: Uint8Array): LogEntry | undefined {
  try {
    return parseLogEntry(bytes)
  } catch {
    return undefined
  }
}
