import { PlatformError } from '../../core/errors.js'
import type { PlatformPorts } from '../platform/ports.js'
import { orgProfileSchema, parseOrgInput, type OrgProfileInput } from './org-input.js'
import type { OrgRecord } from './ports.js'

/** Changes the profile fields given in `input` (name, description, URL, e-mail, country, signing suite). */
export async function updateOrgProfile({ store }: Pick<PlatformPorts, 'store'>, { orgId, input }: { orgId: string; input: OrgProfileInput | unknown }): Promise<OrgRecord> {
  const changes = parseOrgInput(orgProfileSchema, input)
  const updated = await store.repos.orgs.update(orgId, changes)
  if (!updated) throw new PlatformError('ERR_NOT_FOUND', `No organization ${orgId}`)
  return updated
}
