// Pieces the issuance pages share: the organization's achievements as choices, the empty state of an
// organization with nothing to issue, field errors in the page's language, path parameters.
import type { Translator } from '../../../app/i18n/translator.js'
import type { InputIssue } from '../../../app/platform/input-error.js'
import { EmptyState } from '../../components/empty-state.js'
import type { SelectOption } from '../../components/form.js'
import { useT } from '../../kit/env.js'

/** An achievement a form offers: id and name. */
export interface AchievementChoice {
  id: string
  name: string
}

/** The choices of an achievement Select. */
export const achievementOptions = (achievements: readonly AchievementChoice[]): SelectOption[] => achievements.map((a) => [a.id, a.name] as const)

/** What the issue and bulk forms show when nothing is published yet. */
export function NothingToIssue({ orgSlug }: { orgSlug: string }) {
  const t = useT()
  return (
    <EmptyState
      icon="award"
      title={t.t('iss.empty.noAchievementTitle')}
      actions={<a class="button" href={`/orgs/${orgSlug}/achievements`}>{t.t('iss.empty.noAchievementAction')}</a>}
    >
      {t.t('iss.empty.noAchievementText')}
    </EmptyState>
  )
}

/**
 * Input issues as messages per form field, in the page's language where the catalog has the code
 * (`common.input.<code>`), else the English message; `fieldOf` maps an issue's path to its field.
 */
export function fieldErrors(t: Translator, issues: readonly InputIssue[], fieldOf: Readonly<Record<string, string>> = {}): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const { path, code, message } of issues) {
    const key = `common.input.${code}`
    errors[fieldOf[path] ?? path] ??= t.has(key) ? t.t(key) : message
  }
  return errors
}

/** The UUID in a path (a credential's or a batch's), lower-cased, or undefined. */
export const uuidParam = (value: string | undefined): string | undefined =>
  value && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value.toLowerCase() : undefined

/** The UUID of a `urn:uuid:` credential id (what the pages' paths carry). */
export const uuidOfId = (id: string): string => id.replace(/^urn:uuid:/, '')
