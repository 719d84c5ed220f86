import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { IssueDetails } from '../../../app/issuance/issue-input.js'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { PlatformError } from '../../../core/errors.js'
import { requireOrg } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { checkInput, InputError, readForm } from '../../../http/request.js'
import { render, tOf } from '../../kit/render.js'
import { ISSUE_FIELDS, IssueView, type IssueModel } from './issue-view.js'
import { fieldErrors } from './shared.js'

/** The issue form as it arrives: every field text, capped; what is required is checked with the details. */
const issueForm = z.object({
  achievement: z.string().trim().max(100).default(''),
  email: z.string().max(254).default(''),
  name: z.string().max(200).default(''),
  did: z.string().trim().max(2048).default(''),
  validUntil: z.string().trim().max(40).default(''),
  evidenceUrl: z.string().trim().max(2048).default(''),
  evidenceNarrative: z.string().trim().max(10_000).default(''),
})
type IssueForm = z.output<typeof issueForm>

/** Where each problem of checkDetails shows on this form. */
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
function detailsOf(form: IssueForm): IssueDetails {
  const { validUntil, evidenceUrl, evidenceNarrative, did } = form
  return {
    recipient: { email: form.email, name: form.name, ...(did ? { did } : {}) },
    ...(validUntil ? { validUntil: DATE.test(validUntil) ? `${validUntil}T23:59:59Z` : validUntil } : {}),
    ...(evidenceUrl || evidenceNarrative ? { evidence: [{ ...(evidenceUrl ? { id: evidenceUrl } : {}), ...(evidenceNarrative ? { narrative: evidenceNarrative } : {}) }] } : {}),
  }
}

const page = (c: Context, model: IssueModel, status: 200 | 409 | 422 = 200) => render(c, <IssueView model={model} />, { title: tOf(c).t('iss.issue.pageTitle', { org: model.org.name }), status })

/** Issue one credential: GET /orgs/:org/issue shows the form, POST issues it (issuers and above). */
export const issueRoutes = (): Hono =>
  new Hono()
    .get('/orgs/:org/issue', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const achievements = await c.get('platform').achievements.published(org.id)
      // A link such as "Issue this achievement" names one on purpose; the form itself never picks one.
      return page(c, { org, role, achievements, values: { achievement: c.req.query('achievement') ?? '' } })
    })
    .post('/orgs/:org/issue', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const t = tOf(c)
      const values = await readForm(c)
      const achievements = await c.get('platform').achievements.published(org.id)
      let form: IssueForm
      try {
        form = checkInput(issueForm, values)
      } catch (err) {
        if (!(err instanceof InputError)) throw err
        return page(c, { org, role, achievements, values, errors: fieldErrors(t, err.issues) }, 422)
      }
      const details = detailsOf(form)
      const found = fieldErrors(t, c.get('platform').issuance.checkDetails(details), FIELD_OF)
      if (!achievements.some((a) => a.id === form.achievement)) found['achievement'] = t.t(form.achievement ? 'iss.issue.achievementUnknown' : 'iss.issue.achievementRequired')
      // In the form's order, so the summary reads top to bottom.
      const errors = Object.fromEntries([...ISSUE_FIELDS, ...Object.keys(found)].filter((f, i, all) => found[f] && all.indexOf(f) === i).map((f) => [f, found[f]!]))
      if (Object.keys(errors).length > 0) return page(c, { org, role, achievements, values, errors }, 422)
      try {
        const outcome = await c.get('platform').issuance.issueCredential({ orgId: org.id, achievementId: form.achievement, input: details })
        if (outcome.replayed) throw new TypeError('A form issue has no Idempotency-Key to replay')
        return c.redirect(`/orgs/${org.slug}/credentials/${outcome.view.id.slice('urn:uuid:'.length)}?done=issued`, 303)
      } catch (err) {
        if (!(err instanceof PlatformError) || !['ERR_STATE_INVALID', 'ERR_INPUT_INVALID', 'ERR_KEY_UNAVAILABLE', 'ERR_NOT_FOUND'].includes(err.code)) throw err
        return page(c, { org, role, achievements, values, alert: err.message }, err.code === 'ERR_STATE_INVALID' ? 409 : 422)
      }
    })
