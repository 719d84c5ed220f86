import { MAX_STATUS_SIZE } from './status-list.js'
import type { StatusCheckCode, StatusEntryCheck, StatusMessage } from './types.js'

/** A status entry Emblem can read, normalised: the index is a number and the size is explicit. */
export interface ParsedStatusEntry {
  /** `BitstringStatusList` for a BitstringStatusListEntry; `StatusList2021` for the older StatusList2021Entry. */
  format: 'BitstringStatusList' | 'StatusList2021'
  purpose: string
  index: number
  /** The `statusListCredential` URL: what the caller fetches, and the list credential's expected `id`. */
  listCredentialUrl: string
  statusSize: number
  statusMessage?: StatusMessage[]
  warnings: string[]
}

/** Either a readable entry, or the failed check that says why it is not. */
export type ParseStatusEntryResult = { ok: true; entry: ParsedStatusEntry } | (StatusEntryCheck & { ok: false })

const DECIMAL = /^[0-9]+$/

/**
 * Reads a `credentialStatus` entry. `statusListIndex` must be a base-10 integer string; a non-negative
 * integer number is accepted with a warning, since its meaning is unambiguous and it survives signing.
 * `1EdTechRevocationList` and unknown types are `STATUS_TYPE_UNSUPPORTED`.
 * @see https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistentry
 */
export function parseStatusEntry(entry: unknown): ParseStatusEntryResult {
  if (!isRecord(entry)) return failure('', 'STATUS_ENTRY_INVALID', 'credentialStatus entry must be an object')
  const purpose = typeof entry.statusPurpose === 'string' ? entry.statusPurpose : ''
  const types = typeof entry.type === 'string' ? [entry.type] : Array.isArray(entry.type) ? entry.type : []
  if (types.includes('1EdTechRevocationList'))
    return failure(purpose, 'STATUS_TYPE_UNSUPPORTED', '1EdTechRevocationList status is not supported; issuers should use BitstringStatusListEntry')
  const format = types.includes('BitstringStatusListEntry') ? 'BitstringStatusList' : types.includes('StatusList2021Entry') ? 'StatusList2021' : undefined
  if (!format) return failure(purpose, 'STATUS_TYPE_UNSUPPORTED', `Unsupported credentialStatus type ${JSON.stringify(entry.type)}`)
  if (!purpose) return failure(purpose, 'STATUS_ENTRY_INVALID', 'statusPurpose must be a non-empty string')
  const url = entry.statusListCredential
  if (typeof url !== 'string' || !URL.canParse(url))
    return failure(purpose, 'STATUS_ENTRY_INVALID', 'statusListCredential must be an absolute URL')
  if (entry.id !== undefined && (typeof entry.id !== 'string' || entry.id === url))
    return failure(purpose, 'STATUS_ENTRY_INVALID', 'credentialStatus id must be a string other than statusListCredential')
  const warnings: string[] = []
  const index = readIndex(entry.statusListIndex, warnings)
  if (index === undefined)
    return failure(purpose, 'STATUS_INDEX_INVALID', `statusListIndex must be a base-10 integer string, got ${JSON.stringify(entry.statusListIndex)}`)
  const statusSize = format === 'StatusList2021' ? 1 : (entry.statusSize ?? 1)
  if (typeof statusSize !== 'number' || !Number.isSafeInteger(statusSize) || statusSize < 1 || statusSize > MAX_STATUS_SIZE)
    return failure(purpose, 'STATUS_ENTRY_INVALID', `statusSize must be an integer from 1 to ${MAX_STATUS_SIZE}`)
  const statusMessage = readStatusMessages(entry.statusMessage)
  if (statusMessage === null) return failure(purpose, 'STATUS_ENTRY_INVALID', 'statusMessage must be a list of { status, message }')
  if (statusSize > 1 && !statusMessage) warnings.push(`statusSize ${statusSize} without the statusMessage the spec requires`)
  const parsed: ParsedStatusEntry = { format, purpose, index, listCredentialUrl: url, statusSize, warnings }
  if (statusMessage) parsed.statusMessage = statusMessage
  return { ok: true, entry: parsed }
}

/** The entries of a credential's `credentialStatus`, which may be one object or a list. */
export function statusEntriesOf(credential: unknown): unknown[] {
  if (!isRecord(credential) || credential.credentialStatus === undefined) return []
  const status = credential.credentialStatus
  return Array.isArray(status) ? status : [status]
}

function readIndex(value: unknown, warnings: string[]): number | undefined {
  if (typeof value === 'string') {
    const index = Number(value)
    return DECIMAL.test(value) && Number.isSafeInteger(index) ? index : undefined
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return undefined
  warnings.push('statusListIndex is a number; the spec requires a base-10 integer string')
  return value
}

function readStatusMessages(value: unknown): StatusMessage[] | undefined | null {
  if (value === undefined) return undefined
  const ok = Array.isArray(value) && value.every((m) => isRecord(m) && typeof m.status === 'string' && typeof m.message === 'string')
  return ok ? (value as StatusMessage[]) : null
}

const failure = (purpose: string, code: StatusCheckCode, message: string): StatusEntryCheck & { ok: false } => ({
  ok: false,
  purpose,
  set: false,
  code,
  message,
})

/** A plain JSON object. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
