import { Hono, type Context } from 'hono'
import { EmailUnconfirmedError, RESERVED_SLUGS } from '../../../app/orgs/index.js'
import { InputError } from '../../../app/platform/input-error.js'
import { requireUser } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'
import { render, tOf } from '../../kit/render.js'
import type { FieldErrors } from '../../components/form.js'
import { camelCode } from '../account/field-errors.js'
import { NewOrgView, type NewOrgModel } from './new-org-view.js'

/** The form's problems in the page's language (by field and input code; the English message otherwise). */
function orgFieldErrors(c: Context, err: InputError, slug: string): FieldErrors {
  const t = tOf(c)
  const errors: Record<string, string> = {}
  for (const { path, code, message } of err.issues) {
    const reserved = path === 'slug' && code === 'invalid_format' && RESERVED_SLUGS.has(slug)
    const key = `acct.newOrg.error.${path}.${reserved ? 'reserved' : camelCode(code)}`
    errors[path] ??= t.has(key) ? t.t(key, { slug }) : message
  }
  return errors
}

/** The page for the signed-in user, with what the handler adds. */
function newOrgPage(c: Context, extra: Partial<NewOrgModel> = {}, status: 200 | 403 | 422 = 200) {
  const user = requireUser(c)
  const model: NewOrgModel = { email: user.email, emailVerified: user.emailVerified, host: new URL(c.get('platform').publicUrl).host, ...extra }
  return render(c, <NewOrgView model={model} />, { title: tOf(c).t('acct.newOrg.title'), status })
}

/** /orgs/new: the form that creates an organization (the creator becomes its owner; a confirmed address is required). */
export const newOrgRoutes = (): Hono =>
  new Hono()
    .get('/orgs/new', (c) => newOrgPage(c))
    .post('/orgs/new', async (c) => {
      const user = requireUser(c)
      const { name = '', slug = '' } = await readForm(c)
      try {
        const org = await c.get('platform').orgs.create({ userId: user.id, input: { name, slug } })
        return c.redirect(`/orgs/${org.slug}/settings?done=created`, 303)
      } catch (err) {
        if (err instanceof EmailUnconfirmedError) return newOrgPage(c, { emailVerified: false }, 403)
        if (err instanceof InputError && err.issues.length > 0) return newOrgPage(c, { values: { name, slug }, errors: orgFieldErrors(c, err, slug.trim()) }, 422)
        throw err
      }
    })
