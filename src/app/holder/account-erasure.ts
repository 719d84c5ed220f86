import { PlatformError } from '../../core/errors.js'
import { RateLimitedError, waitPhrase } from '../accounts/errors.js'
import { verifyPassword } from '../accounts/password-hash.js'
import type { SharedRateLimiter } from '../platform/rate-limits.js'
import { InputError } from '../platform/input-error.js'
import type { PlatformPorts } from '../platform/ports.js'

/** An organization whose last owner the account is: it must get another owner (or be deleted) first. */
export class LastOwnerError extends PlatformError {
  override name = 'LastOwnerError'
  readonly organizations: ReadonlyArray<{ slug: string; name: string }>
  constructor(organizations: ReadonlyArray<{ slug: string; name: string }>) {
    super(
      'ERR_STATE_INVALID',
      `You are the last owner of ${organizations.map((o) => o.name).join(', ')}: make someone else an owner there first, so the organization and the credentials it issued keep someone responsible for them`,
    )
    this.organizations = organizations
  }
}

/**
 * Deletes the account after checking its password: the user, e-mail addresses, sessions, tokens,
 * memberships, wallet copies, collections, share links, profile, holder key and settings. What
 * organizations issued to the person stays verifiable (issued credentials, status lists and the log
 * are the issuers' records). Refused (LastOwnerError) while the account is an organization's last
 * owner; wrong passwords count against `limiter` like failed sign-ins.
 */
export async function deleteAccount(
  { store }: Pick<PlatformPorts, 'store'>,
  limiter: SharedRateLimiter,
  { userId, password }: { userId: string; password: string },
): Promise<void> {
  const key = `delete-account\n${userId}`
  const decision = await limiter.check(key)
  if (!decision.allowed) throw new RateLimitedError(`Too many wrong passwords. Try again ${waitPhrase(decision.retryAfterSeconds)}.`, decision.retryAfterSeconds)
  const user = await store.repos.accounts.userById(userId)
  if (!user) throw new PlatformError('ERR_NOT_FOUND', 'This account no longer exists')
  if (!(await verifyPassword(user.passwordHash, password))) {
    await limiter.hit(key)
    throw new InputError([{ path: 'password', code: 'mismatch', message: 'This is not your password' }])
  }
  await limiter.reset(key)
  await store.transaction(async (tx) => {
    const owned = (await tx.repos.orgs.ofUser(userId)).filter((m) => m.role === 'owner')
    const alone: Array<{ slug: string; name: string }> = []
    for (const { org } of owned) {
      await tx.repos.orgs.lock(org.id)
      if ((await tx.repos.members.countOwners(org.id)) <= 1) alone.push({ slug: org.slug, name: org.name })
    }
    if (alone.length > 0) throw new LastOwnerError(alone)
    if (!(await tx.repos.holder.deleteAccount(userId))) throw new PlatformError('ERR_NOT_FOUND', 'This account no longer exists')
  })
}

/** The organizations the account alone owns (deletion waits until each has another owner). */
export async function soleOwnerships({ store }: Pick<PlatformPorts, 'store'>, userId: string): Promise<Array<{ slug: string; name: string }>> {
  const owned = (await store.repos.orgs.ofUser(userId)).filter((m) => m.role === 'owner')
  const alone = []
  for (const { org } of owned) if ((await store.repos.members.countOwners(org.id)) <= 1) alone.push({ slug: org.slug, name: org.name })
  return alone
}
