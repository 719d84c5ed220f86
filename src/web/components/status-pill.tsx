import { useT } from '../kit/env.js'
import { Icon, type IconName } from './icons.js'

/** Every state a pill can show, with its tone and icon. */
const STATES = {
  active: ['ok', 'check'],
  valid: ['ok', 'check'],
  verified: ['ok', 'shield'],
  published: ['ok', 'check'],
  done: ['ok', 'check'],
  accepted: ['ok', 'check'],
  sent: ['ok', 'check'],
  revoked: ['bad', 'x'],
  failed: ['bad', 'x'],
  'not-verified': ['bad', 'shieldOff'],
  suspended: ['warn', 'pause'],
  expired: ['warn', 'clock'],
  running: ['info', 'refresh'],
  pending: ['info', 'clock'],
  queued: ['neutral', 'clock'],
  held: ['neutral', 'inbox'],
  draft: ['neutral', 'edit'],
  archived: ['neutral', 'archive'],
  retired: ['neutral', 'archive'],
} as const satisfies Record<string, readonly ['ok' | 'bad' | 'warn' | 'info' | 'neutral', IconName]>

/** A state a StatusPill shows. */
export type PillState = keyof typeof STATES

/** A coloured pill naming a state in words, with an icon, so colour is never the only signal. */
export function StatusPill({ state }: { state: PillState }) {
  const t = useT()
  const [tone, icon] = STATES[state]
  return (
    <span class={tone === 'neutral' ? 'pill' : `pill ${tone}`} data-state={state}>
      <Icon name={icon} />
      {t.t(`common.status.${state}`)}
    </span>
  )
}
