// CLR 2.0 and Europass ELM 3 exports: a learner's own record of chosen wallet credentials (signed by
// their holder key), an organization's record of a completed program (signed by its key), and the
// ELM form of an achievement and of an issued credential for the Europass tools.
import { achievementOf, buildClrCredential, type ClrAssociation } from '../../core/clr/index.js'
import { elmAchievementDocument, elmCredential, type ElmAchievement } from '../../core/elm/index.js'
import { PlatformError, isPlatformError } from '../../core/errors.js'
import { signCredential, type Signer } from '../../core/proof/index.js'
import { definitionOf, achievementUrl } from '../achievements/ob-achievement.js'
import type { AchievementRecord } from '../achievements/ports.js'
import { getIssuedCredential } from '../credentials/get-issued-credential.js'
import { embeddable } from '../holder/presentation.js'
import { dateTimeOf } from '../issuance/cohort.js'
import { orgDid } from '../orgs/did.js'
import { issuerProfile } from '../orgs/issuer-profile.js'
import type { OrgRecord } from '../orgs/ports.js'
import { achievementIdsOf, credentialOfDocument } from '../pathways/holdings.js'
import type { PathwayLearner, PathwayRecord } from '../pathways/ports.js'
import { parseInput } from '../platform/input-error.js'
import type { PlatformPorts } from '../platform/ports.js'
import { walletClrRequestSchema } from './clr-input.js'

/** What the CLR and ELM exports offer. */
export interface ClrUseCases {
  /** A ClrCredential of the learner's chosen wallet credentials, signed by their holder key (body of POST /api/v1/wallet/clr). ERR_NOT_FOUND for an id not in the wallet; ERR_INPUT_INVALID for an Open Badges 2.0 assertion. */
  walletClr(userId: string, input: unknown): Promise<Record<string, unknown>>
  /** A ClrCredential of a completed enrolment: the program's credential and the credentials its requirements took, signed by the organization's key. ERR_STATE_INVALID before the award. */
  programClr(orgId: string, programId: string, enrolmentId: string): Promise<Record<string, unknown>>
  /** The learners with a standing on the organization's pathway (awarded first), for its records page. */
  pathwayRecords(orgId: string, pathwayId: string): Promise<{ pathway: PathwayRecord; learners: PathwayLearner[] }>
  /**
   * A ClrCredential of a completed pathway: the pathway's target credential and the part credentials the
   * learner holds (this instance's as issued, other issuers' as kept in the wallet), each part `isPartOf`
   * the target, signed by the organization's key. ERR_STATE_INVALID before the target is awarded.
   */
  pathwayClr(orgId: string, pathwayId: string, learnerId: string): Promise<Record<string, unknown>>
  /** The achievement as an ELM 3 LearningAchievementSpecification (JSON-LD). */
  achievementElm(orgId: string, achievementId: string): Promise<Record<string, unknown>>
  /** An issued credential of this instance as an unsigned ELM 3 EuropeanDigitalCredential (JSON-LD). */
  credentialElm(credentialId: string): Promise<Record<string, unknown>>
}

const SUITE = 'eddsa-rdfc-2022'

/** The CLR use cases bound to `ports`. */
export function clrUseCases(ports: PlatformPorts): ClrUseCases {
  const now = () => dateTimeOf(ports.clock.now())
  const pathwayRecords = async (orgId: string, pathwayId: string) => {
    const pathway = pathwayId.length <= 100 ? await ports.store.repos.pathways.get(pathwayId, orgId) : undefined
    if (!pathway) throw new PlatformError('ERR_NOT_FOUND', 'No such pathway in this organization')
    return { pathway, learners: await ports.store.repos.pathways.learners(pathway.id) }
  }
  return {
    async walletClr(userId, input) {
      const request = parseInput(walletClrRequestSchema, input)
      const credentials: Record<string, unknown>[] = []
      for (const id of request.credentialIds) {
        const item = await ports.store.repos.walletItems.get(userId, id)
        if (!item) throw new PlatformError('ERR_NOT_FOUND', `No credential ${id} in your wallet`)
        if (item.format === 'ob2') throw new PlatformError('ERR_INPUT_INVALID', `“${item.name}” is an Open Badges 2.0 assertion, not a verifiable credential: a CLR 2.0 record cannot hold it`)
        credentials.push(embeddable({ id: item.id, format: item.format, document: item.document }))
      }
      const [signer, { did }] = await Promise.all([ports.holderKeys.signerFor(userId), ports.holderKeys.ensure(userId)])
      const clr = buildClrCredential({
        id: `urn:uuid:${ports.random.uuid()}`,
        name: request.name || 'Comprehensive Learner Record',
        description: `${credentials.length} credential${credentials.length === 1 ? '' : 's'} chosen by their holder, each signed by its issuer`,
        issuer: did,
        validFrom: now(),
        subjectId: did,
        credentials,
      })
      return sign(clr, signer, now())
    },

    async programClr(orgId, programId, enrolmentId) {
      const repo = ports.store.repos.programs
      const program = await repo.get(programId, orgId)
      const enrolment = await repo.enrolment(enrolmentId)
      if (!program || !enrolment || enrolment.programId !== program.id || enrolment.orgId !== orgId) throw new PlatformError('ERR_NOT_FOUND', `No enrolment ${enrolmentId.slice(0, 100)} in this program`)
      if (enrolment.awardState !== 'awarded' || !enrolment.credentialId)
        throw new PlatformError('ERR_STATE_INVALID', `${enrolment.userName} has not completed “${program.title}” yet: a program record is issued once its credential is awarded`)
      const award = await ports.store.credentials.get(enrolment.credentialId)
      if (!award) throw new PlatformError('ERR_NOT_FOUND', `The program's credential ${enrolment.credentialId} is not on this instance`)
      const org = await orgOf(ports, orgId)
      const credentials: Record<string, unknown>[] = [award.credential]
      // The credentials the learner showed for "hold a credential" requirements, from their wallet.
      const wanted = new Set(program.requirements.flatMap((r) => (r.kind === 'credential' && r.config.achievementUrl ? [r.config.achievementUrl] : [])))
      const progress = await repo.progress(enrolment.id)
      const met = new Set(progress.filter((p) => p.status === 'met').map((p) => p.requirementId))
      const metWanted = new Set(program.requirements.filter((r) => r.kind === 'credential' && met.has(r.id)).map((r) => r.config.achievementUrl))
      if (wanted.size > 0) {
        for (const item of await ports.store.repos.walletItems.list(enrolment.userId)) {
          if (item.format !== 'vc-json' || !item.verified) continue
          const document = embeddable({ id: item.id, format: item.format, document: item.document })
          const achievement = achievementOf(document)
          if (achievement && metWanted.has(achievement.id as string) && !credentials.some((c) => c.id === document.id)) credentials.push(document)
        }
      }
      return organizationRecord(ports, org, award.credential, credentials, {
        name: `${program.title}: learner record`,
        description: `The record of ${program.title} (${org.name}): the program's credential and the credentials its requirements took`,
      }, now())
    },

    pathwayRecords,

    async pathwayClr(orgId, pathwayId, learnerId) {
      const { pathway, learners } = await pathwayRecords(orgId, pathwayId)
      const standing = learners.find((l) => l.userId === learnerId)
      if (!standing) throw new PlatformError('ERR_NOT_FOUND', `No learner ${learnerId.slice(0, 100)} on this pathway`)
      if (standing.awardState !== 'awarded' || !standing.credentialId)
        throw new PlatformError('ERR_STATE_INVALID', `${standing.userName} has not completed “${pathway.title}” yet: a pathway record is issued once its credential is awarded`)
      const award = await ports.store.credentials.get(standing.credentialId)
      if (!award) throw new PlatformError('ERR_NOT_FOUND', `The pathway's credential ${standing.credentialId} is not on this instance`)
      const org = await orgOf(ports, orgId)
      const credentials: Record<string, unknown>[] = [award.credential]
      // One credential per part, in the pathway's order: the learner's wallet first (as held: claimed
      // credentials of this instance and other issuers' imports that verified), then what this instance
      // issued to their confirmed addresses and is not claimed yet (as issued).
      const items = (await ports.store.repos.walletItems.list(standing.userId)).filter((i) => i.format !== 'ob2' && i.verified)
      const confirmed = await ports.store.repos.accountEmails.confirmed(standing.userId)
      const unclaimed = confirmed.length > 0 ? (await ports.store.repos.walletItems.claimable(confirmed)).filter((c) => c.state === 'active') : []
      for (const part of pathway.parts) {
        const item = items.find((i) => achievementIdsOf(credentialOfDocument(i.document)).includes(part.achievementUrl))
        let document: Record<string, unknown> | undefined = item ? embeddable({ id: item.id, format: item.format, document: item.document }) : undefined
        if (!document) {
          const issued = unclaimed.find((c) => achievementIdsOf(credentialOfDocument(c.stored)).includes(part.achievementUrl))
          document = issued ? (await ports.store.credentials.get(issued.credentialId))?.credential : undefined
        }
        if (document && !credentials.some((c) => c.id === document.id)) credentials.push(document)
      }
      return organizationRecord(ports, org, award.credential, credentials, {
        name: `${pathway.title}: learner record`,
        description: `The record of the pathway ${pathway.title} (${org.name}): its credential and the credentials of its parts it was awarded on`,
      }, now())
    },

    async achievementElm(orgId, achievementId) {
      const org = await orgOf(ports, orgId)
      const record = await ports.store.repos.achievements.get(orgId, achievementId)
      if (!record) throw new PlatformError('ERR_NOT_FOUND', `No achievement ${achievementId.slice(0, 100)} in ${org.name}`)
      return elmAchievementDocument(elmAchievementOf(record, org, ports.publicUrl))
    },

    async credentialElm(credentialId) {
      const view = await getIssuedCredential(ports, credentialId)
      const org = await orgOf(ports, view.org.id)
      const record = await ports.store.repos.achievements.get(view.org.id, view.achievementId)
      if (!record) throw new PlatformError('ERR_NOT_FOUND', `The achievement of credential ${view.id} is gone`)
      const credential = view.document.credential
      const embedded = achievementOf(credential)
      const base = elmAchievementOf(record, org, ports.publicUrl)
      // The credential's own achievement (as issued) names it; the EU elements come from its definition.
      const achievement: ElmAchievement = {
        ...base,
        ...(typeof embedded?.name === 'string' ? { name: embedded.name } : {}),
        ...(typeof embedded?.description === 'string' && embedded.description ? { description: embedded.description } : {}),
      }
      const subject = (Array.isArray(credential.credentialSubject) ? credential.credentialSubject[0] : credential.credentialSubject) as { id?: unknown; result?: unknown } | undefined
      const grades = (Array.isArray(subject?.result) ? subject.result : []).flatMap((r: unknown) => (typeof r === 'object' && r !== null && typeof (r as { value?: unknown }).value === 'string' ? [(r as { value: string }).value] : []))
      return elmCredential(achievement, {
        id: view.id,
        issued: typeof credential.validFrom === 'string' ? credential.validFrom : view.issuedAt,
        validUntil: typeof credential.validUntil === 'string' ? credential.validUntil : undefined,
        learner: { id: typeof subject?.id === 'string' ? subject.id : `${view.id}#learner`, ...(view.showName && view.recipientName ? { name: view.recipientName } : {}) },
        grades,
        source: `${ports.publicUrl}/credentials/${encodeURIComponent(view.id.replace(/^urn:uuid:/, ''))}`,
      })
    },
  }
}

/**
 * An organization's CLR 2.0 record of an awarded credential (a program's or a pathway's) and the
 * credentials it was awarded on: each part `isPartOf` the award's achievement, the subject the award's,
 * signed by the organization's key.
 */
async function organizationRecord(
  ports: PlatformPorts,
  org: OrgRecord,
  award: Record<string, unknown>,
  credentials: Record<string, unknown>[],
  { name, description }: { name: string; description: string },
  now: string,
): Promise<Record<string, unknown>> {
  const target = achievementOf(award)
  const associations: ClrAssociation[] = target
    ? credentials.slice(1).flatMap((c): ClrAssociation[] => {
        const part = achievementOf(c)
        return part ? [{ type: 'Association', associationType: 'isPartOf', sourceId: part.id as string, targetId: target.id as string }] : []
      })
    : []
  const subject = (award.credentialSubject ?? {}) as { id?: unknown }
  const signer = await ports.keys.signerFor({ id: org.id, did: orgDid(ports.publicUrl, org.slug) })
  const clr = buildClrCredential({
    id: `urn:uuid:${ports.random.uuid()}`,
    name,
    description,
    issuer: issuerProfile(org, ports.publicUrl) as unknown as Record<string, unknown>,
    validFrom: now,
    subjectId: typeof subject.id === 'string' ? subject.id : undefined,
    credentials,
    associations,
  })
  return sign(clr, signer, now)
}

async function orgOf(ports: PlatformPorts, orgId: string): Promise<OrgRecord> {
  const org = await ports.store.repos.orgs.get(orgId)
  if (!org) throw new PlatformError('ERR_NOT_FOUND', `No organization ${orgId}`)
  return org
}

/** Signs a record with eddsa-rdfc-2022; a credential whose terms no bundled context defines cannot go into one (ERR_INPUT_INVALID). */
async function sign(clr: Record<string, unknown>, signer: Signer, created: string): Promise<Record<string, unknown>> {
  try {
    return await signCredential(clr, signer, { suite: SUITE, created })
  } catch (err) {
    if (isPlatformError(err, 'ERR_CONTEXT_UNKNOWN') || isPlatformError(err, 'ERR_JSONLD'))
      throw new PlatformError('ERR_INPUT_INVALID', `A chosen credential cannot be signed into a CLR record: ${err.message}. Leave it out.`, { cause: err })
    throw err
  }
}

/** An achievement's Annex I elements, as the ELM mapping takes them. */
export function elmAchievementOf(record: AchievementRecord, org: OrgRecord, publicUrl: string): ElmAchievement {
  const d = definitionOf(record)
  return {
    id: achievementUrl(publicUrl, org.slug, record.id),
    name: d.name || record.name,
    description: d.description || undefined,
    inLanguage: d.inLanguage,
    learningOutcomes: d.learningOutcomes ?? [],
    skills: (d.alignment ?? []).map((a) => ({ name: a.targetName, url: a.targetUrl })),
    workloadHours: d.workloadHours,
    ects: d.ects,
    eqfLevel: d.eqfLevel,
    assessmentType: d.assessmentType,
    supervision: d.supervision,
    participation: d.participation,
    qualityAssurance: d.qualityAssurance,
    prerequisites: d.prerequisites,
    stackability: d.stackability,
    stackableTowards: d.stackableTowards,
    criteria: d.criteria?.narrative,
    awardingBody: { id: orgDid(publicUrl, org.slug), name: org.name, country: org.country, url: org.url, email: org.email },
  }
}
