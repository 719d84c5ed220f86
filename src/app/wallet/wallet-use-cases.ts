import type { PlatformPorts } from '../platform/ports.js'
import { addImported, type ImportedCredential } from './items.js'
import type { WalletItemView } from './ports.js'

/** The learner's wallet: kept credentials, collections, claims, addresses. */
export interface WalletUseCases {
  /** Keeps an imported credential (insert, or detect the duplicate by the digest of its text). */
  addImported(userId: string, x: ImportedCredential): Promise<{ item: WalletItemView; duplicate: boolean }>
}

export function walletUseCases(ports: PlatformPorts): WalletUseCases {
  return {
    addImported: (userId, x) => addImported(ports, userId, x),
  }
}
