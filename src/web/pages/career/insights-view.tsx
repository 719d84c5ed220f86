// /insights/skills: demand signals, aggregated with a minimum group size.
import type { DemandRow, SkillDemand } from '../../../app/career/career-use-cases.js'
import { Alert } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { PageHeader } from '../../components/page-header.js'
import { usePage } from '../../kit/env.js'

function DemandTable({ rows, caption }: { rows: readonly DemandRow[]; caption: string }) {
  const { t } = usePage()
  if (rows.length === 0) return <p class="muted">{t.t('career.insights.none')}</p>
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-label={caption}>
      <table>
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.t('career.insights.skill')}</th>
            <th scope="col" class="num">{t.t('career.insights.learnersColumn')}</th>
            <th scope="col" class="num">{t.t('career.insights.essentialColumn')}</th>
            <th scope="col" class="num">{t.t('career.insights.programsColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row" class="cell-main">{r.label}</th>
              <td class="num">{t.number(r.learners)}</td>
              <td class="num">{t.number(r.essentialLearners)}</td>
              <td class="num">{t.number(r.programs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function InsightsView({ model }: { model: SkillDemand }) {
  const { t } = usePage()
  return (
    <div class="container page career-page">
      <PageHeader title={t.t('career.insights.title')} lead={t.t('career.insights.lead', { min: model.minGroupSize })} />
      {model.learners === null ? (
        <Alert kind="info">{t.t('career.insights.suppressed', { min: model.minGroupSize })}</Alert>
      ) : (
        <>
          <p class="career-insights-count">{t.t('career.insights.learners', { count: model.learners })}</p>
          <div class="grid cols-2 career-columns">
            <Card title={t.t('career.insights.mostAsked')} id="most-asked">
              <DemandTable rows={model.mostAsked} caption={t.t('career.insights.mostAsked')} />
            </Card>
            <Card title={t.t('career.insights.leastCovered')} id="least-covered">
              <DemandTable rows={model.leastCovered} caption={t.t('career.insights.leastCovered')} />
            </Card>
          </div>
        </>
      )}
    </div>
  )
}
