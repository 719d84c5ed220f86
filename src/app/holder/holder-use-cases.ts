import type { VerificationReport } from '../../core/verification/index.js'
import { createRateLimiter } from '../accounts/rate-limiter.js'
import type { PlatformPorts } from '../platform/ports.js'
import { deleteAccount, soleOwnerships } from './account-erasure.js'
import { parseInput } from '../platform/input-error.js'
import { accountDeletionSchema, notificationSettingsSchema, presentationCheckSchema } from './holder-input.js'
import { checkPresentation, type PresentationCheckResult } from './presentation.js'

/** An account's notification choices as pages and the API show them. */
export interface NotificationChoices {
  /** E-mail before a wallet credential expires. */
  expiryReminders: boolean
  /** Occasional news about Emblem (off by default). */
  productNews: boolean
}

/** What a learner does as the holder of their credentials, and their account's privacy. */
export interface HolderUseCases {
  /** The account's DID (did:key of its holder key, made on first use). */
  did(userId: string): Promise<{ did: string; publicKeyMultibase: string }>
  /** Checks a presentation (JSON body of POST /api/v1/presentations/verify); `verifyCredential` checks each credential in it. */
  verifyPresentation(input: unknown, verifyCredential: (credential: unknown) => Promise<VerificationReport>): Promise<PresentationCheckResult>
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
  const wrongPasswords = createRateLimiter(ports.clock, { limit: 5, windowMs: 15 * 60_000 })
  const notifications = async (userId: string): Promise<NotificationChoices> => {
    const { productNews } = await ports.store.repos.holder.notificationSettings(userId)
    return { expiryReminders: true, productNews }
  }
  return {
    did: (userId) => ports.holderKeys.ensure(userId),
    verifyPresentation: (input, verifyCredential) =>
      checkPresentation({ fetcher: ports.fetcher, now: ports.clock.now(), verifyCredential }, parseInput(presentationCheckSchema, input)),
    notifications,
    async setNotifications(userId, input) {
      const choices = parseInput(notificationSettingsSchema, input)
      await ports.store.repos.holder.setNotificationSettings(userId, { productNews: choices.productNews }, ports.clock.now())
      return notifications(userId)
    },
    soleOwnerships: (userId) => soleOwnerships(ports, userId),
    deleteAccount: (userId, input) => deleteAccount(ports, wrongPasswords, { userId, password: parseInput(accountDeletionSchema, input).password }),
  }
}
