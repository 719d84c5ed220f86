// What the holder's use cases need from the store and the key ring (implemented in store/ and keys/).
import type { Signer } from '../../core/proof/index.js'

/** An account's holder key as stored: the private half sealed under the master key. */
export interface StoredHolderKey {
  userId: string
  did: string
  publicKeyMultibase: string
  sealedPrivateKey: string
  createdAt: string
}

/** An account's e-mail choices that are not answers to its own actions. */
export interface NotificationSettings {
  /** Occasional news about Emblem; off unless the person turns it on. */
  productNews: boolean
}

/** The holder's rows: keys, notification settings, and the erasure of an account's personal data. */
export interface HolderRepo {
  /** The account's holder key, or undefined before its first use. */
  keyOf(userId: string): Promise<StoredHolderKey | undefined>
  /** Stores the account's key unless it has one already; returns the stored key (the first one wins a race). */
  addKey(key: StoredHolderKey): Promise<StoredHolderKey>
  /** The settings, defaults when never saved. */
  notificationSettings(userId: string): Promise<NotificationSettings>
  setNotificationSettings(userId: string, settings: NotificationSettings, at: Date): Promise<void>
  /**
   * Deletes the account and every row of personal data it owns (sessions, tokens, memberships, e-mail
   * addresses, wallet items and collections, share links, profile, holder key, settings); issued
   * credentials, their status and the log stay. False when the account was already gone.
   */
  deleteAccount(userId: string): Promise<boolean>
}

/** Holder keys: made and sealed on first use, opened only to sign (implemented in keys/). */
export interface HolderKeyRing {
  /** The account's holder key, made on first use: its did:key and public Multikey. */
  ensure(userId: string): Promise<{ did: string; publicKeyMultibase: string }>
  /** A signer for the account's holder key (made on first use), citing `<did>#<multibase>`. */
  signerFor(userId: string): Promise<Signer>
}
