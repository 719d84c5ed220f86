import { PlatformError } from '../../core/errors.js'
import type { PlatformPorts } from '../platform/ports.js'

/** Employer organizations search and contact learners; they never issue (ERR_FORBIDDEN). */
export async function assertIssuerOrg({ store }: Pick<PlatformPorts, 'store'>, orgId: string): Promise<void> {
  if ((await store.repos.talent.orgKind(orgId)) === 'employer') throw new PlatformError('ERR_FORBIDDEN', 'Employer organizations do not issue credentials')
}
