// /wallet/career: the learner's plan toward a target occupation (covered skills and why, the gap,
// programs), their targets, and links to where each credential leads; /wallet/career/credentials/<id>.
import type { CareerPlan, OccupationTowards } from '../../../app/career/career-use-cases.js'
import type { OccupationRecord } from '../../../app/occupations/ports.js'
import { Alert } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { EmptyState } from '../../components/empty-state.js'
import { CsrfField } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { usePage } from '../../kit/env.js'
import { Attribution, FrameworkPill, OccupationList, occupationHref, planHref } from './career-parts.js'
import { OccupationSearch } from './occupations-view.js'

export interface PlannerModel {
  plan: CareerPlan | undefined
  targets: OccupationRecord[]
  query: string
  results: OccupationRecord[]
  /** The learner's verified credentials, for "where it leads". */
  credentials: { id: string; name: string }[]
  notice?: 'saved' | 'removed' | undefined
}

const crumbs = (t: ReturnType<typeof usePage>['t']) => [{ label: t.t('wallet.title'), href: '/wallet' }, { label: t.t('career.planner.title') }]

function ChooseButton({ occupation }: { occupation: OccupationRecord }) {
  const { t } = usePage()
  return (
    <form method="post" action="/wallet/career/target">
      <CsrfField />
      <input type="hidden" name="occupation" value={occupation.id} />
      <button type="submit" class="button secondary sm" aria-label={t.t('career.planner.chooseLabel', { occupation: occupation.preferredLabel })}>{t.t('career.planner.choose')}</button>
    </form>
  )
}

function PlanBody({ plan }: { plan: CareerPlan }) {
  const { t } = usePage()
  const { covered, gap, programs, essential } = plan
  const credentialLink = (c: { id: string; name: string }) => (chunks: unknown) => <a href={`/wallet/${encodeURIComponent(c.id)}`}>{chunks as never}</a>
  return (
    <>
      <div class="career-progress card">
        <p class="career-progress-figure" id="career-progress-label">{t.t('career.planner.progress', { covered: essential.covered, total: essential.total })}</p>
        <progress max={Math.max(1, essential.total)} value={essential.covered} aria-labelledby="career-progress-label" />
        <p class="muted">{t.t('career.planner.basis', { count: plan.credentials })}</p>
      </div>
      <div class="grid cols-2 career-columns">
        <Card title={t.t('career.planner.covered')} id="covered" class="career-covered">
          {covered.length === 0 ? (
            <p class="muted">{t.t('career.planner.coveredNone')}</p>
          ) : (
            <ul class="skill-rows">
              {covered.map((c) => (
                <li>
                  <span class="skill-row-label"><Icon name="check" class="icon ok-icon" />{c.label}</span>
                  <span class="skill-row-meta"><span class={c.relation === 'essential' ? 'pill ok' : 'pill'}>{t.t(`career.relation.${c.relation}`)}</span></span>
                  <ul class="career-why">
                    {c.because.flatMap((b) =>
                      b.credentials.map((cred) => (
                        <li>{b.match === 'direct' ? t.rich('career.planner.direct', { credential: cred.name, link: credentialLink(cred) }) : t.rich('career.planner.narrower', { skill: b.label, credential: cred.name, link: credentialLink(cred) })}</li>
                      )),
                    )}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t.t('career.planner.gap')} id="gap" class="career-gap">
          {gap.length === 0 ? (
            <p class="muted">{t.t('career.planner.gapNone')}</p>
          ) : (
            <ul class="skill-rows">
              {gap.map((g) => (
                <li>
                  <span class="skill-row-label">{g.label}</span>
                  <span class="skill-row-meta"><span class={g.relation === 'essential' ? 'pill warn' : 'pill'}>{t.t(`career.relation.${g.relation}`)}</span></span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <section class="section" aria-labelledby="programs">
        <h2 id="programs" class="section-title">{t.t('career.planner.programs')}</h2>
        {programs.length === 0 ? (
          <p class="muted">{t.t('career.planner.programsNone')}</p>
        ) : (
          <ul class="occupation-list">
            {programs.map((p) => (
              <li class="occupation-card">
                <div class="occupation-card-body">
                  <h3 class="occupation-card-title">{p.url ? <a href={p.url}>{p.title}</a> : p.title}</h3>
                  <p class="occupation-card-meta">
                    <span class="pill ok">{t.t('career.planner.programCovers', { count: p.covers.length })}</span>
                    {p.hours !== null && <span class="tag">{t.t('career.planner.hours', { hours: p.hours })}</span>}
                    {p.price !== null && <span class="tag">{p.price === 0 ? t.t('career.planner.free') : t.t('career.planner.price', { price: p.price, currency: p.currency ?? '' })}</span>}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}

export function PlannerView({ model }: { model: PlannerModel }) {
  const { t } = usePage()
  const { plan, targets } = model
  return (
    <div class="container page career-page">
      <PageHeader
        crumbs={crumbs(t)}
        eyebrow={plan ? t.t('career.planner.target') : undefined}
        title={plan ? plan.occupation.preferredLabel : t.t('career.planner.title')}
        lead={plan ? undefined : t.t('career.planner.lead')}
        actions={plan ? <a class="button secondary" href={occupationHref(plan.occupation.id)}><Icon name="book" />{t.t('career.planner.viewOccupation')}</a> : undefined}
      />
      {model.notice && <Alert kind="ok">{t.t(model.notice === 'saved' ? 'career.planner.saved' : 'career.planner.removed')}</Alert>}
      <div class="career-layout">
        <div class="career-main">
          {plan ? <PlanBody plan={plan} /> : null}
          <section class="section" aria-labelledby="pick">
            <h2 id="pick" class="section-title">{t.t('career.planner.pick')}</h2>
            <OccupationSearch action="/wallet/career#pick" query={model.query} id="career-q" />
            {model.results.length > 0 ? (
              <OccupationList items={model.results} action={(o) => <ChooseButton occupation={o} />} />
            ) : model.query ? (
              <p class="muted">{t.t('career.occupations.results', { count: 0, query: model.query })}</p>
            ) : null}
          </section>
        </div>
        <aside class="career-aside">
          {targets.length > 0 && (
            <Card title={t.t('career.planner.targets')} id="targets" headingLevel={2}>
              <ul class="career-targets">
                {targets.map((o) => (
                  <li class={plan?.occupation.id === o.id ? 'current' : undefined}>
                    <a href={planHref(o.id)} aria-current={plan?.occupation.id === o.id ? 'page' : undefined} aria-label={t.t('career.planner.switch', { occupation: o.preferredLabel })}>{o.preferredLabel}</a>
                    <FrameworkPill framework={o.framework} />
                    <form method="post" action="/wallet/career/target/remove">
                      <CsrfField />
                      <input type="hidden" name="occupation" value={o.id} />
                      <button type="submit" class="link-button" aria-label={t.t('career.planner.removeLabel', { occupation: o.preferredLabel })}>{t.t('career.planner.remove')}</button>
                    </form>
                  </li>
                ))}
              </ul>
            </Card>
          )}
          {model.credentials.length > 0 && (
            <Card title={t.t('career.planner.credentials')} id="leads" headingLevel={2}>
              <p class="muted">{t.t('career.planner.credentialsLead')}</p>
              <ul class="career-targets">
                {model.credentials.map((c) => (
                  <li><a href={`/wallet/career/credentials/${encodeURIComponent(c.id)}`} aria-label={t.t('career.planner.credentialLink', { credential: c.name })}>{c.name}</a></li>
                ))}
              </ul>
            </Card>
          )}
        </aside>
      </div>
      <Attribution frameworks={[...(plan ? [plan.occupation.framework] : []), ...model.results.map((o) => o.framework)]} />
    </div>
  )
}

export function TowardsView({ model }: { model: { credential: { id: string; name: string; verified: boolean }; occupations: OccupationTowards[] } }) {
  const { t } = usePage()
  const { credential, occupations } = model
  return (
    <div class="container page career-page">
      <PageHeader crumbs={[...crumbs(t).slice(0, 1), { label: t.t('career.planner.title'), href: '/wallet/career' }, { label: credential.name }]} title={t.t('career.towards.title', { credential: credential.name })} lead={t.t('career.towards.lead')} />
      {!credential.verified ? (
        <Alert kind="warn">{t.t('career.towards.unverified')}</Alert>
      ) : occupations.length === 0 ? (
        <EmptyState icon="search" title={t.t('career.towards.none')} />
      ) : (
        <ul class="occupation-list">
          {occupations.map((o) => (
            <li class="occupation-card">
              <div class="occupation-card-body">
                <h2 class="occupation-card-title"><a href={occupationHref(o.occupation.id)}>{o.occupation.preferredLabel}</a></h2>
                <p class="occupation-card-meta">
                  <FrameworkPill framework={o.occupation.framework} />
                  <span class="pill ok">{t.t('career.towards.covers', { count: o.skills.length, total: o.total })}</span>
                </p>
                <ul class="tags">
                  {o.skills.map((s) => (
                    <li class={s.relation === 'essential' ? 'tag essential' : 'tag'}>{s.label}</li>
                  ))}
                </ul>
              </div>
              <div class="occupation-card-action"><a class="button secondary sm" href={planHref(o.occupation.id)}>{t.t('career.towards.plan')}</a></div>
            </li>
          ))}
        </ul>
      )}
      <Attribution frameworks={occupations.map((o) => o.occupation.framework)} />
    </div>
  )
}
