// The OB 3.0 API's records (migration 0020): what the OAuth 2.0 server (oidc-provider, wired in
// src/http/ob3) stores through its adapter, and the Profile a learner's host keeps for them.

/** One stored record of the OAuth server: a model's id and its JSON payload. */
export interface OAuthRecord {
  model: string
  id: string
  payload: Record<string, unknown>
  /** ms since the epoch, or null: never expires. */
  expiresAt: number | null
  consumed: boolean
}

/** What the OAuth server's adapter reads and writes (see oidc-provider's Adapter interface). */
export interface OAuthRecordsRepo {
  /** Writes (or replaces) the record; `grantId`, `uid`, `userCode`, `accountId`, `clientId` are taken from the payload. */
  upsert(model: string, id: string, payload: Record<string, unknown>, expiresAt: number | null, now: number): Promise<void>
  /** Writes the record (never expiring) unless one with this model and id exists. */
  insertNew(model: string, id: string, payload: Record<string, unknown>, now: number): Promise<void>
  /** The record unless it expired before `now`. */
  find(model: string, id: string, now: number): Promise<OAuthRecord | undefined>
  findByUid(model: string, uid: string, now: number): Promise<OAuthRecord | undefined>
  findByUserCode(model: string, userCode: string, now: number): Promise<OAuthRecord | undefined>
  consume(model: string, id: string, now: number): Promise<void>
  destroy(model: string, id: string): Promise<void>
  /** Removes every code and token made under the grant (not the grant itself). */
  revokeByGrantId(grantId: string): Promise<void>
  /** The account's live records of `model` (Grant: the authorizations it gave), newest first. */
  byAccount(model: string, accountId: string, now: number): Promise<OAuthRecord[]>
  /** Removes records that expired before `now` (at most `limit`); how many went. */
  sweep(now: number, limit: number): Promise<number>
}

/** The OB 3.0 Profile of a learner, as their host keeps it. */
export interface ObProfilesRepo {
  get(userId: string): Promise<Record<string, unknown> | undefined>
  put(userId: string, profile: Record<string, unknown>, at: string): Promise<void>
}
