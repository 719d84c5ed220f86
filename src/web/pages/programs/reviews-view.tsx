// /orgs/:org/reviews: the assessors' queue — work submitted for review, filtered by status, program
// and assignee; each item shows the submission and takes a decision (accept / request changes /
// reject, with feedback, an optional rubric and how the assessment was supervised and the learner's
// identity verified), an assignee and a due date.
import type { MemberRecord } from '../../../app/orgs/ports.js'
import type { RoleName } from '../../../app/platform/roles.js'
import type { ProgramRecord, ReviewItem } from '../../../app/programs/ports.js'
import { Alert, Flash } from '../../components/alert.js'
import { EmptyState } from '../../components/empty-state.js'
import { CsrfField, Select, TextArea, TextField } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { useT } from '../../kit/env.js'
import { ProgressPill } from './program-parts.js'
import { webHref } from '../../components/safe-href.js'

export interface ReviewsModel {
  shell: ShellOrg
  role: RoleName
  items: readonly ReviewItem[]
  programs: readonly Pick<ProgramRecord, 'id' | 'title' | 'requirements'>[]
  members: readonly Pick<MemberRecord, 'userId' | 'name'>[]
  filter: { status?: string | undefined; program?: string | undefined; assignee?: string | undefined }
  done?: string | undefined
  /** Why a decision was refused (the queue answers 422 with it). */
  error?: string | undefined
}

const SUPERVISION = ['none', 'online-proctored', 'onsite-supervised', 'identity-verified'] as const

function ReviewCard({ item, model }: { item: ReviewItem; model: ReviewsModel }) {
  const t = useT()
  const slug = model.shell.slug
  const id = `r-${item.enrolmentId.slice(0, 8)}-${item.requirementId.slice(0, 8)}`
  const rubric = model.programs.find((p) => p.id === item.programId)?.requirements.find((r) => r.id === item.requirementId)?.config.rubric ?? []
  const open = item.status === 'submitted'
  const supervisionLabel = (s: string) => t.t(s === 'online-proctored' ? 'prog.sup.online' : s === 'onsite-supervised' ? 'prog.sup.onsite' : s === 'identity-verified' ? 'prog.sup.identity' : 'prog.sup.none')
  return (
    <li class="card prog-review" id={id}>
      <div class="prog-org-head">
        <h2 class="prog-card-title">{item.learnerName}<span class="muted small"> · {item.requirementTitle}</span></h2>
        <ProgressPill status={item.status} />
      </div>
      <p class="muted small">
        {item.programTitle}
        {item.submittedAt && <> · {t.t('prog.review.submitted', { date: t.date(item.submittedAt) })}</>}
        {item.dueAt && <> · <strong>{t.t('prog.review.due', { date: t.date(item.dueAt) })}</strong></>}
        {item.assigneeName && <> · {t.t('prog.review.assignedTo', { name: item.assigneeName })}</>}
      </p>
      {item.submission && (
        <div class="prog-submission">
          {item.submission.text && <p class="prog-prose">{item.submission.text}</p>}
          {item.submission.url && <p>{webHref(item.submission.url) ? <a href={webHref(item.submission.url)} rel="noopener noreferrer nofollow"><Icon name="link" />{item.submission.url}</a> : <><Icon name="link" />{item.submission.url}</>}</p>}
          {item.submission.fileId && <p><a href={`/programs/evidence/${item.submission.fileId}`}><Icon name="file" />{item.submission.fileName ?? t.t('prog.review.file')}</a></p>}
        </div>
      )}
      {item.feedback && <p class="small"><strong>{t.t('prog.review.feedback')}:</strong> {item.feedback}{item.supervision ? ` · ${supervisionLabel(item.supervision)}` : ''}</p>}
      {open && (
        <div class="prog-review-forms">
          <form method="post" action={`/orgs/${slug}/reviews/${item.enrolmentId}/${item.requirementId}`} class="form stack">
            <CsrfField />
            <Select name="decision" id={`${id}-decision`} label={t.t('prog.review.decision')} required value="accept" options={[['accept', t.t('prog.review.accept')], ['changes', t.t('prog.review.changes')], ['reject', t.t('prog.review.reject')]]} />
            <TextArea name="feedback" id={`${id}-feedback`} label={t.t('prog.review.feedback')} hint={t.t('prog.review.feedbackHint')} rows={3} maxLength={5000} />
            {rubric.length > 0 && (
              <div class="prog-rubric">
            {rubric.map((criterion, i) => (
              <div>
                <input type="hidden" name={`rubric${i}.criterion`} value={criterion} />
                <Select name={`rubric${i}.level`} id={`${id}-rubric${i}`} label={criterion} placeholder={t.t('prog.review.notRated')} options={[['excellent', t.t('prog.rubric.excellent')], ['good', t.t('prog.rubric.good')], ['sufficient', t.t('prog.rubric.sufficient')], ['insufficient', t.t('prog.rubric.insufficient')]]} />
              </div>
            ))}
              </div>
            )}
            <Select name="supervision" id={`${id}-supervision`} label={t.t('prog.review.supervision')} hint={t.t('prog.review.supervisionHint')} required value="none" options={SUPERVISION.map((s) => [s, supervisionLabel(s)] as const)} />
            <button type="submit" class="button"><Icon name="check" />{t.t('prog.review.record')}<span class="sr-only"> {item.learnerName}</span></button>
          </form>
          <form method="post" action={`/orgs/${slug}/reviews/${item.enrolmentId}/${item.requirementId}/assign`} class="form prog-assign">
            <CsrfField />
            <Select name="assigneeId" id={`${id}-assignee`} label={t.t('prog.review.assignee')} placeholder={t.t('prog.review.nobody')} value={item.assigneeId ?? undefined} options={model.members.map((m) => [m.userId, m.name] as const)} />
            <TextField name="dueAt" id={`${id}-due`} type="date" label={t.t('prog.review.dueLabel')} value={item.dueAt?.slice(0, 10)} />
            <button type="submit" class="button secondary sm">{t.t('prog.review.assign')}<span class="sr-only"> {item.learnerName}</span></button>
          </form>
        </div>
      )}
    </li>
  )
}

export function ReviewsView({ model }: { model: ReviewsModel }) {
  const t = useT()
  const { shell, filter } = model
  return (
    <OrgShell org={shell} role={model.role} current="reviews">
      <PageHeader eyebrow={shell.name} title={t.t('prog.review.title')} lead={t.t('prog.review.lead')} />
      <Flash message={model.done ? t.t('prog.review.done') : undefined} />
      {model.error && <Alert kind="bad">{model.error}</Alert>}
      <form method="get" action={`/orgs/${shell.slug}/reviews`} class="card prog-queue-filters" aria-label={t.t('prog.review.filters')}>
        <Select name="status" label={t.t('prog.review.status')} placeholder={t.t('prog.review.allStatuses')} value={filter.status} options={[['submitted', t.t('prog.status.submitted')], ['changes', t.t('prog.status.changes')], ['met', t.t('prog.status.met')], ['rejected', t.t('prog.status.rejected')]]} />
        <Select name="program" label={t.t('prog.review.program')} placeholder={t.t('prog.review.allPrograms')} value={filter.program} options={model.programs.map((p) => [p.id, p.title] as const)} />
        <Select name="assignee" label={t.t('prog.review.assignee')} placeholder={t.t('prog.review.anyone')} value={filter.assignee} options={model.members.map((m) => [m.userId, m.name] as const)} />
        <button type="submit" class="button secondary">{t.t('prog.review.filter')}</button>
      </form>
      {model.items.length === 0 ? (
        <EmptyState icon="inbox" title={t.t('prog.review.empty')}>{t.t('prog.review.emptyText')}</EmptyState>
      ) : (
        <ul class="prog-review-list">{model.items.map((item) => <ReviewCard item={item} model={model} />)}</ul>
      )}
    </OrgShell>
  )
}
