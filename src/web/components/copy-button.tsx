import { useT } from '../kit/env.js'
import { Icon } from './icons.js'

/**
 * A copy-to-clipboard button for `text` (or the text of the element `target` selects). Hidden
 * until the enhancement script runs, since without it the button could do nothing.
 */
export function CopyButton({ text, target, label, size = 'sm' }: { text?: string; target?: string; label?: string; size?: 'sm' | 'md' }) {
  const t = useT()
  return (
    <button
      type="button"
      class={`button secondary ${size === 'sm' ? 'sm ' : ''}js-only copy-button`}
      data-copy={text}
      data-copy-target={target}
      data-copied-message={t.t('common.copy.done')}
      data-copy-failed-message={t.t('common.copy.failed')}
    >
      <Icon name="copy" />
      <span class="copy-label">{label ?? t.t('common.copy.label')}</span>
      <span class="copied-label">{t.t('common.copy.done')}</span>
    </button>
  )
}

/** A value shown in full with a copy button beside it (DIDs, URLs, keys). */
export function CopyField({ value, id, secret = false }: { value: string; id: string; secret?: boolean }) {
  return (
    <div class="copy-field">
      {secret ? <div class="secret" id={id}>{value}</div> : <code id={id}>{value}</code>}
      <CopyButton target={`#${id}`} />
    </div>
  )
}
