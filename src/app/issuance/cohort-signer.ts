import type { Cohort } from './cohort.js'
import { draftCredential, type CredentialSeed } from './draft-credential.js'
import { signDraft, type SignedCredential } from './sign-draft.js'

/** Builds and signs a cohort's credentials: here, or spread over signing threads (jobs/signing-pool.ts). */
export interface CohortSigner {
  /** The signed credentials of `seeds`, in order; `created` is the proofs' creation time. */
  sign(seeds: readonly CredentialSeed[], created: string): Promise<SignedCredential[]>
}

/** Signs on the calling thread, one credential after another. */
export function inlineSigner(cohort: Pick<Cohort, 'issuer' | 'achievement' | 'signer' | 'suite'>, publicUrl: string): CohortSigner {
  const parts = { issuer: cohort.issuer, achievement: cohort.achievement, publicUrl }
  return {
    async sign(seeds, created) {
      const out: SignedCredential[] = []
      for (const seed of seeds) out.push(await signDraft(draftCredential(parts, seed), cohort.signer, cohort.suite, created))
      return out
    },
  }
}
