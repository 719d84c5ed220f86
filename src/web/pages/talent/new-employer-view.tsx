// /employers/new: a signed-in person creates an employer organization (kind employer).
import { countryOptions } from '../../../app/orgs/countries.js'
import { Card } from '../../components/card.js'
import { ErrorSummary, Form, FormActions, Select, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { usePage } from '../../kit/env.js'

export interface NewEmployerValues {
  name: string
  country: string
  url: string
}

export function NewEmployerView({ values, errors }: { values?: NewEmployerValues; errors?: FieldErrors | undefined }) {
  const { t } = usePage()
  const labels = { name: t.t('talent.new.name'), country: t.t('talent.new.country'), url: t.t('talent.new.url') }
  return (
    <div class="container page talent-new">
      <PageHeader title={t.t('talent.new.title')} lead={t.t('talent.new.lead')} />
      <Card>
        <ErrorSummary errors={errors} labels={labels} />
        <Form action="/employers/new" label={t.t('talent.new.title')}>
          <TextField name="name" label={labels.name} value={values?.name} errors={errors} required maxLength={200} autocomplete="organization" />
          <Select name="country" label={labels.country} value={values?.country} errors={errors} options={countryOptions().map((c) => [c.code, c.name] as const)} markOptional />
          <TextField name="url" type="url" label={labels.url} value={values?.url} errors={errors} maxLength={500} markOptional />
          <p class="muted small"><Icon name="info" /> {t.t('talent.new.noIssue')}</p>
          <FormActions>
            <button type="submit" class="button"><Icon name="building" />{t.t('talent.new.submit')}</button>
          </FormActions>
        </Form>
      </Card>
    </div>
  )
}
