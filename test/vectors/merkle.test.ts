import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  consistencyProof,
  emptyRoot,
  hashChildren,
  hashLeaf,
  inclusionProof,
  noteKeyId,
  openNote,
  parseCheckpoint,
  parseSignerKey,
  parseVerifierKey,
  rootOf,
  signNote,
  verifyConsistency,
  verifyInclusion,
} from '../../src/core/transparency-log/index.js'
import { nodeTable } from '../support/merkle-reference-tree.js'

const VECTORS = path.resolve(process.cwd(), '../shared/interop/merkle')
const exists = existsSync(path.join(VECTORS, 'rfc6962-vectors.json')) && existsSync(path.join(VECTORS, 'signed-note-vectors.json'))
const json = (file: string) => JSON.parse(readFileSync(path.join(VECTORS, file), 'utf8')) as any
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'hex'))

interface InclusionProbe { file?: string; desc?: string; leafIdx: number; treeSize: number; leafHash: string; root: string; proof: string[]; wantErr: boolean }
interface ConsistencyProbe { file?: string; desc?: string; size1: number; size2: number; root1: string; root2: string; proof: string[]; wantErr: boolean }

const skipped = (name: string) => `${name}${exists ? '' : ` (skipped: ${VECTORS} not found)`}`

describe.skipIf(!exists)(skipped('RFC 6962/9162 vectors from transparency-dev/merkle'), () => {
  const v = exists ? json('rfc6962-vectors.json') : {}
  const leaves: string[] = v.referenceTree?.leaves ?? []
  const leafHashes: Uint8Array[] = (v.referenceTree?.leafHashes ?? []).map(bytes)
  const rootsBySize: string[] = v.referenceTree?.rootsBySize ?? []
  const nodes = nodeTable(leafHashes)

  it('hashes the empty tree, leaves and nodes as the hasher vectors say', () => {
    for (const vector of v.hashing.vectors as { desc: string; leaf?: string; left?: string; right?: string; want: string }[]) {
      const got = vector.leaf !== undefined ? hashLeaf(bytes(vector.leaf)) : vector.left !== undefined ? hashChildren(bytes(vector.left), bytes(vector.right!)) : emptyRoot()
      expect(hex(got), vector.desc).toBe(vector.want)
    }
  })

  it('computes the reference leaf hashes and the root of every size 0..8', () => {
    expect(leaves.map((leaf) => hex(hashLeaf(bytes(leaf))))).toEqual(leafHashes.map(hex))
    expect(rootsBySize).toHaveLength(9)
    rootsBySize.forEach((root, size) => expect(hex(rootOf(leafHashes.slice(0, size))), `size ${size}`).toBe(root))
  })

  it.each((v.inclusion ?? []) as InclusionProbe[])('gives the expected verdict on inclusion probe $file', (probe) => {
    const ok = verifyInclusion(probe.leafIdx, probe.treeSize, bytes(probe.leafHash), probe.proof.map(bytes), bytes(probe.root))
    expect(ok).toBe(!probe.wantErr)
  })

  it.each((v.consistency ?? []) as ConsistencyProbe[])('gives the expected verdict on consistency probe $file', (probe) => {
    const ok = verifyConsistency(probe.size1, probe.size2, probe.proof.map(bytes), bytes(probe.root1), bytes(probe.root2))
    expect(ok).toBe(!probe.wantErr)
  })

  it('verifies every classic RFC 6962 table entry', () => {
    for (const p of v.classicTables.inclusion as InclusionProbe[]) {
      expect(verifyInclusion(p.leafIdx, p.treeSize, bytes(p.leafHash), p.proof.map(bytes), bytes(p.root))).toBe(!p.wantErr)
      expect(inclusionProof(p.leafIdx, p.treeSize, nodes).map(hex)).toEqual(p.proof)
    }
    for (const p of v.classicTables.consistency as ConsistencyProbe[]) {
      expect(verifyConsistency(p.size1, p.size2, p.proof.map(bytes), bytes(p.root1), bytes(p.root2))).toBe(!p.wantErr)
      expect(consistencyProof(p.size1, p.size2, nodes).map(hex)).toEqual(p.proof)
    }
  })

  it('proves every (index, size) with 1 <= size <= 8 against rootsBySize, and reproduces the happy-path proofs', () => {
    for (let size = 1; size <= 8; size++) {
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(index, size, nodes)
        expect(verifyInclusion(index, size, leafHashes[index]!, proof, bytes(rootsBySize[size]!)), `${index} in ${size}`).toBe(true)
      }
    }
    for (const p of (v.inclusion as InclusionProbe[]).filter((probe) => !probe.wantErr && probe.treeSize <= 8)) {
      expect(inclusionProof(p.leafIdx, p.treeSize, nodes).map(hex), p.file).toEqual(p.proof)
    }
  })

  it('proves every (size1, size2) with 1 <= size1 <= size2 <= 8 against rootsBySize, and reproduces the happy-path proofs', () => {
    for (let size2 = 1; size2 <= 8; size2++) {
      for (let size1 = 1; size1 <= size2; size1++) {
        const proof = consistencyProof(size1, size2, nodes)
        expect(verifyConsistency(size1, size2, proof, bytes(rootsBySize[size1]!), bytes(rootsBySize[size2]!)), `${size1} to ${size2}`).toBe(true)
      }
    }
    for (const p of (v.consistency as ConsistencyProbe[]).filter((probe) => !probe.wantErr && probe.size2 <= 8)) {
      expect(consistencyProof(p.size1, p.size2, nodes).map(hex), p.file).toEqual(p.proof)
    }
  })
})

describe.skipIf(!exists)(skipped('C2SP signed-note vectors from golang/mod sumdb/note'), () => {
  const v = exists ? json('signed-note-vectors.json') : {}
  const keys = (v.keys ?? []) as { name: string; keyId: string; verifierKey: string; testOnlySigningKey?: string }[]
  const verifierOf = (name: string) => parseVerifierKey(keys.find((k) => k.name === name)!.verifierKey)

  it('parses both verifier keys and recomputes their key IDs', () => {
    for (const key of keys) {
      const verifier = parseVerifierKey(key.verifierKey)
      expect(verifier.name).toBe(key.name)
      expect(verifier.keyId).toBe(key.keyId)
      const publicKey = Buffer.from(key.verifierKey.split('+').slice(2).join('+'), 'base64').subarray(1)
      expect(noteKeyId(key.name, publicKey)).toBe(key.keyId)
    }
  })

  it('verifies both published signatures over the note text', () => {
    for (const key of keys) {
      const note = `${v.noteText}\n${v.signatureLines[key.name]}`
      expect(openNote(note, [verifierOf(key.name)]).signatures.map((s) => s.keyId)).toEqual([key.keyId])
    }
  })

  it('reproduces the published signature byte for byte with the test-only signing key', () => {
    const key = keys.find((k) => k.testOnlySigningKey)!
    const signer = parseSignerKey(key.testOnlySigningKey!)
    expect(signer.keyId).toBe(key.keyId)
    expect(signNote(v.noteText, [signer])).toBe(v.signedNote)
  })

  it('fails when the signed text is modified', () => {
    const modified = (v.signedNote as string).replace('cryptography', 'cryptographY')
    expect(() => openNote(modified, [verifierOf('PeterNeumann')])).toThrow(expect.objectContaining({ code: 'ERR_NOTE_INVALID' }))
  })

  it.each((v.cases ?? []) as { desc: string; note?: string; noteGenerator?: string; trusted: string[]; want: string; verifiedSigs?: string[] }[])(
    'opens or refuses as note.Open does: $desc',
    (c) => {
      const note = c.note ?? `${v.noteText}\n${(v.signatureLines.PeterNeumann as string).repeat(101)}`
      const verifiers = c.trusted.map(verifierOf)
      if (c.want === 'ok') {
        expect(openNote(note, verifiers).signatures.map((s) => s.name)).toEqual(c.verifiedSigs)
      } else {
        expect(() => openNote(note, verifiers)).toThrow(expect.objectContaining({ code: 'ERR_NOTE_INVALID' }))
      }
    },
  )

  it('parses the C2SP checkpoint example, whose signature is well formed but from an unpublished key', () => {
    const example = v.checkpointFormatExample
    const checkpoint = parseCheckpoint(example.text)
    expect(checkpoint.origin).toBe(example.origin)
    expect(checkpoint.size).toBe(example.treeSize)
    expect(Buffer.from(checkpoint.root).toString('base64')).toBe(example.rootHashBase64)
    expect(() => openNote(`${example.text}\n${example.signatureLine}`, [])).toThrow(/no signature from a known key/)
  })
})
