import type { Child } from 'hono/jsx'
import { useT } from '../kit/env.js'
import { Icon, type IconName } from './icons.js'
import { Sparkline } from './chart.js'

/** A surface for a group of content, with an optional header (title, note, actions). */
export function Card({ title, note, actions, children, class: className, id, headingLevel = 2, labelledBy }: { title?: Child; note?: Child; actions?: Child; children?: Child; class?: string; id?: string; headingLevel?: 2 | 3; labelledBy?: string }) {
  const headingId = id ? `${id}-title` : undefined
  return (
    <section class={className ? `card ${className}` : 'card'} id={id} aria-labelledby={title && headingId ? headingId : labelledBy}>
      {(title || actions) && (
        <div class="card-header">
          {title && (headingLevel === 2 ? <h2 id={headingId}>{title}</h2> : <h3 id={headingId}>{title}</h3>)}
          {note && <span class="muted">{note}</span>}
          {actions}
        </div>
      )}
      {children}
    </section>
  )
}

/** A change over a period: the values (oldest first) and how the latest period compares with the one before. */
export interface Trend {
  series: readonly number[]
  /** The latest period's total against the previous one's, as a fraction (0.12 = +12 %); undefined when there is nothing to compare. */
  change?: number | undefined
  /** What the comparison spans ("last 30 days"). */
  period: string
}

/** A key figure: a label, the number, and its trend as a sparkline and a change. */
export function StatCard({ label, value, icon, href, trend, note }: { label: string; value: number; icon?: IconName; href?: string; trend?: Trend; note?: Child }) {
  const t = useT()
  const change = trend?.change
  const direction = change === undefined || Math.abs(change) < 0.005 ? 'flat' : change > 0 ? 'up' : 'down'
  const body = (
    <>
      <span class="stat-label">
        {icon && <Icon name={icon} />}
        {label}
      </span>
      <span class="stat-main">
        <span class="stat-value">{t.number(value)}</span>
        {trend && trend.series.length > 1 && <Sparkline values={trend.series} label={t.t('common.chart.trendOf', { label })} />}
      </span>
      {(trend || note) && (
        <span class="stat-foot">
          {trend && change !== undefined && (
            <span class={`delta ${direction}`}>
              {direction === 'up' ? '↑' : direction === 'down' ? '↓' : '→'} {t.number(Math.abs(change), { style: 'percent', maximumFractionDigits: 0 })}
            </span>
          )}
          <span>{trend?.period ?? note}</span>
        </span>
      )}
    </>
  )
  return href ? (
    <a class="card stat-card" href={href}>{body}</a>
  ) : (
    <div class="card stat-card">{body}</div>
  )
}
