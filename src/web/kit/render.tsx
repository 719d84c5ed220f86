// Rendering a page: the handler loads its view model, then `render(c, <View model={…} />, {title})`
// wraps the view in the document frame with the page environment (language, user, CSRF token,
// assets) every component can read.
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { translator, type Translator } from '../../app/i18n/translator.js'
import '../../http/context.js'
import { Document } from '../components/layout.js'
import { assetManifest } from './assets.js'
import { PageEnvContext, type NavUser, type PageEnv } from './env.js'
import { localeOf } from './locale.js'

/** How a page is framed and answered. */
export interface PageOptions {
  /** The page's own title (the frame appends " · Emblem"). */
  title: string
  description?: string
  /** Extra tags for <head> (OpenGraph, canonical links, structured data). */
  head?: Child
  status?: ContentfulStatusCode
  /** `Cache-Control`; pages are `no-store` unless they say otherwise (they carry a CSRF token). */
  cacheControl?: string
  chrome?: 'full' | 'bare'
}

/** The translator of the request's language. */
export const tOf = (c: Context): Translator => translator(localeOf(c))

/** Loads what the header shows about the signed-in user (their organizations), or undefined. */
type NavUserLoader = (c: Context) => Promise<NavUser | undefined>
let loadNavUser: NavUserLoader = async () => undefined
/** Set once by the composition root: how the header learns the signed-in user's organizations. */
export const setNavUserLoader = (loader: NavUserLoader): void => void (loadNavUser = loader)

let appVersion = '0.0.0'
/** The version the footer shows; set once by createApp. */
export const setRenderVersion = (version: string): void => void (appVersion = version)

/** The page environment of a request. */
export async function pageEnvOf(c: Context): Promise<PageEnv> {
  const locale = localeOf(c)
  const [assets, user] = await Promise.all([assetManifest(), loadNavUser(c)])
  const url = new URL(c.req.url)
  return {
    t: translator(locale),
    locale,
    path: url.pathname + url.search,
    csrfToken: c.get('csrfToken') ?? '',
    user,
    assets: { css: assets.css, js: assets.js, ...(assets.verifier ? { verifier: assets.verifier } : {}) },
    version: appVersion,
    publicUrl: c.get('platform')?.publicUrl ?? url.origin,
  }
}

/**
 * Answers with `view` inside the document frame.
 * @example return render(c, <BatchView batch={batch} />, { title: t.t('batch.title', { name }) })
 */
export async function render(c: Context, view: Child, options: PageOptions): Promise<Response> {
  const env = await pageEnvOf(c)
  const page = (
    <PageEnvContext.Provider value={env}>
      <Document title={`${options.title} · Emblem`} description={options.description} head={options.head} chrome={options.chrome ?? 'full'}>
        {view}
      </Document>
    </PageEnvContext.Provider>
  )
  c.header('Cache-Control', options.cacheControl ?? 'no-store')
  c.header('Content-Language', env.locale)
  c.header('Vary', 'Accept-Language, Cookie')
  return c.html(`<!doctype html>${await page}`, options.status ?? 200)
}
