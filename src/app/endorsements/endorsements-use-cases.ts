// Endorsements (OB 3.0 §B.1.8 EndorsementCredential): an organization's administrators endorse
// another organization's published achievement, or the organization itself, with a comment. The
// endorsement is a credential signed with the endorsing organization's active key and suite (like
// its credentials and status lists), stored and appended to the transparency log in one
// transaction, served at /endorsements/{id}, shown on the public pages and verified like any credential.
import { z } from 'zod'
import { CONTEXT } from '../../core/canonical/index.js'
import { PlatformError } from '../../core/errors.js'
import { signCredential } from '../../core/proof/index.js'
import type { VerificationReport } from '../../core/verification/index.js'
import { achievementUrl } from '../achievements/ob-achievement.js'
import type { FetchLocal, IssuedCredentialView } from '../credentials/ports.js'
import { verifyLocal } from '../credentials/verify-local.js'
import { dateTimeOf } from '../issuance/cohort.js'
import { credentialRowOf, logAppendOf } from '../log-append.js'
import { orgDid, ORG_SLUG } from '../orgs/did.js'
import { issuerProfile } from '../orgs/issuer-profile.js'
import type { OrgAccess } from '../platform/access.js'
import { coded, parseInput } from '../platform/input-error.js'
import type { PlatformPorts } from '../platform/ports.js'
import { hasRole, MIN_ROLE } from '../platform/roles.js'
import { keptReads } from '../platform/kept-reads.js'
import type { EndorsementRecord, EndorsementState } from './ports.js'

/** Longest comment (characters). */
export const ENDORSEMENT_COMMENT_MAX = 2000

const CONTROL_EXCEPT_NEWLINES = /(?![\n\t])[\p{Cc}\p{Cs}\ufffe\uffff]/u

/** What an endorsement request carries (the API's body, the endorse form's fields). */
export const endorsementInput = z.strictObject({
  subjectKind: z.enum(['achievement', 'organization'], { message: 'choose achievement or organization' }),
  organization: z
    .string('enter the endorsed organization’s slug')
    .trim()
    .refine((v) => ORG_SLUG.test(v), coded('invalid_format', 'enter the slug of an organization on this instance')),
  achievementId: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string('must be text').trim().max(100).optional()),
  comment: z
    .string('write a comment')
    .transform((v) => v.replace(/\r\n?/g, '\n').trim())
    .refine((v) => v !== '', coded('required', 'write what you endorse and why'))
    .refine((v) => !CONTROL_EXCEPT_NEWLINES.test(v), coded('invalid_characters', 'remove the control characters'))
    .refine((v) => [...v].length <= ENDORSEMENT_COMMENT_MAX, coded('too_long', `use at most ${ENDORSEMENT_COMMENT_MAX} characters`)),
})

/** An endorsement as pages and the API show it: the stored record and what is endorsed, by name. */
export interface EndorsementView extends EndorsementRecord {
  /** The endorsed achievement's or organization's name. */
  subjectName: string
  /** The endorsement's public document URL. */
  url: string
}

/** An active endorsement shown on a public page, verified like a credential. */
export interface VerifiedEndorsement extends EndorsementView {
  verified: boolean
}

export interface EndorsementsUseCases {
  /** Endorses as the organization of `access` (admin or owner); ERR_CONFLICT when it already endorses that subject, ERR_INPUT_INVALID for its own. */
  endorse(access: OrgAccess, input: unknown): Promise<EndorsementView>
  /** The endorsements the organization gave or received (any member may read), newest first. */
  list(access: OrgAccess, direction: 'given' | 'received', options?: { state?: EndorsementState; limit?: number }): Promise<EndorsementView[]>
  /** Withdraws an endorsement the organization gave (admin or owner); ERR_NOT_FOUND for another organization's or one already withdrawn. */
  withdraw(access: OrgAccess, id: string): Promise<EndorsementView>
  /** The signed EndorsementCredential of an active endorsement (JSON text); ERR_NOT_FOUND otherwise (withdrawn ones too). */
  document(id: string): Promise<string>
  /** Active endorsements of an organization (of it and of its achievements), each verified. */
  forOrganization(slug: string, fetchLocal: FetchLocal): Promise<VerifiedEndorsement[]>
  /** Active endorsements of a credential's achievement and issuer, each verified. */
  forCredential(view: IssuedCredentialView, fetchLocal: FetchLocal): Promise<VerifiedEndorsement[]>
  /** Active endorsements of one achievement (its admin page), each verified. */
  forAchievement(orgSlug: string, achievementId: string, fetchLocal: FetchLocal): Promise<VerifiedEndorsement[]>
}

/** How many endorsements a page shows (each is verified when shown). */
const PAGE_LIMIT = 20
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function endorsementsUseCases(ports: PlatformPorts): EndorsementsUseCases {
  const { store, clock, random, keys, publicUrl } = ports
  const kept = keptReads(store)
  const urlOf = (id: string) => `${publicUrl}/endorsements/${id}`

  /** The name of what an endorsement endorses: the organization's, or its achievement's (the id's last path segment). */
  const subjectNameOf = async (record: EndorsementRecord): Promise<string> => {
    if (record.subjectKind === 'organization') return record.subjectOrg.name
    const achievementId = decodeURIComponent(record.subjectId.split('/').at(-1) ?? '')
    return (await store.repos.achievements.get(record.subjectOrg.id, achievementId))?.name ?? record.subjectId
  }
  const viewOf = async (record: EndorsementRecord): Promise<EndorsementView> => ({ ...record, subjectName: await subjectNameOf(record), url: urlOf(record.id) })
  const verified = (fetchLocal: FetchLocal) => async (record: EndorsementRecord): Promise<VerifiedEndorsement> => {
    const report: VerificationReport = await verifyLocal({ clock, publicUrl, store, documents: { fetchLocal } }, record.document)
    return { ...(await viewOf(record)), verified: report.verified }
  }
  const requireManager = (access: OrgAccess) => {
    if (!hasRole(access.role, MIN_ROLE.manage)) throw new PlatformError('ERR_FORBIDDEN', `Endorsing needs the ${MIN_ROLE.manage} role or higher in ${access.org.name}; you are ${access.role}`)
  }
  const orgSubjects = async (orgId: string, slug: string): Promise<string[]> => {
    const { items } = await store.repos.achievements.list(orgId, { limit: 200 })
    return [orgDid(publicUrl, slug), ...items.map((a) => achievementUrl(publicUrl, slug, a.id))]
  }

  return {
    async endorse(access, input) {
      requireManager(access)
      const request = parseInput(endorsementInput, input)
      const endorser = await store.repos.orgs.get(access.org.id)
      const subjectOrg = await store.repos.orgs.bySlug(request.organization)
      if (!endorser) throw new PlatformError('ERR_NOT_FOUND', 'No such organization')
      if (!subjectOrg) throw new PlatformError('ERR_NOT_FOUND', `No organization "${request.organization}" on this instance`)
      if (subjectOrg.id === endorser.id) throw new PlatformError('ERR_INPUT_INVALID', 'An organization cannot endorse itself or its own achievements')
      let subjectId = orgDid(publicUrl, subjectOrg.slug)
      let subjectName = subjectOrg.name
      if (request.subjectKind === 'achievement') {
        const achievement = request.achievementId ? await store.repos.achievements.get(subjectOrg.id, request.achievementId) : undefined
        if (!achievement || achievement.state !== 'published') throw new PlatformError('ERR_NOT_FOUND', `No published achievement ${request.achievementId ?? ''} of ${subjectOrg.name}`.trim())
        subjectId = achievementUrl(publicUrl, subjectOrg.slug, achievement.id)
        subjectName = achievement.name
      }
      if (await store.repos.endorsements.activeBy(endorser.id, subjectId)) throw new PlatformError('ERR_CONFLICT', `${endorser.name} already endorses ${subjectName}; withdraw that endorsement first`)
      const id = random.uuid()
      const now = clock.now()
      const did = orgDid(publicUrl, endorser.slug)
      const draft = {
        '@context': [CONTEXT.VC_V2, CONTEXT.OB_V3],
        id: `urn:uuid:${id}`,
        type: ['VerifiableCredential', 'EndorsementCredential'],
        name: `${endorser.name} endorses ${subjectName}`,
        issuer: issuerProfile(endorser, publicUrl),
        validFrom: dateTimeOf(now),
        credentialSubject: { id: subjectId, type: ['EndorsementSubject'], endorsementComment: request.comment },
      }
      const signer = await keys.signerFor({ id: endorser.id, did })
      // VC-JWT organizations sign their status lists with eddsa-rdfc-2022 too: an endorsement is a JSON document others embed.
      const suite = endorser.suite === 'eddsa-jcs-2022' ? 'eddsa-jcs-2022' : 'eddsa-rdfc-2022'
      const signed = await signCredential(draft, signer, { suite, created: draft.validFrom })
      const document = JSON.stringify(signed)
      await store.transaction(async (tx) => {
        await tx.credentials.insert([credentialRowOf(signed)])
        await tx.log.append([logAppendOf(signed)])
        await tx.repos.endorsements.insert({ id, orgId: endorser.id, subjectKind: request.subjectKind, subjectId, subjectOrgId: subjectOrg.id, comment: request.comment, document, createdAt: now.toISOString() })
      })
      ports.onLogAppended?.()
      return viewOf((await store.repos.endorsements.get(id))!)
    },
    async list(access, direction, { state, limit = 100 } = {}) {
      const records = await store.repos.endorsements.list(access.org.id, direction, { limit: Math.min(Math.max(1, limit), 200), ...(state ? { state } : {}) })
      return Promise.all(records.map(viewOf))
    },
    async withdraw(access, id) {
      requireManager(access)
      const record = UUID.test(id) ? await store.repos.endorsements.get(id) : undefined
      if (!record || record.org.id !== access.org.id || !(await store.repos.endorsements.withdraw(id, access.org.id, clock.now().toISOString())))
        throw new PlatformError('ERR_NOT_FOUND', `No active endorsement ${id.slice(0, 100)} given by ${access.org.name}`)
      return viewOf((await store.repos.endorsements.get(id))!)
    },
    async document(id) {
      const record = UUID.test(id) ? await store.repos.endorsements.get(id) : undefined
      if (!record || record.state !== 'active') throw new PlatformError('ERR_NOT_FOUND', `No endorsement ${id.slice(0, 100)}`)
      return record.document
    },
    async forOrganization(slug, fetchLocal) {
      const org = await store.repos.orgs.bySlug(slug)
      if (!org) return []
      const records = await store.repos.endorsements.activeFor(await orgSubjects(org.id, org.slug), PAGE_LIMIT)
      return Promise.all(records.map(verified(fetchLocal)))
    },
    async forCredential(view, fetchLocal) {
      const subjects = [orgDid(publicUrl, view.org.slug), achievementUrl(publicUrl, view.org.slug, view.achievementId)]
      // Read on every credential page view: kept while nothing was written (most pages have none).
      const records = await kept(`endorsements:${subjects.join(' ')}`, () => store.repos.endorsements.activeFor(subjects, PAGE_LIMIT))
      return Promise.all(records.map(verified(fetchLocal)))
    },
    async forAchievement(orgSlug, achievementId, fetchLocal) {
      const records = await store.repos.endorsements.activeFor([achievementUrl(publicUrl, orgSlug, achievementId)], PAGE_LIMIT)
      return Promise.all(records.map(verified(fetchLocal)))
    },
  }
}
