// The tables of migration 0022 (LTI 1.3 tool), added to the store's Database type in schema.ts.

export interface LtiToolKeysTable { kid: string; public_jwk: string; sealed_private_jwk: string; created_at: string }
/** `deployment_ids` is a JSON array. */
export interface LtiPlatformsTable { id: string; org_id: string; name: string; issuer: string; client_id: string; auth_login_url: string; token_url: string; jwks_url: string; deployment_ids: string; created_at: string }
export interface LtiStatesTable { state_hash: string; platform_id: string; nonce: string; expires_at: string }
export interface LtiNoncesTable { platform_id: string; nonce: string; expires_at: string }
export interface LtiContextsTable {
  id: string
  platform_id: string
  org_id: string
  context_id: string
  title: string
  label: string
  deployment_id: string
  line_items_url: string | null
  memberships_url: string | null
  last_sync_at: string | null
  last_sync_error: string | null
  created_at: string
  updated_at: string
}
export interface LtiMembersTable { context_id: string; sub: string; email: string | null; name: string | null; role: 'instructor' | 'learner' | 'other'; updated_at: string }
export interface LtiMappingsTable { id: string; context_id: string; achievement_id: string; rule: 'completion' | 'grade'; threshold: number | null; created_at: string }
export interface LtiAwardsTable { context_id: string; sub: string; achievement_id: string; credential_id: string; email: string; created_at: string }
export interface LtiSessionsTable { token_hash: string; context_id: string; platform_id: string; sub: string; role: string; name: string | null; csrf: string; deep_link: string | null; expires_at: string }

export interface LtiTables {
  lti_tool_keys: LtiToolKeysTable
  lti_platforms: LtiPlatformsTable
  lti_states: LtiStatesTable
  lti_nonces: LtiNoncesTable
  lti_contexts: LtiContextsTable
  lti_members: LtiMembersTable
  lti_mappings: LtiMappingsTable
  lti_awards: LtiAwardsTable
  lti_sessions: LtiSessionsTable
}
