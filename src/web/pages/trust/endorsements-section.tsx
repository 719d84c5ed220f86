// The endorsements section of a public page (an organization's, a credential's): the list, or
// what an empty list means, and the "Endorse" action for those who may endorse.
import type { VerifiedEndorsement } from '../../../app/endorsements/endorsements-use-cases.js'
import { EmptyState } from '../../components/empty-state.js'
import { Icon } from '../../components/icons.js'
import { useT } from '../../kit/env.js'
import { EndorsementList } from './endorsement-list.js'

export function EndorsementsSection({ endorsements, orgName, endorseHref }: { endorsements: readonly VerifiedEndorsement[]; orgName: string; endorseHref?: string | undefined }) {
  const t = useT()
  return (
    <section class="org-section endorsements-section" id="endorsements" aria-labelledby="endorsements-title">
      <div class="section-head">
        <h2 id="endorsements-title">{t.t('trust.public.title')}</h2>
        <p class="muted">{t.t('trust.public.lead', { name: orgName })}</p>
        {endorseHref && <a class="button secondary" href={endorseHref}><Icon name="award" />{t.t('trust.public.endorse', { name: orgName })}</a>}
      </div>
      {endorsements.length === 0 ? (
        <EmptyState icon="award" title={t.t('trust.public.none')}>{t.t('trust.public.noneText', { name: orgName })}</EmptyState>
      ) : (
        <EndorsementList endorsements={endorsements} />
      )}
    </section>
  )
}
