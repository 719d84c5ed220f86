import { checkStatusEntry, parseStatusEntry, statusEntriesOf } from '../status-list/index.js'
import type { Check, VerificationCode } from './types.js'
import { verifyStatusList, type StatusListContext, type StatusListResult } from './verify-status-list.js'

interface EntryOutcome {
  code?: VerificationCode
  message: string
}

/** Failures that say something definite about the credential come before those that say the status is unknown. */
const PRIORITY: readonly VerificationCode[] = ['CREDENTIAL_REVOKED', 'CREDENTIAL_SUSPENDED']

/**
 * The 'status' check: reads every `credentialStatus` entry from its verified status list credential.
 * A set revocation bit is CREDENTIAL_REVOKED, a set suspension bit CREDENTIAL_SUSPENDED; a list that
 * cannot be fetched is STATUS_RETRIEVAL_ERROR, one that does not verify STATUS_VERIFICATION_ERROR.
 * Each list is fetched and verified once (per call; `memo` may keep a verified list between calls). Skipped when the credential has no credentialStatus.
 * @see https://www.w3.org/TR/vc-bitstring-status-list/#validate-algorithm
 */
export async function checkStatus(
  credential: Record<string, unknown>,
  context: StatusListContext & { memo?: (url: string, verify: () => Promise<StatusListResult>, issuer: string | undefined) => Promise<StatusListResult> },
): Promise<Check> {
  const entries = statusEntriesOf(credential)
  if (entries.length === 0) return { id: 'status', outcome: 'skipped', message: 'Credential has no credentialStatus' }
  const lists = new Map<string, Promise<StatusListResult>>()
  const listAt = (url: string) => {
    let pending = lists.get(url)
    if (pending === undefined) {
      const verify = () => verifyStatusList(url, context)
      lists.set(url, (pending = context.memo ? context.memo(url, verify, context.issuer) : verify()))
    }
    return pending
  }

  const outcomes: EntryOutcome[] = []
  for (const entry of entries) outcomes.push(await readEntry(entry, listAt))
  const failures = outcomes.filter((o) => o.code !== undefined)
  const failure = PRIORITY.map((code) => failures.find((f) => f.code === code)).find((f) => f !== undefined) ?? failures[0]
  if (failure) return { id: 'status', outcome: 'failed', code: failure.code!, message: failure.message }
  return { id: 'status', outcome: 'passed', message: outcomes.map((o) => o.message).join('; ') }
}

async function readEntry(entry: unknown, listAt: (url: string) => Promise<StatusListResult>): Promise<EntryOutcome> {
  const parsed = parseStatusEntry(entry)
  if (!parsed.ok) return { code: parsed.code ?? 'STATUS_ENTRY_INVALID', message: parsed.message }
  const list = await listAt(parsed.entry.listCredentialUrl)
  if (!list.ok) return { code: list.code, message: list.message }
  const check = checkStatusEntry(entry, list.list)
  if (!check.ok) return { code: check.code ?? 'STATUS_VERIFICATION_ERROR', message: check.message }
  if (!check.set) return { message: check.message }
  const detail = check.statusMessage ? `: ${check.statusMessage.message}` : ''
  if (check.purpose === 'revocation') return { code: 'CREDENTIAL_REVOKED', message: `Revoked (${check.message})${detail}` }
  if (check.purpose === 'suspension') return { code: 'CREDENTIAL_SUSPENDED', message: `Suspended (${check.message})${detail}` }
  // refresh and message statuses inform; they do not make a credential invalid.
  return { message: `${check.message}${detail}` }
}
