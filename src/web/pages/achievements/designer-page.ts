import type { Context } from 'hono'
import { html, raw } from 'hono/html'
import type { AchievementRecord } from '../../../app/achievements/ports.js'
import type { OrgRef } from '../../../app/platform/access-ports.js'
import { BADGE_ICONS, BADGE_SHAPES, DESIGN_DEFAULTS, DESIGN_LIMITS } from '../../../app/media/badge-design.js'
import { orgNav } from '../../components/org-nav.js'
import { renderPage } from '../../page.js'
import { csrfField, errorSummary, selectInput, textInput, type FieldErrors } from './fields.js'

/** The designer's fields, as typed. */
export type DesignValues = Record<'shape' | 'icon' | 'background' | 'foreground' | 'accent' | 'title' | 'subtitle', string>

const LABELS = { shape: 'Shape', icon: 'Icon', background: 'Background colour', foreground: 'Text and icon colour', accent: 'Ring colour', title: 'Title', subtitle: 'Subtitle', file: 'Image file', design: 'Design' }
const titleCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).replace(/-/g, ' ')

/** The designer's starting values for an achievement: its name as the title, the default shape, icon and colours. */
export const defaultDesign = (record: AchievementRecord): DesignValues => ({
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
    errors[field in LABELS ? field : 'design'] = at > 0 ? part.slice(at + 2) : part
  }
  return errors
}

/**
 * The badge designer (shape, colours, icon, title) with a preview drawn on the server, so Preview
 * works without JavaScript; and an upload form for a PNG or SVG of one's own.
 */
export function designerPage(
  c: Context,
  { org, record, values, svg, errors, uploadError }: { org: OrgRef; record: AchievementRecord; values: DesignValues; svg?: string | undefined; errors?: FieldErrors; uploadError?: string },
) {
  const base = `/orgs/${org.slug}/achievements/${record.id}`
  const failed = (errors && Object.keys(errors).length > 0) || uploadError !== undefined
  return renderPage(c, {
    title: `Badge image of ${record.name} · ${org.name}`,
    status: failed ? 422 : 200,
    main: html`<h1>Badge image of ${record.name}</h1>
      ${orgNav(org, 'achievements')}
      <p><a href="${base}">Back to the achievement</a></p>
      <section aria-labelledby="design-heading">
        <h2 id="design-heading">Design a badge</h2>
        ${errorSummary(errors, LABELS)}
        <div class="grid">
          <form method="post" action="${base}/image" novalidate>
            ${csrfField(c)}
            ${selectInput({ name: 'shape', label: LABELS.shape, value: values.shape, errors, options: BADGE_SHAPES.map((s) => [s, titleCase(s)] as const) })}
            ${selectInput({ name: 'icon', label: LABELS.icon, value: values.icon, errors, options: BADGE_ICONS.map((s) => [s, titleCase(s)] as const) })}
            ${textInput({ name: 'background', label: LABELS.background, type: 'color', value: values.background, errors })}
            ${textInput({ name: 'foreground', label: LABELS.foreground, type: 'color', value: values.foreground, errors, hint: 'Needs a contrast of at least 3:1 with the background.' })}
            ${textInput({ name: 'accent', label: LABELS.accent, type: 'color', value: values.accent, errors })}
            ${textInput({ name: 'title', label: LABELS.title, value: values.title, errors, maxlength: DESIGN_LIMITS.title, required: true })}
            ${textInput({ name: 'subtitle', label: LABELS.subtitle, value: values.subtitle, errors, maxlength: DESIGN_LIMITS.subtitle, hint: 'Optional, e.g. the year or level.' })}
            <div class="actions">
              <button type="submit" name="intent" value="preview" class="secondary">Preview</button>
              <button type="submit" name="intent" value="save">Use this design</button>
            </div>
          </form>
          <figure>
            ${svg
              ? html`<div role="img" aria-label="Preview of the badge">${raw(svg)}</div>`
              : record.imageId
                ? html`<img class="badge-image" src="/images/${record.imageId}" alt="Current badge of ${record.name}" width="160" height="160" />`
                : html`<p class="muted">Press Preview to see the badge.</p>`}
            <figcaption>${svg ? 'Preview (not saved yet)' : record.imageId ? 'Current badge' : ''}</figcaption>
          </figure>
        </div>
      </section>
      <section aria-labelledby="upload-heading">
        <h2 id="upload-heading">Or upload an image</h2>
        ${uploadError ? html`<div class="alert bad" role="alert"><p>${uploadError}</p></div>` : ''}
        <form method="post" action="${base}/image/upload" enctype="multipart/form-data">
          ${csrfField(c)}
          <div class="field">
            <label for="field-file">${LABELS.file}</label>
            <span class="hint" id="field-file-hint">PNG or SVG, at most 2 MB, roughly square, 64 to 2048 pixels a side. SVGs are cleaned of scripts and external links.</span>
            <input id="field-file" name="file" type="file" accept="image/png,image/svg+xml" required aria-describedby="field-file-hint"${uploadError ? html` aria-invalid="true"` : ''} />
          </div>
          <div class="actions"><button type="submit">Upload</button></div>
        </form>
      </section>`,
  })
}
