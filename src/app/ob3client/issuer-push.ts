// An issuer pushes a credential to the learner's own OB 3.0 host (issue #13 item 2). The organization
// makes a push link (API or its page of the credential); the learner opens it (no Emblem account
// needed: the link's token is the capability), names their host (or confirms the one the issuer
// named), and authorizes Emblem there (authorization code with PKCE S256, scope credential.upsert
// only). Back at the callback Emblem exchanges the code, POSTs the credential exactly as signed to
// the host's /credentials and forgets the tokens: nothing of the host's is kept but the outcome.
// Emblem's registration at the host is the one learners' connections use (host-client.ts): one
// client per host, named after this instance; the learner's page names the organization.
import * as oauth from 'oauth4webapi'
import { z } from 'zod'
import { PlatformError } from '../../core/errors.js'
import type { IssuedView } from '../issuance/issued-view.js'
import { OB_SCOPES } from '../oauth/scopes.js'
import { parseInput } from '../platform/input-error.js'
import type { PlatformPorts } from '../platform/ports.js'
import { hashSecret, isTokenShaped, newSecret } from '../platform/secret-token.js'
import { authorizationRequestUrl, authorizationServerOf, discoverHost, ensureRegistration, fetcherOf, hostClient, httpUrl, oauthHttp, OB3_CALLBACK_PATH } from './host-client.js'
import type { CredentialPushRecord, CredentialPushState } from './push-ports.js'

/** A push link works this long. */
export const PUSH_LINK_DAYS = 30
/** An authorization the learner started may take this long. */
const PENDING_MS = 15 * 60_000
/** The `state` of a push's authorization starts with this (the shared callback tells pushes from learners' connections). */
export const PUSH_STATE_PREFIX = 'push.'
/** What a push asks the host for: only to keep the credential. */
const PUSH_SCOPES = [OB_SCOPES.credentialUpsert] as const
/** Pushes listed per credential. */
const LIST_LIMIT = 50

/** A push as the organization sees it. */
export interface CredentialPushView {
  id: string
  credentialId: string
  state: CredentialPushState
  /** The host's name (its address) once known. */
  host: string | null
  /** What the host said: a new credential, or one it held already. */
  result: 'created' | 'existing' | null
  /** Why it failed (state `failed`), or what went wrong last. */
  reason: string | null
  createdAt: string
  expiresAt: string
  deliveredAt: string | null
}

/** A new push: its view and the link for the learner (shown once). */
export interface CreatedPush extends CredentialPushView {
  claimUrl: string
}

/** What the learner's page shows. */
export interface PushPageModel {
  push: CredentialPushView
  /** The host the issuer named, as typed. */
  hostUrl: string | null
  orgName: string
  achievementName: string
  recipientName: string
  expired: boolean
}

/** The outcome at the callback, with the link back to the learner's page. */
export interface PushOutcome {
  push: CredentialPushView
  pageUrl: string
  orgName: string
  achievementName: string
}

export interface IssuerPushUseCases {
  /** Makes a push link for one of the organization's credentials (`{ hostUrl? }`: the learner's host when the issuer knows it; checked now). */
  create(orgId: string, credentialId: string, input: unknown, createdBy: string | null): Promise<CreatedPush>
  /** The credential's pushes, newest first. */
  list(orgId: string, credentialId: string): Promise<CredentialPushView[]>
  /** The learner's page behind a push link (ERR_NOT_FOUND for an unknown token). */
  page(token: string): Promise<PushPageModel>
  /** The learner names their host (`{ hostUrl }`): discovery, registration once, and the authorization URL to send their browser to. */
  start(token: string, input: unknown): Promise<{ authorizationUrl: string }>
  /** Whether a callback's `state` belongs to a push (not to a learner's connection). */
  isPushState(state: string | undefined): boolean
  /**
   * Finishes the authorization and sends the credential. PushFailed (with the learner's page) when the
   * learner refused or the host refused the credential; ERR_TOKEN_INVALID when the state is unknown,
   * expired or used.
   */
  callback(query: Record<string, string>): Promise<PushOutcome>
}

const createInput = z.strictObject({
  hostUrl: z.string('must be text').trim().max(2000, 'At most 2000 characters').optional().describe('The learner’s OB 3.0 host (its address, API base or discovery URL), when you know it; else the learner chooses'),
})
const startInput = z.strictObject({ hostUrl: z.string('Enter your host\'s address').trim().min(1, 'Enter your host\'s address').max(2000, 'At most 2000 characters') })

export const pushCreateSchema = createInput

/** A push that failed at the callback: the learner's page to try again from. */
export class PushFailed extends PlatformError {
  constructor(code: ConstructorParameters<typeof PlatformError>[0], message: string, readonly pageUrl: string) {
    super(code, message)
  }
}

const viewOf = (p: CredentialPushRecord): CredentialPushView => ({
  id: p.id,
  credentialId: p.credentialId,
  state: p.state,
  host: p.hostName,
  result: p.result,
  reason: p.reason,
  createdAt: p.createdAt,
  expiresAt: p.expiresAt,
  deliveredAt: p.deliveredAt,
})

export function issuerPushUseCases(
  ports: Pick<PlatformPorts, 'store' | 'clock' | 'random' | 'secrets' | 'fetcher' | 'publicUrl'>,
  issuance: { get(orgId: string, id: string): Promise<IssuedView> },
): IssuerPushUseCases {
  const repo = ports.store.repos.credentialPushes
  const { secrets, clock } = ports
  const seal = (p: Pick<CredentialPushRecord, 'id'>, what: string, value: string) => secrets.seal(value, `credential-push:${p.id}:${what}`)
  const open = (p: Pick<CredentialPushRecord, 'id'>, what: string, value: string) => secrets.open(value, `credential-push:${p.id}:${what}`)
  const pageUrlOf = (p: CredentialPushRecord) => `${ports.publicUrl}/push/${open(p, 'token', p.tokenSealed)}`
  const save = async (p: CredentialPushRecord) => {
    const next = { ...p, updatedAt: clock.now().toISOString() }
    await repo.save(next)
    return next
  }
  const byToken = async (token: string) => {
    const p = isTokenShaped(token) ? await repo.byTokenHash(hashSecret(token)) : undefined
    if (!p) throw new PlatformError('ERR_NOT_FOUND', 'This link is not a push link of this instance: ask the issuer for a new one')
    return p
  }
  const expired = (p: CredentialPushRecord) => Date.parse(p.expiresAt) <= clock.now().getTime()
  const describe = async (p: CredentialPushRecord) => {
    const [view, org] = await Promise.all([issuance.get(p.orgId, p.credentialId), ports.store.repos.orgs.get(p.orgId)])
    return { view, orgName: org?.name ?? '' }
  }
  /** The signed credential as the host's POST /credentials takes it: the JSON document, or the compact VC-JWT as text. */
  const bodyOf = (view: IssuedView) => (typeof view.credential === 'string' ? { body: view.credential, type: 'text/plain' } : { body: JSON.stringify(view.credential), type: 'application/json' })
  const fail = async (p: CredentialPushRecord, reason: string, code: 'ERR_FORBIDDEN' | 'ERR_STATE_INVALID' | 'ERR_CONFLICT' | 'ERR_FETCH_FAILED' | 'ERR_TOKEN_INVALID') => {
    await save({ ...p, state: 'failed', reason, pendingStateHash: null, pendingVerifierSealed: null, pendingExpiresAt: null })
    return new PushFailed(code, reason, pageUrlOf(p))
  }

  return {
    async create(orgId, credentialId, input, createdBy) {
      const { hostUrl } = parseInput(createInput, input ?? {})
      const view = await issuance.get(orgId, credentialId)
      if (view.state !== 'active') throw new PlatformError('ERR_STATE_INVALID', `This credential is ${view.state}: only an active credential can be sent to a learner's host`)
      const now = clock.now()
      const id = ports.random.uuid()
      let push: CredentialPushRecord = {
        id,
        orgId,
        credentialId: view.id,
        tokenHash: '',
        tokenSealed: '',
        hostUrl: hostUrl || null,
        apiUrl: null,
        hostName: null,
        authorizationUrl: null,
        tokenUrl: null,
        state: 'pending',
        result: null,
        reason: null,
        pendingStateHash: null,
        pendingVerifierSealed: null,
        pendingExpiresAt: null,
        createdBy,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + PUSH_LINK_DAYS * 86_400_000).toISOString(),
        deliveredAt: null,
      }
      if (hostUrl) {
        // The issuer named the host: checked now (an OB 3.0 host, Emblem registered there).
        const disco = await discoverHost(ports, hostUrl, 'hostUrl')
        await ensureRegistration(ports, disco, 'hostUrl')
        push = { ...push, apiUrl: disco.apiUrl, hostName: disco.name, authorizationUrl: disco.authorizationUrl, tokenUrl: disco.tokenUrl }
      }
      const { token, hash } = newSecret(ports.random)
      push = { ...push, tokenHash: hash, tokenSealed: seal(push, 'token', token) }
      await repo.insert(push)
      return { ...viewOf(push), claimUrl: `${ports.publicUrl}/push/${token}` }
    },

    async list(orgId, credentialId) {
      const view = await issuance.get(orgId, credentialId)
      return (await repo.ofCredential(orgId, view.id, LIST_LIMIT)).map(viewOf)
    },

    async page(token) {
      const p = await byToken(token)
      const { view, orgName } = await describe(p)
      return { push: viewOf(p), hostUrl: p.hostUrl, orgName, achievementName: view.achievementName, recipientName: view.recipient.name, expired: expired(p) }
    },

    async start(token, input) {
      const p = await byToken(token)
      if (p.state === 'delivered') throw new PlatformError('ERR_CONFLICT', `This credential was delivered to ${p.hostName ?? 'your host'} already`)
      if (expired(p)) throw new PlatformError('ERR_TOKEN_INVALID', 'This link has expired: ask the issuer for a new one')
      const { hostUrl } = parseInput(startInput, input)
      const { view } = await describe(p)
      if (view.state !== 'active') throw new PlatformError('ERR_STATE_INVALID', `This credential is ${view.state}: it cannot be sent any more`)
      const disco = await discoverHost(ports, hostUrl, 'hostUrl')
      await ensureRegistration(ports, disco, 'hostUrl')
      const { client } = await hostClient(ports, disco.apiUrl, disco.name)
      const state = `${PUSH_STATE_PREFIX}${oauth.generateRandomState()}`
      const verifier = oauth.generateRandomCodeVerifier()
      await save({
        ...p,
        apiUrl: disco.apiUrl,
        hostName: disco.name,
        authorizationUrl: disco.authorizationUrl,
        tokenUrl: disco.tokenUrl,
        state: 'authorizing',
        reason: null,
        pendingStateHash: hashSecret(state),
        pendingVerifierSealed: seal(p, 'verifier', verifier),
        pendingExpiresAt: new Date(clock.now().getTime() + PENDING_MS).toISOString(),
      })
      return { authorizationUrl: await authorizationRequestUrl(ports, disco.authorizationUrl, client.client_id, PUSH_SCOPES, state, verifier) }
    },

    isPushState(state) {
      return typeof state === 'string' && state.startsWith(PUSH_STATE_PREFIX)
    },

    async callback(query) {
      const state = query.state ?? ''
      const p0 = state ? await repo.byPendingState(hashSecret(state)) : undefined
      if (!p0 || !p0.pendingVerifierSealed || !p0.pendingExpiresAt || !p0.apiUrl || !p0.authorizationUrl || !p0.tokenUrl)
        throw new PlatformError('ERR_TOKEN_INVALID', 'This authorization is unknown, has expired or was used already: open the link the issuer sent you again')
      const pageUrl = pageUrlOf(p0)
      const hostName = p0.hostName ?? new URL(p0.apiUrl).host
      if (Date.parse(p0.pendingExpiresAt) < clock.now().getTime()) throw await fail(p0, `The authorization at ${hostName} took too long: start again`, 'ERR_TOKEN_INVALID')
      const verifier = open(p0, 'verifier', p0.pendingVerifierSealed)
      // The state is spent from here on: a replayed callback finds nothing.
      const p = await save({ ...p0, pendingStateHash: null, pendingVerifierSealed: null, pendingExpiresAt: null })
      if (query.error) {
        const denied = query.error === 'access_denied'
        throw await fail(p, denied ? `You did not allow Emblem to send the credential to ${hostName}` : `${hostName} refused the authorization: ${(query.error_description ?? query.error).slice(0, 300)}`, denied ? 'ERR_FORBIDDEN' : 'ERR_STATE_INVALID')
      }
      const iss = query.iss
      if (iss !== undefined && (httpUrl(iss) === undefined || new URL(iss).origin !== new URL(p.tokenUrl!).origin)) throw await fail(p, `The authorization came from another server than ${hostName}`, 'ERR_TOKEN_INVALID')
      const as = authorizationServerOf({ issuer: iss ?? null, authorizationUrl: p.authorizationUrl!, tokenUrl: p.tokenUrl! })
      let accessToken: string
      try {
        const { client, auth } = await hostClient(ports, p.apiUrl!, hostName)
        const params = oauth.validateAuthResponse(as, client, new URLSearchParams(query), state)
        const res = await oauth.authorizationCodeGrantRequest(as, client, auth, params, `${ports.publicUrl}${OB3_CALLBACK_PATH}`, verifier, oauthHttp(ports, p.tokenUrl!))
        accessToken = (await oauth.processAuthorizationCodeResponse(as, client, res)).access_token
      } catch (err) {
        throw await fail(p, `${hostName} did not accept the authorization: ${(err instanceof Error ? err.message : String(err)).slice(0, 300)}`, 'ERR_TOKEN_INVALID')
      }
      const { view, orgName } = await describe(p)
      const { body, type } = bodyOf(view)
      let status: number
      let reason = ''
      try {
        const res = await fetcherOf(ports)(`${p.apiUrl}/credentials`, { method: 'POST', accept: 'application/json', headers: { authorization: `Bearer ${accessToken}`, 'content-type': type }, body })
        status = res.status
        if (status !== 200 && status !== 201) {
          try {
            const info = JSON.parse(new TextDecoder().decode(res.body)) as { imsx_description?: unknown }
            if (typeof info.imsx_description === 'string') reason = `: ${info.imsx_description.slice(0, 300)}`
          } catch {
            // not JSON: the status says enough
          }
        }
      } catch (err) {
        throw await fail(p, `${hostName} could not be reached to deliver the credential: ${(err instanceof Error ? err.message : String(err)).slice(0, 300)}`, 'ERR_FETCH_FAILED')
      }
      if (status !== 200 && status !== 201) throw await fail(p, `${hostName} refused the credential (HTTP ${status}${reason})`, status >= 500 ? 'ERR_FETCH_FAILED' : 'ERR_CONFLICT')
      const now = clock.now().toISOString()
      const done = await save({ ...p, state: 'delivered', result: status === 201 ? 'created' : 'existing', reason: null, deliveredAt: now })
      return { push: viewOf(done), pageUrl, orgName, achievementName: view.achievementName }
    },
  }
}
