// The OB 3.0 API's OAuth 2.0 server: oidc-provider (a certified, well-kept implementation), set up
// for plain OAuth 2.0 as 1EdTech's Security Framework asks (STANDARDS.md §1.12): authorization code
// with PKCE S256 only, dynamic client registration without an initial access token, client secrets
// sent by HTTP Basic, the four OB scopes on one resource (the API), refresh tokens with
// offline_access, token revocation. No OpenID Connect: no id_token, no userinfo.
// Its records go through the platform's use cases (platform.oauth.records) into the database, so
// every process of an instance shares clients, codes and tokens (SQLite and PostgreSQL alike).
import { generateKeyPair, exportJWK } from 'jose'
import type Provider from 'oidc-provider'
import type { Adapter, AdapterPayload } from 'oidc-provider'
import type { ConsentGate } from '../../app/oauth/consent-gate.js'
import { clientInfoOf } from '../../app/oauth/oauth-use-cases.js'
import { OB_SCOPE_LIST, isObScope } from '../../app/oauth/scopes.js'
import type { Platform } from '../../app/platform/platform.js'

/** Where the API and its OAuth server live under the public URL. */
export const OB3_BASE = '/ims/ob/v3p0'
export const OAUTH_BASE = `${OB3_BASE}/oauth`
/** The consent page (web/pages/oauth), where the server sends the learner's browser. */
export const CONSENT_PATH = '/oauth/consent'

/** The OB 3.0 API's OAuth server of one instance. */
export interface ObOAuthServer {
  provider: Provider
  /** The resource indicator (audience) of the API's access tokens. */
  resource: string
  /** What the consent page uses to finish an authorization. */
  gate: ConsentGate
}

const epoch = () => Math.floor(Date.now() / 1000)

function adapterFor(platform: Platform) {
  const records = platform.oauth.records
  return class KyselyAdapter implements Adapter {
    constructor(private readonly model: string) {}
    async upsert(id: string, payload: AdapterPayload, expiresIn?: number) {
      await records.upsert(this.model, id, payload, expiresIn)
    }
    private withConsumed(r: Awaited<ReturnType<typeof records.find>>): AdapterPayload | undefined {
      if (!r) return undefined
      return r.consumed ? { ...r.payload, consumed: epoch() } : r.payload
    }
    async find(id: string) {
      return this.withConsumed(await records.find(this.model, id))
    }
    async findByUid(uid: string) {
      return this.withConsumed(await records.findByUid(this.model, uid))
    }
    async findByUserCode(userCode: string) {
      return this.withConsumed(await records.findByUserCode(this.model, userCode))
    }
    async consume(id: string) {
      await records.consume(this.model, id)
    }
    async destroy(id: string) {
      await records.destroy(this.model, id)
    }
    async revokeByGrantId(grantId: string) {
      await records.revokeByGrantId(grantId)
    }
  }
}

/** Builds the OAuth server of `platform` (issuer `<publicUrl>/ims/ob/v3p0/oauth`) and its consent gate. */
export async function createObOAuthServer(platform: Platform, { trustProxy }: { trustProxy: boolean }): Promise<ObOAuthServer> {
  const issuer = `${platform.publicUrl}${OAUTH_BASE}`
  const resource = `${platform.publicUrl}${OB3_BASE}`
  const secure = platform.publicUrl.startsWith('https:')
  const host = new URL(platform.publicUrl).hostname
  // Nothing is signed with it (no id_token, opaque tokens), but the library wants a key set.
  const { privateKey } = await generateKeyPair('ES256', { extractable: true })
  const jwk = { ...(await exportJWK(privateKey)), alg: 'ES256', use: 'sig' }
  const scopeText = OB_SCOPE_LIST.join(' ')
  const { default: Provider, errors } = await loadOidcProvider()

  const provider = new Provider(issuer, {
    adapter: adapterFor(platform),
    jwks: { keys: [jwk] },
    cookies: {
      keys: await platform.oauth.cookieKeys(),
      long: { httpOnly: true, sameSite: 'lax', secure },
      short: { httpOnly: true, sameSite: 'lax', secure },
    },
    scopes: ['offline_access', ...OB_SCOPE_LIST],
    claims: { openid: ['sub'] },
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic'],
    clientDefaults: { grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic', id_token_signed_response_alg: 'ES256' },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      dPoP: { enabled: false },
      registration: { enabled: true, initialAccessToken: false, issueRegistrationAccessToken: false },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, indicator: string) => {
          if (indicator !== resource) throw new errors.InvalidTarget('Only this host\'s OB 3.0 API is a resource')
          return { scope: scopeText, accessTokenFormat: 'opaque', accessTokenTTL: 3600 }
        },
      },
    },
    extraClientMetadata: {
      properties: ['software_id', 'software_version'],
      // 1EdTech's registration rules: the client's URLs on one host, HTTPS where this instance is HTTPS.
      validator(_ctx: unknown, key: string, value: unknown, metadata: Record<string, unknown>) {
        if (key !== 'software_id') return
        void value
        const urls = ['client_uri', 'logo_uri', 'tos_uri', 'policy_uri']
          .map((k) => metadata[k])
          .concat(Array.isArray(metadata.redirect_uris) ? metadata.redirect_uris : [])
          .filter((u): u is string => typeof u === 'string')
        const hosts = new Set<string>()
        for (const u of urls) {
          let parsed: URL
          try {
            parsed = new URL(u)
          } catch {
            throw new errors.InvalidClientMetadata(`${u} is not a URL`)
          }
          if (secure && parsed.protocol !== 'https:') throw new errors.InvalidClientMetadata('Every URL of the client must use https')
          hosts.add(parsed.hostname)
        }
        if (hosts.size > 1) throw new errors.InvalidClientMetadata('Every URL of the client must be on the same host')
      },
    },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      RefreshToken: 14 * 86_400,
      Grant: 365 * 86_400,
      Interaction: 3600,
      Session: 14 * 86_400,
    },
    // Every authorization asks the signed-in learner again (the consent page): only the grant just
    // given on it is used, never one remembered from an earlier authorization.
    // 1EdTech clients get a refresh token (the discovery names a refreshUrl) without OIDC's offline_access
    // rules; it lives until it expires or the learner disconnects the client, not with a browser session.
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    expiresWithSession: () => false,
    loadExistingGrant: async (ctx: { oidc: { result?: { consent?: { grantId?: string } }; provider: { Grant: { find(id: string): Promise<unknown> } } } }) => {
      const grantId = ctx.oidc.result?.consent?.grantId
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${CONSENT_PATH}/${interaction.uid}` },
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub }) }),
    renderError: (ctx: { type: string; body: string; status: number }, out: { error: string; error_description?: string }) => {
      ctx.type = 'application/json'
      ctx.body = JSON.stringify(out)
    },
  })
  provider.proxy = trustProxy
  void host

  const gate: ConsentGate = {
    async request(uid) {
      const interaction = await provider.Interaction.find(uid)
      if (!interaction || interaction.result) return undefined
      const clientId = String(interaction.params.client_id ?? '')
      const client = await provider.Client.find(clientId)
      if (!client) return undefined
      const asked = String(interaction.params.scope ?? '').split(' ').filter(Boolean)
      const scopes = [...new Set(asked.filter((s) => isObScope(s) || s === 'offline_access'))].sort((a, b) => Number(isObScope(b)) - Number(isObScope(a)))
      return { uid, client: clientInfoOf(clientId, client.metadata()), scopes, redirectUri: String(interaction.params.redirect_uri ?? '') }
    },
    async allow(uid, userId) {
      const interaction = await provider.Interaction.find(uid)
      if (!interaction || interaction.result) throw new Error('gone')
      const clientId = String(interaction.params.client_id)
      const asked = String(interaction.params.scope ?? '').split(' ').filter(Boolean)
      const grant = new provider.Grant({ accountId: userId, clientId })
      const ob = asked.filter(isObScope)
      if (ob.length > 0) grant.addResourceScope(resource, ob.join(' '))
      // The OB scopes are this server's own scopes too (clients register them): granted there as well.
      const own = asked.filter((s) => isObScope(s) || s === 'offline_access')
      if (own.length > 0) grant.addOIDCScope(own.join(' '))
      const grantId = await grant.save()
      interaction.result = { login: { accountId: userId, remember: false }, consent: { grantId } }
      await interaction.save(Math.max(1, interaction.exp - epoch()))
      return interaction.returnTo
    },
    async deny(uid) {
      const interaction = await provider.Interaction.find(uid)
      if (!interaction || interaction.result) throw new Error('gone')
      interaction.result = { error: 'access_denied', error_description: 'The learner did not allow access' }
      await interaction.save(Math.max(1, interaction.exp - epoch()))
      return interaction.returnTo
    },
  }
  return { provider, resource, gate }
}

/**
 * oidc-provider, imported when the OAuth server is built. At import it prints "Unsupported runtime.
 * Use Node.js v22.x LTS" on stderr under Node 20, which Emblem supports and tests it on: that one line
 * is dropped, so `emblem serve`'s stderr stays ours (a refused start is one clear line); anything else
 * the library says passes through.
 */
async function loadOidcProvider(): Promise<typeof import('oidc-provider')> {
  const warn = console.warn
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return
    warn(...args)
  }
  try {
    return await import('oidc-provider')
  } finally {
    console.warn = warn
  }
}
