import type { Child } from 'hono/jsx'
import { usePage } from '../kit/env.js'

/** One step of a breadcrumb trail; the last one is the current page (no link). */
export interface Crumb {
  label: string
  href?: string
}

/** Where the page sits: links back up the hierarchy. */
export function Breadcrumbs({ items }: { items: readonly Crumb[] }) {
  const { t } = usePage()
  if (items.length === 0) return null
  return (
    <nav class="breadcrumbs" aria-label={t.t('common.breadcrumbs')}>
      <ol>
        {items.map((item, i) =>
          item.href && i < items.length - 1 ? (
            <li><a href={item.href}>{item.label}</a></li>
          ) : (
            <li aria-current="page">{item.label}</li>
          ),
        )}
      </ol>
    </nav>
  )
}

/** A page's heading block: breadcrumbs, an eyebrow, the h1, a lead paragraph, and actions on the right. */
export function PageHeader({ title, eyebrow, lead, crumbs, actions, id }: { title: Child; eyebrow?: Child; lead?: Child; crumbs?: readonly Crumb[]; actions?: Child; id?: string }) {
  return (
    <>
      {crumbs && <Breadcrumbs items={crumbs} />}
      <div class="page-header">
        <div>
          {eyebrow && <span class="eyebrow">{eyebrow}</span>}
          <h1 id={id}>{title}</h1>
          {lead && <p class="lead">{lead}</p>}
        </div>
        {actions && <div class="actions">{actions}</div>}
      </div>
    </>
  )
}
