// /wallet/programs: the learner's programs with their progress; /wallet/programs/:id: one
// enrolment — each requirement's status, feedback, and the forms to submit evidence or work
// (text, link, file) or to check a credential held; the credential once awarded.
import type { EnrolmentView } from '../../../app/programs/programs-use-cases.js'
import { Alert, Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { EmptyState } from '../../components/empty-state.js'
import { CsrfField, ErrorSummary, FileField, TextArea, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { useT } from '../../kit/env.js'
import { kindText, ProgressPill } from './program-parts.js'
import { webHref } from '../../components/safe-href.js'

function Meter({ met, total }: { met: number; total: number }) {
  const t = useT()
  return (
    <p class="prog-meter-row">
      <meter class="prog-meter" min={0} max={Math.max(total, 1)} value={met} aria-label={t.t('prog.my.progressLabel')}>{met}/{total}</meter>
      <span class="small">{t.t('prog.my.metOf', { met, total })}</span>
    </p>
  )
}

export function MyProgramsView({ views }: { views: readonly EnrolmentView[] }) {
  const t = useT()
  return (
    <div class="container page">
      <PageHeader crumbs={[{ href: '/wallet', label: t.t('prog.my.wallet') }, { label: t.t('prog.my.title') }]} title={t.t('prog.my.title')} lead={t.t('prog.my.lead')} actions={<a class="button secondary" href="/catalog"><Icon name="search" />{t.t('prog.my.browse')}</a>} />
      {views.length === 0 ? (
        <EmptyState icon="book" title={t.t('prog.my.empty')} actions={<a class="button" href="/catalog">{t.t('prog.my.browse')}</a>}>{t.t('prog.my.emptyText')}</EmptyState>
      ) : (
        <ul class="prog-grid">
          {views.map((v) => (
            <li class="prog-card">
              <p class="prog-card-org muted small">{v.program.orgName}</p>
              <h2 class="prog-card-title"><a href={`/wallet/programs/${v.enrolment.id}`}>{v.program.title}</a></h2>
              <p><EnrolmentPill state={v.enrolment.state} /></p>
              <Meter met={v.met} total={v.total} />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

function EnrolmentPill({ state }: { state: EnrolmentView['enrolment']['state'] }) {
  const t = useT()
  const [tone, key] =
    state === 'completed' ? (['ok', 'prog.enrolment.completed'] as const) : state === 'active' ? (['info', 'prog.enrolment.active'] as const) : state === 'requested' ? (['warn', 'prog.enrolment.requested'] as const) : (['bad', 'prog.enrolment.declined'] as const)
  return <span class={`pill ${tone}`}>{t.t(key)}</span>
}

export interface EnrolmentPageModel {
  view: EnrolmentView
  errors?: { requirementId: string; fields: FieldErrors } | undefined
  error?: string | undefined
  done?: string | undefined
}

export function EnrolmentPageView({ model }: { model: EnrolmentPageModel }) {
  const t = useT()
  const { view } = model
  const { enrolment, program } = view
  const active = enrolment.state === 'active'
  return (
    <div class="container page">
      <PageHeader
        crumbs={[{ href: '/wallet', label: t.t('prog.my.wallet') }, { href: '/wallet/programs', label: t.t('prog.my.title') }, { label: program.title }]}
        eyebrow={program.orgName}
        title={program.title}
        lead={t.t('prog.leadsTo', { name: program.achievementName })}
        actions={<a class="button secondary" href={`/programs/${program.id}`}>{t.t('prog.my.programPage')}</a>}
      />
      <Flash message={model.done ? t.t('prog.my.done') : undefined} />
      {model.error && <Alert kind="bad">{model.error}</Alert>}
      {enrolment.state === 'completed' && (
        <Alert kind="ok" title={t.t('prog.my.awardedTitle')}>
          <p>{t.rich('prog.my.awarded', { link: (chunks) => <a href="/wallet">{chunks}</a> })}</p>
        </Alert>
      )}
      {enrolment.state === 'requested' && <Alert kind="info">{t.t('prog.my.waiting')}</Alert>}
      {enrolment.state === 'declined' && <Alert kind="bad">{t.t('prog.my.declined')}</Alert>}
      {program.finalSignoff && enrolment.state === 'active' && view.met === view.total && <Alert kind="info">{t.t('prog.my.signoff')}</Alert>}
      <div class="stack-lg">
        <Card title={t.t('prog.my.progress')}>
          <Meter met={view.met} total={view.total} />
        </Card>
        <ol class="prog-steps">
          {view.progress.map((p) => {
            const errors = model.errors?.requirementId === p.requirementId ? model.errors.fields : undefined
            const canSubmit = active && (p.requirement.kind === 'evidence' || p.requirement.kind === 'review') && ['pending', 'changes', 'submitted'].includes(p.status)
            const idp = `q-${p.requirementId.slice(0, 8)}`
            return (
              <li class="card prog-step" id={idp}>
                <div class="prog-org-head">
                  <h2 class="prog-card-title">{p.requirement.title}</h2>
                  <ProgressPill status={p.status} />
                </div>
                <p class="muted small">{kindText(t, p.requirement.kind)}{p.requirement.kind === 'score' && p.requirement.config.threshold !== undefined ? ` · ${t.t('prog.page.threshold', { threshold: p.requirement.config.threshold })}` : ''}{p.score !== null ? ` · ${t.t('prog.my.score', { score: p.score })}` : ''}</p>
                {p.submission?.text && <p class="prog-prose">{p.submission.text}</p>}
                {p.submission?.url && <p class="small"><Icon name="link" />{webHref(p.submission.url) ? <a href={webHref(p.submission.url)} rel="noopener noreferrer nofollow">{p.submission.url}</a> : p.submission.url}</p>}
                {p.submission?.fileId && <p class="small"><Icon name="file" /><a href={`/programs/evidence/${p.submission.fileId}`}>{p.submission.fileName}</a></p>}
                {p.feedback && <Alert kind={p.status === 'met' ? 'ok' : 'info'} title={t.t('prog.review.feedback')}>{p.feedback}</Alert>}
                {canSubmit && (
                  <form method="post" action={`/wallet/programs/${enrolment.id}/${p.requirementId}`} enctype="multipart/form-data" class="form stack">
                    <CsrfField />
                    <ErrorSummary errors={errors} labels={{ text: t.t('prog.my.text'), url: t.t('prog.my.url'), file: t.t('prog.my.file') }} />
                    <TextArea name="text" id={`${idp}-text`} label={t.t('prog.my.text')} rows={4} maxLength={10000} errors={errors} />
                    <TextField name="url" id={`${idp}-url`} type="url" label={t.t('prog.my.url')} errors={errors} />
                    <FileField name="file" id={`${idp}-file`} label={t.t('prog.my.file')} hint={t.t('prog.my.fileHint')} accept=".pdf,.png,.jpg,.jpeg,.txt,application/pdf,image/png,image/jpeg,text/plain" errors={errors} />
                    <button type="submit" class="button"><Icon name="upload" />{t.t(p.requirement.kind === 'review' ? 'prog.my.submitReview' : 'prog.my.submit')}<span class="sr-only"> {p.requirement.title}</span></button>
                  </form>
                )}
                {active && p.requirement.kind === 'credential' && p.status !== 'met' && (
                  <form method="post" action={`/wallet/programs/${enrolment.id}/${p.requirementId}`} enctype="multipart/form-data">
                    <CsrfField />
                    <button type="submit" class="button secondary"><Icon name="shield" />{t.t('prog.my.checkWallet')}</button>
                  </form>
                )}
              </li>
            )
          })}
        </ol>
      </div>
    </div>
  )
}
