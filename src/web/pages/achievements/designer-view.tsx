// The badge designer: shape, icon, colours and words, previewed on the server (so Preview works
// without script), and an upload form for a PNG or SVG of one's own.
import { BADGE_ICONS, BADGE_SHAPES, DESIGN_DEFAULTS, DESIGN_LIMITS } from '../../../app/media/badge-design.js'
import type { AchievementRecord } from '../../../app/achievements/ports.js'
import type { RoleName } from '../../../app/platform/roles.js'
import { Alert } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { ErrorSummary, FileField, Form, FormActions, Select, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { useT } from '../../kit/env.js'
import type { Translator } from '../../../app/i18n/translator.js'

/** The designer's fields, as typed. */
export type DesignValues = Record<'shape' | 'icon' | 'background' | 'foreground' | 'accent' | 'title' | 'subtitle', string>

/** The designer's fields, by name. */
export const DESIGN_FIELDS = ['shape', 'icon', 'background', 'foreground', 'accent', 'title', 'subtitle'] as const

/** The designer's starting values for an achievement: its name as the title, the default shape, icon and colours. */
export const defaultDesign = (record: Pick<AchievementRecord, 'name'>): DesignValues => ({
  shape: DESIGN_DEFAULTS.shape,
  icon: DESIGN_DEFAULTS.icon,
  background: DESIGN_DEFAULTS.background,
  foreground: DESIGN_DEFAULTS.foreground,
  accent: DESIGN_DEFAULTS.foreground,
  title: [...record.name].slice(0, DESIGN_LIMITS.title).join(''),
  subtitle: '',
})

/** Problems of a design by field, from the designer's "badge design is invalid: field: message; …" error. */
export function designErrorsOf(message: string): FieldErrors {
  const errors: Record<string, string> = {}
  for (const part of message.replace(/^badge design is invalid:\s*/, '').split('; ')) {
    const at = part.indexOf(': ')
    const field = at > 0 ? part.slice(0, at) : 'design'
    errors[(DESIGN_FIELDS as readonly string[]).includes(field) ? field : 'design'] = at > 0 ? part.slice(at + 2) : part
  }
  return errors
}

const designLabels = (t: Translator): Record<string, string> => ({
  shape: t.t('ach.design.shape'),
  icon: t.t('ach.design.icon'),
  background: t.t('ach.design.background'),
  foreground: t.t('ach.design.foreground'),
  accent: t.t('ach.design.accent'),
  title: t.t('ach.design.title'),
  subtitle: t.t('ach.design.subtitle'),
  design: t.t('ach.design.design'),
})

const titleCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).replace(/-/g, ' ')

/** What the designer shows. */
export interface DesignerModel {
  org: ShellOrg
  role: RoleName
  record: Pick<AchievementRecord, 'id' | 'name' | 'imageId'>
  values: DesignValues
  /** The server-drawn preview, when one was asked for. */
  svg?: string | undefined
  errors?: FieldErrors | undefined
  uploadError?: string | undefined
}

/** A colour input (the form kit has none): label, hint, error, and the value as text beside the swatch. */
function ColourField({ name, label, value, hint, error }: { name: string; label: string; value: string; hint?: string; error?: string | undefined }) {
  const t = useT()
  const id = `field-${name}`
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div class="field colour-field">
      <label for={id}>{label}</label>
      {hint && <span class="hint" id={`${id}-hint`}>{hint}</span>}
      {error && (
        <span class="field-error" id={`${id}-error`}><Icon name="alert" /><span><span class="sr-only">{t.t('common.form.errorPrefix')} </span>{error}</span></span>
      )}
      <input id={id} name={name} type="color" value={value} aria-describedby={describedBy} aria-invalid={error ? 'true' : undefined} />
    </div>
  )
}

/** The page. */
export function DesignerView({ model }: { model: DesignerModel }) {
  const t = useT()
  const { org, role, record, values, svg, errors, uploadError } = model
  const list = `/orgs/${org.slug}/achievements`
  const base = `${list}/${record.id}`
  return (
    <OrgShell org={org} role={role} current="achievements">
      <PageHeader
        crumbs={[{ label: t.t('ach.list.title'), href: list }, { label: record.name, href: base }, { label: t.t('ach.design.crumb') }]}
        title={t.t('ach.design.pageTitle', { name: record.name })}
        lead={t.t('ach.design.lead')}
      />
      <ErrorSummary errors={errors} labels={designLabels(t)} />
      <div class="designer-grid">
        <Card title={t.t('ach.design.heading')}>
          <Form action={`${base}/image`}>
            <div class="field-row">
              <Select name="shape" label={t.t('ach.design.shape')} value={values.shape} errors={errors} options={BADGE_SHAPES.map((s) => [s, titleCase(s)] as const)} />
              <Select name="icon" label={t.t('ach.design.icon')} value={values.icon} errors={errors} options={BADGE_ICONS.map((s) => [s, titleCase(s)] as const)} />
            </div>
            <div class="field-row">
              <ColourField name="background" label={t.t('ach.design.background')} value={values.background} error={errors?.background} />
              <ColourField name="foreground" label={t.t('ach.design.foreground')} value={values.foreground} error={errors?.foreground} hint={t.t('ach.design.contrastHint')} />
              <ColourField name="accent" label={t.t('ach.design.accent')} value={values.accent} error={errors?.accent} />
            </div>
            <TextField name="title" label={t.t('ach.design.title')} value={values.title} errors={errors} maxLength={DESIGN_LIMITS.title} required />
            <TextField name="subtitle" label={t.t('ach.design.subtitle')} value={values.subtitle} errors={errors} maxLength={DESIGN_LIMITS.subtitle} hint={t.t('ach.design.subtitleHint')} markOptional />
            <FormActions>
              <button type="submit" name="intent" value="preview" class="button secondary"><Icon name="eye" />{t.t('ach.design.preview')}</button>
              <button type="submit" name="intent" value="save" class="button"><Icon name="check" />{t.t('ach.design.save')}</button>
            </FormActions>
          </Form>
        </Card>
        <Card title={svg ? t.t('ach.design.previewCaption') : t.t('ach.design.currentCaption')} class="designer-preview">
          <div class="designer-stage">
            {svg ? (
              // The preview is the designer's own SVG (drawn from the checked design, no user markup).
              <div role="img" aria-label={t.t('ach.design.previewAlt', { name: record.name })} dangerouslySetInnerHTML={{ __html: svg }} />
            ) : record.imageId ? (
              <img src={`/images/${record.imageId}`} alt={t.t('ach.badgeAlt', { name: record.name })} width="224" height="224" />
            ) : (
              <p class="muted">{t.t('ach.design.pressPreview')}</p>
            )}
          </div>
        </Card>
      </div>
      <Card title={t.t('ach.design.uploadHeading')} class="section" id="upload">
        {uploadError && <Alert kind="bad"><p>{uploadError}</p></Alert>}
        <Form action={`${base}/image/upload`} enctype="multipart/form-data">
          <FileField name="file" label={t.t('ach.design.file')} accept="image/png,image/svg+xml" required hint={t.t('ach.design.fileHint')} errors={uploadError ? { file: uploadError } : undefined} />
          <FormActions>
            <button type="submit" class="button secondary"><Icon name="upload" />{t.t('ach.design.upload')}</button>
          </FormActions>
        </Form>
      </Card>
    </OrgShell>
  )
}
