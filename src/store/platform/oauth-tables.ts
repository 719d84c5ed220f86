/** Migration 0020's tables (the OB 3.0 API's OAuth server and the hosted OB Profile). */
export interface OAuthTables {
  oauth_records: OAuthRecordsTable
  ob_profiles: ObProfilesTable
}

/** One oidc-provider record (model + id), its JSON payload and the columns it is found by. */
export interface OAuthRecordsTable {
  model: string
  id: string
  payload: string
  grant_id: string | null
  uid: string | null
  user_code: string | null
  account_id: string | null
  client_id: string | null
  /** ms since the epoch; null: does not expire. */
  expires_at: number | null
  consumed_at: number | null
  created_at: number
}

/** The OB 3.0 Profile a learner's host keeps (JSON text). */
export interface ObProfilesTable {
  user_id: string
  profile: string
  updated_at: string
}
