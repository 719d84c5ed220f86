// The OB 3.0 API's consumer side (issue #13 item 2, migration 0023): Emblem as an OAuth 2.0 client of
// other hosts. One registered client per host (RFC 7591), and per learner the hosts they connected,
// their tokens sealed under the master key (SecretBox).

/** Emblem's registration at another host's OAuth server: shared by every learner who connects that host. */
export interface Ob3ClientRecord {
  /** The host's API base (`https://host.example/ims/ob/v3p0`), the key. */
  apiUrl: string
  clientId: string
  /** Sealed (context `ob3-client:<apiUrl>`). */
  clientSecretSealed: string
  createdAt: string
}

export type Ob3HostState = 'pending' | 'connected' | 'revoked'

/** One host a learner connected (or is connecting). Tokens and the PKCE verifier are sealed (context `ob3-host:<id>:<what>`). */
export interface Ob3HostRecord {
  id: string
  userId: string
  apiUrl: string
  name: string
  authorizationUrl: string
  tokenUrl: string
  registrationUrl: string
  /** The OAuth server's issuer as it named itself in the authorization response (`iss`), once known. */
  issuer: string | null
  state: Ob3HostState
  /** SHA-256 (hex) of the pending authorization's `state`; null when none is pending. */
  pendingStateHash: string | null
  pendingVerifierSealed: string | null
  pendingExpiresAt: string | null
  scopes: string
  accessTokenSealed: string | null
  refreshTokenSealed: string | null
  accessExpiresAt: string | null
  /** The last import's counts (JSON of Ob3ImportResult), or null. */
  lastImport: string | null
  lastError: string | null
  createdAt: string
  updatedAt: string
  connectedAt: string | null
}

export interface Ob3HostsRepo {
  client(apiUrl: string): Promise<Ob3ClientRecord | undefined>
  /** Keeps the registration unless one for the host exists (two learners racing: the first wins). */
  insertClient(client: Ob3ClientRecord): Promise<void>
  deleteClient(apiUrl: string): Promise<void>
  /** The learner's hosts, oldest first. */
  hosts(userId: string): Promise<Ob3HostRecord[]>
  host(userId: string, id: string): Promise<Ob3HostRecord | undefined>
  byPendingState(userId: string, stateHash: string): Promise<Ob3HostRecord | undefined>
  /** Inserts or replaces the host (by id). */
  save(host: Ob3HostRecord): Promise<void>
  remove(userId: string, id: string): Promise<boolean>
}
