import { PlatformError } from '../../core/errors.js'
import { signCredential } from '../../core/proof/index.js'
import { StatusList, buildStatusListCredential } from '../../core/status-list/index.js'
import { orgDid } from '../orgs/did.js'
import type { PlatformPorts } from '../platform/ports.js'
import { dateTimeOf } from './cohort.js'
import { statusListUrl } from './status-slots.js'

/** How long a verifier may cache a list (the list's `ttl`, and the route's max-age). */
export const STATUS_LIST_TTL_MS = 60_000

/** A signed status list credential and the version of the bits it carries (its ETag). */
export interface SignedStatusList {
  version: number
  /** The signed BitstringStatusListCredential JSON. */
  json: string
}

/**
 * The signed BitstringStatusListCredential of list `listId`: issued by the organization's DID,
 * signed with its active key (Data Integrity: eddsa-jcs-2022 for organizations that chose JCS,
 * eddsa-rdfc-2022 otherwise, VC-JWT ones included), `validFrom` when signed, no `validUntil` but a
 * `ttl`. Re-signed lazily on the first read after a bit changed; the signed JSON is stored, so
 * reads between changes cost one row. ERR_NOT_FOUND for an unknown list.
 * @see https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistcredential
 */
export async function statusListCredential({ store, keys, clock, publicUrl }: Pick<PlatformPorts, 'store' | 'keys' | 'clock' | 'publicUrl'>, listId: string): Promise<SignedStatusList> {
  const list = await store.repos.statusLists.get(listId)
  if (!list) throw new PlatformError('ERR_NOT_FOUND', `No status list ${listId.slice(0, 100)}`)
  if (list.credential !== null && list.signedVersion >= list.version) return { version: list.signedVersion, json: list.credential }
  const org = await store.repos.orgs.get(list.orgId)
  if (!org) throw new PlatformError('ERR_NOT_FOUND', `No status list ${listId}`)
  const did = orgDid(publicUrl, org.slug)
  const draft = buildStatusListCredential({
    id: statusListUrl(publicUrl, list.id),
    issuer: did,
    statusPurpose: list.purpose,
    list: StatusList.fromBytes(list.bits),
    validFrom: dateTimeOf(clock.now()),
    ttl: STATUS_LIST_TTL_MS,
  })
  const signer = await keys.signerFor({ id: org.id, did })
  const suite = org.suite === 'eddsa-jcs-2022' ? 'eddsa-jcs-2022' : 'eddsa-rdfc-2022'
  const json = JSON.stringify(await signCredential(draft, signer, { suite, created: draft.validFrom }))
  await store.repos.statusLists.storeSigned(list.id, list.version, json)
  return { version: list.version, json }
}
