import { Hono, type Context } from 'hono'
import { html } from 'hono/html'
import type { AchievementRecord } from '../../../app/achievements/ports.js'
import type { IssueDetails } from '../../../app/issuance/issue-input.js'
import type { OrgRef } from '../../../app/platform/access-ports.js'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { PlatformError } from '../../../core/errors.js'
import { requireOrg } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'
import { orgNav } from '../../components/org-nav.js'
import { renderPage } from '../../page.js'
import { csrfField, errorSummary, formAlert, inputField, publishedAchievements, selectField, textAreaField, type FieldErrors } from './parts.js'

const LABELS: Record<string, string> = {
  achievement: 'Achievement',
  email: 'Learner’s e-mail',
  name: 'Learner’s name',
  did: 'Learner’s DID (optional)',
  validUntil: 'Valid until (optional)',
  evidenceUrl: 'Evidence link (optional)',
  evidenceNarrative: 'Evidence description (optional)',
}

/** Where each problem of checkIssueDetails shows on this form. */
const FIELD_OF: Record<string, string> = {
  'recipient.email': 'email',
  'recipient.name': 'name',
  'recipient.did': 'did',
  validUntil: 'validUntil',
  'evidence.0': 'evidenceUrl',
  'evidence.0.id': 'evidenceUrl',
  'evidence.0.narrative': 'evidenceNarrative',
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** The form's fields as an award; a date-only "valid until" means the end of that day (UTC). */
function detailsOf(fields: Record<string, string>): IssueDetails {
  const validUntil = fields['validUntil']?.trim()
  const evidenceUrl = fields['evidenceUrl']?.trim()
  const evidenceNarrative = fields['evidenceNarrative']?.trim()
  return {
    recipient: { email: fields['email'] ?? '', name: fields['name'] ?? '', ...(fields['did']?.trim() ? { did: fields['did'].trim() } : {}) },
    ...(validUntil ? { validUntil: DATE.test(validUntil) ? `${validUntil}T23:59:59Z` : validUntil } : {}),
    ...(evidenceUrl || evidenceNarrative ? { evidence: [{ ...(evidenceUrl ? { id: evidenceUrl } : {}), ...(evidenceNarrative ? { narrative: evidenceNarrative } : {}) }] } : {}),
  }
}

function issuePage(
  c: Context,
  org: OrgRef,
  achievements: AchievementRecord[],
  { values = {}, errors, alert, status = 200 }: { values?: Record<string, string>; errors?: FieldErrors; alert?: string; status?: 200 | 404 | 409 | 422 } = {},
) {
  const options = achievements.map((a) => [a.id, a.name] as const)
  return renderPage(c, {
    title: `Issue a credential · ${org.name}`,
    status,
    main: html`<h1>Issue a credential</h1>
      ${orgNav(org, 'issue')}
      ${errorSummary(errors, LABELS)} ${formAlert(alert)}
      ${achievements.length === 0
        ? html`<p>${org.name} has no published achievement yet. <a href="/orgs/${org.slug}/achievements">Publish one</a> to issue it.</p>`
        : html`<p class="lead">The learner gets an e-mail with a link to claim the credential. To issue to many at once, <a href="/orgs/${org.slug}/batches/new">upload a CSV file</a>.</p>
            <form method="post" action="/orgs/${org.slug}/issue" novalidate>
              ${csrfField(c)}
              ${selectField({ name: 'achievement', label: LABELS['achievement']!, value: values['achievement'] ?? c.req.query('achievement') ?? '', options, required: true, errors })}
              ${inputField({ name: 'email', label: LABELS['email']!, type: 'email', value: values['email'], autocomplete: 'off', maxlength: 254, required: true, errors })}
              ${inputField({ name: 'name', label: LABELS['name']!, value: values['name'], autocomplete: 'off', maxlength: 200, required: true, errors, hint: 'As it should appear on the credential.' })}
              <details ${['did', 'validUntil', 'evidenceUrl', 'evidenceNarrative'].some((f) => values[f] || errors?.[f]) ? html`open` : ''}>
                <summary>More: DID, expiry, evidence</summary>
                ${inputField({ name: 'did', label: LABELS['did']!, value: values['did'], autocomplete: 'off', maxlength: 2048, errors, hint: 'A decentralized identifier of the learner, such as did:key:z6Mk…, added beside the hashed e-mail.' })}
                ${inputField({ name: 'validUntil', label: LABELS['validUntil']!, value: values['validUntil'], autocomplete: 'off', errors, hint: 'A date (YYYY-MM-DD, valid through its end, UTC). Leave empty to use the achievement’s validity period, if it has one.' })}
                ${inputField({ name: 'evidenceUrl', label: LABELS['evidenceUrl']!, type: 'url', value: values['evidenceUrl'], autocomplete: 'off', maxlength: 2048, errors, hint: 'A link to the learner’s work (https://…).' })}
                ${textAreaField({ name: 'evidenceNarrative', label: LABELS['evidenceNarrative']!, value: values['evidenceNarrative'], maxlength: 10_000, rows: 3, errors })}
              </details>
              <p class="actions"><button type="submit">Issue and e-mail the learner</button></p>
            </form>`}`,
  })
}

/** Issue one credential: GET /orgs/:org/issue shows the form, POST issues it (issuers and above). */
export const issueRoutes = (): Hono =>
  new Hono()
    .get('/orgs/:org/issue', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      return issuePage(c, org, await publishedAchievements(c, org.id))
    })
    .post('/orgs/:org/issue', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const fields = await readForm(c)
      const achievements = await publishedAchievements(c, org.id)
      const errors: Record<string, string> = {}
      const achievementId = fields['achievement'] ?? ''
      if (!achievements.some((a) => a.id === achievementId)) errors['achievement'] = 'Choose one of the published achievements'
      const details = detailsOf(fields)
      for (const { path, message } of c.var.platform.issuance.checkDetails(details)) errors[FIELD_OF[path] ?? path] ??= message
      if (Object.keys(errors).length > 0) return issuePage(c, org, achievements, { values: fields, errors, status: 422 })
      try {
        const outcome = await c.var.platform.issuance.issueCredential({ orgId: org.id, achievementId, input: details })
        if (outcome.replayed) throw new TypeError('A form issue has no Idempotency-Key to replay')
        return c.redirect(`/orgs/${org.slug}/credentials/${outcome.view.id.slice('urn:uuid:'.length)}?done=issued`, 303)
      } catch (err) {
        if (!(err instanceof PlatformError) || !['ERR_STATE_INVALID', 'ERR_INPUT_INVALID', 'ERR_KEY_UNAVAILABLE', 'ERR_NOT_FOUND'].includes(err.code)) throw err
        return issuePage(c, org, achievements, { values: fields, alert: err.message, status: err.code === 'ERR_STATE_INVALID' ? 409 : 422 })
      }
    })
