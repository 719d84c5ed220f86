import type { PlatformPorts } from '../platform/ports.js'
import { accountOverview, changeName, changePassword, type AccountOverview, type ChangePasswordRequest } from './account-settings.js'
import { resendVerificationEmail, verifyEmail } from './email-verification.js'
import { createAccountLimits } from './limits.js'
import { checkResetToken, requestPasswordReset, resetPassword } from './password-reset.js'
import type { UserRecord } from './ports.js'
import { signOut, signOutEverywhere, type NewSession } from './sessions.js'
import { signIn, type SignInRequest } from './sign-in.js'
import { signUp, type SignUpRequest } from './sign-up.js'

/** Accounts: sign up and in, sessions, e-mail verification, password reset, the account page. */
export interface AccountsUseCases {
  /** Creates an account and mails its verification link (or tells the address's owner someone tried). AccountInputError field by field. */
  signUp(request: SignUpRequest): Promise<void>
  /** Checks the password (rate limited per address and account) and opens a session. */
  signIn(request: SignInRequest): Promise<{ user: UserRecord; session: NewSession }>
  /** Ends the session with this token hash. */
  signOut(sessionIdHash: string): Promise<void>
  /** Ends every session of the user; returns how many ended. */
  signOutEverywhere(userId: string): Promise<number>
  /** Uses an e-mail verification link. ERR_TOKEN_INVALID for an unknown, used or expired one. */
  verifyEmail(token: string): Promise<{ userId: string; outcome: 'verified' | 'already-verified' }>
  /** Mails a new verification link (rate limited). */
  resendVerificationEmail(userId: string): Promise<'sent' | 'already-verified'>
  /** Mails a reset link when the address has an account; says nothing either way. */
  requestPasswordReset(request: { email: string }): Promise<void>
  /** ERR_TOKEN_INVALID unless the reset link is live. */
  checkResetToken(token: string): Promise<void>
  /** Sets a new password from a reset link and opens a session. */
  resetPassword(request: { token: string; password: string }): Promise<{ user: UserRecord; session: NewSession }>
  /** The user and their organizations. */
  overview(userId: string): Promise<AccountOverview>
  /** Renames the user. */
  changeName(userId: string, name: string): Promise<UserRecord>
  /** Changes the password after checking the current one; ends the other sessions. */
  changePassword(request: ChangePasswordRequest): Promise<number>
}

/** The account use cases bound to `ports`, with the account rate limits (counted in the shared rate-limit store). */
export function accountsUseCases(ports: PlatformPorts): AccountsUseCases {
  const deps = { ...ports, limits: createAccountLimits(ports) }
  return {
    signUp: (request) => signUp(deps, request),
    signIn: (request) => signIn(deps, request),
    signOut: (sessionIdHash) => signOut(deps, sessionIdHash),
    signOutEverywhere: (userId) => signOutEverywhere(deps, userId),
    verifyEmail: (token) => verifyEmail(deps, token),
    resendVerificationEmail: (userId) => resendVerificationEmail(deps, userId),
    requestPasswordReset: (request) => requestPasswordReset(deps, request),
    checkResetToken: (token) => checkResetToken(deps, token),
    resetPassword: (request) => resetPassword(deps, request),
    overview: (userId) => accountOverview(deps, userId),
    changeName: (userId, name) => changeName(deps, userId, name),
    changePassword: (request) => changePassword(deps, request),
  }
}
