// The table of migration 0026 (an issuer's pushes of credentials to learners' hosts), added to the store's Database type in schema.ts.

export interface CredentialPushesTable {
  id: string
  org_id: string
  credential_id: string
  token_hash: string
  token_sealed: string
  host_url: string | null
  api_url: string | null
  host_name: string | null
  authorization_url: string | null
  token_url: string | null
  state: 'pending' | 'authorizing' | 'delivered' | 'failed'
  result: 'created' | 'existing' | null
  reason: string | null
  pending_state_hash: string | null
  pending_verifier_sealed: string | null
  pending_expires_at: string | null
  created_by: string | null
  created_at: string
  updated_at: string
  expires_at: string
  delivered_at: string | null
}

export interface CredentialPushTables {
  credential_pushes: CredentialPushesTable
}
