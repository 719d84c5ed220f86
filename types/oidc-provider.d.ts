// The part of oidc-provider (v9, untyped) Emblem uses: src/http/ob3.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export interface AdapterPayload {
    [key: string]: unknown
    grantId?: string
    uid?: string
    userCode?: string
    consumed?: number
  }

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>
    find(id: string): Promise<AdapterPayload | undefined>
    findByUid(uid: string): Promise<AdapterPayload | undefined>
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>
    consume(id: string): Promise<void>
    destroy(id: string): Promise<void>
    revokeByGrantId(grantId: string): Promise<void>
  }

  export interface InteractionRecord {
    uid: string
    exp: number
    returnTo: string
    params: Record<string, unknown>
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> }
    session?: { accountId?: string }
    grantId?: string
    result?: Record<string, unknown>
    save(ttl: number): Promise<string>
  }

  export interface GrantRecord {
    addOIDCScope(scope: string): void
    addResourceScope(resource: string, scope: string): void
    save(): Promise<string>
  }

  export interface AccessTokenRecord {
    accountId?: string
    clientId: string
    scope?: string
    aud?: string | string[]
    grantId?: string
    isExpired: boolean
  }

  export interface ClientRecord {
    clientId: string
    metadata(): Record<string, unknown>
  }

  export class errors {
    static InvalidTarget: new (message?: string) => Error
    static InvalidClientMetadata: new (message?: string) => Error
    static InvalidRedirectUri: new (message?: string) => Error
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>)
    proxy: boolean
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>
    on(event: string, listener: (...args: unknown[]) => void): this
    Interaction: { find(uid: string): Promise<InteractionRecord | undefined> }
    Grant: new (init: { accountId: string; clientId: string }) => GrantRecord
    AccessToken: { find(token: string): Promise<AccessTokenRecord | undefined> }
    Client: { find(id: string): Promise<ClientRecord | undefined> }
  }
}
