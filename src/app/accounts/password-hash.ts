import { hash, verify } from '@node-rs/argon2'

// argon2id (Algorithm.Argon2id = 2) with the library's defaults: 19 MiB, 2 passes, 1 lane (OWASP's minimum).
const ARGON2ID = 2

/** The argon2id PHC string of a password. */
export const hashPassword = (password: string): Promise<string> => hash(password, { algorithm: ARGON2ID })

/** Whether `password` matches the PHC string; false (never a throw) for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

let dummy: Promise<string> | undefined

/**
 * Verifies against a hash of a password nobody knows, taking as long as a real check: a sign-in
 * for an unknown e-mail is not faster than one with a wrong password. Always false.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummy ??= hashPassword('no account has this password: it only spends the time a real check spends')
  await verifyPassword(await dummy, password)
  return false
}
