import { logEntryFor, parseLogEntry, type LoggableCredential } from '../core/transparency-log/index.js'
import type { Appended, LogAppend, LogStore } from './log-store.js'

/** The log entry of a signed credential (DESIGN.md §3) with the ids it records. `ERR_INPUT_INVALID` without id, issuer or validFrom. */
export function logAppendOf(credential: LoggableCredential): LogAppend {
  const entry = logEntryFor(credential)
  const { credential: credentialId, issuer } = parseLogEntry(entry)
  return { entry, credentialId, issuer }
}

/**
 * Stores signed credentials and appends their log entries in one transaction (all or nothing),
 * then calls `onAppended` (the checkpointer's notify). Returns where the batch landed: credential
 * i has index `first + i`. `ERR_CREDENTIAL_EXISTS` when one is already stored.
 * @example
 * const { first } = await appendToLog({ store, onAppended: checkpointer.notify }, [signed])
 */
export async function appendToLog(
  { store, onAppended }: { store: Pick<LogStore, 'transaction'>; onAppended?: () => void },
  credentials: readonly LoggableCredential[],
): Promise<Appended> {
  const appends = credentials.map(logAppendOf)
  const appended = await store.transaction(async (tx) => {
    for (const credential of credentials) await tx.credentials.insert(credential)
    return tx.log.append(appends)
  })
  onAppended?.()
  return appended
}
