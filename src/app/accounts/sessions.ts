import type { PlatformPorts, PlatformRepos } from '../platform/ports.js'
import { newSecret } from '../platform/secret-token.js'

/** Sessions last 30 days from sign-in. */
export const SESSION_TTL_MS = 30 * 86_400_000

/** A session just created: the token goes to the cookie and is never stored; the store keeps its hash. */
export interface NewSession {
  token: string
  idHash: string
  csrfToken: string
  expiresAt: Date
}

/**
 * Creates a new session for the user (a new token at every sign-in, so a token planted before
 * sign-in is worthless). `replacing` deletes the session the request came with, if any.
 */
export async function startSession(
  { clock, random }: Pick<PlatformPorts, 'clock' | 'random'>,
  repos: Pick<PlatformRepos, 'accounts'>,
  userId: string,
  { replacing }: { replacing?: string | undefined } = {},
): Promise<NewSession> {
  const { token, hash } = newSecret(random)
  const csrfToken = random.token(24)
  const expiresAt = new Date(clock.now().getTime() + SESSION_TTL_MS)
  if (replacing !== undefined) await repos.accounts.deleteSession(replacing)
  await repos.accounts.createSession({ idHash: hash, userId, csrfToken, expiresAt })
  return { token, idHash: hash, csrfToken, expiresAt }
}

/** Signs out: deletes the session with this token hash. */
export async function signOut({ store }: Pick<PlatformPorts, 'store'>, idHash: string): Promise<void> {
  await store.repos.accounts.deleteSession(idHash)
}

/** Signs out everywhere: deletes every session of the user, this one included. Returns how many ended. */
export const signOutEverywhere = ({ store }: Pick<PlatformPorts, 'store'>, userId: string): Promise<number> => store.repos.accounts.deleteSessions(userId)
