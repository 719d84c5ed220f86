import { PlatformError } from '../core/errors.js'
import { issuerIdOf, logEntry, logEntryFor, type LogEntryFields, type LoggableCredential } from '../core/transparency-log/index.js'
import type { Appended, CredentialRow, LogAppend, LogStore } from './log-store.js'

/** The log append of a credential from its entry's fields (core's one builder, {@link logEntry}); how both issuance paths make entries. */
export const logAppendFor = (fields: LogEntryFields): LogAppend => ({ entry: logEntry(fields), credentialId: fields.id, issuer: fields.issuer })

/** The log entry of a signed credential (DESIGN.md §3) with the ids it records. `ERR_INPUT_INVALID` without id, issuer or validFrom. */
export function logAppendOf(credential: LoggableCredential): LogAppend {
  const entry = logEntryFor(credential)
  return { entry, credentialId: credential.id as string, issuer: issuerIdOf(credential.issuer) as string }
}

/** A signed credential as the credential writer stores it: its JSON. `ERR_INPUT_INVALID` without id or issuer id. */
export function credentialRowOf(credential: LoggableCredential): CredentialRow {
  const { id } = credential
  const issuer = issuerIdOf(credential.issuer)
  if (typeof id !== 'string' || id === '') throw new PlatformError('ERR_INPUT_INVALID', 'A stored credential needs an id')
  if (typeof issuer !== 'string' || issuer === '') throw new PlatformError('ERR_INPUT_INVALID', 'A stored credential needs an issuer id')
  return { id, issuer, json: JSON.stringify(credential) }
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
  const rows = credentials.map(credentialRowOf)
  const appended = await store.transaction(async (tx) => {
    await tx.credentials.insert(rows)
    return tx.log.append(appends)
  })
  onAppended?.()
  return appended
}
