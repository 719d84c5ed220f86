// The tables of migration 0023 (the OB 3.0 API's consumer side), added to the store's Database type in schema.ts.

/** Emblem's client registration at another host (secret sealed). */
export interface Ob3ClientsTable {
  api_url: string
  client_id: string
  client_secret_sealed: string
  created_at: string
}

/** A host a learner connected: its endpoints, the pending authorization and the sealed tokens. */
export interface Ob3HostsTable {
  id: string
  user_id: string
  api_url: string
  name: string
  authorization_url: string
  token_url: string
  registration_url: string
  issuer: string | null
  state: 'pending' | 'connected' | 'revoked'
  pending_state_hash: string | null
  pending_verifier_sealed: string | null
  pending_expires_at: string | null
  scopes: string
  access_token_sealed: string | null
  refresh_token_sealed: string | null
  access_expires_at: string | null
  last_import: string | null
  last_error: string | null
  created_at: string
  updated_at: string
  connected_at: string | null
}

export interface Ob3ClientTables {
  ob3_clients: Ob3ClientsTable
  ob3_hosts: Ob3HostsTable
}
