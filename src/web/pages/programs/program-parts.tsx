// Small parts the program pages share: a program's facts (format, workload, dates, price, language)
// and a requirement's status in words.
import type { ProgramRecord, ProgressStatus, RequirementKind } from '../../../app/programs/ports.js'
import type { Translator } from '../../../app/i18n/translator.js'
import { Icon, type IconName } from '../../components/icons.js'
import { useT } from '../../kit/env.js'

export const priceText = (t: Translator, p: Pick<ProgramRecord, 'priceCents' | 'currency'>): string =>
  p.priceCents === 0 ? t.t('prog.free') : t.number(p.priceCents / 100, { style: 'currency', currency: p.currency })

export const formatText = (t: Translator, format: ProgramRecord['format']): string =>
  t.t(format === 'online' ? 'prog.format.online' : format === 'onsite' ? 'prog.format.onsite' : 'prog.format.blended')

export const kindText = (t: Translator, kind: RequirementKind): string =>
  t.t(
    kind === 'evidence' ? 'prog.kind.evidence' : kind === 'score' ? 'prog.kind.score' : kind === 'review' ? 'prog.kind.review' : kind === 'attendance' ? 'prog.kind.attendance' : 'prog.kind.credential',
  )

const STATUS: Record<ProgressStatus, [string, IconName]> = { pending: ['neutral', 'clock'], submitted: ['info', 'inbox'], changes: ['warn', 'edit'], rejected: ['bad', 'x'], met: ['ok', 'check'] }

export function ProgressPill({ status }: { status: ProgressStatus }) {
  const t = useT()
  const [tone, icon] = STATUS[status]
  const label = t.t(status === 'pending' ? 'prog.status.pending' : status === 'submitted' ? 'prog.status.submitted' : status === 'changes' ? 'prog.status.changes' : status === 'rejected' ? 'prog.status.rejected' : 'prog.status.met')
  return (
    <span class={`pill ${tone}`}>
      <Icon name={icon} />
      {label}
    </span>
  )
}

/** The facts of a program as a definition list. */
export function ProgramFacts({ program, seatsLeft }: { program: ProgramRecord; seatsLeft?: number | null }) {
  const t = useT()
  return (
    <dl class="prog-facts">
      <div>
        <dt>{t.t('prog.fact.format')}</dt>
        <dd>{formatText(t, program.format)}</dd>
      </div>
      <div>
        <dt>{t.t('prog.fact.workload')}</dt>
        <dd>{t.t('prog.hours', { count: program.hours })}{program.durationWeeks ? ` · ${t.t('prog.weeks', { count: program.durationWeeks })}` : ''}</dd>
      </div>
      <div>
        <dt>{t.t('prog.fact.when')}</dt>
        <dd>{program.selfPaced ? t.t('prog.selfPaced') : program.startsOn ? (program.endsOn ? t.t('prog.dates', { start: t.date(program.startsOn), end: t.date(program.endsOn) }) : t.t('prog.startsOn', { start: t.date(program.startsOn) })) : '—'}</dd>
      </div>
      <div>
        <dt>{t.t('prog.fact.price')}</dt>
        <dd>{priceText(t, program)}</dd>
      </div>
      <div>
        <dt>{t.t('prog.fact.language')}</dt>
        <dd>{languageName(t, program.language)}</dd>
      </div>
      {seatsLeft !== undefined && seatsLeft !== null && (
        <div>
          <dt>{t.t('prog.fact.seats')}</dt>
          <dd>{t.t('prog.seatsLeft', { count: seatsLeft })}</dd>
        </div>
      )}
    </dl>
  )
}

/** A language code's name in the page's language. */
export function languageName(t: Translator, code: string): string {
  try {
    return new Intl.DisplayNames([t.locale], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}
