// /orgs/:org/programs/:id: one program as its staff see it — its enrolments with each learner's
// progress, and the staff's actions as plain forms (CSRF, no script): mark an attendance requirement
// attended, give the final sign-off once every requirement is met. The award follows either.
import { hasRole, MIN_ROLE, type RoleName } from '../../../app/platform/roles.js'
import type { ProgramRecord } from '../../../app/programs/ports.js'
import type { EnrolmentView } from '../../../app/programs/programs-use-cases.js'
import { Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { EmptyState } from '../../components/empty-state.js'
import { CsrfField } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { DataTable } from '../../components/table.js'
import { useT } from '../../kit/env.js'

export interface ProgramStaffModel {
  shell: ShellOrg
  role: RoleName
  program: ProgramRecord
  enrolments: readonly EnrolmentView[]
  done?: string | undefined
}

const STATE_KEYS = { requested: 'prog.enrolment.requested', active: 'prog.enrolment.active', declined: 'prog.enrolment.declined', completed: 'prog.enrolment.completed' } as const

export function ProgramStaffView({ model }: { model: ProgramStaffModel }) {
  const t = useT()
  const { shell, role, program } = model
  const canIssue = hasRole(role, MIN_ROLE.issue)
  return (
    <OrgShell org={shell} role={role} current="programs">
      <PageHeader
        crumbs={[{ href: `/orgs/${shell.slug}/programs`, label: t.t('prog.org.title') }, { label: program.title }]}
        eyebrow={shell.name}
        title={program.title}
        lead={t.t('prog.staff.lead')}
        actions={program.state === 'published' ? <a class="button secondary" href={`/programs/${program.id}`}><Icon name="external" />{t.t('prog.staff.public')}</a> : undefined}
      />
      <Flash message={model.done === 'attended' ? t.t('prog.staff.attended') : model.done === 'signedoff' ? t.t('prog.staff.signedDone') : undefined} />
      <Card title={t.t('prog.staff.enrolments', { count: model.enrolments.length })}>
        {model.enrolments.length === 0 ? (
          <EmptyState icon="users" title={t.t('prog.staff.empty')} headingLevel={3} />
        ) : (
          <DataTable
            caption={t.t('prog.staff.enrolments', { count: model.enrolments.length })}
            rows={model.enrolments}
            columns={[
              { key: 'learner', header: t.t('prog.staff.learner'), rowHeader: true, cell: (v) => <span class="prog-staff-learner"><strong>{v.enrolment.userName}</strong><span class="muted small">{v.enrolment.userEmail}</span></span> },
              { key: 'state', header: t.t('prog.staff.state'), cell: (v) => t.t(STATE_KEYS[v.enrolment.state]) },
              { key: 'progress', header: t.t('prog.staff.progress'), cell: (v) => t.t('prog.staff.met', { met: v.met, total: v.total }) },
              {
                key: 'actions',
                header: t.t('prog.staff.actions'),
                cell: (v) => {
                  if (!canIssue || v.enrolment.state !== 'active') return v.enrolment.signedOffBy ? t.t('prog.staff.signedOff') : '—'
                  const attendance = v.progress.filter((p) => p.requirement.kind === 'attendance' && p.status === 'pending')
                  const canSignOff = program.finalSignoff && !v.enrolment.signedOffBy && v.met === v.total
                  return (
                    <span class="prog-actions">
                      {attendance.map((p) => (
                        <form method="post" action={`/orgs/${shell.slug}/enrolments/${v.enrolment.id}/attendance`}>
                          <CsrfField />
                          <input type="hidden" name="requirementId" value={p.requirementId} />
                          <button type="submit" class="button secondary sm"><Icon name="check" />{t.t('prog.staff.attend', { title: p.requirement.title })}<span class="sr-only"> {v.enrolment.userName}</span></button>
                        </form>
                      ))}
                      {canSignOff && (
                        <form method="post" action={`/orgs/${shell.slug}/enrolments/${v.enrolment.id}/signoff`}>
                          <CsrfField />
                          <button type="submit" class="button sm"><Icon name="award" />{t.t('prog.staff.signoff')}<span class="sr-only"> {v.enrolment.userName}</span></button>
                        </form>
                      )}
                      {attendance.length === 0 && !canSignOff && (v.enrolment.signedOffBy ? t.t('prog.staff.signedOff') : '—')}
                    </span>
                  )
                },
              },
            ]}
          />
        )}
      </Card>
    </OrgShell>
  )
}
