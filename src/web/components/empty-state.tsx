import type { Child } from 'hono/jsx'
import { Icon, type IconName } from './icons.js'

/** An illustration for empty lists: a soft disc with the topic's icon. */
function Art({ icon }: { icon: IconName }) {
  return (
    <svg class="art" viewBox="0 0 112 112" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id={`empty-${icon}`} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stop-color="var(--indigo-100)" />
          <stop offset="1" stop-color="var(--primary-soft)" />
        </linearGradient>
      </defs>
      <circle cx="56" cy="56" r="52" fill={`url(#empty-${icon})`} />
      <circle cx="56" cy="56" r="36" fill="var(--surface)" stroke="var(--border)" />
      <g transform="translate(36 36) scale(1.6667)" color="var(--primary)">
        <Icon name={icon} class="" />
      </g>
    </svg>
  )
}

/** What a list shows when it has nothing yet: what would be here, and how to start. */
export function EmptyState({ icon = 'inbox', title, children, actions, headingLevel = 2 }: { icon?: IconName; title: Child; children?: Child; actions?: Child; headingLevel?: 2 | 3 }) {
  return (
    <div class="empty-state">
      <Art icon={icon} />
      {headingLevel === 2 ? <h2>{title}</h2> : <h3>{title}</h3>}
      {children && <p>{children}</p>}
      {actions && <div class="actions">{actions}</div>}
    </div>
  )
}
