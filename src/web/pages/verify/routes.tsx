import { Hono, type Context } from 'hono'
import { verdictOf } from '../../../app/credentials/verdict.js'
import { MAX_INTAKE_BYTES, type IntakeInput } from '../../../app/intake/index.js'
import type { Translator } from '../../../app/i18n/translator.js'
import { InputError, type InputIssue } from '../../../app/platform/input-error.js'
import { clientIp, withRetryAfter } from '../../../http/auth/session-cookie.js'
import { viewerOf } from '../../../http/auth/viewer.js'
import '../../../http/context.js'
import { formKind, readFormParams, readMultipart, readUploadedBytes } from '../../../http/request.js'
import type { FieldErrors } from '../../components/form.js'
import { render, tOf } from '../../kit/render.js'
import { fallbackOf, type FallbackReason } from './browser-verifier.js'
import { VerifyView, type VerifyModel } from './verify-view.js'

/** An input code as a catalog key segment (`invalid_url` → `invalidUrl`). */
const camel = (code: string) => code.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase())

/** Intake's refusals beside their fields: translated where the catalog has the field's code, else the English detail. */
export function intakeFieldErrors(t: Translator, issues: readonly InputIssue[], area: 'verify' | 'intake' = 'verify'): FieldErrors {
  const errors: Record<string, string> = {}
  for (const { path, code, message } of issues) {
    const field = ['credential', 'file', 'url'].includes(path) ? path : 'credential'
    if (errors[field]) continue
    const key = `${area}.error.${field}.${camel(code)}`
    errors[field] = t.has(key) ? t.t(key, { detail: message }) : message
  }
  return errors
}

/** What the page's forms sent: pasted text (url-encoded), an uploaded file or pasted text (multipart). */
export async function postedInput(c: Context): Promise<{ input: IntakeInput; values: VerifyModel['values']; fallback?: FallbackReason | undefined }> {
  if (formKind(c) === 'multipart') {
    const form = await readMultipart(c)
    const fallback = fallbackOf(form.fields.fallback)
    if (form.file?.field === 'file' && form.file.fileName !== '') {
      const upload = await readUploadedBytes(c, { field: 'file', maxBytes: MAX_INTAKE_BYTES, what: 'The file' })
      if (!upload) throw new InputError([{ path: 'file', code: 'required', message: 'The file is empty' }])
      return { input: { bytes: upload.bytes, filename: upload.fileName, contentType: upload.mimeType }, values: {}, fallback }
    }
    form.discard()
    if (form.fields.credential?.trim()) return { input: { text: form.fields.credential }, values: { credential: form.fields.credential }, fallback }
    throw new InputError([{ path: 'file', code: 'required', message: 'Choose a file to verify' }])
  }
  const params = await readFormParams(c, { maxBytes: MAX_INTAKE_BYTES })
  const credential = params.get('credential') ?? ''
  const url = params.get('url') ?? ''
  const fallback = fallbackOf(params.get('fallback'))
  if (url.trim() && !credential.trim()) return { input: { url }, values: { url }, fallback }
  return { input: { text: credential }, values: { credential }, fallback }
}

/** Inspects the input and renders the page: the result, or the forms with the refusal beside its field (422). */
async function verifyPage(c: Context, read: () => Promise<{ input: IntakeInput; values: VerifyModel['values']; fallback?: FallbackReason | undefined }>): Promise<Response> {
  const platform = c.get('platform')
  const t = tOf(c)
  let values: VerifyModel['values'] = {}
  try {
    try {
      await platform.intake.limit(clientIp(c))
    } catch (err) {
      withRetryAfter(c, err)
    }
    const posted = await read()
    values = posted.values
    const inspection = await platform.intake.inspect(posted.input, { fetchLocal: c.get('fetchLocal'), viewer: viewerOf(c.get('actor')) })
    const model: VerifyModel = {
      values,
      fallback: posted.fallback,
      result: { verdict: verdictOf(inspection.report), report: inspection.report, display: inspection.display, format: inspection.format, checkedAt: platform.now() },
    }
    return render(c, <VerifyView model={model} />, { title: t.t('verify.page.resultPageTitle', { name: inspection.display.name }) })
  } catch (err) {
    if (!(err instanceof InputError)) throw err
    const model: VerifyModel = { values, errors: intakeFieldErrors(t, err.issues) }
    return render(c, <VerifyView model={model} />, { title: t.t('verify.page.title'), status: 422 })
  }
}

/** The public verifier: `GET /verify` (the forms; `?url=` verifies that URL, as a QR code's link does) and `POST /verify` (pasted text or an upload). */
export const verifyPages = (): Hono =>
  new Hono()
    .get('/verify', async (c) => {
      const url = c.req.query('url')
      if (url === undefined) return render(c, <VerifyView model={{ values: {} }} />, { title: tOf(c).t('verify.page.title'), description: tOf(c).t('verify.page.lead') })
      return verifyPage(c, async () => ({ input: { url }, values: { url }, fallback: fallbackOf(c.req.query('fallback')) }))
    })
    .post('/verify', (c) => verifyPage(c, () => postedInput(c)))
