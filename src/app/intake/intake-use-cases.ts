import { RateLimitedError } from '../accounts/errors.js'
import { sharedRateLimiter } from '../platform/rate-limits.js'
import type { CredentialsUseCases } from '../credentials/credentials-use-cases.js'
import type { FetchLocal } from '../credentials/ports.js'
import type { Viewer } from '../credentials/verify-issued-credential.js'
import type { PlatformPorts } from '../platform/ports.js'
import { addImported } from '../wallet/items.js'
import type { WalletItemView } from '../wallet/ports.js'
import { inspect, type Inspection, type IntakeInput } from './inspect.js'

/** Who asks and how this instance reaches itself, for one inspection. */
export interface InspectContext {
  fetchLocal: FetchLocal
  viewer?: Viewer | undefined
}

/** Public verification per client address: 120 per minute (the verifier fetches other hosts' documents for each). */
export const VERIFY_RATE_LIMIT = Object.freeze({ limit: 120, windowMs: 60_000 })

/** Reading a credential out of any container and verifying it: the public verifier and wallet import share it. */
export interface IntakeUseCases {
  /**
   * Reads a credential from pasted text, a file (JSON, baked PNG/SVG of OB 3.0 or 2.0, a PDF
   * certificate) or a URL, and verifies it. InputError (4xx) naming the field (`credential`, `file`,
   * `url`) when the input holds no credential.
   */
  inspect(input: IntakeInput, context: InspectContext): Promise<Inspection>
  /**
   * Reads, verifies and keeps a credential in the learner's wallet: once per document text (a second
   * import answers the kept item with `duplicate: true`); one that does not verify is kept, marked so.
   */
  importToWallet(userId: string, input: IntakeInput, context: InspectContext): Promise<{ inspection: Inspection; item: WalletItemView; duplicate: boolean }>
  /** Counts one public verification for `client`; RateLimitedError (with its Retry-After) past the limit. */
  limit(client: string): Promise<void>
}

/** The intake use cases bound to `ports`; VCs are verified by `credentials.verifySubmitted` (recorded like any verification). */
export function intakeUseCases(ports: PlatformPorts, credentials: Pick<CredentialsUseCases, 'verifySubmitted'>): IntakeUseCases {
  // Counted across processes (the database, or Redis when configured).
  const limiter = sharedRateLimiter(ports, 'public-verify', VERIFY_RATE_LIMIT)
  const limit = async (client: string) => {
    const decision = await limiter.check(client)
    if (!decision.allowed) throw new RateLimitedError(`Too many verifications from this address; try again in ${decision.retryAfterSeconds} s`, decision.retryAfterSeconds)
    await limiter.hit(client)
  }
  const inspectWith = (input: IntakeInput, { fetchLocal, viewer }: InspectContext) =>
    inspect(
      { publicUrl: ports.publicUrl, fetchLocal, fetcher: ports.fetcher, media: ports.media, now: ports.clock.now(), verifyVc: (text) => credentials.verifySubmitted(text, fetchLocal, viewer) },
      input,
    )
  return {
    limit,
    inspect: inspectWith,
    async importToWallet(userId, input, context) {
      const inspection = await inspectWith(input, context)
      const { format, document, credentialId, report, display } = inspection
      const { item, duplicate } = await addImported(ports, userId, { format, document, credentialId, verified: report.verified, report, display })
      return { inspection, item, duplicate }
    },
  }
}
