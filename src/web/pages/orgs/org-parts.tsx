// What the organization pages share: the shell's view of an organization, and use-case input
// errors turned into messages per field in the page's language.
import { normalizeHexColor, contrastOnWhite, readableShade } from '../../../app/branding/brand-color.js'
import type { Translator } from '../../../app/i18n/translator.js'
import { orgLogoUrl, type OrgRecord } from '../../../app/orgs/index.js'
import { InputError } from '../../../app/platform/input-error.js'
import type { FieldErrors } from '../../components/form.js'
import type { ShellOrg } from '../../components/org-shell.js'

/** The organization as its back office frame shows it. */
export const shellOrgOf = (org: Pick<OrgRecord, 'slug' | 'name' | 'logoImageId'>, publicUrl: string): ShellOrg => ({ slug: org.slug, name: org.name, logoUrl: orgLogoUrl(org, publicUrl) })

/**
 * The messages per field of an input error (the first of each field), translated by code when the
 * catalogs have it (`common.input.<code>`), the English message otherwise; undefined for any other
 * error, which the caller rethrows. `values` are the submitted fields (a refused colour's advice is computed from it).
 */
export function fieldErrorsOf(t: Translator, err: unknown, values: Readonly<Record<string, string | undefined>> = {}): FieldErrors | undefined {
  if (!(err instanceof InputError)) return undefined
  const errors: Record<string, string> = {}
  for (const issue of err.issues) {
    if (errors[issue.path] !== undefined) continue
    const color = issue.code === 'low_contrast' ? normalizeHexColor(values[issue.path] ?? '') : undefined
    const key = `common.input.${issue.code}`
    errors[issue.path] = color
      ? t.t('org.settings.brandTooLight', { color, ratio: t.number(contrastOnWhite(color), { minimumFractionDigits: 1, maximumFractionDigits: 1 }), suggestion: readableShade(color) })
      : t.has(key) ? t.t(key) : issue.message
  }
  return errors
}

/** A country's name in the page's language. */
export function countryLabel(t: Translator, code: string): string {
  try {
    return new Intl.DisplayNames([t.locale], { type: 'region' }).of(code) ?? code
  } catch {
    return code
  }
}
