import type { LogReader } from '../../src/app/ports.js'
import type { LogStore } from '../../src/app/log-store.js'
import { logAppendOf } from '../../src/app/log-append.js'
import { privateKeyObjectFromSeed } from '../../src/core/proof/key-object.js'
import {
  assembleProof,
  consistencyProofPlan,
  createNoteSigner,
  inclusionProofPlan,
  proofNodeIds,
  verifierKeyOf,
  type Hash,
  type LoggableCredential,
} from '../../src/core/transparency-log/index.js'

/** The origin the test logs sign under. */
export const ORIGIN = 'badges.example.edu/log'

const TEST_SEED = new Uint8Array(32).fill(7)

/** A fixed Ed25519 note signer (seed 0x07 × 32) named after the origin. */
export const testSigner = () => createNoteSigner(ORIGIN, TEST_SEED)

/** The verifier key string of testSigner, as `/log/key` would publish it. */
export const testVerifierKey = () => verifierKeyOf(ORIGIN, privateKeyObjectFromSeed(TEST_SEED))

/** A small signed-looking credential with a unique id per `n` (the log only reads id, issuer, validFrom and the digest). */
export const testCredential = (n: number, issuer = 'did:web:badges.example.edu'): LoggableCredential => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: `urn:uuid:00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: issuer, type: ['Profile'] },
  validFrom: '2025-03-01T09:00:00Z',
  proof: { type: 'DataIntegrityProof', proofValue: `z${n}` },
})

/** Appends log entries for credentials from..to-1 (not storing the credentials) in one transaction. */
export async function appendRange(store: Pick<LogStore, 'transaction'>, from: number, to: number): Promise<void> {
  const appends = Array.from({ length: to - from }, (_, i) => logAppendOf(testCredential(from + i)))
  await store.transaction((tx) => tx.log.append(appends))
}

/** The inclusion proof of leaf `index` at `size`, read through the LogReader port as the HTTP layer does. */
export async function inclusionProofFrom(reader: LogReader, index: number, size: number): Promise<Hash[]> {
  const plan = inclusionProofPlan(index, size)
  return assembleProof(plan, await reader.nodes(proofNodeIds(plan), size))
}

/** The consistency proof from size1 to size2, read through the LogReader port. */
export async function consistencyProofFrom(reader: LogReader, size1: number, size2: number): Promise<Hash[]> {
  const plan = consistencyProofPlan(size1, size2)
  return assembleProof(plan, await reader.nodes(proofNodeIds(plan), size2))
}
