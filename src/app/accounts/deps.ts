import type { PlatformPorts } from '../platform/ports.js'
import type { AccountLimits } from './limits.js'

/** What the account use cases draw from: the platform's ports and its account limits. */
export type AccountDeps = Pick<PlatformPorts, 'store' | 'clock' | 'random' | 'publicUrl' | 'smtpConfigured' | 'wake'> & { limits: AccountLimits }

/** The sender name of account e-mail (organizations' mail carries the organization's name). */
export const ACCOUNT_MAIL_FROM_NAME = 'Emblem'
