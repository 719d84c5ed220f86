// Endorsements as the public pages show them (an organization's page, a credential's page, an
// achievement's page): who endorses what, their words, when, and whether the signed
// EndorsementCredential verified (a "Verified endorsement" pill), with its JSON a click away.
import type { VerifiedEndorsement } from '../../../app/endorsements/endorsements-use-cases.js'
import { Icon } from '../../components/icons.js'
import { useT } from '../../kit/env.js'

/** The endorsements, newest first; `showSubject` names what each endorses (an organization's page lists its achievements' too). */
export function EndorsementList({ endorsements, showSubject = true }: { endorsements: readonly VerifiedEndorsement[]; showSubject?: boolean }) {
  const t = useT()
  return (
    <ul class="endorsement-list">
      {endorsements.map((e) => (
        <li class="endorsement" data-endorsement={e.id} data-endorsement-verified={e.verified ? 'true' : 'false'}>
          <div class="endorsement-head">
            <span class="endorsement-initial" aria-hidden="true">{Array.from(e.org.name)[0]?.toUpperCase()}</span>
            <p class="endorsement-who">
              {t.rich(showSubject ? 'trust.endorsement.bySubject' : 'trust.endorsement.by', {
                org: (chunks) => <a href={`/orgs/${e.org.slug}`}>{chunks}</a>,
                name: e.org.name,
                subject: e.subjectName,
              })}
            </p>
            {e.verified ? (
              <span class="pill ok"><Icon name="shield" />{t.t('trust.endorsement.verified')}</span>
            ) : (
              <span class="pill bad"><Icon name="shieldOff" />{t.t('trust.endorsement.notVerified')}</span>
            )}
          </div>
          <blockquote class="endorsement-comment">{e.comment}</blockquote>
          <p class="endorsement-meta muted small">
            <time datetime={e.createdAt}>{t.date(e.createdAt)}</time> · <a href={`/endorsements/${e.id}`}>{t.t('trust.endorsement.document')}</a>
          </p>
        </li>
      ))}
    </ul>
  )
}
