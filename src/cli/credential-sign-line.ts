// Signing one credential, for `emblem credential sign` in the main thread and in the pool's threads.
import { parseJsonInput } from '../core/credential/index.js'
import { PlatformError } from '../core/errors.js'
import { signCredential, signJwt, type Signer } from '../core/proof/index.js'
import type { InputRecord } from './credential-input.js'
import type { LineResult, Suite } from './credential-lines.js'

/** Signs one credential's text: a Data Integrity proof, or a VC-JWT. */
export async function signOne(text: string, signer: Signer, suite: Suite, created: string): Promise<object | string> {
  const credential = parseJsonInput(text)
  if (typeof credential !== 'object' || credential === null || Array.isArray(credential))
    throw new PlatformError('ERR_INPUT_INVALID', 'A credential must be a JSON object')
  if (suite === 'vc-jwt') return signJwt(credential as Record<string, unknown>, signer)
  return signCredential(credential, signer, { suite, created, proofAsArray: true })
}

/** A signed credential as printed: a compact JWS, or JSON (pretty for a single document, one line for JSON Lines). */
export const formatSigned = (signed: object | string, suite: Suite, pretty: boolean): string =>
  suite === 'vc-jwt' ? (signed as string) : JSON.stringify(signed, null, pretty ? 2 : undefined)

/** Signs a JSON Lines record; a line that cannot be signed becomes its error message. */
export const signLine =
  (signer: Signer, suite: Suite, created: string) =>
  async ({ line, text }: InputRecord): Promise<LineResult> => {
    try {
      return { line, output: formatSigned(await signOne(text, signer, suite, created), suite, false) }
    } catch (err) {
      return { line, error: err instanceof Error ? err.message : String(err) }
    }
  }
