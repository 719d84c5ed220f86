import type { Child } from 'hono/jsx'
import { Icon, type IconName } from './icons.js'

/** How an alert reads: information, success, a warning, or a problem. */
export type AlertKind = 'info' | 'ok' | 'warn' | 'bad'

const ICONS: Record<AlertKind, IconName> = { info: 'info', ok: 'check', warn: 'alert', bad: 'alert' }

/**
 * A message box. Problems are announced at once (role=alert); confirmations and information
 * politely (role=status).
 */
export function Alert({ kind = 'info', title, children, id }: { kind?: AlertKind; title?: Child; children?: Child; id?: string }) {
  return (
    <div class={kind === 'info' ? 'alert' : `alert ${kind}`} role={kind === 'bad' ? 'alert' : 'status'} id={id}>
      <Icon name={ICONS[kind]} />
      <div>
        {title && <p class="alert-title">{title}</p>}
        {children}
      </div>
    </div>
  )
}

/** A confirmation after a redirect (`?done=…`): shown when the page has a message for that value. */
export function Flash({ message }: { message: string | undefined }) {
  if (!message) return null
  return <Alert kind="ok">{<p>{message}</p>}</Alert>
}
