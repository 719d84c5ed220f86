import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import { witnessMigration } from './cosignatures.js'
import { batchUploadsMigration } from './platform/batch-uploads-migration.js'
import { logTileNodesMigration } from './log-tile-nodes-migration.js'
import { orgBrandMigration } from './platform/org-brand-migration.js'
import { platformMigration } from './platform/migration.js'
import { claimLinksAndLookKindsMigration } from './platform/claim-links-migration.js'
import { signInThrottleMigration } from './platform/sign-in-throttle-migration.js'
import { walletMigration } from './platform/wallet-migration.js'
import { sharingMigration } from './platform/sharing-migration.js'
import { holderMigration } from './platform/holder-migration.js'
import { statusEntriesMigration } from './platform/status-entries-migration.js'
import { trustMigration } from './platform/trust-migration.js'
import { rateLimitsMigration } from './platform/rate-limits-migration.js'
import { oauthMigration } from './platform/oauth-migration.js'
import { ltiMigration } from './platform/lti-migration.js'
import { walletImagesMigration } from './platform/wallet-images-migration.js'
import { talentMigration } from './platform/talent-migration.js'
import { occupationsMigration } from './platform/occupations-migration.js'
import { programsMigration } from './platform/programs-migration.js'
import { talentScaleMigration } from './platform/talent-scale-migration.js'
import { pathwaysMigration } from './platform/pathways-migration.js'
import type { Dialect } from './schema.js'
import { webhooksMigration } from './platform/webhooks-migration.js'
import { ob3ClientMigration } from './platform/ob3-client-migration.js'
import { credentialPushesMigration } from './platform/credential-pushes-migration.js'
import { lookCountsMigration } from './platform/look-counts-migration.js'
import { batchPartsMigration } from './platform/batch-parts-migration.js'

/** Column types that differ between the dialects; everything else is written once. */
function typesOf(dialect: Dialect) {
  return dialect === 'sqlite'
    ? // INTEGER PRIMARY KEY makes idx SQLite's rowid (no second index); STRICT enforces the types.
      { int: 'integer' as const, blob: 'blob' as const, strict: sql`strict` }
    : { int: 'bigint' as const, blob: 'bytea' as const, strict: sql`` }
}

/**
 * 0001: credentials, the log's leaves, its full hash tiles and its signed checkpoints. Invariants
 * are constraints: one leaf per index and per credential, 32-byte hashes, 8,192-byte full tiles.
 */
const initial = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const { int, blob, strict } = typesOf(dialect)
    await db.schema
      .createTable('credentials')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('issuer', 'text', (c) => c.notNull())
      .addColumn('json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
    await db.schema
      .createTable('log_leaves')
      .addColumn('idx', int, (c) => c.primaryKey().check(sql`idx >= 0`))
      .addColumn('leaf_hash', blob, (c) => c.notNull().check(sql`length(leaf_hash) = 32`))
      .addColumn('entry', blob, (c) => c.notNull().check(sql`length(entry) between 1 and 65535`))
      .addColumn('credential_id', 'text', (c) => c.notNull().unique())
      .addColumn('issuer', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('log_leaves_issuer').on('log_leaves').columns(['issuer', 'idx']).execute()
    await db.schema
      .createTable('log_tiles')
      .addColumn('level', int, (c) => c.notNull().check(sql`level between 0 and 6`))
      .addColumn('idx', int, (c) => c.notNull().check(sql`idx >= 0`))
      .addColumn('hashes', blob, (c) => c.notNull().check(sql`length(hashes) = 8192`))
      .addColumn('root', blob, (c) => c.notNull().check(sql`length(root) = 32`))
      .addPrimaryKeyConstraint('log_tiles_pk', ['level', 'idx'])
      .modifyEnd(strict)
      .execute()
    await db.schema
      .createTable('checkpoints')
      .addColumn('size', int, (c) => c.primaryKey().check(sql`size >= 0`))
      .addColumn('root', blob, (c) => c.notNull().check(sql`length(root) = 32`))
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
  },
})

/** The one migration set of the store, in order; `dialect` only picks column type names. */
export function migrationsFor(dialect: Dialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001_initial': initial(dialect),
    '0002_platform': platformMigration(dialect),
    '0003_batch_uploads': batchUploadsMigration(dialect),
    '0004_log_tile_nodes': logTileNodesMigration(dialect),
    '0006_org_brand_color': orgBrandMigration(),
    '0007_claim_links_look_kinds': claimLinksAndLookKindsMigration(dialect),
    '0008_sign_in_throttle': signInThrottleMigration(dialect),
    '0009_wallet': walletMigration(dialect),
    '0010_sharing': sharingMigration(dialect),
    '0011_holder': holderMigration(dialect),
    '0012_trust': trustMigration(dialect),
    '0013_status_entries': statusEntriesMigration(),
    '0014_ops': rateLimitsMigration(dialect),
    '0015_wallet_images': walletImagesMigration(dialect),
    '0016_talent': talentMigration(dialect),
    '0017_occupations': occupationsMigration(dialect),
    '0018_programs': programsMigration(dialect),
    '0019_webhooks': webhooksMigration(dialect),
    '0020_oauth': oauthMigration(dialect),
    '0021_pathways': pathwaysMigration(dialect),
    '0022_lti': ltiMigration(dialect),
    '0023_ob3_client': ob3ClientMigration(dialect),
    '0024_witness': witnessMigration(dialect),
    '0025_talent_scale': talentScaleMigration(dialect),
    '0026_credential_pushes': credentialPushesMigration(dialect),
    '0027_look_counts': lookCountsMigration(dialect),
    '0028_batch_parts': batchPartsMigration(dialect),
  }
  return { getMigrations: async () => migrations }
}
