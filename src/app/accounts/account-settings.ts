import { PlatformError } from '../../core/errors.js'
import { parseName } from './account-input.js'
import type { AccountDeps } from './deps.js'
import { AccountInputError, RateLimitedError, waitPhrase } from './errors.js'
import { hashPassword, verifyPassword } from './password-hash.js'
import { passwordIssue } from './password-policy.js'
import type { UserMembership, UserRecord } from './ports.js'

/** A user's account as their own pages and GET /api/v1/me show it. */
export interface AccountOverview {
  user: UserRecord
  memberships: UserMembership[]
}

async function userOrGone({ store }: Pick<AccountDeps, 'store'>, userId: string): Promise<UserRecord> {
  const user = await store.repos.accounts.userById(userId)
  if (!user) throw new PlatformError('ERR_NOT_FOUND', 'This account no longer exists')
  return user
}

/** The user with their organizations and roles. */
export async function accountOverview(deps: Pick<AccountDeps, 'store'>, userId: string): Promise<AccountOverview> {
  const user = await userOrGone(deps, userId)
  return { user, memberships: await deps.store.repos.accounts.memberships(userId) }
}

/** Renames the user; AccountInputError { name } for an empty or overlong name. */
export async function changeName(deps: Pick<AccountDeps, 'store'>, userId: string, rawName: string): Promise<UserRecord> {
  const parsed = parseName(rawName)
  if ('problem' in parsed) throw new AccountInputError({ name: { code: parsed.code, message: parsed.problem } })
  const user = await userOrGone(deps, userId)
  await deps.store.repos.accounts.setName(userId, parsed.name)
  return { ...user, name: parsed.name }
}

/** A password change from the account page. */
export interface ChangePasswordRequest {
  userId: string
  currentPassword: string
  newPassword: string
  /** The session making the change: it stays; every other session of the account ends. */
  keepSession: string
}

/**
 * Changes the password after checking the current one (wrong guesses count like failed sign-ins,
 * so a borrowed session cannot brute-force it), ends every other session and kills reset links.
 * Returns how many other sessions ended.
 */
export async function changePassword(deps: AccountDeps, { userId, currentPassword, newPassword, keepSession }: ChangePasswordRequest): Promise<number> {
  const { store, limits } = deps
  const key = userId
  const decision = await limits.passwordChange.check(key)
  if (!decision.allowed) throw new RateLimitedError(`Too many wrong passwords. Try again ${waitPhrase(decision.retryAfterSeconds)}.`, decision.retryAfterSeconds)
  const user = await userOrGone(deps, userId)
  const problems: ConstructorParameters<typeof AccountInputError>[0] = {}
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    await limits.passwordChange.hit(key)
    problems['currentPassword'] = { code: 'mismatch', message: 'This is not your current password' }
  }
  const weak = passwordIssue(newPassword, { email: user.email })
  if (weak) problems['newPassword'] = weak
  else if (newPassword === currentPassword) problems['newPassword'] = { code: 'invalid', message: 'Choose a password different from your current one' }
  if (Object.keys(problems).length > 0) throw new AccountInputError(problems)
  await limits.passwordChange.reset(key)
  const passwordHash = await hashPassword(newPassword)
  return store.transaction(async (tx) => {
    await tx.repos.accounts.setPasswordHash(userId, passwordHash)
    await tx.repos.accounts.deleteTokens(userId, 'reset-password')
    return tx.repos.accounts.deleteSessions(userId, { exceptIdHash: keepSession })
  })
}
