// RFC 9162 Merkle math and the C2SP tlog formats (tiles, checkpoints, signed notes): pure, no I/O.
export { hashLeaf, hashChildren, emptyRoot, isSameHash, isHash, HASH_SIZE, type Hash } from './hash-leaf.js'
export { rangeNodes, type NodeId, type NodeReader } from './node-id.js'
export { rootOf, rootFromNodes, foldRange } from './tree-root.js'
export { proofNodeIds, assembleProof, type ProofPlan } from './proof-plan.js'
export { inclusionProofPlan, inclusionProof, rootFromInclusionProof, checkInclusion, verifyInclusion } from './inclusion-proof.js'
export { consistencyProofPlan, consistencyProof, checkConsistency, verifyConsistency } from './consistency-proof.js'
export {
  TILE_HEIGHT,
  TILE_WIDTH,
  formatTilePath,
  formatEntryBundlePath,
  parseTilePath,
  tilesForSize,
  tileOfNode,
  hashesAtTileLevel,
  type TileId,
  type TilePath,
} from './tiles.js'
export { encodeHashTile, decodeHashTile, hashTileFromLeaves, hashTileFromTilesBelow } from './hash-tile.js'
export { nodeReaderFromTiles, rootFromTiles, type ReadTile, type ReadTileInner, type TileReaderOptions } from './tile-reader.js'
export { innerNodesOfTile, innerNodeOfTile, tileRootOfInner, TILE_INNER_NODES, TILE_INNER_BYTES } from './tile-nodes.js'
export { encodeEntryBundle, decodeEntryBundle, MAX_ENTRY_SIZE } from './entry-bundle.js'
export { formatCheckpoint, parseCheckpoint, type Checkpoint } from './checkpoint.js'
export {
  noteKeyId,
  isValidKeyName,
  formatVerifierKey,
  parseVerifierKey,
  createNoteSigner,
  verifierKeyOf,
  parseSignerKey,
  formatSignerKey,
  type NoteSigner,
  type NoteVerifier,
} from './note-keys.js'
export { signNote, openNote, type NoteSignature, type OpenedNote, type OpenNoteOptions } from './signed-note.js'
export {
  logEntry,
  logEntryFor,
  parseLogEntry,
  credentialDigest,
  digestOfCanonicalText,
  issuerIdOf,
  type LogEntry,
  type LogEntryFields,
  type LoggableCredential,
} from './log-entry.js'
export { cosignerKeyId, cosignedMessage, parseCosignerKey, parseCosignerPrivateKey, createCosigner, formatCosignerPrivateKey, verifyCosignature, type Cosigner, type CosignerKey } from './cosignature.js'
