// /orgs/:org/programs/:id/records: the program's enrolments, and a CLR 2.0 record to issue for each
// learner who completed it.
import type { RoleName } from '../../../app/platform/roles.js'
import type { EnrolmentRecord, ProgramRecord } from '../../../app/programs/ports.js'
import { Alert } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { EmptyState } from '../../components/empty-state.js'
import { CsrfField } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { DataTable } from '../../components/table.js'
import { useT } from '../../kit/env.js'

export interface ProgramRecordsModel {
  shell: ShellOrg
  role: RoleName
  program: ProgramRecord
  enrolments: readonly EnrolmentRecord[]
  alert?: string | undefined
}

const TONE = { completed: 'pill ok', active: 'pill info', requested: 'pill', declined: 'pill bad' } as const

export function ProgramRecordsView({ model }: { model: ProgramRecordsModel }) {
  const t = useT()
  const { shell, program } = model
  const base = `/orgs/${shell.slug}/programs/${program.id}`
  return (
    <OrgShell org={shell} role={model.role} current="programs">
      <PageHeader eyebrow={shell.name} title={t.t('clr.program.title', { program: program.title })} lead={t.t('clr.program.lead')} crumbs={[{ label: t.t('prog.org.title'), href: `/orgs/${shell.slug}/programs` }]} />
      {model.alert && <Alert kind="bad"><p>{model.alert}</p></Alert>}
      {model.enrolments.length === 0 ? (
        <EmptyState icon="book" title={t.t('clr.program.empty')} />
      ) : (
        <Card>
          <DataTable
            caption={t.t('clr.program.title', { program: program.title })}
            rows={model.enrolments}
            columns={[
              { key: 'learner', header: t.t('clr.program.learner'), rowHeader: true, cell: (e) => <span><strong>{e.userName}</strong><br /><span class="muted small">{e.userEmail}</span></span> },
              { key: 'state', header: t.t('clr.program.state'), cell: (e) => <span class={TONE[e.state]} data-state={e.state}>{t.t(`clr.program.${e.state}`)}</span> },
              {
                key: 'record',
                header: t.t('clr.program.action'),
                cell: (e) =>
                  e.awardState === 'awarded' ? (
                    <form method="post" action={`${base}/enrolments/${e.id}/clr`} class="inline-form">
                      <CsrfField />
                      <button type="submit" class="button secondary sm"><Icon name="download" />{t.t('clr.program.issue')}<span class="sr-only"> {e.userName}</span></button>
                    </form>
                  ) : (
                    <span class="muted small">{t.t('clr.program.notYet')}</span>
                  ),
              },
            ]}
          />
        </Card>
      )}
    </OrgShell>
  )
}
