// Claim links that are never a dead end: what a link opens (a credential to accept, one already
// accepted, one whose link was replaced, or nothing), the learner asking for a fresh link, and the
// issuer sending one again. A fresh link always goes to the e-mail address on record, never to
// one typed in, and replaces the previous link.
import { PlatformError } from '../../core/errors.js'
import { RateLimitedError, waitPhrase } from '../accounts/errors.js'
import { createRateLimiter, type RateLimiter } from '../accounts/rate-limiter.js'
import { issuedMail } from '../issuance/commit-issued.js'
import type { PlatformPorts } from '../platform/ports.js'
import { hashSecret } from '../platform/secret-token.js'
import { credentialIdOf } from './credential-id.js'
import type { IssuedCredentialView } from './ports.js'

/** Tokens are random base64url; anything else cannot be one and is not looked up. */
export const isClaimTokenShaped = (token: string): boolean => /^[A-Za-z0-9_-]{16,128}$/.test(token)

/**
 * What a claim link opens: a credential to accept (`open`), one accepted before (`claimed`), one
 * whose link was replaced by a newer one (`superseded`), or nothing this instance knows (`unknown`).
 */
export type ClaimLinkState =
  | { kind: 'open' | 'claimed' | 'superseded' | 'declined'; view: IssuedCredentialView }
  | { kind: 'unknown' }

/** The state of the claim link `token`. */
export async function claimLinkState({ store }: Pick<PlatformPorts, 'store'>, token: string): Promise<ClaimLinkState> {
  if (!isClaimTokenShaped(token)) return { kind: 'unknown' }
  const hash = hashSecret(token)
  const current = await store.repos.credentialViews.byClaimTokenHash(hash)
  if (current) return { kind: current.declinedAt ? 'declined' : current.claimedAt === null ? 'open' : 'claimed', view: current }
  const old = await store.repos.credentialViews.bySupersededClaimTokenHash(hash)
  return old ? { kind: 'superseded', view: old } : { kind: 'unknown' }
}

/** How often fresh claim links go out per credential: the learner's requests, and the issuer's resends. */
export interface ClaimLinkLimits {
  /** Learner requests per credential: 3 an hour (more are ignored, silently). */
  learner: RateLimiter
  /** Issuer resends per credential: 5 an hour (more are refused with ERR_RATE_LIMITED). */
  issuer: RateLimiter
}

/** Fresh limits over the platform's clock (in memory, one set per bound platform). */
export const createClaimLinkLimits = (clock: PlatformPorts['clock']): ClaimLinkLimits => ({
  learner: createRateLimiter(clock, { limit: 3, windowMs: 60 * 60_000 }),
  issuer: createRateLimiter(clock, { limit: 5, windowMs: 60 * 60_000 }),
})

type Deps = Pick<PlatformPorts, 'store' | 'random' | 'clock' | 'publicUrl' | 'smtpConfigured' | 'wake'>

/** Replaces the credential's claim link with a fresh one and queues the e-mail to the address on record, in one transaction. */
async function sendFreshLink(deps: Deps, view: IssuedCredentialView): Promise<{ sentTo: string }> {
  const record = await deps.store.repos.issuedCredentials.get(view.org.id, view.id)
  if (!record) throw new PlatformError('ERR_NOT_FOUND', 'No such credential in this organization')
  const token = deps.random.token(32)
  const mail = issuedMail(
    { publicUrl: deps.publicUrl, orgId: view.org.id, orgName: view.org.name, achievementName: record.achievementName },
    { credentialId: view.id, recipientEmail: record.recipientEmail, recipientName: record.recipientName, claimToken: token },
  )
  await deps.store.transaction(async (tx) => {
    await tx.repos.credentialViews.replaceClaimToken(view.id, hashSecret(token), deps.clock.now().toISOString())
    await tx.repos.outbox.enqueue(mail, { smtpConfigured: deps.smtpConfigured, id: deps.random.uuid() })
  })
  deps.wake('mail')
  return { sentTo: record.recipientEmail }
}

/**
 * The learner, holding a used, replaced or open claim link, asks for a fresh one. It goes to the
 * address the credential was issued to; nothing is sent for an unknown link, a revoked credential,
 * or past 3 requests an hour, and the caller answers the same in every case (the answer must not
 * reveal what a link belongs to).
 */
export async function requestClaimLink(deps: Deps & { limits: ClaimLinkLimits }, token: string): Promise<void> {
  const state = await claimLinkState(deps, token)
  if (state.kind === 'unknown' || state.view.state === 'revoked') return
  if (!deps.limits.learner.check(state.view.id).allowed) return
  deps.limits.learner.hit(state.view.id)
  await sendFreshLink(deps, state.view)
}

/**
 * The issuer sends the learner a fresh claim link (replacing the previous one) at the address on
 * record. ERR_NOT_FOUND for a credential not of this organization, ERR_STATE_INVALID for a revoked
 * one, ERR_RATE_LIMITED past 5 an hour for one credential.
 */
export async function resendClaim(deps: Deps & { limits: ClaimLinkLimits }, { orgId, credentialId }: { orgId: string; credentialId: string }): Promise<{ credentialId: string; sentTo: string; claimed: boolean }> {
  const id = credentialIdOf(credentialId)
  const view = id ? await deps.store.repos.credentialViews.byId(id) : undefined
  if (!view || view.org.id !== orgId) throw new PlatformError('ERR_NOT_FOUND', 'No such credential in this organization')
  if (view.state === 'revoked') throw new PlatformError('ERR_STATE_INVALID', 'This credential is revoked: a claim link cannot be sent for it')
  const decision = deps.limits.issuer.check(view.id)
  if (!decision.allowed) {
    throw new RateLimitedError(`A claim link for this credential was sent several times in the last hour; try again ${waitPhrase(decision.retryAfterSeconds)}`, decision.retryAfterSeconds)
  }
  deps.limits.issuer.hit(view.id)
  const { sentTo } = await sendFreshLink(deps, view)
  return { credentialId: view.id, sentTo, claimed: view.claimedAt !== null }
}
