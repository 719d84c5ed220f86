// The tables as Kysely sees them. Blobs come back as Buffers (SQLite BLOB, PostgreSQL bytea);
// integers as numbers (the PostgreSQL pool parses int8 into a number: indexes stay below 2^53).
import type { PlatformTables } from './platform/tables.js'
import type { TalentTables } from './platform/talent-tables.js'
import type { WebhookTables } from './platform/webhooks-tables.js'
import type { OccupationTables } from './platform/occupations-tables.js'
import type { CosignaturesTable } from './cosignatures.js'
import type { OAuthTables } from './platform/oauth-tables.js'
import type { Ob3ClientTables } from './platform/ob3-client-tables.js'
import type { CredentialPushTables } from './platform/credential-pushes-tables.js'
import type { ProgramTables } from './platform/programs-tables.js'
import type { PathwayTables } from './platform/pathways-tables.js'
import type { LtiTables } from './platform/lti-tables.js'

/** A stored credential: its id, its issuer's id and the signed JSON as given. */
export interface CredentialsTable {
  id: string
  issuer: string
  json: string
  created_at: string
}

/** One log leaf: its index, the entry bytes, their RFC 9162 leaf hash, and whose credential it records. */
export interface LogLeavesTable {
  idx: number
  leaf_hash: Uint8Array
  entry: Uint8Array
  credential_id: string
  issuer: string
  created_at: string
}

/**
 * A full (256-hash, immutable) hash tile, the root of its 256 hashes (the tile level above's hash),
 * and its 255 inner nodes (migration 0004; null only if a writer without them stored the tile).
 */
export interface LogTilesTable {
  level: number
  idx: number
  hashes: Uint8Array
  root: Uint8Array
  inner_nodes: Uint8Array | null
}

/**
 * A signed checkpoint: its tree size, root and the whole signed note, and the hashes of its compact
 * range (migration 0004; null for checkpoints signed before it but the latest).
 */
export interface CheckpointsTable {
  size: number
  root: Uint8Array
  note: string
  created_at: string
  range_nodes: Uint8Array | null
}

/** Every table of the store. */
export interface Database extends PlatformTables, TalentTables, WebhookTables, OccupationTables, OAuthTables, ProgramTables, PathwayTables, LtiTables, Ob3ClientTables, CredentialPushTables {
  credentials: CredentialsTable
  log_leaves: LogLeavesTable
  log_tiles: LogTilesTable
  checkpoints: CheckpointsTable
  log_cosignatures: CosignaturesTable
}

/** The two SQL dialects the store runs on. */
export type Dialect = 'sqlite' | 'postgres'
