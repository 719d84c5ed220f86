export { StatusList, MAX_STATUS_SIZE, type StatusListOptions, type DecodeStatusListOptions } from './status-list.js'
export {
  encodeListBytes,
  decodeListBytes,
  MIN_STATUS_LIST_LENGTH,
  DEFAULT_MAX_STATUS_LIST_BYTES,
  type DecodeBytesOptions,
} from './encoded-list.js'
export {
  buildStatusListCredential,
  buildStatusEntry,
  type StatusListCredentialInput,
  type StatusEntryInput,
} from './build-status-list-credential.js'
export { parseStatusEntry, statusEntriesOf, type ParsedStatusEntry, type ParseStatusEntryResult } from './parse-status-entry.js'
export { checkStatusEntry, type CheckStatusEntryOptions } from './check-status-entry.js'
export { nextFreeIndex, type RandomInt, type NextFreeIndexOptions } from './next-free-index.js'
export type {
  StatusPurpose,
  StatusMessage,
  BitstringStatusListEntry,
  BitstringStatusList,
  BitstringStatusListCredential,
  StatusCheckCode,
  StatusEntryCheck,
} from './types.js'
