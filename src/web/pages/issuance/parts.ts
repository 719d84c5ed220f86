// Pieces the issuance pages share: state pills, the organization's published achievements, numbers.
import type { Context } from 'hono'
import { html } from 'hono/html'
import type { AchievementRecord } from '../../../app/achievements/ports.js'
import type { CredentialState } from '../../../app/credentials/ports.js'
import type { BatchRecord } from '../../../app/issuance/ports.js'
import '../../../http/context.js'

export { csrfField, errorSummary, formAlert, inputField, notice, selectField, textAreaField, when, type FieldErrors } from '../orgs/form-parts.js'

/** How a credential's state reads. */
export const CREDENTIAL_PILL: Record<CredentialState, unknown> = {
  active: html`<span class="pill ok">Active</span>`,
  suspended: html`<span class="pill warn">Suspended</span>`,
  revoked: html`<span class="pill bad">Revoked</span>`,
}

/** How a batch's state reads. */
export const BATCH_PILL: Record<BatchRecord['state'], unknown> = {
  queued: html`<span class="pill neutral">Queued</span>`,
  running: html`<span class="pill warn">Running</span>`,
  done: html`<span class="pill ok">Done</span>`,
  failed: html`<span class="pill bad">Failed</span>`,
}

/** A whole number with thousands separators ("12,345"). */
export const count = (n: number): string => n.toLocaleString('en-US')

/** The organization's published achievements (what can be issued), by name. */
export const publishedAchievements = (c: Context, orgId: string): Promise<AchievementRecord[]> => c.var.platform.achievements.published(orgId)

/** The UUID in a path (a credential's or a batch's), lower-cased, or undefined. */
export const uuidParam = (value: string | undefined): string | undefined =>
  value && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value.toLowerCase() : undefined
