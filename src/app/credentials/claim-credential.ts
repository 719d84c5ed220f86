import { PlatformError } from '../../core/errors.js'
import { hashSecret as tokenHashOf } from '../platform/secret-token.js'
import type { PlatformPorts } from '../platform/ports.js'
import type { IssuedCredentialView } from './ports.js'

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
export async function acceptClaim({ store, clock }: Pick<PlatformPorts, 'store' | 'clock'>, { token, showName }: { token: string; showName: boolean }): Promise<IssuedCredentialView> {
  const view = await openClaim({ store }, token)
  if (view.state === 'revoked') throw new PlatformError('ERR_STATE_INVALID', `${view.org.name} has revoked this credential, so it can no longer be accepted`)
  const claimed = await store.repos.credentialViews.claim(tokenHashOf(token), { showName, at: clock.now().toISOString() })
  if (!claimed) throw invalid()
  return { ...view, showName, claimedAt: clock.now().toISOString() }
}
