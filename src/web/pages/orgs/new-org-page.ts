import { Hono, type Context } from 'hono'
import { html } from 'hono/html'
import { ORG_LIMITS } from '../../../app/orgs/index.js'
import { requireUser } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'
import { renderPage } from '../../page.js'
import { csrfField, errorSummary, fieldErrorsOf, inputField, type FieldErrors } from './form-parts.js'

const LABELS = { name: 'Name', slug: 'Short name for links' }

function newOrgPage(c: Context, { values = {}, errors, status = 200 }: { values?: Record<string, string>; errors?: FieldErrors; status?: 200 | 422 } = {}) {
  const host = new URL(c.var.platform.publicUrl).host
  return renderPage(c, {
    title: 'Create an organization',
    status,
    main: html`<h1>Create an organization</h1>
      <p class="lead">An organization issues micro-credentials under its own name, signed with its own key. You become its owner and can invite others.</p>
      ${errorSummary(errors, LABELS)}
      <form method="post" action="/orgs/new" novalidate>
        ${csrfField(c)}
        ${inputField({ name: 'name', label: LABELS.name, value: values['name'], autocomplete: 'organization', maxlength: ORG_LIMITS.name, required: true, errors, hint: 'As learners and verifiers will see it on every credential.' })}
        ${inputField({
          name: 'slug',
          label: LABELS.slug,
          value: values['slug'],
          maxlength: 40,
          errors,
          hint: `Lower-case letters, digits and hyphens. It is part of your links and of your issuer identifier did:web:${host}:orgs:<short name>, so it cannot change later. Leave it empty to derive it from the name.`,
        })}
        <p class="actions"><button type="submit">Create organization</button> <a href="/dashboard">Cancel</a></p>
      </form>`,
  })
}

/** /orgs/new: the form that creates an organization (the creator becomes its owner). */
export const newOrgRoutes = (): Hono =>
  new Hono()
    .get('/orgs/new', (c) => {
      requireUser(c)
      return newOrgPage(c)
    })
    .post('/orgs/new', async (c) => {
      const user = requireUser(c)
      const { name = '', slug = '' } = await readForm(c)
      try {
        const org = await c.var.platform.orgs.create({ userId: user.id, input: { name, slug } })
        return c.redirect(`/orgs/${org.slug}/settings?done=created`, 303)
      } catch (err) {
        const errors = fieldErrorsOf(err)
        if (!errors) throw err
        return newOrgPage(c, { values: { name, slug }, errors, status: 422 })
      }
    })
