// An organization's settings: its profile (name, description, website, contact, country, how it
// signs, brand colour with a preview), its logo, and its identity (DID, DID document, public page).
import { inkOn } from '../../../app/branding/contrast.js'
import { normalizeHexColor } from '../../../app/branding/brand-color.js'
import { countryOptions, ORG_LIMITS, SIGNING_SUITES, STATUS_ENTRIES, type OrgRecord } from '../../../app/orgs/index.js'
import { hasRole, MIN_ROLE, type RoleName } from '../../../app/platform/roles.js'
import { Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { CopyField } from '../../components/copy-button.js'
import { ErrorSummary, FileField, Form, FormActions, RadioGroup, Select, TextArea, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { useT } from '../../kit/env.js'
import { countryLabel } from './org-parts.js'

/** Emblem's own accent, used when an organization has no brand colour. */
export const DEFAULT_BRAND = '#4f46e5'

/** What the settings page shows. */
export interface SettingsModel {
  org: OrgRecord
  shell: ShellOrg
  role: RoleName
  did: string
  /** The form's values (the stored profile, or what was submitted). */
  values: Readonly<Record<string, string>>
  errors?: FieldErrors | undefined
  /** A confirmation after a redirect. */
  done?: string | undefined
  imageLimits: { minSide: number; maxSide: number; maxBytes: number }
}

const DONE = { created: 'org.settings.done.created', saved: 'org.settings.done.saved', logo: 'org.settings.done.logo', 'logo-removed': 'org.settings.done.logoRemoved' } as const

const SUITE_TEXT = {
  'eddsa-rdfc-2022': ['org.settings.suite.rdfc', 'org.settings.suite.rdfcHint'],
  'eddsa-jcs-2022': ['org.settings.suite.jcs', 'org.settings.suite.jcsHint'],
  'vc-jwt': ['org.settings.suite.jwt', 'org.settings.suite.jwtHint'],
} as const

/** Suites the Learner Credential Wallet / VerifierPlus stack and DIDKit cannot verify (issue #14 item 4): their cards say so. */
const NOT_VERIFIABLE_ELSEWHERE: ReadonlySet<string> = new Set(['eddsa-jcs-2022', 'vc-jwt'])

const STATUS_ENTRIES_TEXT = {
  revocation: ['org.settings.statusEntries.revocation', 'org.settings.statusEntries.revocationHint'],
  'revocation-and-suspension': ['org.settings.statusEntries.both', 'org.settings.statusEntries.bothHint'],
} as const

/** A small picture of how the colour looks: an e-mail's band, the organization's name and a button. Updated as one types when script runs. */
function BrandPreview({ name, color }: { name: string; color: string | undefined }) {
  const t = useT()
  const fill = color ?? DEFAULT_BRAND
  return (
    <figure class="brand-preview" data-brand-preview data-default={DEFAULT_BRAND}>
      <svg viewBox="0 0 320 132" role="img" aria-labelledby="brand-preview-caption" focusable="false">
        <rect class="brand-preview-paper" x="0.5" y="0.5" width="319" height="131" rx="10" />
        <path d="M10.5 0.5h299a10 10 0 0 1 10 10v5h-319v-5a10 10 0 0 1 10-10z" fill={fill} data-brand-fill />
        <text class="brand-preview-name" x="20" y="46">{name}</text>
        <text class="brand-preview-link" x="20" y="72" fill={fill} data-brand-fill>{t.t('org.settings.brandPreviewLink')}</text>
        <rect x="20" y="86" width="170" height="32" rx="8" fill={fill} data-brand-fill />
        <text class="brand-preview-button" x="105" y="107" text-anchor="middle" fill={inkOn(fill)} data-brand-ink>{t.t('org.settings.brandPreviewButton')}</text>
      </svg>
      <figcaption id="brand-preview-caption">{color ? t.t('org.settings.brandPreviewCaption', { color }) : t.t('org.settings.brandPreviewDefault')}</figcaption>
    </figure>
  )
}

function ProfileForm({ model }: { model: SettingsModel }) {
  const t = useT()
  const { values, errors } = model
  const countries = countryOptions()
    .map((o) => [o.code, countryLabel(t, o.code)] as const)
    .sort((a, b) => a[1].localeCompare(b[1], t.locale))
  return (
    <Form action={`/orgs/${model.org.slug}/settings`} id="profile-form">
      <TextField name="name" label={t.t('org.field.name')} value={values['name']} autocomplete="organization" maxLength={ORG_LIMITS.name} required errors={errors} />
      <TextArea name="description" label={t.t('org.field.description')} hint={t.t('org.settings.descriptionHint')} value={values['description']} maxLength={ORG_LIMITS.description} rows={5} markOptional errors={errors} />
      <div class="field-row">
        <TextField name="url" type="url" label={t.t('org.field.url')} hint={t.t('org.settings.urlHint')} value={values['url']} autocomplete="url" markOptional errors={errors} />
        <TextField name="email" type="email" label={t.t('org.field.email')} hint={t.t('org.settings.emailHint')} value={values['email']} autocomplete="email" markOptional errors={errors} />
      </div>
      <Select name="country" label={t.t('org.field.country')} options={countries} value={values['country']} placeholder={t.t('org.settings.countryNone')} markOptional errors={errors} />
      <div class="brand-field">
        <TextField
          name="brandColor"
          label={t.t('org.field.brandColor')}
          hint={t.t('org.settings.brandHint')}
          value={values['brandColor']}
          placeholder="#1d4ed8"
          maxLength={7}
          spellcheck={false}
          autocomplete="off"
          markOptional
          errors={errors}
          extra={{ 'data-brand-input': '' }}
        />
        <BrandPreview name={values['name'] || model.org.name} color={normalizeHexColor(values['brandColor'] ?? '')} />
      </div>
      <RadioGroup
        name="suite"
        legend={t.t('org.field.suite')}
        hint={t.t('org.settings.suiteHint')}
        value={values['suite']}
        errors={errors}
        cards
        options={SIGNING_SUITES.map(
          (s) => [s, t.t(SUITE_TEXT[s][0]), NOT_VERIFIABLE_ELSEWHERE.has(s) ? `${t.t(SUITE_TEXT[s][1])} ${t.t('org.settings.suite.notVerifiableElsewhere')}` : t.t(SUITE_TEXT[s][1])] as const,
        )}
      />
      <RadioGroup
        name="statusEntries"
        legend={t.t('org.field.statusEntries')}
        hint={t.t('org.settings.statusEntriesHint')}
        value={values['statusEntries']}
        errors={errors}
        cards
        options={STATUS_ENTRIES.map((s) => [s, t.t(STATUS_ENTRIES_TEXT[s][0]), t.t(STATUS_ENTRIES_TEXT[s][1])] as const)}
      />
      <FormActions>
        <button type="submit" class="button"><Icon name="check" />{t.t('org.settings.save')}</button>
      </FormActions>
    </Form>
  )
}

function ProfileFacts({ model }: { model: SettingsModel }) {
  const t = useT()
  const { org } = model
  const none = t.t('org.settings.notGiven')
  return (
    <>
      <dl class="facts">
        <dt>{t.t('org.field.name')}</dt><dd>{org.name}</dd>
        <dt>{t.t('org.field.description')}</dt><dd>{org.description || none}</dd>
        <dt>{t.t('org.field.url')}</dt><dd>{org.url ?? none}</dd>
        <dt>{t.t('org.field.email')}</dt><dd>{org.email ?? none}</dd>
        <dt>{t.t('org.field.country')}</dt><dd>{org.country ? countryLabel(t, org.country) : none}</dd>
        <dt>{t.t('org.field.brandColor')}</dt><dd>{org.brandColor ?? none}</dd>
        <dt>{t.t('org.field.suite')}</dt><dd>{t.t(SUITE_TEXT[org.suite][0])}</dd>
        <dt>{t.t('org.field.statusEntries')}</dt><dd>{t.t(STATUS_ENTRIES_TEXT[org.statusEntries][0])}</dd>
      </dl>
      <p class="muted">{t.t('org.settings.readOnly', { role: t.t(`org.role.${model.role}`) })}</p>
    </>
  )
}

function LogoCard({ model, canEdit }: { model: SettingsModel; canEdit: boolean }) {
  const t = useT()
  const { org, shell, errors, imageLimits } = model
  const base = `/orgs/${org.slug}/settings`
  return (
    <Card title={t.t('org.settings.logoTitle')} id="logo">
      <div class="logo-preview">
        {shell.logoUrl ? (
          <img src={shell.logoUrl} alt={t.t('org.settings.logoAlt', { name: org.name })} width="96" height="96" />
        ) : (
          <span class="org-initial" aria-hidden="true">{Array.from(org.name)[0]?.toUpperCase()}</span>
        )}
        <p class="muted">{shell.logoUrl ? t.t('org.settings.logoShown') : t.t('org.settings.logoNone')}</p>
      </div>
      {canEdit && (
        <>
          <Form action={`${base}/logo`} enctype="multipart/form-data" id="logo-form">
            <FileField
              name="logo"
              label={t.t('org.settings.logoUpload')}
              hint={t.t('org.settings.logoHint', { min: imageLimits.minSide, max: imageLimits.maxSide, megabytes: t.number(imageLimits.maxBytes / 1_048_576, { maximumFractionDigits: 1 }) })}
              accept="image/png,image/svg+xml"
              required
              errors={errors}
            />
            <FormActions>
              <button type="submit" class="button secondary"><Icon name="upload" />{t.t('org.settings.logoSubmit')}</button>
            </FormActions>
          </Form>
          {org.logoImageId && (
            <Form action={`${base}/logo/remove`} class="form remove-logo">
              <button type="submit" class="button danger secondary sm"><Icon name="trash" />{t.t('org.settings.logoRemove')}</button>
            </Form>
          )}
        </>
      )}
    </Card>
  )
}

function IdentityCard({ model }: { model: SettingsModel }) {
  const t = useT()
  const { org, did } = model
  return (
    <Card title={t.t('org.settings.identityTitle')} id="identity">
      <p class="muted">{t.t('org.settings.identityLead')}</p>
      <dl class="facts stacked">
        <dt>{t.t('org.settings.did')}</dt>
        <dd><CopyField value={did} id="org-did" /></dd>
        <dt>{t.t('org.settings.didDocument')}</dt>
        <dd><a href={`/orgs/${org.slug}/did.json`}>{`/orgs/${org.slug}/did.json`}</a></dd>
        <dt>{t.t('org.settings.publicPage')}</dt>
        <dd><a href={`/orgs/${org.slug}`}>{`/orgs/${org.slug}`}</a></dd>
      </dl>
    </Card>
  )
}

/** The page. */
export function SettingsView({ model }: { model: SettingsModel }) {
  const t = useT()
  const canEdit = hasRole(model.role, MIN_ROLE.manage)
  const labels = {
    name: t.t('org.field.name'),
    description: t.t('org.field.description'),
    url: t.t('org.field.url'),
    email: t.t('org.field.email'),
    country: t.t('org.field.country'),
    brandColor: t.t('org.field.brandColor'),
    suite: t.t('org.field.suite'),
    statusEntries: t.t('org.field.statusEntries'),
    logo: t.t('org.settings.logoUpload'),
  }
  const done = model.done && model.done in DONE ? t.t(DONE[model.done as keyof typeof DONE]) : undefined
  return (
    <OrgShell org={model.shell} role={model.role} current="settings">
      <PageHeader
        eyebrow={t.t('org.settings.eyebrow')}
        title={t.t('org.settings.title')}
        lead={t.t('org.settings.lead')}
        actions={<a class="button secondary" href={`/orgs/${model.org.slug}`}><Icon name="globe" />{t.t('org.settings.viewPublic')}</a>}
      />
      <Flash message={done} />
      <ErrorSummary errors={model.errors} labels={labels} />
      <div class="grid sidebar-right org-settings">
        <Card title={t.t('org.settings.profileTitle')} id="profile">
          {canEdit ? <ProfileForm model={model} /> : <ProfileFacts model={model} />}
        </Card>
        <div class="stack">
          <LogoCard model={model} canEdit={canEdit} />
          <IdentityCard model={model} />
        </div>
      </div>
    </OrgShell>
  )
}
