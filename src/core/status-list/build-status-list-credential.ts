// contexts.js alone: the canonical index would load jsonld, which building a list does not need.
import { CONTEXT } from '../canonical/contexts.js'
import { StatusList } from './status-list.js'
import type { BitstringStatusListCredential, BitstringStatusListEntry, StatusMessage, StatusPurpose } from './types.js'

/** What a status list credential says; give exactly one of `encodedList` and `list`. */
export interface StatusListCredentialInput {
  /** The URL the credential is served at, without a fragment; entries point here. */
  id: string
  issuer: string | { id: string; [property: string]: unknown }
  statusPurpose: StatusPurpose
  encodedList?: string
  list?: StatusList
  /** A `Date`, or dateTimeStamp text with a time zone. */
  validFrom: Date | string
  validUntil?: Date | string
  /** Milliseconds a verifier may cache the list. */
  ttl?: number
}

/** What a status entry points at. */
export interface StatusEntryInput {
  listCredentialUrl: string
  index: number
  statusPurpose: StatusPurpose
  /** Bits per entry; above 1, `statusMessage` must list 2^statusSize meanings. */
  statusSize?: number
  statusMessage?: StatusMessage[]
}

const DATE_TIME_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

/**
 * An unsigned BitstringStatusListCredential (VC 2.0 context only, whose terms cover status lists); sign
 * it with core/proof's signCredential. An `encodedList` is decoded first, so a malformed or short list
 * is a PlatformError here rather than at every verifier. Misuse (a missing field) is a TypeError.
 * @example
 * const draft = buildStatusListCredential({ id: url, issuer: did, statusPurpose: 'revocation', list, validFrom: clock.now() })
 * @see https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistcredential
 */
export function buildStatusListCredential(input: StatusListCredentialInput): BitstringStatusListCredential {
  const { id, issuer, statusPurpose, encodedList, list, validFrom, validUntil, ttl } = input
  assertListUrl(id, 'id')
  const issuerId = typeof issuer === 'string' ? issuer : issuer?.id
  if (typeof issuerId !== 'string' || !URL.canParse(issuerId)) throw new TypeError('issuer must be a URL or an object whose id is one')
  assertPurpose(statusPurpose)
  if ((encodedList === undefined) === (list === undefined)) throw new TypeError('Give exactly one of encodedList and list')
  if (encodedList !== undefined) StatusList.decode(encodedList)
  if (ttl !== undefined && (!Number.isSafeInteger(ttl) || ttl < 0)) throw new TypeError('ttl must be a non-negative integer (milliseconds)')
  const credential: BitstringStatusListCredential = {
    '@context': [CONTEXT.VC_V2],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    validFrom: dateTimeStamp(validFrom, 'validFrom'),
    credentialSubject: {
      id: `${id}#list`,
      type: 'BitstringStatusList',
      statusPurpose,
      encodedList: encodedList ?? list!.encode(),
      ...(ttl !== undefined && { ttl }),
    },
  }
  if (validUntil !== undefined) credential.validUntil = dateTimeStamp(validUntil, 'validUntil')
  return credential
}

/**
 * The `credentialStatus` entry for entry `index` of the list credential at `listCredentialUrl`; its
 * `id` is `<url>#<index>` and its `statusListIndex` a base-10 string, as the spec requires.
 * @see https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistentry
 */
export function buildStatusEntry(input: StatusEntryInput): BitstringStatusListEntry {
  const { listCredentialUrl, index, statusPurpose, statusSize = 1, statusMessage } = input
  assertListUrl(listCredentialUrl, 'listCredentialUrl')
  assertPurpose(statusPurpose)
  if (!Number.isSafeInteger(index) || index < 0) throw new TypeError(`index must be a non-negative integer, got ${index}`)
  if (!Number.isSafeInteger(statusSize) || statusSize < 1) throw new TypeError('statusSize must be a positive integer')
  if (statusSize > 1 && statusMessage?.length !== 2 ** statusSize)
    throw new TypeError(`statusSize ${statusSize} needs a statusMessage with ${2 ** statusSize} entries`)
  return {
    id: `${listCredentialUrl}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose,
    statusListIndex: String(index),
    statusListCredential: listCredentialUrl,
    ...(statusSize > 1 && { statusSize }),
    ...(statusMessage && { statusMessage }),
  }
}

function assertListUrl(url: string, name: string): void {
  if (typeof url !== 'string' || !URL.canParse(url) || url.includes('#')) throw new TypeError(`${name} must be an absolute URL without a fragment`)
}

function assertPurpose(statusPurpose: string): void {
  if (typeof statusPurpose !== 'string' || statusPurpose === '') throw new TypeError('statusPurpose must be a non-empty string')
}

function dateTimeStamp(value: Date | string, name: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`${name} is an invalid Date`)
    return value.toISOString().replace('.000Z', 'Z')
  }
  if (typeof value !== 'string' || !DATE_TIME_STAMP.test(value) || Number.isNaN(Date.parse(value)))
    throw new TypeError(`${name} must be a Date or dateTimeStamp text with a time zone, got ${JSON.stringify(value)}`)
  return value
}
