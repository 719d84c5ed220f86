// LTI 1.3 (issue #13 item 3): Emblem as a tool that learning platforms (Moodle, Canvas…) launch.
// Organizations register platforms; launches open a course page (the LTI context); instructors map
// completion or a grade threshold to an achievement; grade sync (AGS + NRPS) issues credentials.

/** A learning platform an organization registered (one issuer + client id). */
export interface LtiPlatformRecord {
  id: string
  orgId: string
  name: string
  issuer: string
  clientId: string
  authLoginUrl: string
  tokenUrl: string
  jwksUrl: string
  deploymentIds: string[]
  createdAt: string
}

/** A pending OIDC login: the state (hashed), its nonce, bound to the browser's cookie. */
export interface LtiStateRecord {
  stateHash: string
  platformId: string
  nonce: string
  expiresAt: string
}

/** A course (LTI context) of a platform, as its last launch described it. */
export interface LtiContextRecord {
  id: string
  platformId: string
  orgId: string
  contextId: string
  title: string
  label: string
  deploymentId: string
  /** AGS line items endpoint, when the platform offers AGS. */
  lineItemsUrl: string | null
  /** NRPS memberships endpoint, when the platform offers NRPS. */
  membershipsUrl: string | null
  lastSyncAt: string | null
  lastSyncError: string | null
  createdAt: string
  updatedAt: string
}

export type LtiRole = 'instructor' | 'learner' | 'other'

/** A person of a course: from a launch or the platform's membership list, with their latest grade. */
export interface LtiMemberRecord {
  contextId: string
  sub: string
  email: string | null
  name: string | null
  role: LtiRole
  updatedAt: string
}

export type LtiRule = 'completion' | 'grade'

/** What earns an achievement in a course: a result on the course's line item (completion) or a score ≥ threshold % of the maximum. */
export interface LtiMappingRecord {
  id: string
  contextId: string
  achievementId: string
  rule: LtiRule
  /** Percent of the maximum score (grade rule), null for completion. */
  threshold: number | null
  createdAt: string
}

/** A credential issued for a mapping to one person (exactly once per context, person and achievement). */
export interface LtiAwardRecord {
  contextId: string
  sub: string
  achievementId: string
  credentialId: string
  email: string
  createdAt: string
}

/** A browser's LTI session after a launch: which course, who, which role; deep-linking settings when it was a deep-linking request. */
export interface LtiSessionRecord {
  tokenHash: string
  contextId: string
  platformId: string
  sub: string
  role: LtiRole
  name: string | null
  csrf: string
  /** JSON of the deep-linking settings (return URL, data, deployment id), null for a resource link launch. */
  deepLink: string | null
  expiresAt: string
}

/** The tool's key as stored: public JWK, private JWK sealed under the master key. */
export interface LtiToolKeyRecord {
  kid: string
  publicJwk: string
  sealedPrivateJwk: string
  createdAt: string
}

export interface LtiRepo {
  insertPlatform(p: LtiPlatformRecord): Promise<void>
  deletePlatform(orgId: string, id: string): Promise<boolean>
  platforms(orgId: string): Promise<LtiPlatformRecord[]>
  platform(id: string): Promise<LtiPlatformRecord | undefined>
  /** Platforms registered under an issuer (any organization). */
  platformsByIssuer(issuer: string): Promise<LtiPlatformRecord[]>
  insertState(s: LtiStateRecord): Promise<void>
  /** Deletes and returns the state (single use); undefined when unknown. */
  takeState(stateHash: string): Promise<LtiStateRecord | undefined>
  /** Records a used nonce; false when it was used before. */
  useNonce(platformId: string, nonce: string, expiresAt: string): Promise<boolean>
  /** Drops expired states and nonces. */
  purge(now: string): Promise<void>
  upsertContext(c: Omit<LtiContextRecord, 'id' | 'createdAt' | 'updatedAt' | 'lastSyncAt' | 'lastSyncError'> & { id: string; at: string }): Promise<LtiContextRecord>
  context(id: string): Promise<LtiContextRecord | undefined>
  contexts(orgId: string): Promise<LtiContextRecord[]>
  /** Every context with at least one mapping (the sync job's work). */
  mappedContexts(): Promise<LtiContextRecord[]>
  recordSync(id: string, at: string, error: string | null): Promise<void>
  upsertMember(m: LtiMemberRecord): Promise<void>
  members(contextId: string): Promise<LtiMemberRecord[]>
  insertMapping(m: LtiMappingRecord): Promise<boolean>
  deleteMapping(contextId: string, id: string): Promise<boolean>
  mappings(contextId: string): Promise<LtiMappingRecord[]>
  insertAward(a: LtiAwardRecord): Promise<boolean>
  awards(contextId: string): Promise<LtiAwardRecord[]>
  insertSession(s: LtiSessionRecord): Promise<void>
  session(tokenHash: string): Promise<LtiSessionRecord | undefined>
  toolKey(): Promise<LtiToolKeyRecord | undefined>
  /** Stores the key unless one exists; returns the stored one (the first wins). */
  addToolKey(k: LtiToolKeyRecord): Promise<LtiToolKeyRecord>
}

/** The tool's RS256 key pair (implemented in src/keys, the private half sealed under the master key). */
export interface LtiToolKeys {
  /** The public JWKS published at /lti/jwks. */
  jwks(): Promise<{ keys: Record<string, unknown>[] }>
  /** A compact JWS (RS256, `kid` of the tool key) of `claims`. */
  sign(claims: Record<string, unknown>): Promise<string>
}
