// Learning programs (issue #12 items 2–4): an organization's programs leading to its achievements,
// the public catalog, enrolment (open or approved), requirements of five kinds, the assessors'
// review queue, and the award: issued through issueCredential exactly once per enrolment when
// every requirement is met (and, where configured, after a final sign-off).
import { createHash } from 'node:crypto'
import { PlatformError } from '../../core/errors.js'
import { achievementUrl } from '../achievements/ob-achievement.js'
import { InputError, parseInput } from '../platform/input-error.js'
import type { PlatformPorts } from '../platform/ports.js'
import { trustOf } from '../trust/trust-check.js'
import { awardIfComplete } from './award.js'
import { seedDemoPrograms } from './demo-programs.js'
import { checkEvidenceFile } from './evidence-file.js'
import type { CatalogFilter, EnrolmentRecord, ProgramFormat, ProgramRecord, ProgramState, ProgressRecord, RequirementRecord, ReviewFilter, ReviewItem } from './ports.js'
import { assignInput, programInput, reviewInput, scoresInput, submissionInput, type ProgramInput } from './program-input.js'

/** A program's place in the catalog, as the API and the pages show it. */
export interface CatalogQuery {
  q?: string | undefined
  skill?: string | undefined
  occupation?: string | undefined
  format?: ProgramFormat | undefined
  language?: string | undefined
  maxHours?: number | undefined
  free?: boolean | undefined
  limit?: number | undefined
  offset?: number | undefined
}

export interface CatalogResult {
  items: ProgramRecord[]
  total: number
  /** Set when an occupation was asked for but this instance has no occupations (the filter was ignored). */
  note?: string
}

/** What the career planner needs of a program. */
export interface ProgramForSkills {
  id: string
  title: string
  covers: string[]
  hours: number
  /** Price in the currency's major unit (0: free). */
  price: number
  currency: string
}

export interface EnrolmentView {
  enrolment: EnrolmentRecord
  program: ProgramRecord
  progress: (ProgressRecord & { requirement: RequirementRecord })[]
  met: number
  total: number
}

export interface ProgramsUseCases {
  listOfOrg(orgId: string): Promise<(ProgramRecord & { enrolled: number })[]>
  get(orgId: string, id: string): Promise<ProgramRecord>
  create(orgId: string, input: unknown): Promise<ProgramRecord>
  update(orgId: string, id: string, input: unknown): Promise<ProgramRecord>
  setState(orgId: string, id: string, state: ProgramState): Promise<ProgramRecord>
  /** The public catalog: published programs, filtered. */
  catalog(query: CatalogQuery): Promise<CatalogResult>
  /** A published program for its public page; ERR_NOT_FOUND otherwise. */
  publicProgram(id: string): Promise<ProgramRecord & { seatsLeft: number | null }>
  /** Published programs whose achievement's aligned skills intersect `skillUris` (the career planner). */
  findProgramsForSkills(skillUris: string[]): Promise<ProgramForSkills[]>
  /** Enrols the learner (or records the request where the issuer approves); the existing enrolment when there is one. */
  enrol(userId: string, programId: string): Promise<EnrolmentRecord>
  decideEnrolment(orgId: string, enrolmentId: string, approve: boolean): Promise<EnrolmentRecord>
  enrolmentsOfProgram(orgId: string, programId: string): Promise<EnrolmentRecord[]>
  /** The learner's enrolments with their progress. */
  myEnrolments(userId: string): Promise<EnrolmentView[]>
  /** One enrolment as its learner sees it; ERR_NOT_FOUND for anyone else. */
  myEnrolment(userId: string, enrolmentId: string): Promise<EnrolmentView>
  /** One enrolment as its organization's staff see it. */
  orgEnrolment(orgId: string, enrolmentId: string): Promise<EnrolmentView>
  /** The learner submits evidence or work for review (text, link and/or a file). */
  submit(userId: string, enrolmentId: string, requirementId: string, input: unknown, file?: { name: string; bytes: Uint8Array }): Promise<EnrolmentView>
  /** The learner asks to check a credential requirement against their wallet (verified, trusted issuer). */
  checkCredential(userId: string, enrolmentId: string, requirementId: string): Promise<EnrolmentView>
  /** An assessor's decision on submitted work. */
  review(orgId: string, reviewerId: string, enrolmentId: string, requirementId: string, input: unknown): Promise<EnrolmentView>
  assign(orgId: string, enrolmentId: string, requirementId: string, input: unknown): Promise<void>
  /** Staff mark attendance. */
  markAttendance(orgId: string, enrolmentId: string, requirementId: string): Promise<EnrolmentView>
  /** Scores imported (API JSON, or CSV rows turned into it): each at or above the threshold meets the requirement. */
  importScores(orgId: string, programId: string, input: unknown): Promise<{ recorded: number; met: number; unknown: string[] }>
  /** The final sign-off, where the program asks for one. */
  signOff(orgId: string, userId: string, enrolmentId: string): Promise<EnrolmentView>
  reviewQueue(orgId: string, filter: ReviewFilter): Promise<ReviewItem[]>
  /** An evidence file, for its learner or the organization's staff. */
  evidenceFile(viewer: { userId?: string; orgId?: string }, fileId: string): Promise<{ name: string; mediaType: string; bytes: Uint8Array }>
  /** `emblem demo`: two programs of the organization and the demo learner's enrolment (once). */
  seedDemo(orgId: string): Promise<{ programs: string[] }>
}

const notFound = (what: string) => new PlatformError('ERR_NOT_FOUND', `No such ${what}`)

/** The catalog's page size cap. */
const CATALOG_MAX = 100

export function programsUseCases(ports: PlatformPorts): ProgramsUseCases {
  const { store, clock, random } = ports
  const repo = () => store.repos.programs
  const now = () => clock.now().toISOString()

  /** The checked input's fields and the achievement's skill URIs. */
  const prepare = async (orgId: string, input: ProgramInput, existing?: ProgramRecord) => {
    const achievement = await store.repos.achievements.get(orgId, input.achievementId)
    if (!achievement || achievement.state === 'archived') throw new InputError([{ path: 'achievementId', code: 'invalid_choice', message: 'choose one of the organization’s achievements' }])
    const alignment = (achievement.definition.alignment as { targetUrl?: string }[] | undefined) ?? []
    const skills = alignment.map((a) => a.targetUrl).filter((u): u is string => typeof u === 'string')
    const fields = {
      achievementId: achievement.id,
      title: input.title,
      summary: input.summary,
      format: input.format,
      hours: input.hours,
      durationWeeks: input.durationWeeks ?? null,
      selfPaced: input.selfPaced,
      startsOn: input.startsOn ?? null,
      endsOn: input.endsOn ?? null,
      priceCents: Math.round((input.price ?? 0) * 100),
      currency: input.currency,
      language: input.language,
      prerequisites: input.prerequisites,
      seats: input.seats ?? null,
      enrolmentMode: input.enrolmentMode,
      finalSignoff: input.finalSignoff,
      searchText: [input.title, input.summary, achievement.name].join(' ').toLowerCase().slice(0, 8000),
    }
    const known = new Set(existing?.requirements.map((r) => r.id))
    const requirements: RequirementRecord[] = input.requirements.map((r, position) => ({
      id: r.id && known.has(r.id) ? r.id : random.uuid(),
      position,
      kind: r.kind,
      title: r.title,
      config: {
        ...(r.threshold !== undefined ? { threshold: r.threshold } : {}),
        ...(r.achievementUrl ? { achievementUrl: r.achievementUrl } : {}),
        ...(r.rubric?.length ? { rubric: r.rubric } : {}),
      },
    }))
    return { fields, skills, requirements }
  }

  const get = async (orgId: string, id: string) => {
    const program = id.length <= 100 ? await repo().get(id, orgId) : undefined
    if (!program) throw notFound('program')
    return program
  }

  const view = async (enrolment: EnrolmentRecord): Promise<EnrolmentView> => {
    const program = await repo().get(enrolment.programId)
    if (!program) throw notFound('program')
    const rows = await repo().progress(enrolment.id)
    const progress = program.requirements.flatMap((requirement) => {
      const row = rows.find((r) => r.requirementId === requirement.id)
      return row ? [{ ...row, requirement }] : []
    })
    return { enrolment, program, progress, met: progress.filter((p) => p.status === 'met').length, total: progress.length }
  }
  const reload = async (enrolmentId: string) => {
    const enrolment = await repo().enrolment(enrolmentId)
    if (!enrolment) throw notFound('enrolment')
    return view(enrolment)
  }
  const mine = async (userId: string, enrolmentId: string) => {
    const enrolment = enrolmentId.length <= 100 ? await repo().enrolment(enrolmentId) : undefined
    if (!enrolment || enrolment.userId !== userId) throw notFound('enrolment')
    return enrolment
  }
  const ofOrg = async (orgId: string, enrolmentId: string) => {
    const enrolment = enrolmentId.length <= 100 ? await repo().enrolment(enrolmentId) : undefined
    if (!enrolment || enrolment.orgId !== orgId) throw notFound('enrolment')
    return enrolment
  }
  const requirementOf = async (enrolment: EnrolmentRecord, requirementId: string, kinds: readonly RequirementRecord['kind'][]) => {
    const program = await repo().get(enrolment.programId)
    const requirement = program?.requirements.find((r) => r.id === requirementId)
    if (!requirement) throw notFound('requirement')
    if (!kinds.includes(requirement.kind)) throw new PlatformError('ERR_STATE_INVALID', `This requirement is met by ${requirement.kind}, not this way`)
    if (enrolment.state !== 'active') throw new PlatformError('ERR_STATE_INVALID', 'The enrolment is not active')
    return requirement
  }
  /** After a change: award when everything is met (exactly once, see award.ts), then the fresh view. */
  const settle = async (enrolmentId: string) => {
    await awardIfComplete(ports, enrolmentId)
    return reload(enrolmentId)
  }

  const useCases: ProgramsUseCases = {
    seedDemo: (orgId) => seedDemoPrograms(ports, useCases, orgId),
    listOfOrg: (orgId) => repo().listOfOrg(orgId),
    get,
    async create(orgId, input) {
      const checked = parseInput(programInput, input)
      const { fields, skills, requirements } = await prepare(orgId, checked)
      const id = random.uuid()
      await store.transaction((tx) => tx.repos.programs.insert({ ...fields, id, orgId, state: 'draft', createdAt: now() }, skills, requirements))
      return get(orgId, id)
    },
    async update(orgId, id, input) {
      const existing = await get(orgId, id)
      const checked = parseInput(programInput, input)
      const { fields, skills, requirements } = await prepare(orgId, checked, existing)
      await store.transaction((tx) => tx.repos.programs.update(orgId, id, { ...fields, updatedAt: now() }, skills, requirements))
      return get(orgId, id)
    },
    async setState(orgId, id, state) {
      const program = await get(orgId, id)
      if (state === 'published') {
        const achievement = await store.repos.achievements.get(orgId, program.achievementId)
        if (achievement?.state !== 'published') throw new PlatformError('ERR_STATE_INVALID', 'Publish the achievement the program leads to first')
        if (program.requirements.length === 0) throw new PlatformError('ERR_STATE_INVALID', 'A program needs at least one requirement before it is published')
      }
      await repo().setState(orgId, id, state, now())
      return get(orgId, id)
    },
    async catalog(query) {
      const filter: CatalogFilter = {
        q: query.q?.trim().slice(0, 200) || undefined,
        format: query.format,
        language: query.language,
        maxHours: query.maxHours,
        free: query.free,
        limit: Math.min(Math.max(query.limit ?? 24, 1), CATALOG_MAX),
        offset: Math.max(query.offset ?? 0, 0),
      }
      let note: string | undefined
      const skills = query.skill ? [query.skill] : []
      if (query.occupation) {
        const occupationSkills = await repo().occupationSkills(query.occupation)
        if (occupationSkills === undefined) note = 'This instance knows no such occupation (or none with skills): the occupation filter was ignored'
        else skills.push(...occupationSkills)
      }
      if (query.skill || (query.occupation && note === undefined)) filter.skills = skills
      const result = await repo().catalog(filter)
      return note ? { ...result, note } : result
    },
    async publicProgram(id) {
      const program = id.length <= 100 ? await repo().get(id) : undefined
      if (!program || program.state !== 'published') throw notFound('program')
      const seatsLeft = program.seats === null ? null : Math.max(program.seats - (await repo().seatsTaken(program.id)), 0)
      return { ...program, seatsLeft }
    },
    async findProgramsForSkills(skillUris) {
      const found = await repo().coveringSkills(skillUris)
      return found.map(({ program, covers }) => ({ id: program.id, title: program.title, covers, hours: program.hours, price: program.priceCents / 100, currency: program.currency }))
    },
    async enrol(userId, programId) {
      const program = programId.length <= 100 ? await repo().get(programId) : undefined
      if (!program || program.state !== 'published') throw notFound('program')
      const existing = await repo().enrolmentOf(program.id, userId)
      if (existing) return existing
      const id = random.uuid()
      const state = program.enrolmentMode === 'open' ? 'active' : 'requested'
      // The seat count and the insert are one transaction, serialized per program (SQLite: one writer;
      // PostgreSQL: the program's row locked first), so concurrent enrolments never exceed the seats.
      await store.transaction(async (tx) => {
        if (program.seats !== null && state === 'active') {
          if (store.dialect === 'postgres') await tx.repos.programs.lockSeats(program.id)
          if ((await tx.repos.programs.enrolmentOf(program.id, userId)) === undefined && (await tx.repos.programs.seatsTaken(program.id)) >= program.seats) throw new PlatformError('ERR_CONFLICT', 'The program is full')
        }
        await tx.repos.programs.insertEnrolment({ id, programId: program.id, orgId: program.orgId, userId, state, at: now() }, program.requirements.map((r) => r.id))
      })
      const enrolment = await repo().enrolmentOf(program.id, userId)
      if (!enrolment) throw new PlatformError('ERR_CONFLICT', 'The enrolment could not be recorded')
      return enrolment
    },
    async decideEnrolment(orgId, enrolmentId, approve) {
      const enrolment = await ofOrg(orgId, enrolmentId)
      const program = await repo().get(enrolment.programId)
      const moved = await store.transaction(async (tx) => {
        // Approving takes a seat: counted and taken in one transaction, like enrolling.
        if (approve && program?.seats != null) {
          if (store.dialect === 'postgres') await tx.repos.programs.lockSeats(program.id)
          if ((await tx.repos.programs.seatsTaken(program.id)) >= program.seats) throw new PlatformError('ERR_CONFLICT', 'The program is full')
        }
        return tx.repos.programs.setEnrolmentState(enrolment.id, ['requested'], approve ? 'active' : 'declined', now())
      })
      if (!moved) throw new PlatformError('ERR_STATE_INVALID', 'Only a request can be approved or declined')
      return (await repo().enrolment(enrolment.id))!
    },
    async enrolmentsOfProgram(orgId, programId) {
      const program = await get(orgId, programId)
      return repo().enrolmentsOfProgram(program.id)
    },
    async myEnrolments(userId) {
      return Promise.all((await repo().enrolmentsOfUser(userId)).map(view))
    },
    myEnrolment: async (userId, enrolmentId) => view(await mine(userId, enrolmentId)),
    orgEnrolment: async (orgId, enrolmentId) => view(await ofOrg(orgId, enrolmentId)),
    async submit(userId, enrolmentId, requirementId, input, file) {
      const enrolment = await mine(userId, enrolmentId)
      const requirement = await requirementOf(enrolment, requirementId, ['evidence', 'review'])
      const { text, url } = parseInput(submissionInput, input)
      const submission: { text?: string; url?: string; fileId?: string; fileName?: string } = { ...(text ? { text } : {}), ...(url ? { url } : {}) }
      if (file && file.bytes.length > 0) {
        const checked = checkEvidenceFile(file.bytes)
        if (!checked.ok) throw new InputError([{ path: 'file', code: checked.code, message: checked.message }])
        const fileId = random.uuid()
        const name = file.name.replace(/[\p{Cc}/\\]/gu, '').slice(0, 200) || 'evidence'
        await repo().insertFile({ id: fileId, enrolmentId: enrolment.id, name, mediaType: checked.mediaType, sha256: createHash('sha256').update(file.bytes).digest('hex'), bytes: file.bytes, createdAt: now() })
        Object.assign(submission, { fileId, fileName: name })
      }
      if (!submission.text && !submission.url && !submission.fileId) throw new InputError([{ path: 'text', code: 'required', message: 'write something, give a link or attach a file' }])
      const status = requirement.kind === 'evidence' ? 'met' : 'submitted'
      const updated = await repo().updateProgress(enrolment.id, requirement.id, ['pending', 'changes', 'submitted'], { status, submission, submittedAt: now(), updatedAt: now() })
      if (!updated) throw new PlatformError('ERR_STATE_INVALID', 'This requirement is already decided')
      return settle(enrolment.id)
    },
    async checkCredential(userId, enrolmentId, requirementId) {
      const enrolment = await mine(userId, enrolmentId)
      const requirement = await requirementOf(enrolment, requirementId, ['credential'])
      const items = await store.repos.walletItems.list(userId)
      let held: { name: string; credentialId: string | null } | undefined
      for (const item of items) {
        if (!item.verified || !item.issuerId) continue
        let achievementId: unknown
        try {
          const doc = JSON.parse(item.document) as { credentialSubject?: { achievement?: { id?: unknown } } }
          achievementId = doc.credentialSubject?.achievement?.id
        } catch {
          continue
        }
        if (achievementId !== requirement.config.achievementUrl) continue
        if (!(await trustOf(ports, item.issuerId)).trusted) continue
        held = { name: item.name, credentialId: item.credentialId }
        break
      }
      if (!held) throw new PlatformError('ERR_STATE_INVALID', 'Your wallet holds no verified credential of this achievement from a trusted issuer')
      await repo().updateProgress(enrolment.id, requirement.id, ['pending', 'changes', 'submitted'], {
        status: 'met',
        submission: { text: held.name, ...(held.credentialId ? { url: held.credentialId } : {}) },
        submittedAt: now(),
        updatedAt: now(),
      })
      return settle(enrolment.id)
    },
    async review(orgId, reviewerId, enrolmentId, requirementId, input) {
      const enrolment = await ofOrg(orgId, enrolmentId)
      const requirement = await requirementOf(enrolment, requirementId, ['review'])
      const decision = parseInput(reviewInput, input)
      if (decision.decision !== 'accept' && decision.feedback === '') throw new InputError([{ path: 'feedback', code: 'required', message: 'say what to change or why it is rejected' }])
      const status = decision.decision === 'accept' ? 'met' : decision.decision === 'changes' ? 'changes' : 'rejected'
      const updated = await repo().updateProgress(enrolment.id, requirement.id, ['submitted'], {
        status,
        feedback: decision.feedback,
        rubric: decision.rubric ?? null,
        supervision: decision.supervision,
        reviewerId,
        updatedAt: now(),
      })
      if (!updated) throw new PlatformError('ERR_STATE_INVALID', 'Only submitted work can be reviewed')
      return settle(enrolment.id)
    },
    async assign(orgId, enrolmentId, requirementId, input) {
      const enrolment = await ofOrg(orgId, enrolmentId)
      const { assigneeId, dueAt } = parseInput(assignInput, input)
      if (assigneeId) {
        const member = (await store.repos.members.list(orgId)).find((m) => m.userId === assigneeId)
        if (!member) throw new InputError([{ path: 'assigneeId', code: 'invalid_choice', message: 'choose a member of the organization' }])
      }
      const ok = await repo().updateProgress(enrolment.id, requirementId, ['pending', 'submitted', 'changes'], {
        ...(assigneeId !== undefined ? { assigneeId } : {}),
        ...(dueAt !== undefined ? { dueAt: dueAt ? `${dueAt}T23:59:59.000Z` : null } : {}),
        updatedAt: now(),
      })
      if (!ok) throw notFound('open requirement')
    },
    async markAttendance(orgId, enrolmentId, requirementId) {
      const enrolment = await ofOrg(orgId, enrolmentId)
      const requirement = await requirementOf(enrolment, requirementId, ['attendance'])
      await repo().updateProgress(enrolment.id, requirement.id, ['pending'], { status: 'met', submittedAt: now(), updatedAt: now() })
      return settle(enrolment.id)
    },
    async importScores(orgId, programId, input) {
      const program = await get(orgId, programId)
      const { requirementId, scores } = parseInput(scoresInput, input)
      const requirement = program.requirements.find((r) => r.id === requirementId)
      if (!requirement || requirement.kind !== 'score') throw new InputError([{ path: 'requirementId', code: 'invalid_choice', message: 'choose a score requirement of this program' }])
      const enrolments = await repo().enrolmentsOfProgram(program.id)
      const byId = new Map(enrolments.map((e) => [e.id, e]))
      const byEmail = new Map(enrolments.map((e) => [e.userEmail.toLowerCase(), e]))
      let recorded = 0
      let met = 0
      const unknown: string[] = []
      const touched: string[] = []
      for (const row of scores) {
        const enrolment = (row.enrolmentId && byId.get(row.enrolmentId)) || (row.email && byEmail.get(row.email.trim().toLowerCase())) || undefined
        if (!enrolment || enrolment.state !== 'active') {
          unknown.push(row.enrolmentId ?? row.email ?? '')
          continue
        }
        const passes = row.score >= (requirement.config.threshold ?? 0)
        if (await repo().updateProgress(enrolment.id, requirement.id, ['pending', 'submitted', 'changes'], { status: passes ? 'met' : 'pending', score: row.score, submittedAt: now(), updatedAt: now() })) {
          recorded += 1
          if (passes) {
            met += 1
            touched.push(enrolment.id)
          }
        }
      }
      for (const id of touched) await awardIfComplete(ports, id)
      return { recorded, met, unknown }
    },
    async signOff(orgId, userId, enrolmentId) {
      const enrolment = await ofOrg(orgId, enrolmentId)
      const program = await repo().get(enrolment.programId)
      if (!program?.finalSignoff) throw new PlatformError('ERR_STATE_INVALID', 'This program has no final sign-off')
      const { met, total } = await view(enrolment)
      if (met < total) throw new PlatformError('ERR_STATE_INVALID', 'Sign off only when every requirement is met')
      await repo().signOff(enrolment.id, userId, now())
      return settle(enrolment.id)
    },
    reviewQueue: (orgId, filter) => repo().reviewQueue(orgId, { ...filter, limit: Math.min(Math.max(filter.limit, 1), 500) }),
    async evidenceFile(viewer, fileId) {
      const file = fileId.length <= 100 ? await repo().file(fileId) : undefined
      const enrolment = file && (await repo().enrolment(file.enrolmentId))
      if (!file || !enrolment || (enrolment.userId !== viewer.userId && enrolment.orgId !== viewer.orgId)) throw notFound('file')
      return { name: file.name, mediaType: file.mediaType, bytes: file.bytes }
    },
  }
  return useCases
}

/** The id credentials give an achievement of this instance (what a credential requirement names). */
export const programAchievementUrl = achievementUrl
