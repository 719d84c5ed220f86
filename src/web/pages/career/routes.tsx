import { Hono, type Context } from 'hono'
import type { CareerPlan } from '../../../app/career/career-use-cases.js'
import { PlatformError } from '../../../core/errors.js'
import { requireUser } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'
import { render, tOf } from '../../kit/render.js'
import { InsightsView } from './insights-view.js'
import { OccupationsView, OccupationView } from './occupations-view.js'
import { PlannerView } from './planner-view.js'
import { TowardsView } from './planner-view.js'

/** A search query from the address: trimmed, at most 100 characters (longer ones are cut, not refused). */
const queryOf = (c: Context) => (c.req.query('q') ?? '').trim().slice(0, 100)

async function plannerPage(c: Context) {
  const userId = requireUser(c).id
  const platform = c.get('platform')
  const occupation = c.req.query('occupation') || undefined
  const query = queryOf(c)
  let plan: CareerPlan | undefined
  try {
    plan = await platform.career.plan(userId, occupation)
  } catch (err) {
    // No target yet: the page offers to choose one.
    if (!(occupation === undefined && err instanceof PlatformError && err.code === 'ERR_NOT_FOUND')) throw err
  }
  const [targets, results, wallet] = await Promise.all([
    plan ? Promise.resolve(plan.targets) : platform.career.targets(userId),
    query || !plan ? platform.occupations.search(query, { limit: query ? 20 : 6 }) : Promise.resolve([]),
    platform.wallet.list(userId),
  ])
  const credentials = wallet.items.filter((i) => i.status === 'valid' && i.display.skills.length > 0).map((i) => ({ id: i.id, name: i.display.name }))
  const done = c.req.query('done')
  const notice = done === 'saved' || done === 'removed' ? done : undefined
  return render(c, <PlannerView model={{ plan, targets, query, results, credentials, notice }} />, { title: plan ? `${plan.occupation.preferredLabel} — ${tOf(c).t('career.planner.title')}` : tOf(c).t('career.planner.title') })
}

/**
 * Occupation pages (public: /occupations, /occupations/<uri>), the learner's career planner
 * (/wallet/career, its target forms, /wallet/career/credentials/<id>) and demand signals
 * (/insights/skills, anyone signed in). Mounted before the wallet's /wallet/:id.
 */
export const careerPages = (): Hono =>
  new Hono()
    .get('/occupations', async (c) => {
      const query = queryOf(c)
      const items = await c.get('platform').occupations.search(query, { limit: query ? 50 : 12 })
      return render(c, <OccupationsView model={{ query, items }} />, { title: tOf(c).t('career.occupations.title'), cacheControl: 'no-store' })
    })
    .get('/occupations/:uri', async (c) => {
      const detail = await c.get('platform').occupations.get(c.req.param('uri'))
      return render(c, <OccupationView model={{ detail, signedIn: c.get('actor')?.kind === 'user' }} />, { title: detail.occupation.preferredLabel, description: detail.occupation.description.slice(0, 300) || undefined })
    })
    .get('/wallet/career', (c) => plannerPage(c))
    .post('/wallet/career/target', async (c) => {
      const userId = requireUser(c).id
      const { occupation = '' } = await readForm(c)
      const current = (await c.get('platform').career.targets(userId)).map((o) => o.id)
      // The chosen one becomes current; the others keep their order (at most five in all).
      await c.get('platform').career.setTargets(userId, [occupation, ...current.filter((id) => id !== occupation)].slice(0, 5))
      return c.redirect(`/wallet/career?done=saved`, 303)
    })
    .post('/wallet/career/target/remove', async (c) => {
      const userId = requireUser(c).id
      const { occupation = '' } = await readForm(c)
      const current = (await c.get('platform').career.targets(userId)).map((o) => o.id)
      await c.get('platform').career.setTargets(userId, current.filter((id) => id !== occupation))
      return c.redirect('/wallet/career?done=removed', 303)
    })
    .get('/wallet/career/credentials/:id', async (c) => {
      const userId = requireUser(c).id
      const model = await c.get('platform').career.towards(userId, c.req.param('id'))
      return render(c, <TowardsView model={model} />, { title: tOf(c).t('career.towards.title', { credential: model.credential.name }) })
    })
    .get('/insights/skills', async (c) => {
      requireUser(c)
      return render(c, <InsightsView model={await c.get('platform').career.demand()} />, { title: tOf(c).t('career.insights.title') })
    })
