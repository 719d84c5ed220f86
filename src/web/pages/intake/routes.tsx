import { Hono, type Context } from 'hono'
import { verdictOf } from '../../../app/credentials/verdict.js'
import { InputError } from '../../../app/platform/input-error.js'
import { requireUser } from '../../../http/auth/require.js'
import { viewerOf } from '../../../http/auth/viewer.js'
import '../../../http/context.js'
import { render, tOf } from '../../kit/render.js'
import { intakeFieldErrors, postedInput } from '../verify/routes.js'
import { ImportView, type ImportModel } from './import-view.js'

async function importPage(c: Context): Promise<Response> {
  const user = requireUser(c)
  const platform = c.get('platform')
  const t = tOf(c)
  let values: ImportModel['values'] = {}
  try {
    const posted = await postedInput(c)
    values = posted.values
    const { inspection, item, duplicate } = await platform.intake.importToWallet(user.id, posted.input, { fetchLocal: c.get('fetchLocal'), viewer: viewerOf(c.get('actor')) })
    const model: ImportModel = {
      values: {},
      result: { itemId: item.id, duplicate, verdict: verdictOf(inspection.report), report: inspection.report, display: inspection.display, format: inspection.format, checkedAt: platform.now() },
    }
    return render(c, <ImportView model={model} />, { title: t.t('intake.title'), status: duplicate ? 200 : 201 })
  } catch (err) {
    if (!(err instanceof InputError)) throw err
    return render(c, <ImportView model={{ values, errors: intakeFieldErrors(t, err.issues, 'intake') }} />, { title: t.t('intake.title'), status: 422 })
  }
}

/** The wallet's import page: `GET /wallet/import` (the forms) and `POST /wallet/import` (paste, upload or URL). */
export const importPages = (): Hono =>
  new Hono()
    .get('/wallet/import', (c) => {
      requireUser(c)
      return render(c, <ImportView model={{ values: {} }} />, { title: tOf(c).t('intake.title') })
    })
    .post('/wallet/import', importPage)
