import type { MailMessage } from '../mail/ports.js'
import { mailBrandOf } from '../orgs/org-brand.js'
import type { Cohort } from './cohort.js'
import { issuedMailer, type MailParts } from './commit-issued.js'
import { draftCredential, type CredentialSeed } from './draft-credential.js'
import { signDraft, type SignedCredential } from './sign-draft.js'

/** One credential to make: its seed, and the claim token its e-mail carries. */
export interface CredentialJob {
  seed: CredentialSeed
  claimToken: string
}

/** A made credential: signed, and the learner's e-mail. */
export interface MadeCredential {
  signed: SignedCredential
  mail: MailMessage
}

/** Builds, signs and writes the e-mails of a cohort's credentials: here, or spread over signing threads (jobs/signing-pool.ts). */
export interface CohortSigner {
  /** The credentials of `jobs`, in order; `created` is the proofs' creation time. */
  sign(jobs: readonly CredentialJob[], created: string): Promise<MadeCredential[]>
}

/** What a cohort's e-mails say besides the learner's part. */
export const mailPartsOf = (cohort: Pick<Cohort, 'org' | 'achievement'>, publicUrl: string): MailParts => ({
  publicUrl,
  orgId: cohort.org.id,
  orgName: cohort.org.name,
  achievementName: cohort.achievement.name,
  brand: mailBrandOf(cohort.org, publicUrl),
})

/** The e-mails of a cohort's jobs: the message rendered once per cohort, each job's learner put in. */
export function jobMailer(parts: MailParts): (job: CredentialJob) => MailMessage {
  const mail = issuedMailer(parts)
  return ({ seed, claimToken }) => mail({ credentialId: seed.id, recipientEmail: seed.recipient.email, recipientName: seed.recipient.name, claimToken })
}

/** Makes credentials on the calling thread, one after another. */
export function inlineSigner(cohort: Pick<Cohort, 'org' | 'issuer' | 'achievement' | 'signer' | 'suite'>, publicUrl: string): CohortSigner {
  const parts = { issuer: cohort.issuer, achievement: cohort.achievement, publicUrl, statusEntries: cohort.org.statusEntries }
  const jobMail = jobMailer(mailPartsOf(cohort, publicUrl))
  return {
    async sign(jobs, created) {
      const out: MadeCredential[] = []
      for (const job of jobs) out.push({ signed: await signDraft(draftCredential(parts, job.seed), cohort.signer, cohort.suite, created), mail: jobMail(job) })
      return out
    },
  }
}
