/** Why a list exists. The spec names four; other values are allowed and read like `message`. */
export type StatusPurpose = 'revocation' | 'suspension' | 'refresh' | 'message' | (string & {})

/** One meaning of a multi-bit status value: `status` is hex text such as `"0x2"`. */
export interface StatusMessage {
  status: string
  message: string
}

/**
 * A `credentialStatus` entry pointing into a Bitstring Status List.
 * @see https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistentry
 */
export interface BitstringStatusListEntry {
  id?: string
  type: 'BitstringStatusListEntry'
  statusPurpose: StatusPurpose
  /** A base-10 integer as a string (w3c/vc-bitstring-status-list#134). */
  statusListIndex: string
  statusListCredential: string
  /** Bits per entry; default 1. Above 1, `statusMessage` must list 2^statusSize meanings. */
  statusSize?: number
  statusMessage?: StatusMessage[]
  statusReference?: string | string[]
}

/**
 * The subject of a status list credential: the list itself.
 * @see https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistcredential
 */
export interface BitstringStatusList {
  id: string
  type: 'BitstringStatusList'
  statusPurpose: StatusPurpose
  encodedList: string
  /** Milliseconds a verifier may cache the list. */
  ttl?: number
}

/** A status list credential, unsigned: the caller adds the proof with core/proof's signCredential. */
export interface BitstringStatusListCredential {
  '@context': string[]
  id: string
  type: ['VerifiableCredential', 'BitstringStatusListCredential']
  issuer: string | { id: string; [property: string]: unknown }
  validFrom: string
  validUntil?: string
  credentialSubject: BitstringStatusList
}

/**
 * Why a status could not be read. The first three are the spec's; the rest say more precisely what the
 * spec files under STATUS_VERIFICATION_ERROR or the VC data model's RANGE_ERROR / MALFORMED_VALUE_ERROR.
 * @see https://www.w3.org/TR/vc-bitstring-status-list/#processing-errors
 */
export type StatusCheckCode =
  | 'STATUS_RETRIEVAL_ERROR'
  | 'STATUS_VERIFICATION_ERROR'
  | 'STATUS_LIST_LENGTH_ERROR'
  | 'STATUS_PURPOSE_MISMATCH'
  | 'STATUS_INDEX_INVALID'
  | 'STATUS_ENTRY_INVALID'
  | 'STATUS_TYPE_UNSUPPORTED'

/**
 * The outcome of reading one status entry. `ok` says the status could be read at all; only then does
 * `set` mean anything: true is revoked (or suspended, or a non-zero message).
 */
export interface StatusEntryCheck {
  ok: boolean
  /** The entry's `statusPurpose`, or `''` when it has none. */
  purpose: string
  set: boolean
  /** The raw entry value, 0 to 2^statusSize - 1; present when `ok`. */
  value?: number
  /** The entry's `statusMessage` whose `status` equals `value`, when it has one. */
  statusMessage?: StatusMessage
  code?: StatusCheckCode
  message: string
  /** Tolerated departures from the spec, such as a numeric `statusListIndex`. */
  warnings?: string[]
}
