// The organization's achievements as a grid of badge tiles: each with its image, state and facts,
// filtered by state and name (a GET form that works without script), a page at a time.
import type { AchievementRecord, AchievementState } from '../../../app/achievements/ports.js'
import type { RoleName } from '../../../app/platform/roles.js'
import { BadgeTile } from '../../components/badge-tile.js'
import { EmptyState } from '../../components/empty-state.js'
import { Select, TextField } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { StatusPill } from '../../components/status-pill.js'
import { Pagination } from '../../components/table.js'
import { useT } from '../../kit/env.js'

/** The states the list filters by. */
export const ACHIEVEMENT_STATES = ['draft', 'published', 'archived'] as const satisfies readonly AchievementState[]

/** What the list shows. */
export interface AchievementListModel {
  org: ShellOrg
  role: RoleName
  items: readonly Pick<AchievementRecord, 'id' | 'name' | 'state' | 'version' | 'updatedAt' | 'imageId'>[]
  /** The filter as asked ('' for all states). */
  state: '' | AchievementState
  q: string
  nextCursor?: string | undefined
  canManage: boolean
}

/** The page. */
export function AchievementListView({ model }: { model: AchievementListModel }) {
  const t = useT()
  const { org, role, items, state, q, nextCursor, canManage } = model
  const base = `/orgs/${org.slug}/achievements`
  const filtered = state !== '' || q !== ''
  const next = nextCursor ? `?${new URLSearchParams({ ...(state ? { state } : {}), ...(q ? { q } : {}), cursor: nextCursor })}` : undefined
  const newButton = canManage && <a class="button" href={`${base}/new`}><Icon name="plus" />{t.t('ach.list.new')}</a>
  return (
    <OrgShell org={org} role={role} current="achievements">
      <PageHeader eyebrow={org.name} title={t.t('ach.list.title')} lead={t.t('ach.list.lead')} actions={newButton} />
      <form method="get" action={base} role="search" aria-label={t.t('ach.list.filterLabel')} class="ach-filter">
        <Select name="state" label={t.t('ach.list.state')} value={state} placeholder={t.t('ach.list.allStates')} autosubmit options={ACHIEVEMENT_STATES.map((s) => [s, t.t(`common.status.${s}`)] as const)} />
        <TextField name="q" type="search" label={t.t('ach.list.nameContains')} value={q} maxLength={100} />
        <div class="ach-filter-actions">
          <button type="submit" class="button secondary"><Icon name="search" />{t.t('ach.list.filter')}</button>
          {filtered && <a href={base}>{t.t('ach.list.showAll')}</a>}
        </div>
      </form>
      {items.length === 0 ? (
        filtered ? (
          <EmptyState icon="search" title={t.t('ach.list.noMatchTitle')} actions={<a class="button secondary" href={base}>{t.t('ach.list.showAll')}</a>}>
            {t.t('ach.list.noMatch')}
          </EmptyState>
        ) : (
          <EmptyState icon="award" title={t.t('ach.list.emptyTitle')} actions={newButton}>
            {t.t('ach.list.empty')}
          </EmptyState>
        )
      ) : (
        <section aria-labelledby="ach-results" class="section-tight">
          <h2 id="ach-results" class="sr-only">{t.t('ach.list.results', { count: items.length })}</h2>
          <ul class="badge-grid">
            {items.map((a) => (
              <li>
                <BadgeTile
                  href={`${base}/${a.id}`}
                  image={a.imageId ? `/images/${a.imageId}` : undefined}
                  imageAlt={a.imageId ? t.t('ach.badgeAlt', { name: a.name }) : t.t('ach.noImage')}
                  name={a.name}
                  meta={t.t('ach.list.meta', { version: a.version, date: t.date(a.updatedAt, 'medium') })}
                  footer={<StatusPill state={a.state} />}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
      {next && <Pagination next={next} />}
    </OrgShell>
  )
}
