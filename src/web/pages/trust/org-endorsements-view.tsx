// /orgs/:org/endorsements: the endorsements an organization received (of it and its achievements)
// and gave, each with its signed document; admins and owners withdraw what they gave. Endorsing
// starts from another organization's public page.
import type { EndorsementView } from '../../../app/endorsements/endorsements-use-cases.js'
import { hasRole, MIN_ROLE, type RoleName } from '../../../app/platform/roles.js'
import { Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { EmptyState } from '../../components/empty-state.js'
import { CsrfField } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { useT } from '../../kit/env.js'

export interface OrgEndorsementsModel {
  shell: ShellOrg
  role: RoleName
  received: readonly EndorsementView[]
  given: readonly EndorsementView[]
  done?: string | undefined
}

function Item({ e, direction, canWithdraw, slug }: { e: EndorsementView; direction: 'given' | 'received'; canWithdraw: boolean; slug: string }) {
  const t = useT()
  const withdrawn = e.state === 'withdrawn'
  return (
    <li class={withdrawn ? 'endorsement withdrawn' : 'endorsement'} data-endorsement={e.id} data-state={e.state}>
      <div class="endorsement-head">
        <p class="endorsement-who">
          {direction === 'received'
            ? t.rich('trust.endorsement.bySubject', { org: (chunks) => <a href={`/orgs/${e.org.slug}`}>{chunks}</a>, name: e.org.name, subject: e.subjectName })
            : e.subjectKind === 'organization'
              ? t.rich('trust.org.givenToOrg', { org: (chunks) => <a href={`/orgs/${e.subjectOrg.slug}`}>{chunks}</a>, name: e.subjectOrg.name })
              : t.rich('trust.org.givenTo', { org: (chunks) => <a href={`/orgs/${e.subjectOrg.slug}`}>{chunks}</a>, name: e.subjectOrg.name, subject: e.subjectName })}
        </p>
        {withdrawn ? <span class="pill">{t.t('trust.org.withdrawn')}</span> : <span class="pill ok"><Icon name="check" />{t.t('trust.org.active')}</span>}
      </div>
      <blockquote class="endorsement-comment">{e.comment}</blockquote>
      <div class="endorsement-foot">
        <p class="endorsement-meta muted small">
          <time datetime={e.createdAt}>{t.date(e.createdAt)}</time>
          {withdrawn && e.withdrawnAt && <> · {t.t('trust.org.withdrawnOn', { date: t.date(e.withdrawnAt) })}</>}
          {!withdrawn && <> · <a href={`/endorsements/${e.id}`}>{t.t('trust.endorsement.document')}</a></>}
        </p>
        {direction === 'given' && !withdrawn && canWithdraw && (
          <form method="post" action={`/orgs/${slug}/endorsements/${e.id}/withdraw`}>
            <CsrfField />
            <button type="submit" class="button secondary sm"><Icon name="x" />{t.t('trust.org.withdraw')}<span class="sr-only"> {e.subjectName}</span></button>
          </form>
        )}
      </div>
    </li>
  )
}

export function OrgEndorsementsPage({ model }: { model: OrgEndorsementsModel }) {
  const t = useT()
  const { shell, role } = model
  const canWithdraw = hasRole(role, MIN_ROLE.manage)
  return (
    <OrgShell org={shell} role={role} current="endorsements">
      <PageHeader eyebrow={shell.name} title={t.t('trust.org.title')} lead={t.t('trust.org.lead')} />
      <Flash message={model.done === 'withdrawn' ? t.t('trust.org.done.withdrawn') : model.done === 'endorsed' ? t.t('trust.org.done.endorsed') : undefined} />
      <div class="stack-lg">
        <Card title={t.t('trust.org.received')} id="received">
          {model.received.length === 0 ? (
            <EmptyState icon="award" title={t.t('trust.org.noneReceived')} headingLevel={3}>{t.t('trust.org.noneReceivedText')}</EmptyState>
          ) : (
            <ul class="endorsement-list">{model.received.map((e) => <Item e={e} direction="received" canWithdraw={false} slug={shell.slug} />)}</ul>
          )}
        </Card>
        <Card title={t.t('trust.org.given')} id="given">
          {model.given.length === 0 ? (
            <EmptyState icon="send" title={t.t('trust.org.noneGiven')} headingLevel={3}>{t.t('trust.org.noneGivenText')}</EmptyState>
          ) : (
            <ul class="endorsement-list">{model.given.map((e) => <Item e={e} direction="given" canWithdraw={canWithdraw} slug={shell.slug} />)}</ul>
          )}
        </Card>
      </div>
    </OrgShell>
  )
}
