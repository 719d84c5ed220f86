// The four scopes of the 1EdTech Open Badges 3.0 API (STANDARDS.md §1.12).
const PREFIX = 'https://purl.imsglobal.org/spec/ob/v3p0/scope/'

export const OB_SCOPES = {
  credentialRead: `${PREFIX}credential.readonly`,
  credentialUpsert: `${PREFIX}credential.upsert`,
  profileRead: `${PREFIX}profile.readonly`,
  profileUpdate: `${PREFIX}profile.update`,
} as const

export type ObScope = (typeof OB_SCOPES)[keyof typeof OB_SCOPES]

export const OB_SCOPE_LIST: readonly ObScope[] = Object.values(OB_SCOPES)

/** The short name a scope is translated by (`oauth.scope.<name>`). */
export const scopeName = (scope: string): 'credentialRead' | 'credentialUpsert' | 'profileRead' | 'profileUpdate' | 'offlineAccess' | undefined => {
  if (scope === 'offline_access') return 'offlineAccess'
  const entry = Object.entries(OB_SCOPES).find(([, value]) => value === scope)
  return entry ? (entry[0] as keyof typeof OB_SCOPES) : undefined
}

export const isObScope = (scope: string): scope is ObScope => (OB_SCOPE_LIST as readonly string[]).includes(scope)
