// /wallet/skills: the skills the learner's verified credentials prove, each with its credentials.
import type { SkillSummary } from '../../../app/share/skills-profile.js'
import { EmptyState } from '../../components/empty-state.js'
import { PageHeader } from '../../components/page-header.js'
import { usePage } from '../../kit/env.js'
import { SkillsList } from './share-parts.js'

/** The page. */
export function SkillsView({ model }: { model: { skills: SkillSummary[] } }) {
  const { t } = usePage()
  const credentials = new Set(model.skills.flatMap((s) => s.credentials.map((c) => c.id))).size
  return (
    <div class="container page skills-page">
      <PageHeader title={t.t('share.skills.title')} lead={t.t('share.skills.lead')} />
      {model.skills.length === 0 ? (
        <EmptyState icon="sparkle" title={t.t('share.skills.empty')} />
      ) : (
        <>
          <p class="skills-summary">{t.t('share.skills.summary', { skills: model.skills.length, credentials })}</p>
          <SkillsList skills={model.skills} hrefOf={(id) => `/wallet/${encodeURIComponent(id)}`} headingLevel={2} />
        </>
      )}
    </div>
  )
}
