import { sql, type Kysely, type Selectable } from 'kysely'
import type {
  EnrolmentRecord,
  ProgramFields,
  ProgramRecord,
  ProgramsRepo,
  ProgressRecord,
  RequirementRecord,
  ReviewItem,
} from '../../app/programs/ports.js'
import type { Database } from '../schema.js'
import type { ProgramsTable, RequirementProgressTable } from './programs-tables.js'

type ProgramRow = Selectable<ProgramsTable> & { org_slug: string; org_name: string; achievement_name: string }

const parseJson = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T))

/** A LIKE pattern of a word (its wildcards dropped: SQLite's LIKE has no default escape). */
const likeOf = (text: string) => `%${text.replace(/[\\%_]/g, '')}%`

/** Learning programs, enrolments and their progress over `q`. */
export function programsRepo(q: Kysely<Database>): ProgramsRepo {
  const programs = () =>
    q
      .selectFrom('programs as p')
      .innerJoin('organizations as o', 'o.id', 'p.org_id')
      .innerJoin('achievements as a', 'a.id', 'p.achievement_id')
      .selectAll('p')
      .select(['o.slug as org_slug', 'o.name as org_name', 'a.name as achievement_name'])

  const loadParts = async (rows: ProgramRow[]): Promise<ProgramRecord[]> => {
    if (rows.length === 0) return []
    const ids = rows.map((r) => r.id)
    const [skills, requirements] = await Promise.all([
      q.selectFrom('program_skills').select(['program_id', 'skill_uri']).where('program_id', 'in', ids).orderBy('skill_uri').execute(),
      q.selectFrom('program_requirements').selectAll().where('program_id', 'in', ids).orderBy('position').execute(),
    ])
    return rows.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      orgSlug: r.org_slug,
      orgName: r.org_name,
      achievementId: r.achievement_id,
      achievementName: r.achievement_name,
      title: r.title,
      summary: r.summary,
      format: r.format,
      hours: Number(r.hours),
      durationWeeks: r.duration_weeks === null ? null : Number(r.duration_weeks),
      selfPaced: Number(r.self_paced) === 1,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      priceCents: Number(r.price_cents),
      currency: r.currency,
      language: r.language,
      prerequisites: r.prerequisites,
      seats: r.seats === null ? null : Number(r.seats),
      enrolmentMode: r.enrolment_mode,
      finalSignoff: Number(r.final_signoff) === 1,
      state: r.state,
      skills: skills.filter((s) => s.program_id === r.id).map((s) => s.skill_uri),
      requirements: requirements
        .filter((x) => x.program_id === r.id)
        .map((x): RequirementRecord => ({ id: x.id, position: Number(x.position), kind: x.kind, title: x.title, config: JSON.parse(x.config) as RequirementRecord['config'] })),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }))
  }

  const fieldsOf = (p: ProgramFields & { searchText: string }) => ({
    achievement_id: p.achievementId,
    title: p.title,
    summary: p.summary,
    format: p.format,
    hours: p.hours,
    duration_weeks: p.durationWeeks,
    self_paced: p.selfPaced ? 1 : 0,
    starts_on: p.startsOn,
    ends_on: p.endsOn,
    price_cents: p.priceCents,
    currency: p.currency,
    language: p.language,
    prerequisites: p.prerequisites,
    seats: p.seats,
    enrolment_mode: p.enrolmentMode,
    final_signoff: p.finalSignoff ? 1 : 0,
    search_text: p.searchText,
  })

  const writeParts = async (programId: string, skills: readonly string[], requirements: readonly RequirementRecord[]) => {
    await q.deleteFrom('program_skills').where('program_id', '=', programId).execute()
    if (skills.length > 0) await q.insertInto('program_skills').values([...new Set(skills)].map((skill_uri) => ({ program_id: programId, skill_uri }))).execute()
    const existing = await q.selectFrom('program_requirements').select('id').where('program_id', '=', programId).execute()
    const keep = new Set(requirements.map((r) => r.id))
    const used = new Set(
      (await q.selectFrom('requirement_progress').select('requirement_id').distinct().where('requirement_id', 'in', existing.length ? existing.map((e) => e.id) : ['-']).execute()).map((r) => r.requirement_id),
    )
    for (const e of existing) if (!keep.has(e.id) && !used.has(e.id)) await q.deleteFrom('program_requirements').where('id', '=', e.id).execute()
    const present = new Set(existing.map((e) => e.id))
    for (const r of requirements) {
      const values = { position: r.position, kind: r.kind, title: r.title, config: JSON.stringify(r.config) }
      if (present.has(r.id)) await q.updateTable('program_requirements').set(values).where('id', '=', r.id).where('program_id', '=', programId).execute()
      else await q.insertInto('program_requirements').values({ id: r.id, program_id: programId, ...values }).execute()
    }
  }

  const enrolments = () =>
    q
      .selectFrom('enrolments as e')
      .innerJoin('users as u', 'u.id', 'e.user_id')
      .selectAll('e')
      .select(['u.name as user_name', 'u.email as user_email'])
  const enrolmentOf = (r: Selectable<Database['enrolments']> & { user_name: string; user_email: string }): EnrolmentRecord => ({
    id: r.id,
    programId: r.program_id,
    orgId: r.org_id,
    userId: r.user_id,
    userName: r.user_name,
    userEmail: r.user_email,
    state: r.state,
    awardState: r.award_state,
    credentialId: r.credential_id,
    signedOffBy: r.signed_off_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  })
  const progressOf = (r: Selectable<RequirementProgressTable>): ProgressRecord => ({
    enrolmentId: r.enrolment_id,
    requirementId: r.requirement_id,
    status: r.status,
    submission: parseJson(r.submission),
    score: r.score === null ? null : Number(r.score),
    feedback: r.feedback,
    rubric: parseJson(r.rubric),
    supervision: r.supervision,
    reviewerId: r.reviewer_id,
    assigneeId: r.assignee_id,
    dueAt: r.due_at,
    submittedAt: r.submitted_at,
    updatedAt: r.updated_at,
  })

  return {
    async insert(p, skills, requirements) {
      await q
        .insertInto('programs')
        .values({ id: p.id, org_id: p.orgId, state: p.state, created_at: p.createdAt, updated_at: p.createdAt, ...fieldsOf(p) })
        .execute()
      await writeParts(p.id, skills, requirements)
    },
    async update(orgId, id, p, skills, requirements) {
      const result = await q.updateTable('programs').set({ ...fieldsOf(p), updated_at: p.updatedAt }).where('id', '=', id).where('org_id', '=', orgId).executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) return false
      await writeParts(id, skills, requirements)
      return true
    },
    async setState(orgId, id, state, at) {
      const result = await q.updateTable('programs').set({ state, updated_at: at }).where('id', '=', id).where('org_id', '=', orgId).executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async get(id, orgId) {
      let query = programs().where('p.id', '=', id)
      if (orgId !== undefined) query = query.where('p.org_id', '=', orgId)
      const row = await query.executeTakeFirst()
      return row ? (await loadParts([row]))[0] : undefined
    },
    async listOfOrg(orgId) {
      const rows = await programs()
        .select((eb) => eb.selectFrom('enrolments as e').whereRef('e.program_id', '=', 'p.id').where('e.state', 'in', ['active', 'completed']).select(eb.fn.countAll<string | number>().as('n')).as('enrolled'))
        .where('p.org_id', '=', orgId)
        .orderBy('p.created_at', 'desc')
        .limit(500)
        .execute()
      const records = await loadParts(rows)
      return records.map((r, i) => ({ ...r, enrolled: Number(rows[i]?.enrolled ?? 0) }))
    },
    async catalog(f) {
      let query = q.selectFrom('programs as p').where('p.state', '=', 'published')
      if (f.q) for (const word of f.q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8)) query = query.where('p.search_text', 'like', likeOf(word))
      if (f.format) query = query.where('p.format', '=', f.format)
      if (f.language) query = query.where('p.language', '=', f.language)
      if (f.maxHours !== undefined) query = query.where('p.hours', '<=', f.maxHours)
      if (f.free) query = query.where('p.price_cents', '=', 0)
      if (f.skills !== undefined) {
        const skills = f.skills.length ? [...f.skills] : ['-']
        query = query.where('p.id', 'in', (eb) => eb.selectFrom('program_skills as s').where('s.skill_uri', 'in', skills).select('s.program_id'))
      }
      // One pass over the matches in title order (the catalog index): the page's ids with the total
      // counted by the database (a window), so a broad search does not carry every match into JS.
      const page = await query
        .select(['p.id', sql<number | string>`count(*) over ()`.as('total')])
        .orderBy('p.title')
        .orderBy('p.id')
        .limit(f.limit)
        .offset(f.offset)
        .execute()
      if (page.length === 0) {
        const counted = await query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst()
        return { items: [], total: Number(counted?.n ?? 0) }
      }
      const rows = await programs().where('p.id', 'in', page.map((r) => r.id)).orderBy('p.title').orderBy('p.id').execute()
      return { items: await loadParts(rows), total: Number(page[0]!.total) }
    },
    async coveringSkills(skillUris) {
      if (skillUris.length === 0) return []
      const hits = await q
        .selectFrom('program_skills as s')
        .innerJoin('programs as p', 'p.id', 's.program_id')
        .select(['s.program_id', 's.skill_uri'])
        .where('p.state', '=', 'published')
        .where('s.skill_uri', 'in', [...new Set(skillUris)].slice(0, 1000))
        .limit(5000)
        .execute()
      const byProgram = new Map<string, string[]>()
      for (const h of hits) byProgram.set(h.program_id, [...(byProgram.get(h.program_id) ?? []), h.skill_uri])
      const ids = [...byProgram.keys()].slice(0, 500)
      if (ids.length === 0) return []
      const records = await loadParts(await programs().where('p.id', 'in', ids).execute())
      return records.map((program) => ({ program, covers: byProgram.get(program.id) ?? [] }))
    },
    async occupationSkills(occupationUri) {
      // The occupation's essential and optional skills (0017_occupations; the ESCO/O*NET URI is its id).
      const rows = await q.selectFrom('occupation_skills').select('skill_id').where('occupation_id', '=', occupationUri).execute()
      return rows.length > 0 ? rows.map((r) => r.skill_id) : undefined
    },
    async seatsTaken(programId) {
      const row = await q.selectFrom('enrolments').select((eb) => eb.fn.countAll<string | number>().as('n')).where('program_id', '=', programId).where('state', 'in', ['active', 'completed']).executeTakeFirst()
      return Number(row?.n ?? 0)
    },

    async lockSeats(programId) {
      await q.selectFrom('programs').select('id').where('id', '=', programId).forUpdate().execute()
    },

    async insertEnrolment(e, requirementIds) {
      const inserted = await q
        .insertInto('enrolments')
        .values({ id: e.id, program_id: e.programId, org_id: e.orgId, user_id: e.userId, state: e.state, award_state: 'none', credential_id: null, signed_off_by: null, created_at: e.at, updated_at: e.at })
        .onConflict((oc) => oc.columns(['program_id', 'user_id']).doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!inserted) return 'exists'
      if (requirementIds.length > 0)
        await q
          .insertInto('requirement_progress')
          .values(requirementIds.map((requirement_id) => ({ enrolment_id: e.id, requirement_id, org_id: e.orgId, status: 'pending' as const, feedback: '', updated_at: e.at })))
          .execute()
      return 'inserted'
    },
    async enrolment(id) {
      const row = await enrolments().where('e.id', '=', id).executeTakeFirst()
      return row && enrolmentOf(row)
    },
    async enrolmentOf(programId, userId) {
      const row = await enrolments().where('e.program_id', '=', programId).where('e.user_id', '=', userId).executeTakeFirst()
      return row && enrolmentOf(row)
    },
    async enrolmentsOfUser(userId) {
      return (await enrolments().where('e.user_id', '=', userId).orderBy('e.created_at', 'desc').limit(500).execute()).map(enrolmentOf)
    },
    async enrolmentsOfProgram(programId) {
      return (await enrolments().where('e.program_id', '=', programId).orderBy('e.created_at', 'desc').limit(2000).execute()).map(enrolmentOf)
    },
    async setEnrolmentState(id, from, to, at) {
      const result = await q.updateTable('enrolments').set({ state: to, updated_at: at }).where('id', '=', id).where('state', 'in', [...from]).executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async signOff(id, userId, at) {
      const result = await q.updateTable('enrolments').set({ signed_off_by: userId, updated_at: at }).where('id', '=', id).where('signed_off_by', 'is', null).executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async progress(enrolmentId) {
      return (await q.selectFrom('requirement_progress').selectAll().where('enrolment_id', '=', enrolmentId).execute()).map(progressOf)
    },
    async updateProgress(enrolmentId, requirementId, from, patch) {
      const set: Partial<Record<keyof RequirementProgressTable, unknown>> = { updated_at: patch.updatedAt }
      if (patch.status !== undefined) set.status = patch.status
      if (patch.submission !== undefined) set.submission = patch.submission === null ? null : JSON.stringify(patch.submission)
      if (patch.score !== undefined) set.score = patch.score
      if (patch.feedback !== undefined) set.feedback = patch.feedback
      if (patch.rubric !== undefined) set.rubric = patch.rubric === null ? null : JSON.stringify(patch.rubric)
      if (patch.supervision !== undefined) set.supervision = patch.supervision
      if (patch.reviewerId !== undefined) set.reviewer_id = patch.reviewerId
      if (patch.assigneeId !== undefined) set.assignee_id = patch.assigneeId
      if (patch.dueAt !== undefined) set.due_at = patch.dueAt
      if (patch.submittedAt !== undefined) set.submitted_at = patch.submittedAt
      const result = await q
        .updateTable('requirement_progress')
        .set(set as never)
        .where('enrolment_id', '=', enrolmentId)
        .where('requirement_id', '=', requirementId)
        .where('status', 'in', [...from])
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async reviewQueue(orgId, f) {
      let query = q
        .selectFrom('requirement_progress as g')
        .innerJoin('program_requirements as r', 'r.id', 'g.requirement_id')
        .innerJoin('enrolments as e', 'e.id', 'g.enrolment_id')
        .innerJoin('programs as p', 'p.id', 'e.program_id')
        .innerJoin('users as u', 'u.id', 'e.user_id')
        .leftJoin('users as a', 'a.id', 'g.assignee_id')
        .selectAll('g')
        .select(['p.id as program_id', 'p.title as program_title', 'r.title as requirement_title', 'u.name as learner_name', 'u.email as learner_email', 'a.name as assignee_name'])
        .where('g.org_id', '=', orgId)
        .where('p.org_id', '=', orgId)
        .where('r.kind', '=', 'review')
      query = f.status ? query.where('g.status', '=', f.status) : query.where('g.status', 'in', ['submitted', 'changes', 'met', 'rejected'])
      if (f.programId) query = query.where('p.id', '=', f.programId)
      if (f.assigneeId) query = query.where('g.assignee_id', '=', f.assigneeId)
      const rows = await query.orderBy('g.submitted_at').orderBy('g.enrolment_id').limit(f.limit).execute()
      return rows.map(
        (r): ReviewItem => ({
          ...progressOf(r),
          programId: r.program_id,
          programTitle: r.program_title,
          requirementTitle: r.requirement_title,
          learnerName: r.learner_name,
          learnerEmail: r.learner_email,
          assigneeName: r.assignee_name,
        }),
      )
    },

    async claimAward(enrolmentId, at) {
      const result = await q.updateTable('enrolments').set({ award_state: 'issuing', updated_at: at }).where('id', '=', enrolmentId).where('award_state', '=', 'none').where('state', '=', 'active').executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async finishAward(enrolmentId, credentialId, at) {
      const result = await q
        .updateTable('enrolments')
        .set({ award_state: 'awarded', state: 'completed', credential_id: credentialId, updated_at: at })
        .where('id', '=', enrolmentId)
        .where('award_state', '=', 'issuing')
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async releaseAward(enrolmentId, at) {
      await q.updateTable('enrolments').set({ award_state: 'none', updated_at: at }).where('id', '=', enrolmentId).where('award_state', '=', 'issuing').execute()
    },

    async insertFile(f) {
      await q.insertInto('evidence_files').values({ id: f.id, enrolment_id: f.enrolmentId, name: f.name, media_type: f.mediaType, sha256: f.sha256, bytes: f.bytes, created_at: f.createdAt }).execute()
    },
    async file(id) {
      const row = await q.selectFrom('evidence_files').select(['id', 'enrolment_id', 'name', 'media_type', 'bytes']).where('id', '=', id).executeTakeFirst()
      return row && { id: row.id, enrolmentId: row.enrolment_id, name: row.name, mediaType: row.media_type, bytes: row.bytes }
    },
  }
}
