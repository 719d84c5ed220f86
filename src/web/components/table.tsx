// Tables: a caption for screen readers, sortable headers (server-side, by links), a focusable
// scroll region on narrow screens, an empty state, and pagination below.
import type { Child } from 'hono/jsx'
import { useT } from '../kit/env.js'
import { Icon } from './icons.js'

/** Which way a column is sorted. */
export type SortDirection = 'asc' | 'desc'

/** One column: its header and how a row's cell is drawn. */
export interface Column<R> {
  key: string
  header: Child
  cell: (row: R) => Child
  /** Right-aligned tabular figures. */
  numeric?: boolean
  /** The cell is the row's header (`<th scope="row">`): the thing the row is about. */
  rowHeader?: boolean
  sortable?: boolean
}

/** The current sort and how to link to another. */
export interface SortState {
  key: string
  direction: SortDirection
  /** The URL of this list sorted by `key` in `direction`. */
  href: (key: string, direction: SortDirection) => string
}

let tableCount = 0

/** A data table. `caption` names it (visually hidden unless `showCaption`). */
export function DataTable<R>({ caption, showCaption = false, columns, rows, sort, footer, id }: { caption: string; showCaption?: boolean; columns: readonly Column<R>[]; rows: readonly R[]; sort?: SortState; footer?: Child; id?: string }) {
  const t = useT()
  const captionId = `${id ?? `table-${++tableCount}`}-caption`
  return (
    <div class="table-wrap" role="region" aria-labelledby={captionId} tabindex={0} id={id}>
      <table>
        <caption id={captionId} class={showCaption ? undefined : 'sr-only'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((col) => {
              const isSorted = sort?.key === col.key
              const ariaSort = isSorted ? (sort!.direction === 'asc' ? 'ascending' : 'descending') : undefined
              const next: SortDirection = isSorted && sort!.direction === 'asc' ? 'desc' : 'asc'
              return (
                <th scope="col" class={col.numeric ? 'num' : undefined} aria-sort={ariaSort}>
                  {col.sortable && sort ? (
                    <a class="sort-link" href={sort.href(col.key, next)}>
                      {col.header}
                      <Icon name={isSorted ? (sort.direction === 'asc' ? 'arrowUp' : 'arrowDown') : 'sort'} />
                      <span class="sr-only">{t.t(next === 'asc' ? 'common.table.sortAscending' : 'common.table.sortDescending')}</span>
                    </a>
                  ) : (
                    col.header
                  )}
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {columns.map((col) =>
                col.rowHeader ? (
                  <th scope="row" class={col.numeric ? 'num' : undefined}>{col.cell(row)}</th>
                ) : (
                  <td class={col.numeric ? 'num' : undefined}>{col.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {footer && <div class="table-foot">{footer}</div>}
    </div>
  )
}

/** Previous / next links of a paged list, and what is shown. */
export function Pagination({ summary, previous, next }: { summary?: Child; previous?: string | undefined; next?: string | undefined }) {
  const t = useT()
  return (
    <>
      <span>{summary}</span>
      {(previous || next) && (
        <nav class="pagination" aria-label={t.t('common.table.pagination')}>
          {previous && (
            <a class="button secondary sm" href={previous} rel="prev">
              <Icon name="chevronLeft" />
              {t.t('common.table.previous')}
            </a>
          )}
          {next && (
            <a class="button secondary sm" href={next} rel="next">
              {t.t('common.table.next')}
              <Icon name="chevronRight" />
            </a>
          )}
        </nav>
      )}
    </>
  )
}
