// An issuer's pushes of a credential to a learner's OB 3.0 host (issue #13 item 2, migration 0026).

export type CredentialPushState = 'pending' | 'authorizing' | 'delivered' | 'failed'

/** One push request: the link the organization sends the learner, and what became of it. */
export interface CredentialPushRecord {
  id: string
  orgId: string
  credentialId: string
  /** SHA-256 (hex) of the link's token. */
  tokenHash: string
  /** The token, sealed (context `credential-push:<id>:token`): the callback links back to the learner's page. */
  tokenSealed: string
  /** The host the issuer named, as typed (null: the learner chooses). */
  hostUrl: string | null
  /** The host's API base and OAuth endpoints, once discovered. */
  apiUrl: string | null
  hostName: string | null
  authorizationUrl: string | null
  tokenUrl: string | null
  state: CredentialPushState
  result: 'created' | 'existing' | null
  reason: string | null
  pendingStateHash: string | null
  /** Sealed (context `credential-push:<id>:verifier`). */
  pendingVerifierSealed: string | null
  pendingExpiresAt: string | null
  createdBy: string | null
  createdAt: string
  updatedAt: string
  expiresAt: string
  deliveredAt: string | null
}

export interface CredentialPushesRepo {
  insert(push: CredentialPushRecord): Promise<void>
  /** Replaces the push (by id). */
  save(push: CredentialPushRecord): Promise<void>
  byTokenHash(tokenHash: string): Promise<CredentialPushRecord | undefined>
  byPendingState(stateHash: string): Promise<CredentialPushRecord | undefined>
  /** The credential's pushes, newest first (at most `limit`). */
  ofCredential(orgId: string, credentialId: string, limit: number): Promise<CredentialPushRecord[]>
}
