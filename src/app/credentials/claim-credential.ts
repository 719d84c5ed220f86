import { PlatformError } from '../../core/errors.js'
import { hashSecret as tokenHashOf } from '../platform/secret-token.js'
import type { PlatformPorts } from '../platform/ports.js'
import type { IssuedCredentialView } from './ports.js'
import { credentialEventData, queueWebhookEvents } from '../webhooks/emit.js'

const invalid = () =>
  new PlatformError('ERR_TOKEN_INVALID', 'This claim link is not valid or has already been used. If you accepted the credential before, it is already yours.')

/** Tokens are random base64url; anything else cannot be one and is not looked up. */
const isTokenShaped = (token: string): boolean => /^[A-Za-z0-9_-]{16,128}$/.test(token)

/** The credential an unused claim link offers; ERR_TOKEN_INVALID for an unknown or used link. */
export async function openClaim({ store }: Pick<PlatformPorts, 'store'>, token: string): Promise<IssuedCredentialView> {
  const view = isTokenShaped(token) ? await store.repos.credentialViews.byClaimTokenHash(tokenHashOf(token)) : undefined
  if (!view || view.claimedAt !== null || view.declinedAt) throw invalid()
  return view
}

/**
 * The learner accepts the credential of an unused claim link, choosing whether its page shows their
 * name. Once only: ERR_TOKEN_INVALID for an unknown or used link (also when two accepts race),
 * ERR_STATE_INVALID for a revoked credential.
 */
export async function acceptClaim({ store, clock, publicUrl }: Pick<PlatformPorts, 'store' | 'clock' | 'publicUrl'>, { token, showName }: { token: string; showName: boolean }): Promise<IssuedCredentialView> {
  const view = await openClaim({ store }, token)
  if (view.state === 'revoked') throw new PlatformError('ERR_STATE_INVALID', `${view.org.name} has revoked this credential, so it can no longer be accepted`)
  const at = clock.now().toISOString()
  const claimed = await store.transaction(async (tx) => {
    if (!(await tx.repos.credentialViews.claim(tokenHashOf(token), { showName, at }))) return false
    await queueWebhookEvents(tx.repos, view.org.id, [claimedEvent(publicUrl, view, at)], clock.now())
    return true
  })
  if (!claimed) throw invalid()
  return { ...view, showName, claimedAt: at }
}

/** The `credential.claimed` event of an issued credential, claimed at `at` (a claim link, or into a wallet). */
export const claimedEvent = (publicUrl: string, view: Pick<IssuedCredentialView, 'id' | 'achievementId'>, at: string) =>
  ({ type: 'credential.claimed' as const, data: credentialEventData(publicUrl, { credentialId: view.id, achievementId: view.achievementId }, { claimedAt: at }) })
