import type { VerificationReport } from '../../core/verification/index.js'
import { sharedRateLimiter } from '../platform/rate-limits.js'
import type { PlatformPorts } from '../platform/ports.js'
import { deleteAccount, soleOwnerships } from './account-erasure.js'
import { exportAccount } from './export-data.js'
import { parseInput } from '../platform/input-error.js'
import { accountDeletionSchema, notificationSettingsSchema, presentationCheckSchema, presentationRequestSchema, type PresentationRequest } from './holder-input.js'
import { PlatformError } from '../../core/errors.js'
import { itemViewOf } from '../wallet/items.js'
import type { WalletFormat, WalletStatus } from '../wallet/ports.js'
import { checkPresentation, signPresentation, type HeldCredential, type PresentationCheckResult } from './presentation.js'

/** An account's notification choices as pages and the API show them. */
export interface NotificationChoices {
  /** E-mail before a wallet credential expires. */
  expiryReminders: boolean
  /** Occasional news about Emblem (off by default). */
  productNews: boolean
}

/** A wallet credential as the Present page lists it. */
export interface PresentableCredential {
  id: string
  name: string
  issuerName: string
  imageUrl?: string | undefined
  format: WalletFormat
  status: WalletStatus
  /** False for Open Badges 2.0 assertions (not verifiable credentials). */
  presentable: boolean
}

/** What a learner does as the holder of their credentials, and their account's privacy. */
export interface HolderUseCases {
  /** The account's DID (did:key of its holder key, made on first use). */
  did(userId: string): Promise<{ did: string; publicKeyMultibase: string }>
  /** Checks a presentation (JSON body of POST /api/v1/presentations/verify); `verifyCredential` checks each credential in it. */
  verifyPresentation(input: unknown, verifyCredential: (credential: unknown) => Promise<VerificationReport>): Promise<PresentationCheckResult>
  /** The wallet's visible credentials, newest first, for choosing what to present. */
  presentable(userId: string): Promise<PresentableCredential[]>
  /** Signs a presentation of the account's own wallet credentials (body of POST /api/v1/wallet/presentations); ERR_NOT_FOUND for an id not in the wallet. */
  createPresentation(userId: string, input: unknown): Promise<Record<string, unknown>>
  /** The account's data as a zip (GET /api/v1/me/export). */
  exportData(userId: string): Promise<{ zip: Uint8Array; filename: string }>
  notifications(userId: string): Promise<NotificationChoices>
  /** Saves both choices (InputError for a body that is not two booleans). */
  setNotifications(userId: string, input: unknown): Promise<NotificationChoices>
  /** The organizations the account alone owns: deletion is refused until each has another owner. */
  soleOwnerships(userId: string): Promise<Array<{ slug: string; name: string }>>
  /** Deletes the account (body `{ password }`): InputError for a wrong password, LastOwnerError while it alone owns an organization. */
  deleteAccount(userId: string, input: unknown): Promise<void>
}

/** The holder use cases bound to `ports`. */
export function holderUseCases(ports: PlatformPorts): HolderUseCases {
  const wrongPasswords = sharedRateLimiter(ports, 'account-deletion-password', { limit: 5, windowMs: 15 * 60_000 })
  const notifications = async (userId: string): Promise<NotificationChoices> => {
    const [{ productNews }, expiryReminders] = await Promise.all([ports.store.repos.holder.notificationSettings(userId), ports.store.repos.accountEmails.expiryReminders(userId)])
    return { expiryReminders, productNews }
  }
  return {
    did: (userId) => ports.holderKeys.ensure(userId),
    verifyPresentation: (input, verifyCredential) =>
      checkPresentation({ fetcher: ports.fetcher, now: ports.clock.now(), verifyCredential }, parseInput(presentationCheckSchema, input)),
    async presentable(userId) {
      const now = ports.clock.now()
      return (await ports.store.repos.walletItems.list(userId)).filter((item) => !item.hidden).map((item) => {
        const view = itemViewOf(item, now)
        return { id: item.id, name: item.name, issuerName: item.issuerName, imageUrl: view.display.imageUrl, format: item.format, status: view.status, presentable: item.format !== 'ob2' }
      })
    },
    createPresentation: (userId, input) => createPresentation(ports, userId, parseInput(presentationRequestSchema, input)),
    exportData: (userId) => exportAccount(ports, userId),
    notifications,
    async setNotifications(userId, input) {
      const choices = parseInput(notificationSettingsSchema, input)
      await ports.store.transaction(async (tx) => {
        await tx.repos.holder.setNotificationSettings(userId, { productNews: choices.productNews }, ports.clock.now())
        await tx.repos.accountEmails.setExpiryReminders(userId, choices.expiryReminders)
      })
      return notifications(userId)
    },
    soleOwnerships: (userId) => soleOwnerships(ports, userId),
    deleteAccount: (userId, input) => deleteAccount(ports, wrongPasswords, { userId, password: parseInput(accountDeletionSchema, input).password }),
  }
}

/** A presentation of the user's own wallet items, signed by their holder key. */
async function createPresentation(ports: PlatformPorts, userId: string, request: PresentationRequest): Promise<Record<string, unknown>> {
  const held: HeldCredential[] = []
  for (const id of request.credentials) {
    const item = await ports.store.repos.walletItems.get(userId, id)
    if (!item) throw new PlatformError('ERR_NOT_FOUND', `No credential ${id} in your wallet`)
    held.push({ id: item.id, format: item.format, document: item.document })
  }
  const [signer, { did }] = await Promise.all([ports.holderKeys.signerFor(userId), ports.holderKeys.ensure(userId)])
  return signPresentation({ signer, holder: did, credentials: held, challenge: request.challenge, domain: request.domain, id: `urn:uuid:${ports.random.uuid()}`, now: ports.clock.now() })
}
