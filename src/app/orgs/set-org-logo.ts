import { createHash } from 'node:crypto'
import { PlatformError } from '../../core/errors.js'
import type { PlatformPorts } from '../platform/ports.js'
import type { ImageRecord } from '../media/images.js'
import type { OrgRecord } from './ports.js'

/** A logo already checked (and for SVG, sanitized) by the edge: what `checkBadgeImage` returns. */
export type CheckedLogo = Pick<ImageRecord, 'mediaType' | 'bytes' | 'width' | 'height'>

/** Stores a checked logo in the images table (id = SHA-256 hex of its bytes) and makes it the organization's. */
export async function setOrgLogo({ store, clock }: Pick<PlatformPorts, 'store' | 'clock'>, { orgId, logo }: { orgId: string; logo: CheckedLogo }): Promise<OrgRecord> {
  const id = createHash('sha256').update(logo.bytes).digest('hex')
  const updated = await store.transaction(async (tx) => {
    await tx.repos.images.put({ id, orgId, ...logo, createdAt: clock.now().toISOString() })
    return tx.repos.orgs.update(orgId, { logoImageId: id })
  })
  if (!updated) throw new PlatformError('ERR_NOT_FOUND', `No organization ${orgId}`)
  return updated
}

/** Removes the organization's logo (the image stays: credentials issued with it still point at it). */
export async function removeOrgLogo({ store }: Pick<PlatformPorts, 'store'>, { orgId }: { orgId: string }): Promise<OrgRecord> {
  const updated = await store.repos.orgs.update(orgId, { logoImageId: null })
  if (!updated) throw new PlatformError('ERR_NOT_FOUND', `No organization ${orgId}`)
  return updated
}
