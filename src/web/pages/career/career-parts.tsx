// Shared parts of the occupation and career pages.
import type { OccupationRecord } from '../../../app/occupations/ports.js'
import { ESCO_ATTRIBUTION, ONET_ATTRIBUTION } from '../../../core/skills/index.js'
import { usePage } from '../../kit/env.js'

/** An occupation's page. */
export const occupationHref = (uri: string): string => `/occupations/${encodeURIComponent(uri)}`
/** The planner toward an occupation. */
export const planHref = (uri: string): string => `/wallet/career?occupation=${encodeURIComponent(uri)}`

/** The framework's short name as a pill. */
export function FrameworkPill({ framework }: { framework: string }) {
  const { t } = usePage()
  const key = framework === 'esco' || framework === 'onet' || framework === 'emblem-demo' ? framework : undefined
  return <span class="pill brand">{key ? t.t(`career.framework.${key}`) : framework}</span>
}

/** The attribution each framework's licence asks for, for the frameworks shown (in English, as the licences word it). */
export function Attribution({ frameworks }: { frameworks: readonly string[] }) {
  const texts = [...new Set(frameworks)].flatMap((f) => (f === 'esco' ? [ESCO_ATTRIBUTION] : f === 'onet' ? [ONET_ATTRIBUTION] : []))
  if (texts.length === 0) return null
  return (
    <footer class="career-attribution" lang="en">
      {texts.map((text) => (
        <p class="muted">{text}</p>
      ))}
    </footer>
  )
}

/** A list of occupations as linked cards. */
export function OccupationList({ items, action }: { items: readonly OccupationRecord[]; action?: (o: OccupationRecord) => unknown }) {
  return (
    <ul class="occupation-list">
      {items.map((o) => (
        <li class="occupation-card">
          <div class="occupation-card-body">
            <h3 class="occupation-card-title">
              <a href={occupationHref(o.id)}>{o.preferredLabel}</a>
            </h3>
            <p class="occupation-card-meta">
              <FrameworkPill framework={o.framework} />
              {o.code && o.framework !== 'emblem-demo' && <span class="tag">{o.code}</span>}
            </p>
            {o.description && <p class="occupation-card-desc muted">{o.description.length > 220 ? `${o.description.slice(0, 217)}…` : o.description}</p>}
          </div>
          {action && <div class="occupation-card-action">{action(o) as never}</div>}
        </li>
      ))}
    </ul>
  )
}
