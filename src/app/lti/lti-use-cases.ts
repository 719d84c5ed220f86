// The LTI 1.3 tool (issue #13 item 3): platform registration (org admins), the OIDC third-party
// login and launch (LTI Core), the course page's data, mappings to achievements, Deep Linking 2.0
// responses, and grade sync over AGS 2.0 + NRPS 2.0 issuing credentials exactly once per
// (course, person, achievement). JWTs are verified and signed with `jose`; the platform's JWKS and
// services are reached only through the guarded fetcher.
import { createLocalJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose'
import { timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { PlatformError } from '../../core/errors.js'
import { issueCredential } from '../issuance/issue-credential.js'
import { coded, parseInput } from '../platform/input-error.js'
import type { PlatformPorts } from '../platform/ports.js'
import { hashSecret } from '../platform/secret-token.js'
import type { LtiContextRecord, LtiMappingRecord, LtiMemberRecord, LtiPlatformRecord, LtiRole, LtiSessionRecord } from './ports.js'

/** LTI claim names. */
export const LTI = Object.freeze({
  messageType: 'https://purl.imsglobal.org/spec/lti/claim/message_type',
  version: 'https://purl.imsglobal.org/spec/lti/claim/version',
  deploymentId: 'https://purl.imsglobal.org/spec/lti/claim/deployment_id',
  targetLinkUri: 'https://purl.imsglobal.org/spec/lti/claim/target_link_uri',
  resourceLink: 'https://purl.imsglobal.org/spec/lti/claim/resource_link',
  roles: 'https://purl.imsglobal.org/spec/lti/claim/roles',
  context: 'https://purl.imsglobal.org/spec/lti/claim/context',
  custom: 'https://purl.imsglobal.org/spec/lti/claim/custom',
  ags: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  contentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
  dlData: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
})

/** The scopes grade sync asks for. */
export const LTI_SCOPES = [
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
] as const

/** Why a login or launch was refused (each has a message in the `lti` catalog: `lti.error.<reason>`). */
export type LtiRefusal =
  | 'missing_parameters'
  | 'unknown_platform'
  | 'ambiguous_platform'
  | 'unknown_deployment'
  | 'bad_target'
  | 'bad_state'
  | 'bad_signature'
  | 'expired'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'bad_nonce'
  | 'replayed'
  | 'bad_version'
  | 'bad_message_type'
  | 'no_context'
  | 'invalid_token'
  | 'not_instructor'
  | 'jwks_unavailable'

/** A refused LTI login or launch: a 4xx with a reason the page explains. */
export class LtiRefusedError extends PlatformError {
  constructor(
    readonly reason: LtiRefusal,
    message: string,
  ) {
    super(reason === 'jwks_unavailable' ? 'ERR_FETCH_FAILED' : 'ERR_TOKEN_INVALID', message)
  }
}
const refuse = (reason: LtiRefusal, message: string): never => {
  throw new LtiRefusedError(reason, message)
}

const LIMITS = Object.freeze({ platforms: 20, text: 500, url: 2000, deployments: 50 })
const STATE_TTL_MS = 10 * 60_000
const SESSION_TTL_MS = 8 * 3600_000
const JWKS_TTL_MS = 10 * 60_000

const isWebUrl = (v: string): boolean => {
  try {
    const u = new URL(v)
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password && !/\s/.test(v)
  } catch {
    return false
  }
}
const text = (what: string, max: number = LIMITS.text) =>
  z
    .string(`enter the ${what}`)
    .trim()
    .refine((v) => v !== '', coded('required', `enter the ${what}`))
    .refine((v) => v.length <= max, coded('too_long', `use at most ${max} characters`))
    .refine((v) => !/[\p{Cc}]/u.test(v), coded('invalid_characters', 'remove the control characters'))
const url = (what: string) => text(what, LIMITS.url).refine(isWebUrl, coded('invalid_url', 'enter an https:// URL'))

/** A platform to register. `deploymentIds`: a list, or one string with ids separated by commas or lines (the form). */
export const ltiPlatformInput = z.strictObject({
  name: text('platform’s name', 200).optional(),
  issuer: url('issuer (the platform’s URL)'),
  clientId: text('client id'),
  authLoginUrl: url('authentication request URL'),
  tokenUrl: url('access token URL'),
  jwksUrl: url('public keyset URL'),
  deploymentIds: z
    .union([z.array(z.string()), z.string()], 'enter the deployment ids')
    .transform((v) => [...new Set((Array.isArray(v) ? v : v.split(/[\n,]/)).map((d) => d.trim()).filter((d) => d !== ''))])
    .refine((v) => v.length > 0, coded('required', 'enter at least one deployment id'))
    .refine((v) => v.length <= LIMITS.deployments, coded('too_many', `at most ${LIMITS.deployments} deployment ids`))
    .refine((v) => v.every((d) => d.length <= 255 && !/[\p{Cc}]/u.test(d)), coded('invalid_format', 'a deployment id has at most 255 characters')),
})

/** A mapping an instructor adds: an achievement of the organization, earned by completion or a grade of at least `threshold` %. */
export const ltiMappingInput = z
  .strictObject({
    achievementId: z.string('choose an achievement').trim().min(1, coded('required', 'choose an achievement')),
    rule: z.enum(['completion', 'grade'], { error: 'choose completion or grade' }),
    threshold: z.union([z.number(), z.string().trim().transform((v) => (v === '' ? undefined : Number(v)))]).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.rule !== 'grade') return
    if (v.threshold === undefined || !Number.isFinite(v.threshold) || v.threshold < 0 || v.threshold > 100)
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'enter a percentage from 0 to 100', params: { code: 'out_of_range' } })
  })

/** The tool's URLs, for the platform's registration form. */
export interface LtiToolConfig {
  loginUrl: string
  launchUrl: string
  deepLinkUrl: string
  jwksUrl: string
  redirectUris: string[]
}

/** A person's status in a course, per mapped achievement. */
export interface LtiMemberStatus extends LtiMemberRecord {
  awards: { achievementId: string; credentialId: string }[]
}

/** What the course page shows. */
export interface LtiCourseView {
  context: LtiContextRecord
  platform: Pick<LtiPlatformRecord, 'id' | 'name' | 'issuer'>
  orgName: string
  mappings: (LtiMappingRecord & { achievementName: string })[]
  /** Instructors: every member; learners: themselves. */
  members: LtiMemberStatus[]
  /** The organization's published achievements (instructors map them). */
  achievements: { id: string; name: string }[]
}

/** A browser's LTI session, with its course and platform. */
export interface LtiSessionView extends LtiSessionRecord {
  context: LtiContextRecord
  platform: LtiPlatformRecord
}

/** What a sync did. */
export interface LtiSyncOutcome {
  members: number
  results: number
  issued: number
}

export interface LtiUseCases {
  toolConfig(): LtiToolConfig
  jwks(): Promise<{ keys: Record<string, unknown>[] }>
  listPlatforms(orgId: string): Promise<LtiPlatformRecord[]>
  registerPlatform(orgId: string, input: unknown): Promise<LtiPlatformRecord>
  removePlatform(orgId: string, id: string): Promise<void>
  /** The organization's courses (contexts launched so far), newest first. */
  contexts(orgId: string): Promise<LtiContextRecord[]>
  /** OIDC third-party login initiation: where to send the browser, and the state to bind to its cookie. */
  login(params: Record<string, string | undefined>): Promise<{ redirect: string; state: string }>
  /** Verifies a launch (id_token + state, the state cookie) and opens a session for its course. */
  launch(form: { idToken?: string | undefined; state?: string | undefined }, cookieState: string | undefined): Promise<{ token: string; session: LtiSessionView }>
  session(token: string | undefined): Promise<LtiSessionView | undefined>
  course(session: LtiSessionView): Promise<LtiCourseView>
  /** Instructors: adds a mapping (InputError for bad input, ERR_CONFLICT when the achievement is mapped already). */
  addMapping(session: LtiSessionView, input: unknown): Promise<LtiMappingRecord>
  removeMapping(session: LtiSessionView, id: string): Promise<void>
  /** Instructors (and the organization's API and job): fetches members and grades and issues what they earn. */
  sync(contextId: string): Promise<LtiSyncOutcome>
  /** Syncs every course with a mapping (the job). */
  syncAll(): Promise<{ contexts: number; issued: number; failed: number }>
  /** The signed LtiDeepLinkingResponse placing `achievementId`, and where to post it. */
  deepLinkResponse(session: LtiSessionView, achievementId: string): Promise<{ returnUrl: string; jwt: string }>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const noPlatform = () => new PlatformError('ERR_NOT_FOUND', 'No such LTI platform in this organization')

const safeEqual = (a: string, b: string): boolean => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** LTI roles → the tool's view: instructors (and admins, teaching assistants) map and sync; learners see their status. */
export function roleOf(roles: unknown): LtiRole {
  const list = Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : []
  const has = (name: string) => list.some((r) => r === name || r.endsWith(`#${name}`) || r.endsWith(`/${name}`))
  if (has('Instructor') || has('Administrator') || has('ContentDeveloper') || has('TeachingAssistant')) return 'instructor'
  if (has('Learner') || has('Student')) return 'learner'
  return 'other'
}

const str = (v: unknown, max = 1000): string | undefined => (typeof v === 'string' && v.length > 0 ? v.slice(0, max) : undefined)
const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined)
const webUrl = (v: unknown): string | null => (typeof v === 'string' && v.length <= LIMITS.url && isWebUrl(v) ? v : null)
const emailOf = (v: unknown): string | null => (typeof v === 'string' && v.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? v.toLowerCase() : null)

/** The Idempotency-Key of an LTI award: one credential per course, person and achievement. */
export const ltiAwardKey = (contextId: string, sub: string, achievementId: string): string => `lti:${contextId}:${hashSecret(sub).slice(0, 32)}:${achievementId}`

/** The results URL of a line item (`…/lineitem/1?x` → `…/lineitem/1/results?x`). */
const resultsUrlOf = (lineItem: string): string => {
  const u = new URL(lineItem)
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/results`
  return u.href
}

export function ltiUseCases(ports: PlatformPorts): LtiUseCases {
  const { store, clock, random, publicUrl, ltiKeys } = ports
  const repo = store.repos.lti
  const config: LtiToolConfig = {
    loginUrl: `${publicUrl}/lti/login`,
    launchUrl: `${publicUrl}/lti/launch`,
    deepLinkUrl: `${publicUrl}/lti/launch`,
    jwksUrl: `${publicUrl}/lti/jwks`,
    redirectUris: [`${publicUrl}/lti/launch`],
  }
  const jwksCache = new Map<string, { at: number; jwks: JSONWebKeySet; set: ReturnType<typeof createLocalJWKSet> }>()

  const fetchJson = async (target: string, init: { accept: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }): Promise<unknown> => {
    if (!ports.fetcher) throw new PlatformError('ERR_FETCH_BLOCKED', 'This instance does not reach other hosts (no fetcher configured)')
    const res = await ports.fetcher(target, init)
    if (res.status < 200 || res.status >= 300) throw new PlatformError('ERR_FETCH_FAILED', `${new URL(target).origin} answered HTTP ${res.status}`)
    try {
      return JSON.parse(new TextDecoder().decode(res.body)) as unknown
    } catch {
      throw new PlatformError('ERR_FETCH_FAILED', `${new URL(target).origin} did not answer JSON`)
    }
  }

  /** The platform's keys: cached for 10 minutes, fetched again once when a token names a key not in the cache. */
  const platformKeys = async (platform: LtiPlatformRecord, kid: string | undefined) => {
    const cached = jwksCache.get(platform.jwksUrl)
    const fresh = cached && clock.now().getTime() - cached.at < JWKS_TTL_MS
    const knows = (set: JSONWebKeySet) => kid === undefined || set.keys.some((k) => k.kid === kid)
    if (cached && fresh && knows(cached.jwks)) return cached.set
    let jwks: JSONWebKeySet
    try {
      const doc = obj(await fetchJson(platform.jwksUrl, { accept: 'application/jwk-set+json, application/json' }))
      if (!doc || !Array.isArray(doc['keys'])) throw new Error('not a JWKS')
      jwks = doc as unknown as JSONWebKeySet
    } catch (err) {
      if (cached) return cached.set
      return refuse('jwks_unavailable', `The platform’s keys could not be fetched: ${err instanceof Error ? err.message : String(err)}`)
    }
    const set = createLocalJWKSet(jwks)
    jwksCache.set(platform.jwksUrl, { at: clock.now().getTime(), jwks, set })
    return set
  }

  const sessionOf = async (token: string | undefined): Promise<LtiSessionView | undefined> => {
    if (!token || token.length > 100) return undefined
    const s = await repo.session(hashSecret(token))
    if (!s || s.expiresAt <= clock.now().toISOString()) return undefined
    const [context, platform] = await Promise.all([repo.context(s.contextId), repo.platform(s.platformId)])
    if (!context || !platform) return undefined
    return { ...s, context, platform }
  }

  const requireInstructor = (session: LtiSessionView) => {
    if (session.role !== 'instructor') throw new PlatformError('ERR_FORBIDDEN', 'Only the course’s instructors can do this')
  }

  const publishedAchievements = async (orgId: string) => (await store.repos.achievements.list(orgId, { state: 'published', limit: 200 })).items.map((a) => ({ id: a.id, name: a.name }))

  /** An access token of the platform for the LTI services (client_credentials, RFC 7523 JWT assertion signed with the tool key). */
  const accessToken = async (platform: LtiPlatformRecord): Promise<string> => {
    const now = Math.floor(clock.now().getTime() / 1000)
    const assertion = await ltiKeys.sign({ iss: platform.clientId, sub: platform.clientId, aud: platform.tokenUrl, iat: now, exp: now + 300, jti: random.uuid() })
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope: LTI_SCOPES.join(' '),
    }).toString()
    const doc = obj(await fetchJson(platform.tokenUrl, { accept: 'application/json', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }))
    const token = str(doc?.['access_token'], 4000)
    if (!token) throw new PlatformError('ERR_FETCH_FAILED', 'The platform’s token endpoint answered no access token')
    return token
  }

  const sync = async (contextId: string): Promise<LtiSyncOutcome> => {
    const context = await repo.context(contextId)
    if (!context) throw new PlatformError('ERR_NOT_FOUND', 'No such course')
    const platform = await repo.platform(context.platformId)
    if (!platform) throw new PlatformError('ERR_NOT_FOUND', 'The course’s platform is no longer registered')
    const at = () => clock.now().toISOString()
    try {
      const token = await accessToken(platform)
      const auth = { authorization: `Bearer ${token}` }
      let memberCount = 0
      if (context.membershipsUrl) {
        const doc = obj(await fetchJson(context.membershipsUrl, { accept: 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json', headers: auth }))
        const members = Array.isArray(doc?.['members']) ? (doc['members'] as unknown[]) : []
        for (const raw of members.slice(0, 10_000)) {
          const m = obj(raw)
          const sub = str(m?.['user_id'], 255)
          if (!m || !sub || (m['status'] !== undefined && m['status'] !== 'Active')) continue
          await repo.upsertMember({ contextId: context.id, sub, email: emailOf(m['email']), name: str(m['name'], 200) ?? null, role: roleOf(m['roles']), updatedAt: at() })
          memberCount += 1
        }
      }
      const mappings = await repo.mappings(context.id)
      let resultCount = 0
      let issued = 0
      if (context.lineItemsUrl && mappings.length > 0) {
        const items = await fetchJson(context.lineItemsUrl, { accept: 'application/vnd.ims.lis.v2.lineitemcontainer+json', headers: auth })
        const lineItem = obj(Array.isArray(items) ? items[0] : undefined)
        const lineItemId = webUrl(lineItem?.['id'])
        if (lineItem && lineItemId) {
          const maximum = typeof lineItem['scoreMaximum'] === 'number' ? lineItem['scoreMaximum'] : undefined
          const results = await fetchJson(resultsUrlOf(lineItemId), { accept: 'application/vnd.ims.lis.v2.resultcontainer+json', headers: auth })
          const members = new Map((await repo.members(context.id)).map((m) => [m.sub, m]))
          const awarded = new Set((await repo.awards(context.id)).map((a) => `${a.sub}\n${a.achievementId}`))
          for (const raw of Array.isArray(results) ? results.slice(0, 10_000) : []) {
            const r = obj(raw)
            const sub = str(r?.['userId'], 255)
            if (!r || !sub) continue
            resultCount += 1
            const member = members.get(sub)
            if (!member || member.role === 'instructor' || !member.email) continue
            const score = typeof r['resultScore'] === 'number' ? r['resultScore'] : undefined
            const max = typeof r['resultMaximum'] === 'number' && r['resultMaximum'] > 0 ? r['resultMaximum'] : maximum
            for (const mapping of mappings) {
              if (awarded.has(`${sub}\n${mapping.achievementId}`)) continue
              const qualifies = mapping.rule === 'completion' ? score !== undefined : score !== undefined && max !== undefined && (score / max) * 100 >= (mapping.threshold ?? 100)
              if (!qualifies) continue
              const input = {
                recipient: { email: member.email, ...(member.name ? { name: member.name } : {}) },
                ...(score !== undefined && max !== undefined ? { results: [{ value: `${Math.round((score / max) * 1000) / 10}%`, status: 'Completed' }] } : {}),
              }
              const outcome = await issueCredential(ports, { orgId: context.orgId, achievementId: mapping.achievementId, input, idempotencyKey: ltiAwardKey(context.id, sub, mapping.achievementId) }).catch(async (err: unknown) => {
                // A result shape the issuance refuses: issue without the result rather than not at all.
                if (err instanceof PlatformError && err.code === 'ERR_INPUT_INVALID' && 'results' in input)
                  return issueCredential(ports, { orgId: context.orgId, achievementId: mapping.achievementId, input: { recipient: input.recipient }, idempotencyKey: `${ltiAwardKey(context.id, sub, mapping.achievementId)}:plain` })
                throw err
              })
              const credentialId = outcome.replayed ? outcome.credentialId : outcome.view.id
              if (!credentialId) continue
              if (await repo.insertAward({ contextId: context.id, sub, achievementId: mapping.achievementId, credentialId, email: member.email, createdAt: at() })) {
                if (!outcome.replayed) issued += 1
              }
              awarded.add(`${sub}\n${mapping.achievementId}`)
            }
          }
        }
      }
      await repo.recordSync(context.id, at(), null)
      return { members: memberCount, results: resultCount, issued }
    } catch (err) {
      await repo.recordSync(context.id, at(), (err instanceof Error ? err.message : String(err)).slice(0, 1000))
      throw err
    }
  }

  return {
    toolConfig: () => config,
    jwks: () => ltiKeys.jwks(),
    listPlatforms: (orgId) => repo.platforms(orgId),
    async registerPlatform(orgId, input) {
      const parsed = parseInput(ltiPlatformInput, input)
      const existing = await repo.platforms(orgId)
      if (existing.length >= LIMITS.platforms) throw new PlatformError('ERR_STATE_INVALID', `An organization registers at most ${LIMITS.platforms} platforms`)
      if ((await repo.platformsByIssuer(parsed.issuer)).some((p) => p.clientId === parsed.clientId))
        throw new PlatformError('ERR_CONFLICT', 'This issuer and client id are registered already')
      const platform: LtiPlatformRecord = {
        id: random.uuid(),
        orgId,
        name: parsed.name ?? new URL(parsed.issuer).host,
        issuer: parsed.issuer,
        clientId: parsed.clientId,
        authLoginUrl: parsed.authLoginUrl,
        tokenUrl: parsed.tokenUrl,
        jwksUrl: parsed.jwksUrl,
        deploymentIds: parsed.deploymentIds,
        createdAt: clock.now().toISOString(),
      }
      await repo.insertPlatform(platform)
      return platform
    },
    async removePlatform(orgId, id) {
      if (!UUID.test(id) || !(await repo.deletePlatform(orgId, id.toLowerCase()))) throw noPlatform()
    },
    contexts: (orgId) => repo.contexts(orgId),

    async login(params) {
      const iss = params['iss']
      const loginHint = params['login_hint']
      const target = params['target_link_uri']
      if (!iss || !loginHint || !target) return refuse('missing_parameters', 'The login request needs iss, login_hint and target_link_uri')
      const candidates = (await repo.platformsByIssuer(iss)).filter((p) => !params['client_id'] || p.clientId === params['client_id'])
      if (candidates.length === 0) return refuse('unknown_platform', 'No organization registered this platform (issuer and client id)')
      if (candidates.length > 1) return refuse('ambiguous_platform', 'Several registrations share this issuer: the platform must send client_id')
      const platform = candidates[0]!
      const deployment = params['lti_deployment_id']
      if (deployment && !platform.deploymentIds.includes(deployment)) return refuse('unknown_deployment', 'This deployment is not registered')
      if (!isWebUrl(target) || new URL(target).origin !== new URL(publicUrl).origin) return refuse('bad_target', 'The target link is not a URL of this tool')
      const now = clock.now()
      await repo.purge(now.toISOString())
      const state = random.token(32)
      const nonce = random.token(24)
      await repo.insertState({ stateHash: hashSecret(state), platformId: platform.id, nonce, expiresAt: new Date(now.getTime() + STATE_TTL_MS).toISOString() })
      const redirect = new URL(platform.authLoginUrl)
      const query: Record<string, string> = {
        scope: 'openid',
        response_type: 'id_token',
        response_mode: 'form_post',
        prompt: 'none',
        client_id: platform.clientId,
        redirect_uri: config.launchUrl,
        login_hint: loginHint,
        state,
        nonce,
        ...(params['lti_message_hint'] ? { lti_message_hint: params['lti_message_hint'] } : {}),
      }
      for (const [k, v] of Object.entries(query)) redirect.searchParams.set(k, v)
      return { redirect: redirect.href, state }
    },

    async launch({ idToken, state }, cookieState) {
      if (!idToken || !state) return refuse('missing_parameters', 'The launch needs an id_token and a state')
      if (!cookieState || !safeEqual(cookieState, state)) return refuse('bad_state', 'This launch did not start in this browser (the state does not match)')
      const pending = await repo.takeState(hashSecret(state))
      const now = clock.now()
      if (!pending || pending.expiresAt <= now.toISOString()) return refuse('bad_state', 'This launch’s state is unknown, used or expired: launch again from the course')
      const platform = await repo.platform(pending.platformId)
      if (!platform) return refuse('unknown_platform', 'The platform is no longer registered')
      let kid: string | undefined
      try {
        kid = decodeProtectedHeader(idToken).kid
      } catch {
        return refuse('invalid_token', 'The id_token is not a JWT')
      }
      const keys = await platformKeys(platform, kid)
      let claims: JWTPayload
      try {
        ;({ payload: claims } = await jwtVerify(idToken, keys, {
          issuer: platform.issuer,
          audience: platform.clientId,
          algorithms: ['RS256'],
          currentDate: now,
          clockTolerance: 60,
          maxTokenAge: '1h',
          requiredClaims: ['iat', 'exp', 'nonce', 'sub'],
        }))
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) return refuse('expired', 'The launch token has expired')
        if (err instanceof joseErrors.JWTClaimValidationFailed) {
          if (err.claim === 'aud') return refuse('wrong_audience', 'The launch token is not for this tool (audience)')
          if (err.claim === 'iss') return refuse('wrong_issuer', 'The launch token’s issuer is not the registered platform')
          if (err.claim === 'iat') return refuse('expired', 'The launch token is too old')
          return refuse('invalid_token', `The launch token’s ${err.claim} claim is not valid`)
        }
        if (err instanceof joseErrors.JWSSignatureVerificationFailed || err instanceof joseErrors.JWKSNoMatchingKey || err instanceof joseErrors.JOSEAlgNotAllowed)
          return refuse('bad_signature', 'The launch token’s signature does not verify with the platform’s keys')
        return refuse('invalid_token', 'The launch token cannot be read')
      }
      const aud = claims.aud
      if (Array.isArray(aud) && aud.length > 1 && claims['azp'] !== platform.clientId) return refuse('wrong_audience', 'Several audiences and no azp naming this tool')
      if (claims['azp'] !== undefined && claims['azp'] !== platform.clientId) return refuse('wrong_audience', 'The token’s azp is not this tool')
      if (claims['nonce'] !== pending.nonce) return refuse('bad_nonce', 'The token’s nonce is not the one this login sent')
      if (!(await repo.useNonce(platform.id, pending.nonce, new Date((claims.exp ?? 0) * 1000 + 3600_000).toISOString()))) return refuse('replayed', 'This launch was used already')
      const deploymentId = str(claims[LTI.deploymentId], 255)
      if (!deploymentId || !platform.deploymentIds.includes(deploymentId)) return refuse('unknown_deployment', 'This deployment is not registered')
      if (claims[LTI.version] !== '1.3.0') return refuse('bad_version', 'Only LTI 1.3.0 launches are accepted')
      const messageType = claims[LTI.messageType]
      if (messageType !== 'LtiResourceLinkRequest' && messageType !== 'LtiDeepLinkingRequest') return refuse('bad_message_type', 'Not a resource link or deep linking request')
      if (messageType === 'LtiResourceLinkRequest' && !str(obj(claims[LTI.resourceLink])?.['id'])) return refuse('invalid_token', 'A resource link launch needs a resource link id')
      const ctx = obj(claims[LTI.context])
      const contextId = str(ctx?.['id'], 255)
      if (!ctx || !contextId) return refuse('no_context', 'Emblem is launched from a course: the launch has no context')
      const role = roleOf(claims[LTI.roles])
      let deepLink: string | null = null
      if (messageType === 'LtiDeepLinkingRequest') {
        if (role !== 'instructor') return refuse('not_instructor', 'Only instructors place achievements in a course')
        const settings = obj(claims[LTI.deepLinkingSettings])
        const returnUrl = webUrl(settings?.['deep_link_return_url'])
        if (!settings || !returnUrl) return refuse('invalid_token', 'A deep linking request needs deep_link_return_url')
        deepLink = JSON.stringify({ returnUrl, data: str(settings['data'], 4000) ?? null, deploymentId })
      }
      const at = now.toISOString()
      const ags = obj(claims[LTI.ags])
      const context = await repo.upsertContext({
        id: random.uuid(),
        platformId: platform.id,
        orgId: platform.orgId,
        contextId,
        title: str(ctx['title'], 200) ?? str(ctx['label'], 200) ?? contextId.slice(0, 200),
        label: str(ctx['label'], 200) ?? '',
        deploymentId,
        lineItemsUrl: webUrl(ags?.['lineitems']),
        membershipsUrl: webUrl(obj(claims[LTI.nrps])?.['context_memberships_url']),
        at,
      })
      const sub = claims.sub!.slice(0, 255)
      const name = str(claims['name'], 200) ?? ([str(claims['given_name'], 100), str(claims['family_name'], 100)].filter(Boolean).join(' ') || null)
      await repo.upsertMember({ contextId: context.id, sub, email: emailOf(claims['email']), name, role, updatedAt: at })
      const token = random.token(32)
      const record: LtiSessionRecord = { tokenHash: hashSecret(token), contextId: context.id, platformId: platform.id, sub, role, name, csrf: random.token(24), deepLink, expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString() }
      await repo.insertSession(record)
      return { token, session: { ...record, context, platform } }
    },

    session: sessionOf,

    async course(session) {
      const [mappings, members, awards, org, achievements] = await Promise.all([
        repo.mappings(session.contextId),
        repo.members(session.contextId),
        repo.awards(session.contextId),
        store.repos.orgs.get(session.context.orgId),
        publishedAchievements(session.context.orgId),
      ])
      const names = new Map(achievements.map((a) => [a.id, a.name]))
      for (const m of mappings)
        if (!names.has(m.achievementId)) names.set(m.achievementId, (await store.repos.achievements.get(session.context.orgId, m.achievementId))?.name ?? m.achievementId)
      const visible = session.role === 'instructor' ? members : members.filter((m) => m.sub === session.sub)
      return {
        context: session.context,
        platform: { id: session.platform.id, name: session.platform.name, issuer: session.platform.issuer },
        orgName: org?.name ?? '',
        mappings: mappings.map((m) => ({ ...m, achievementName: names.get(m.achievementId) ?? m.achievementId })),
        members: visible.map((m) => ({ ...m, awards: awards.filter((a) => a.sub === m.sub).map((a) => ({ achievementId: a.achievementId, credentialId: a.credentialId })) })),
        achievements,
      }
    },

    async addMapping(session, input) {
      requireInstructor(session)
      const parsed = parseInput(ltiMappingInput, input)
      const achievement = UUID.test(parsed.achievementId) ? await store.repos.achievements.get(session.context.orgId, parsed.achievementId.toLowerCase()) : undefined
      if (!achievement || achievement.state !== 'published') throw new PlatformError('ERR_NOT_FOUND', 'No such published achievement in this organization')
      const mapping: LtiMappingRecord = {
        id: random.uuid(),
        contextId: session.contextId,
        achievementId: achievement.id,
        rule: parsed.rule,
        threshold: parsed.rule === 'grade' ? (parsed.threshold as number) : null,
        createdAt: clock.now().toISOString(),
      }
      if (!(await repo.insertMapping(mapping))) throw new PlatformError('ERR_CONFLICT', 'This achievement is mapped in this course already')
      return mapping
    },
    async removeMapping(session, id) {
      requireInstructor(session)
      if (!UUID.test(id) || !(await repo.deleteMapping(session.contextId, id.toLowerCase()))) throw new PlatformError('ERR_NOT_FOUND', 'No such mapping in this course')
    },
    sync,
    async syncAll() {
      let issued = 0
      let failed = 0
      const contexts = await repo.mappedContexts()
      for (const c of contexts) {
        try {
          issued += (await sync(c.id)).issued
        } catch {
          failed += 1
        }
      }
      return { contexts: contexts.length, issued, failed }
    },

    async deepLinkResponse(session, achievementId) {
      requireInstructor(session)
      if (!session.deepLink) throw new PlatformError('ERR_STATE_INVALID', 'This session did not start with a deep linking request')
      const settings = JSON.parse(session.deepLink) as { returnUrl: string; data: string | null; deploymentId: string }
      const achievement = UUID.test(achievementId) ? await store.repos.achievements.get(session.context.orgId, achievementId.toLowerCase()) : undefined
      if (!achievement || achievement.state !== 'published') throw new PlatformError('ERR_NOT_FOUND', 'No such published achievement in this organization')
      const now = Math.floor(clock.now().getTime() / 1000)
      const description = typeof achievement.definition['description'] === 'string' ? achievement.definition['description'].slice(0, 500) : undefined
      const jwt = await ltiKeys.sign({
        iss: session.platform.clientId,
        aud: session.platform.issuer,
        iat: now,
        exp: now + 600,
        nonce: random.token(16),
        [LTI.messageType]: 'LtiDeepLinkingResponse',
        [LTI.version]: '1.3.0',
        [LTI.deploymentId]: settings.deploymentId,
        [LTI.contentItems]: [
          {
            type: 'ltiResourceLink',
            title: achievement.name,
            ...(description ? { text: description } : {}),
            url: config.launchUrl,
            custom: { emblem_achievement: achievement.id },
          },
        ],
        ...(settings.data ? { [LTI.dlData]: settings.data } : {}),
      })
      return { returnUrl: settings.returnUrl, jwt }
    },
  }
}
