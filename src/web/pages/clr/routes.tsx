import { Hono, type Context } from 'hono'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { InputError } from '../../../app/platform/input-error.js'
import { isPlatformError } from '../../../core/errors.js'
import { requireOrg, requireUser } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readForm, readFormAll } from '../../../http/request.js'
import { render, tOf } from '../../kit/render.js'
import { shellOrgOf } from '../orgs/org-parts.js'
import { PathwayRecordsView } from './pathway-records-view.js'
import { ProgramRecordsView } from './program-records-view.js'
import { WalletClrView, type WalletClrModel } from './wallet-clr-view.js'

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''))

/** A signed record as a JSON download. */
function jsonDownload(c: Context, document: unknown, fileName: string): Response {
  c.header('Content-Disposition', `attachment; filename="${fileName}"`)
  c.header('Cache-Control', 'no-store')
  return c.body(`${JSON.stringify(document, null, 2)}\n`, 200, { 'Content-Type': 'application/json; charset=utf-8' })
}

async function walletPage(c: Context, userId: string, failed: Omit<WalletClrModel, 'did' | 'credentials'> = {}, status: 200 | 422 = 200) {
  const { holder } = c.get('platform')
  const [{ did }, credentials] = await Promise.all([holder.did(userId), holder.presentable(userId)])
  return render(c, <WalletClrView model={{ did, credentials, ...failed }} />, { title: tOf(c).t('clr.wallet.title'), status })
}

async function recordsPage(c: Context, alert?: string) {
  const { org, role } = await requireOrg(c, c.req.param('org') ?? '', MIN_ROLE.issue)
  const platform = c.get('platform')
  const program = await platform.programs.get(org.id, c.req.param('id') ?? '')
  const enrolments = (await platform.programs.enrolmentsOfProgram(org.id, program.id)).sort((a, b) => Number(b.awardState === 'awarded') - Number(a.awardState === 'awarded') || a.userName.localeCompare(b.userName))
  return render(c, <ProgramRecordsView model={{ shell: shellOrgOf(org, platform.publicUrl), role, program, enrolments, alert }} />, { title: tOf(c).t('clr.program.title', { program: program.title }), status: alert ? 409 : 200 })
}

async function pathwayRecordsPage(c: Context, alert?: string) {
  const { org, role } = await requireOrg(c, c.req.param('org') ?? '', MIN_ROLE.issue)
  const platform = c.get('platform')
  const { pathway, learners } = await platform.clr.pathwayRecords(org.id, c.req.param('id') ?? '')
  return render(c, <PathwayRecordsView model={{ shell: shellOrgOf(org, platform.publicUrl), role, pathway, learners, alert }} />, { title: tOf(c).t('clr.pathwayRecords.title', { pathway: pathway.title }), status: alert ? 409 : 200 })
}

/**
 * Learner records: /wallet/clr (choose wallet credentials, download a CLR 2.0 record signed by your
 * key), /orgs/:org/programs/:id/records and /orgs/:org/pathways/:id/records (issue a program's or a
 * pathway's CLR 2.0 record to those who completed it).
 */
export const clrPages = (): Hono =>
  new Hono()
    .get('/wallet/clr', (c) => walletPage(c, requireUser(c).id))
    .post('/wallet/clr', async (c) => {
      const user = requireUser(c)
      const form = await readFormAll(c)
      const chosen = list(form['credentialIds'])
      const name = one(form['name']).trim()
      try {
        const clr = await c.get('platform').clr.walletClr(user.id, { credentialIds: chosen, ...(name ? { name } : {}) })
        return jsonDownload(c, clr, `learner-record-${c.get('platform').now().toISOString().slice(0, 10)}.clr.json`)
      } catch (err) {
        const t = tOf(c)
        if (err instanceof InputError && err.issues.some((i) => i.path.startsWith('credentialIds')))
          return walletPage(c, user.id, { chosen, name, errors: { credentialIds: t.t('clr.wallet.errorCredentials') } }, 422)
        if (err instanceof InputError && err.issues.some((i) => i.path.startsWith('name')))
          return walletPage(c, user.id, { chosen, name, errors: { name: err.issues.find((i) => i.path.startsWith('name'))!.message } }, 422)
        if (isPlatformError(err) && ['ERR_NOT_FOUND', 'ERR_INPUT_INVALID'].includes(err.code))
          return walletPage(c, user.id, { chosen, name, alert: t.t('clr.wallet.failed', { reason: err.message }) }, 422)
        throw err
      }
    })
    .get('/orgs/:org/programs/:id/records', (c) => recordsPage(c))
    .post('/orgs/:org/programs/:id/enrolments/:enrolment/clr', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      await readForm(c)
      try {
        const clr = await c.get('platform').clr.programClr(org.id, c.req.param('id'), c.req.param('enrolment'))
        return jsonDownload(c, clr, `program-record-${c.req.param('enrolment').replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 60)}.clr.json`)
      } catch (err) {
        if (isPlatformError(err, 'ERR_STATE_INVALID')) return recordsPage(c, err.message)
        throw err
      }
    })
    .get('/orgs/:org/pathways/:id/records', (c) => pathwayRecordsPage(c))
    .post('/orgs/:org/pathways/:id/records/:learner/clr', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      await readForm(c)
      try {
        const clr = await c.get('platform').clr.pathwayClr(org.id, c.req.param('id'), c.req.param('learner'))
        return jsonDownload(c, clr, `pathway-record-${c.req.param('learner').replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 60)}.clr.json`)
      } catch (err) {
        if (isPlatformError(err, 'ERR_STATE_INVALID')) return pathwayRecordsPage(c, err.message)
        throw err
      }
    })
