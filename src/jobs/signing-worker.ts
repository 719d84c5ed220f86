// A signing thread of the pool (signing-pool.ts): builds a cohort's credentials, canonicalizes,
// hashes, serializes and, given the cohort's private KeyObject, signs them; without it they go back
// waiting only for their signatures, which the main thread makes and puts in (sign-draft.ts,
// finishSignature). Writes the learners' e-mails too.
import { sign, type KeyObject } from 'node:crypto'
import { parentPort } from 'node:worker_threads'
import { prepareAchievement, prepareIssuer } from '../core/credential/index.js'
import { PlatformError } from '../core/errors.js'
import type { IssuerSuite } from '../app/issuance/cohort.js'
import { jobMailer, type CredentialJob } from '../app/issuance/cohort-signer.js'
import type { MailParts } from '../app/issuance/commit-issued.js'
import { draftCredential, type DraftParts } from '../app/issuance/draft-credential.js'
import type { MailMessage } from '../app/mail/ports.js'
import { finishSignature, prepareSignature, type PendingSignature, type SignedCredential, type SigningKey } from '../app/issuance/sign-draft.js'

/** Messages the main thread sends. */
export type ToWorker =
  | { type: 'cohort'; cohortId: number; parts: DraftParts; mailParts: MailParts; suite: IssuerSuite; key: SigningKey; privateKey?: KeyObject | undefined }
  | { type: 'drop'; cohortId: number }
  | { type: 'prepare'; requestId: number; cohortId: number; jobs: CredentialJob[]; created: string }

/** Messages the worker sends. */
export type FromWorker =
  | { type: 'prepared'; requestId: number; pending: PendingSignature[]; mails: MailMessage[] }
  | { type: 'signed'; requestId: number; signed: SignedCredential[]; mails: MailMessage[] }
  | { type: 'failed'; requestId: number; message: string; code?: string }

const cohorts = new Map<number, { parts: DraftParts; mail: (job: CredentialJob) => MailMessage; suite: IssuerSuite; key: SigningKey; privateKey?: KeyObject | undefined }>()
const port = parentPort!
const send = (message: FromWorker) => port.postMessage(message)

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'cohort': {
      const { parts } = message
      // The shared parts arrive as plain copies: prepare them again, once, so the fast canonicalizer replays them.
      cohorts.set(message.cohortId, { ...message, mail: jobMailer(message.mailParts), parts: { ...parts, issuer: prepareIssuer(parts.issuer), achievement: prepareAchievement(parts.achievement) } })
      return
    }
    case 'drop':
      cohorts.delete(message.cohortId)
      return
    case 'prepare': {
      const cohort = cohorts.get(message.cohortId)
      if (!cohort) throw new Error(`Unknown cohort ${message.cohortId}`)
      const pending: PendingSignature[] = []
      for (const { seed } of message.jobs) pending.push(await prepareSignature(draftCredential(cohort.parts, seed), cohort.key, cohort.suite, message.created))
      const mails = message.jobs.map(cohort.mail)
      const { privateKey } = cohort
      // Given the key (a KeyObject, never its bytes), the thread signs too and the main thread only writes.
      if (privateKey) send({ type: 'signed', requestId: message.requestId, signed: pending.map((p) => finishSignature(p, sign(null, p.toSign, privateKey))), mails })
      else send({ type: 'prepared', requestId: message.requestId, pending, mails })
      return
    }
  }
}

port.on('message', (message: ToWorker) => {
  handle(message).catch((err: unknown) => {
    const requestId = 'requestId' in message ? message.requestId : -1
    send({ type: 'failed', requestId, message: err instanceof Error ? err.message : String(err), ...(err instanceof PlatformError ? { code: err.code } : {}) })
  })
})
