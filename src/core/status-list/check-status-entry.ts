import { isPlatformError } from '../errors.js'
import type { DecodeBytesOptions } from './encoded-list.js'
import { isRecord, parseStatusEntry, type ParsedStatusEntry } from './parse-status-entry.js'
import { StatusList } from './status-list.js'
import type { StatusCheckCode, StatusEntryCheck } from './types.js'

/** Limits for {@link checkStatusEntry}. */
export type CheckStatusEntryOptions = Pick<DecodeBytesOptions, 'maxBytes'>

const LIST_TYPES = {
  BitstringStatusList: { credential: 'BitstringStatusListCredential', subject: 'BitstringStatusList' },
  StatusList2021: { credential: 'StatusList2021Credential', subject: 'StatusList2021' },
} as const

/**
 * Reads the status that `entry` (one `credentialStatus` value) points at in `listCredential`, the
 * document fetched from its `statusListCredential` URL (`undefined` when fetching failed:
 * `STATUS_RETRIEVAL_ERROR`). Checks the entry, that the list credential's type and id match it, that
 * its `statusPurpose` matches the entry's (`STATUS_PURPOSE_MISMATCH`), decodes the list
 * (`STATUS_VERIFICATION_ERROR` when it will not decode, `STATUS_LIST_LENGTH_ERROR` when short), and
 * reads the entry's bits. Never throws on bad data; `ok: true, set: true` means revoked (or suspended).
 *
 * Not checked here, because they belong to the verification pipeline: the list credential's proof and
 * validity period, and whether its issuer is the credential's issuer. A list whose proof does not
 * verify must never reach this function.
 * @example
 * const check = checkStatusEntry(credential.credentialStatus, await fetchJson(entry.statusListCredential))
 * if (check.ok && check.set) report('revoked')
 * @see https://www.w3.org/TR/vc-bitstring-status-list/#validate-algorithm
 */
export function checkStatusEntry(entry: unknown, listCredential: unknown, options: CheckStatusEntryOptions = {}): StatusEntryCheck {
  const parsed = parseStatusEntry(entry)
  if (!parsed.ok) return parsed
  const { purpose, warnings } = parsed.entry
  const fail = (code: StatusCheckCode, message: string): StatusEntryCheck => withWarnings({ ok: false, purpose, set: false, code, message }, warnings)
  if (!isRecord(listCredential)) return fail('STATUS_RETRIEVAL_ERROR', `No status list credential at ${parsed.entry.listCredentialUrl}`)
  const subject = readListSubject(listCredential, parsed.entry)
  if (typeof subject === 'string') return fail('STATUS_VERIFICATION_ERROR', subject)
  const purposes = typeof subject.statusPurpose === 'string' ? [subject.statusPurpose] : asStrings(subject.statusPurpose)
  if (!purposes.includes(purpose))
    return fail('STATUS_PURPOSE_MISMATCH', `The entry's statusPurpose "${purpose}" is not the list's (${JSON.stringify(subject.statusPurpose)})`)
  if (typeof subject.encodedList !== 'string') return fail('STATUS_VERIFICATION_ERROR', 'The status list has no encodedList')
  let list: StatusList
  try {
    list = decodedList(subject, subject.encodedList, { statusSize: parsed.entry.statusSize, multibase: parsed.entry.format === 'BitstringStatusList', maxBytes: options.maxBytes })
  } catch (err) {
    if (!isPlatformError(err)) throw err
    return fail(err.code === 'ERR_STATUS_LIST_LENGTH' ? 'STATUS_LIST_LENGTH_ERROR' : 'STATUS_VERIFICATION_ERROR', err.message)
  }
  return readEntry(list, parsed.entry, fail)
}

function readEntry(list: StatusList, entry: ParsedStatusEntry, fail: (code: StatusCheckCode, message: string) => StatusEntryCheck): StatusEntryCheck {
  const { index, purpose, warnings } = entry
  if (index >= list.length) return fail('STATUS_INDEX_INVALID', `statusListIndex ${index} is past the end of the ${list.length}-entry list`)
  const value = list.get(index)
  const check: StatusEntryCheck = {
    ok: true,
    purpose,
    set: value !== 0,
    value,
    message: `${purpose} status at index ${index} is ${value === 0 ? 'not set' : `set (${value})`}`,
  }
  const statusMessage = entry.statusMessage?.find((m) => parseHex(m.status) === value)
  if (statusMessage) check.statusMessage = statusMessage
  return withWarnings(check, warnings)
}

/** The list credential's subject when its type and id fit the entry; otherwise why not. */
/**
 * Decoded lists by the list subject object they came from (and its exact encodedList and options):
 * a verifier that keeps a verified list credential between verifications decodes it once per version.
 */
const decoded = new WeakMap<object, { encoded: string; options: string; list: StatusList }[]>()

function decodedList(subject: object, encoded: string, options: { statusSize: number | undefined; multibase: boolean; maxBytes: number | undefined }): StatusList {
  const key = `${options.statusSize}|${options.multibase}|${options.maxBytes}`
  const known = decoded.get(subject)
  const hit = known?.find((d) => d.encoded === encoded && d.options === key)
  if (hit) return hit.list
  const list = StatusList.decode(encoded, options)
  decoded.set(subject, [...(known ?? []).slice(-3), { encoded, options: key, list }])
  return list
}

function readListSubject(listCredential: Record<string, unknown>, entry: ParsedStatusEntry): Record<string, unknown> | string {
  const expected = LIST_TYPES[entry.format]
  const types = typeof listCredential.type === 'string' ? [listCredential.type] : asStrings(listCredential.type)
  if (!types.includes(expected.credential)) return `The status list credential's type does not include ${expected.credential}`
  if (listCredential.id !== entry.listCredentialUrl)
    return `The status list credential's id ${JSON.stringify(listCredential.id)} is not the entry's statusListCredential ${entry.listCredentialUrl}`
  const subjects = Array.isArray(listCredential.credentialSubject) ? listCredential.credentialSubject : [listCredential.credentialSubject]
  const [subject] = subjects
  if (subjects.length !== 1 || !isRecord(subject)) return 'The status list credential must have exactly one credentialSubject'
  if (subject.type !== expected.subject) return `The status list credential's subject type must be ${expected.subject}`
  return subject
}

const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [])

const parseHex = (text: string): number | undefined => (/^0x[0-9a-f]+$/i.test(text) ? Number.parseInt(text.slice(2), 16) : undefined)

const withWarnings = (check: StatusEntryCheck, warnings: string[]): StatusEntryCheck => (warnings.length > 0 ? { ...check, warnings } : check)
