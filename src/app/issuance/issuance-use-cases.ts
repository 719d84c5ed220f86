import type { InputIssue } from '../platform/input-error.js'
import type { PlatformPorts } from '../platform/ports.js'
import { changeStatus, type StatusAction } from './change-status.js'
import { batchErrorReport, batchPage, batchViewOf, getBatch, listBatches, type BatchListItem, type BatchPage, type BatchView } from './find-batches.js'
import { getIssued, listIssued, type IssuedFilter } from './find-issued.js'
import { issueCredential, type IssueOutcome, type IssueRequest } from './issue-credential.js'
import { checkIssueDetails, type IssueDetails } from './issue-input.js'
import type { IssuedView } from './issued-view.js'
import type { BatchRecord, StagedUpload } from './ports.js'
import { confirmBatch, getBatchUpload, stageBatchUpload, startBatch, type BatchUploadRequest } from './start-batch.js'
import { statusListCredential, type SignedStatusList } from './status-list-credential.js'

/** Issuing credentials one at a time and in bulk, their lifecycle, and the organization's records of them. */
export interface IssuanceUseCases {
  /** Issues one credential from a request (Idempotency-Key honoured: a repeat replays the stored response). */
  issueCredential(request: IssueRequest): Promise<IssueOutcome>
  /** The problems of an award's details, field by field (none: it may be issued), at the platform's time. */
  checkDetails(details: IssueDetails): InputIssue[]
  /** The organization's issued credentials, newest first, filtered, a page at a time. */
  list(orgId: string, filter: IssuedFilter): Promise<{ items: IssuedView[]; nextCursor?: string }>
  /** One issued credential by UUID or `urn:uuid:` id; ERR_NOT_FOUND otherwise. */
  get(orgId: string, id: string): Promise<IssuedView>
  /** Revokes, suspends or unsuspends one credential with a reason. */
  changeStatus(request: { orgId: string; credentialId: string; action: StatusAction; reason?: string | undefined }): Promise<IssuedView>
  /** Stores and scans an uploaded CSV file as a staged upload whose preview has a URL of its own. */
  stageUpload(request: BatchUploadRequest): Promise<StagedUpload>
  /** A staged upload for its preview; ERR_NOT_FOUND when unknown or expired. */
  upload(orgId: string, uploadId: string): Promise<StagedUpload>
  /** Turns a staged upload into a batch (or returns the existing batch of the same file). */
  confirmBatch(request: { orgId: string; uploadId: string; createdBy: string | null }): Promise<{ batch: BatchRecord; created: boolean }>
  /** Upload and confirm in one step (the API). */
  startBatch(request: BatchUploadRequest): Promise<{ batch: BatchRecord; created: boolean }>
  /** The organization's batches, newest first, with their achievement's name. */
  batches(orgId: string, options?: { limit?: number; cursor?: string | undefined }): Promise<{ items: BatchListItem[]; nextCursor?: string }>
  /** One batch with its achievement's name and first row errors; ERR_NOT_FOUND otherwise. */
  batch(orgId: string, batchId: string): Promise<BatchPage>
  /** One batch alone (its state and counts, for following its progress); ERR_NOT_FOUND otherwise. */
  batchProgress(orgId: string, batchId: string): Promise<BatchView>
  /** A batch's full error report as CSV lines. */
  errorReport(orgId: string, batchId: string): Promise<{ batch: BatchRecord; lines: AsyncIterable<string> }>
  /** A status list's signed credential (re-signed after a change) and its version. */
  statusList(listId: string): Promise<SignedStatusList>
}

/** The issuance use cases bound to `ports`. */
export function issuanceUseCases(ports: PlatformPorts): IssuanceUseCases {
  return {
    issueCredential: (request) => issueCredential(ports, request),
    checkDetails(details) {
      const checked = checkIssueDetails(details, ports.clock.now())
      return checked.ok ? [] : checked.issues
    },
    list: (orgId, filter) => listIssued(ports, orgId, filter),
    get: (orgId, id) => getIssued(ports, orgId, id),
    changeStatus: (request) => changeStatus(ports, request),
    stageUpload: (request) => stageBatchUpload(ports, request),
    upload: (orgId, uploadId) => getBatchUpload(ports, orgId, uploadId),
    confirmBatch: (request) => confirmBatch(ports, request),
    startBatch: (request) => startBatch(ports, request),
    batches: (orgId, options) => listBatches(ports, orgId, options),
    batch: (orgId, batchId) => batchPage(ports, orgId, batchId),
    batchProgress: async (orgId, batchId) => batchViewOf(await getBatch(ports, orgId, batchId)),
    errorReport: (orgId, batchId) => batchErrorReport(ports, orgId, batchId),
    statusList: (listId) => statusListCredential(ports, listId),
  }
}
