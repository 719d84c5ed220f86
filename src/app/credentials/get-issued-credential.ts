import { PlatformError } from '../../core/errors.js'
import type { PlatformPorts } from '../platform/ports.js'
import { credentialIdOf } from './credential-id.js'
import type { IssuedCredentialView } from './ports.js'

/**
 * The credential this instance issued under `param` (its UUID or `urn:uuid:` id), revoked and
 * suspended ones included: verifiers must see their status. ERR_NOT_FOUND otherwise.
 */
export async function getIssuedCredential({ store }: Pick<PlatformPorts, 'store'>, param: string): Promise<IssuedCredentialView> {
  const id = credentialIdOf(param)
  const view = id === undefined ? undefined : await store.repos.credentialViews.byId(id)
  if (!view) throw new PlatformError('ERR_NOT_FOUND', `No credential ${param.slice(0, 100)} on this instance`)
  return view
}
