// An organization's dashboard: its key figures with their trend over the chosen window, activity
// per day, and, for a new organization, the steps to its first credential.
import type { DayCounts } from '../../../app/dashboard/ports.js'
import { hasRole, MIN_ROLE, type RoleName } from '../../../app/platform/roles.js'
import type { AchievementLooks } from '../../../app/dashboard/ports.js'
import { Card, StatCard, type Trend } from '../../components/card.js'
import { DataTable } from '../../components/table.js'
import { LineChart } from '../../components/chart.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { useT } from '../../kit/env.js'

/** The windows the dashboard offers, in days. */
export const WINDOWS = [7, 30, 90] as const

/** What the dashboard shows. */
export interface OrgDashboardModel {
  org: ShellOrg
  role: RoleName
  days: number
  totals: { issued: number; claimed: number; revoked: number; suspended: number; verified: number; views: number; achievements: number; batches: number }
  /** One row per day of the window, oldest first. */
  current: readonly DayCounts[]
  /** The window before it, for the trends. */
  previous: readonly DayCounts[]
  /** All-time verifications and page views by others, per achievement. */
  byAchievement?: readonly AchievementLooks[] | undefined
}

/** Verifications per achievement, all time: which of its credentials others check most. */
function LooksByAchievement({ org, rows }: { org: ShellOrg; rows: readonly AchievementLooks[] }) {
  const t = useT()
  return (
    <Card title={t.t('trust.dash.byAchievement')} id="by-achievement" class="section">
      <p class="muted small">{t.t('trust.dash.byAchievementLead')}</p>
      <DataTable
        id="by-achievement-table"
        caption={t.t('trust.dash.byAchievement')}
        rows={rows}
        columns={[
          { key: 'name', header: t.t('trust.dash.achievement'), rowHeader: true, cell: (r) => <a href={`/orgs/${org.slug}/achievements/${r.achievementId}`}>{r.name}</a> },
          { key: 'verified', header: t.t('trust.dash.verified'), numeric: true, cell: (r) => t.number(r.verified) },
          { key: 'inBrowser', header: t.t('trust.dash.inBrowser'), numeric: true, cell: (r) => t.number(r.inBrowser) },
          { key: 'viewed', header: t.t('trust.dash.viewed'), numeric: true, cell: (r) => t.number(r.viewed) },
        ]}
      />
    </Card>
  )
}

type Series = 'issued' | 'claimed' | 'verified' | 'viewed' | 'revoked'
const sum = (rows: readonly DayCounts[], key: Series) => rows.reduce((n, d) => n + d[key], 0)

/** The change from the previous window to this one (undefined when the previous one had nothing). */
function change(model: OrgDashboardModel, key: Series): number | undefined {
  const before = sum(model.previous, key)
  return before === 0 ? undefined : (sum(model.current, key) - before) / before
}

function GettingStarted({ org, totals }: Pick<OrgDashboardModel, 'org' | 'totals'>) {
  const t = useT()
  const steps = [
    { done: totals.achievements > 0, title: t.t('dash.start.define'), href: `/orgs/${org.slug}/achievements/new` },
    { done: totals.issued > 0, title: t.t('dash.start.issue'), href: `/orgs/${org.slug}/issue` },
    { done: Boolean(org.logoUrl), title: t.t('dash.start.logo'), href: `/orgs/${org.slug}/settings` },
    { done: false, title: t.t('dash.start.invite'), href: `/orgs/${org.slug}/members` },
  ]
  return (
    <Card title={t.t('dash.start.title')} id="getting-started" class="getting-started">
      <ol class="steps-check">
        {steps.map((s) => (
          <li class={s.done ? 'done' : undefined}>
            <span class="step-mark"><Icon name={s.done ? 'check' : 'chevronRight'} /></span>
            {s.done ? <span>{s.title} <span class="sr-only">({t.t('dash.start.done')})</span></span> : <a href={s.href}>{s.title}</a>}
          </li>
        ))}
      </ol>
    </Card>
  )
}

/** The page. */
export function OrgDashboardView({ model }: { model: OrgDashboardModel }) {
  const t = useT()
  const { org, role, totals, current, days } = model
  const base = `/orgs/${org.slug}`
  const period = t.t('dash.period', { days })
  const trend = (key: Series): Trend => ({ series: current.map((d) => d[key]), change: change(model, key), period })
  const canIssue = hasRole(role, MIN_ROLE.issue)
  const claimRate = totals.issued === 0 ? 0 : totals.claimed / totals.issued
  const first = current[0]?.date
  const last = current[current.length - 1]?.date
  return (
    <OrgShell org={org} role={role} current="dashboard">
      <PageHeader
        eyebrow={t.t('dash.eyebrow')}
        title={org.name}
        actions={
          canIssue && (
            <>
              <a class="button" href={`${base}/issue`}><Icon name="send" />{t.t('dash.issueOne')}</a>
              <a class="button secondary" href={`${base}/batches/new`}><Icon name="upload" />{t.t('dash.issueCsv')}</a>
            </>
          )
        }
      />
      {totals.issued === 0 && <GettingStarted org={org} totals={totals} />}
      <section aria-labelledby="figures-title">
        <h2 id="figures-title" class="sr-only">{t.t('dash.figures')}</h2>
        <div class="grid cols-4 tight">
          <StatCard label={t.t('dash.issued')} value={totals.issued} icon="award" href={`${base}/credentials`} trend={trend('issued')} />
          <StatCard label={t.t('dash.claimed')} value={totals.claimed} icon="check" trend={trend('claimed')} />
          <StatCard label={t.t('dash.verified')} value={totals.verified} icon="shield" trend={trend('verified')} />
          <StatCard label={t.t('dash.revoked')} value={totals.revoked} icon="x" href={`${base}/credentials?state=revoked`} trend={trend('revoked')} />
        </div>
        <dl class="fact-tiles section-tight">
          <div><dt>{t.t('dash.claimRate')}</dt><dd>{t.number(claimRate, { style: 'percent', maximumFractionDigits: 0 })}</dd></div>
          <div><dt>{t.t('dash.views')}</dt><dd>{t.number(totals.views)}</dd></div>
          <div><dt>{t.t('dash.suspended')}</dt><dd><a href={`${base}/credentials?state=suspended`}>{t.number(totals.suspended)}</a></dd></div>
          <div><dt>{t.t('dash.achievements')}</dt><dd><a href={`${base}/achievements`}>{t.number(totals.achievements)}</a></dd></div>
          <div><dt>{t.t('dash.batches')}</dt><dd><a href={`${base}/batches`}>{t.number(totals.batches)}</a></dd></div>
        </dl>
        <p class="muted small section-tight">{t.t('dash.looksNote')}</p>
      </section>
      <Card
        title={t.t('dash.activity')}
        id="activity"
        class="section"
        actions={
          <ul class="segmented" aria-label={t.t('dash.window')}>
            {WINDOWS.map((d) => (
              <li><a href={`?days=${d}`} aria-current={d === days ? 'page' : undefined}>{t.t('dash.lastDays', { days: d })}</a></li>
            ))}
          </ul>
        }
      >
        {first && last && (
          <LineChart
            id="activity"
            title={t.t('dash.chartTitle')}
            summary={t.t('dash.summary', { from: t.date(first), to: t.date(last), issued: sum(current, 'issued'), claimed: sum(current, 'claimed'), verified: sum(current, 'verified'), revoked: sum(current, 'revoked') })}
            series={[
              { label: t.t('dash.series.issued'), values: current.map((d) => d.issued) },
              { label: t.t('dash.series.claimed'), values: current.map((d) => d.claimed) },
              { label: t.t('dash.series.verified'), values: current.map((d) => d.verified) },
              { label: t.t('dash.series.revoked'), values: current.map((d) => d.revoked) },
              { label: t.t('dash.series.viewed'), values: current.map((d) => d.viewed) },
            ]}
            xLabels={current.map((d) => t.date(d.date, 'medium'))}
            tableCaption={t.t('dash.table')}
            xHeader={t.t('dash.day')}
          />
        )}
      </Card>
      {model.byAchievement && model.byAchievement.length > 0 && <LooksByAchievement org={org} rows={model.byAchievement} />}
    </OrgShell>
  )
}
