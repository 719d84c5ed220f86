import type { Kysely, Selectable } from 'kysely'
import type { LtiContextRecord, LtiMappingRecord, LtiMemberRecord, LtiPlatformRecord, LtiRepo, LtiRole, LtiSessionRecord } from '../../app/lti/ports.js'
import type { Database } from '../schema.js'

const platformOf = (r: Selectable<Database['lti_platforms']>): LtiPlatformRecord => ({
  id: r.id,
  orgId: r.org_id,
  name: r.name,
  issuer: r.issuer,
  clientId: r.client_id,
  authLoginUrl: r.auth_login_url,
  tokenUrl: r.token_url,
  jwksUrl: r.jwks_url,
  deploymentIds: JSON.parse(r.deployment_ids) as string[],
  createdAt: r.created_at,
})

const contextOf = (r: Selectable<Database['lti_contexts']>): LtiContextRecord => ({
  id: r.id,
  platformId: r.platform_id,
  orgId: r.org_id,
  contextId: r.context_id,
  title: r.title,
  label: r.label,
  deploymentId: r.deployment_id,
  lineItemsUrl: r.line_items_url,
  membershipsUrl: r.memberships_url,
  lastSyncAt: r.last_sync_at,
  lastSyncError: r.last_sync_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

const memberOf = (r: Selectable<Database['lti_members']>): LtiMemberRecord => ({ contextId: r.context_id, sub: r.sub, email: r.email, name: r.name, role: r.role, updatedAt: r.updated_at })
const mappingOf = (r: Selectable<Database['lti_mappings']>): LtiMappingRecord => ({
  id: r.id,
  contextId: r.context_id,
  achievementId: r.achievement_id,
  rule: r.rule,
  threshold: r.threshold === null ? null : Number(r.threshold),
  createdAt: r.created_at,
})

/** LTI platforms, login states, nonces, courses, mappings, awards, sessions and the tool key over `q`. */
export function ltiRepo(q: Kysely<Database>): LtiRepo {
  return {
    async insertPlatform(p) {
      await q
        .insertInto('lti_platforms')
        .values({ id: p.id, org_id: p.orgId, name: p.name, issuer: p.issuer, client_id: p.clientId, auth_login_url: p.authLoginUrl, token_url: p.tokenUrl, jwks_url: p.jwksUrl, deployment_ids: JSON.stringify(p.deploymentIds), created_at: p.createdAt })
        .execute()
    },
    async deletePlatform(orgId, id) {
      const r = await q.deleteFrom('lti_platforms').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst()
      return Number(r.numDeletedRows) > 0
    },
    async platforms(orgId) {
      return (await q.selectFrom('lti_platforms').selectAll().where('org_id', '=', orgId).orderBy('created_at').orderBy('id').execute()).map(platformOf)
    },
    async platform(id) {
      const r = await q.selectFrom('lti_platforms').selectAll().where('id', '=', id).executeTakeFirst()
      return r && platformOf(r)
    },
    async platformsByIssuer(issuer) {
      return (await q.selectFrom('lti_platforms').selectAll().where('issuer', '=', issuer).orderBy('created_at').execute()).map(platformOf)
    },
    async insertState(s) {
      await q.insertInto('lti_states').values({ state_hash: s.stateHash, platform_id: s.platformId, nonce: s.nonce, expires_at: s.expiresAt }).execute()
    },
    async takeState(stateHash) {
      const r = await q.deleteFrom('lti_states').where('state_hash', '=', stateHash).returningAll().executeTakeFirst()
      return r && { stateHash: r.state_hash, platformId: r.platform_id, nonce: r.nonce, expiresAt: r.expires_at }
    },
    async useNonce(platformId, nonce, expiresAt) {
      const r = await q.insertInto('lti_nonces').values({ platform_id: platformId, nonce, expires_at: expiresAt }).onConflict((oc) => oc.columns(['platform_id', 'nonce']).doNothing()).executeTakeFirst()
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0
    },
    async purge(now) {
      await q.deleteFrom('lti_states').where('expires_at', '<', now).execute()
      await q.deleteFrom('lti_nonces').where('expires_at', '<', now).execute()
      await q.deleteFrom('lti_sessions').where('expires_at', '<', now).execute()
    },
    async upsertContext(c) {
      await q
        .insertInto('lti_contexts')
        .values({
          id: c.id,
          platform_id: c.platformId,
          org_id: c.orgId,
          context_id: c.contextId,
          title: c.title,
          label: c.label,
          deployment_id: c.deploymentId,
          line_items_url: c.lineItemsUrl,
          memberships_url: c.membershipsUrl,
          last_sync_at: null,
          last_sync_error: null,
          created_at: c.at,
          updated_at: c.at,
        })
        .onConflict((oc) =>
          oc.columns(['platform_id', 'context_id']).doUpdateSet({
            title: c.title,
            label: c.label,
            deployment_id: c.deploymentId,
            line_items_url: c.lineItemsUrl,
            memberships_url: c.membershipsUrl,
            updated_at: c.at,
          }),
        )
        .execute()
      const r = await q.selectFrom('lti_contexts').selectAll().where('platform_id', '=', c.platformId).where('context_id', '=', c.contextId).executeTakeFirstOrThrow()
      return contextOf(r)
    },
    async context(id) {
      const r = await q.selectFrom('lti_contexts').selectAll().where('id', '=', id).executeTakeFirst()
      return r && contextOf(r)
    },
    async contexts(orgId) {
      return (await q.selectFrom('lti_contexts').selectAll().where('org_id', '=', orgId).orderBy('updated_at', 'desc').execute()).map(contextOf)
    },
    async mappedContexts() {
      return (await q.selectFrom('lti_contexts').selectAll().where(({ exists, selectFrom }) => exists(selectFrom('lti_mappings').select('id').whereRef('lti_mappings.context_id', '=', 'lti_contexts.id'))).execute()).map(contextOf)
    },
    async recordSync(id, at, error) {
      await q.updateTable('lti_contexts').set({ last_sync_at: at, last_sync_error: error }).where('id', '=', id).execute()
    },
    async upsertMember(m) {
      await q
        .insertInto('lti_members')
        .values({ context_id: m.contextId, sub: m.sub, email: m.email, name: m.name, role: m.role, updated_at: m.updatedAt })
        .onConflict((oc) =>
          oc.columns(['context_id', 'sub']).doUpdateSet((eb) => ({
            email: eb.fn.coalesce(eb.val(m.email), eb.ref('lti_members.email')),
            name: eb.fn.coalesce(eb.val(m.name), eb.ref('lti_members.name')),
            role: m.role,
            updated_at: m.updatedAt,
          })),
        )
        .execute()
    },
    async members(contextId) {
      return (await q.selectFrom('lti_members').selectAll().where('context_id', '=', contextId).orderBy('name').orderBy('sub').execute()).map(memberOf)
    },
    async insertMapping(m) {
      const r = await q
        .insertInto('lti_mappings')
        .values({ id: m.id, context_id: m.contextId, achievement_id: m.achievementId, rule: m.rule, threshold: m.threshold, created_at: m.createdAt })
        .onConflict((oc) => oc.columns(['context_id', 'achievement_id']).doNothing())
        .executeTakeFirst()
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0
    },
    async deleteMapping(contextId, id) {
      const r = await q.deleteFrom('lti_mappings').where('context_id', '=', contextId).where('id', '=', id).executeTakeFirst()
      return Number(r.numDeletedRows) > 0
    },
    async mappings(contextId) {
      return (await q.selectFrom('lti_mappings').selectAll().where('context_id', '=', contextId).orderBy('created_at').orderBy('id').execute()).map(mappingOf)
    },
    async insertAward(a) {
      const r = await q
        .insertInto('lti_awards')
        .values({ context_id: a.contextId, sub: a.sub, achievement_id: a.achievementId, credential_id: a.credentialId, email: a.email, created_at: a.createdAt })
        .onConflict((oc) => oc.columns(['context_id', 'sub', 'achievement_id']).doNothing())
        .executeTakeFirst()
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0
    },
    async awards(contextId) {
      return (await q.selectFrom('lti_awards').selectAll().where('context_id', '=', contextId).orderBy('created_at').execute()).map((r) => ({
        contextId: r.context_id,
        sub: r.sub,
        achievementId: r.achievement_id,
        credentialId: r.credential_id,
        email: r.email,
        createdAt: r.created_at,
      }))
    },
    async insertSession(s) {
      await q
        .insertInto('lti_sessions')
        .values({ token_hash: s.tokenHash, context_id: s.contextId, platform_id: s.platformId, sub: s.sub, role: s.role, name: s.name, csrf: s.csrf, deep_link: s.deepLink, expires_at: s.expiresAt })
        .execute()
    },
    async session(tokenHash) {
      const r = await q.selectFrom('lti_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
      return r && ({ tokenHash: r.token_hash, contextId: r.context_id, platformId: r.platform_id, sub: r.sub, role: r.role as LtiRole, name: r.name, csrf: r.csrf, deepLink: r.deep_link, expiresAt: r.expires_at } satisfies LtiSessionRecord)
    },
    async toolKey() {
      const r = await q.selectFrom('lti_tool_keys').selectAll().orderBy('created_at').limit(1).executeTakeFirst()
      return r && { kid: r.kid, publicJwk: r.public_jwk, sealedPrivateJwk: r.sealed_private_jwk, createdAt: r.created_at }
    },
    async addToolKey(k) {
      await q.insertInto('lti_tool_keys').values({ kid: k.kid, public_jwk: k.publicJwk, sealed_private_jwk: k.sealedPrivateJwk, created_at: k.createdAt }).onConflict((oc) => oc.column('kid').doNothing()).execute()
      const r = await q.selectFrom('lti_tool_keys').selectAll().orderBy('created_at').orderBy('kid').limit(1).executeTakeFirstOrThrow()
      return { kid: r.kid, publicJwk: r.public_jwk, sealedPrivateJwk: r.sealed_private_jwk, createdAt: r.created_at }
    },
  }
}
