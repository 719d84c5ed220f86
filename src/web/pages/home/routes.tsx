import { Hono } from 'hono'
import type { LogReader } from '../../../app/ports.js'
import { render, tOf } from '../../kit/render.js'
import { HomeView } from './home-view.js'

/** GET /: the home page. */
export const homeRoutes = (publicUrl: string, log?: { reader: LogReader }): Hono =>
  new Hono().get('/', async (c) => {
    const t = tOf(c)
    const latest = await log?.reader.latestCheckpoint()
    return render(c, <HomeView model={{ publicUrl, logSize: latest?.checkpoint.size }} />, { title: t.t('home.title'), description: t.t('home.hero.lead') })
  })
