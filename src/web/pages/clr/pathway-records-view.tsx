// /orgs/:org/pathways/:id/records: the pathway's learners, and a CLR 2.0 record to issue for each
// learner who completed it (its credential and the part credentials it was awarded on).
import type { PathwayLearner, PathwayRecord } from '../../../app/pathways/ports.js'
import type { RoleName } from '../../../app/platform/roles.js'
import { Alert } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { EmptyState } from '../../components/empty-state.js'
import { CsrfField } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { DataTable } from '../../components/table.js'
import { useT } from '../../kit/env.js'

export interface PathwayRecordsModel {
  shell: ShellOrg
  role: RoleName
  pathway: PathwayRecord
  learners: readonly PathwayLearner[]
  alert?: string | undefined
}

export function PathwayRecordsView({ model }: { model: PathwayRecordsModel }) {
  const t = useT()
  const { shell, pathway } = model
  const base = `/orgs/${shell.slug}/pathways/${pathway.id}`
  return (
    <OrgShell org={shell} role={model.role} current="pathways">
      <PageHeader
        eyebrow={shell.name}
        title={t.t('clr.pathwayRecords.title', { pathway: pathway.title })}
        lead={t.t('clr.pathwayRecords.lead')}
        crumbs={[{ label: t.t('path.org.title'), href: `/orgs/${shell.slug}/pathways` }, { label: pathway.title, href: base }]}
      />
      {model.alert && <Alert kind="bad"><p>{model.alert}</p></Alert>}
      {model.learners.length === 0 ? (
        <EmptyState icon="layers" title={t.t('clr.pathwayRecords.empty')} />
      ) : (
        <Card>
          <DataTable
            caption={t.t('clr.pathwayRecords.title', { pathway: pathway.title })}
            rows={model.learners}
            columns={[
              { key: 'learner', header: t.t('clr.program.learner'), rowHeader: true, cell: (l) => <span><strong>{l.userName}</strong><br /><span class="muted small">{l.userEmail}</span></span> },
              {
                key: 'state',
                header: t.t('clr.program.state'),
                cell: (l) =>
                  l.awardState === 'awarded' ? (
                    <span class="pill ok" data-state="awarded">{t.t('clr.program.completed')}</span>
                  ) : (
                    <span class="pill info" data-state={l.awardState}>{t.t('clr.pathwayRecords.held', { held: l.held, required: pathway.required })}</span>
                  ),
              },
              {
                key: 'record',
                header: t.t('clr.program.action'),
                cell: (l) =>
                  l.awardState === 'awarded' ? (
                    <form method="post" action={`${base}/records/${l.userId}/clr`} class="inline-form">
                      <CsrfField />
                      <button type="submit" class="button secondary sm"><Icon name="download" />{t.t('clr.program.issue')}<span class="sr-only"> {l.userName}</span></button>
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
