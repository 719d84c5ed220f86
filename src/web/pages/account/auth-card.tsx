import type { Child } from 'hono/jsx'
import { useT } from '../../kit/env.js'
import { Logo } from '../../components/icons.js'

/**
 * The frame of the way-in pages (sign in, sign up, passwords, confirmations): a centred card with
 * the mark, the page's h1 and lead, then the form; links to the neighbouring pages beneath it.
 */
export function AuthCard({ title, lead, children, footer }: { title: Child; lead?: Child; children?: Child; footer?: Child }) {
  const t = useT()
  return (
    <div class="container page auth-page">
      <div class="auth-card">
        <div class="auth-brand">
          <Logo size={44} id="auth-logo" />
          <span>
            <span class="auth-brand-name">Emblem</span>
            <span class="auth-tagline">{t.t('acct.card.tagline')}</span>
          </span>
        </div>
        <h1>{title}</h1>
        {lead && <p class="auth-lead">{lead}</p>}
        {children}
      </div>
      {footer && <p class="auth-footer">{footer}</p>}
    </div>
  )
}
