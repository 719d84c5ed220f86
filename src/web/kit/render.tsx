// Rendering a page: the handler loads its view model, then `render(c, <View model={…} />, {title})`
// wraps the view in the document frame with the page environment (language, user, CSRF token,
// assets) every component can read.
import { randomBytes } from 'node:crypto'
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { escapeToBuffer } from 'hono/utils/html'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { translator, type Translator } from '../../app/i18n/translator.js'
import '../../http/context.js'
import { preparedResponse } from '../../http/security-headers.js'
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
  return pageEnvWith(c, await loadNavUser(c))
}

async function pageEnvWith(c: Context, user: NavUser | undefined): Promise<PageEnv> {
  const locale = localeOf(c)
  const assets = await assetManifest()
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
  return answer(c, await pageEnvOf(c), view, options)
}

async function answer(c: Context, env: PageEnv, view: Child, options: PageOptions): Promise<Response> {
  c.header('Cache-Control', options.cacheControl ?? 'no-store')
  c.header('Content-Language', env.locale)
  c.header('Vary', 'Accept-Language, Cookie')
  return c.html(await documentOf(env, view, options), options.status ?? 200)
}

/** The whole document of `view` in the frame, as text. */
async function documentOf(env: PageEnv, view: Child, options: PageOptions): Promise<string> {
  const page = (
    <PageEnvContext.Provider value={env}>
      <Document title={`${options.title} · Emblem`} description={options.description} head={options.head} chrome={options.chrome ?? 'full'}>
        {view}
      </Document>
    </PageEnvContext.Provider>
  )
  return `<!doctype html>${await page}`
}

/** What differs between two anonymous requests of one page: the CSRF token forms echo, and the time a page says it checked something. */
type Slot = 'csrf' | 'time'

/** Markers rendered in place of the slots: random per process, so no page content can contain them. */
const SLOT_MARK: Record<Slot, string> = { csrf: `emblemslot${randomBytes(12).toString('hex')}csrf`, time: `emblemslot${randomBytes(12).toString('hex')}time` }
const SLOT_PATTERN = new RegExp(`${SLOT_MARK.csrf}|${SLOT_MARK.time}`, 'g')

/**
 * A page rendered once for anonymous visitors and answered many times: its text split around the
 * request's CSRF token and the time the page says it was checked, which `answerTemplate` fills in.
 */
export interface PageTemplate {
  /** The text between the slots, UTF-8. */
  readonly parts: readonly Buffer[]
  /** The parts' bytes. */
  readonly size: number
  readonly slots: readonly Slot[]
  readonly locale: string
  readonly cacheControl: string
}

/**
 * Renders `view(checkedAt)` for an anonymous visitor (no signed-in user in the header) as a
 * template: `checkedAt` formatted with `t.dateTime` and the CSRF token are left as slots. The
 * request's own path is the page's path: call it only for a request without a query string.
 */
export async function renderTemplate(c: Context, view: (checkedAt: Date) => Child, options: Omit<PageOptions, 'status'>, checkedAt: Date): Promise<PageTemplate> {
  const env = await pageEnvWith(c, undefined)
  const { t } = env
  const slotted: PageEnv = { ...env, csrfToken: SLOT_MARK.csrf, t: { ...t, dateTime: (value) => (value === checkedAt ? SLOT_MARK.time : t.dateTime(value)) } }
  const text = await documentOf(slotted, view(checkedAt), options)
  const parts: Buffer[] = []
  const slots: Slot[] = []
  let from = 0
  for (const match of text.matchAll(SLOT_PATTERN)) {
    parts.push(Buffer.from(text.slice(from, match.index)))
    slots.push(match[0] === SLOT_MARK.csrf ? 'csrf' : 'time')
    from = match.index + match[0].length
  }
  parts.push(Buffer.from(text.slice(from)))
  return { parts, size: parts.reduce((sum, part) => sum + part.length, 0), slots, locale: env.locale, cacheControl: options.cacheControl ?? 'no-store' }
}

/** The last time slot written per template and language: `dateTime` shows minutes, so it changes once a minute. */
const timeSlots = new WeakMap<PageTemplate, { minute: number; locale: string; bytes: Buffer }>()

/** `checkedAt` as the page shows it in the request's language, escaped, formatted once a minute per template. */
function timeSlot(c: Context, template: PageTemplate, checkedAt: Date): Buffer {
  const minute = Math.floor(checkedAt.getTime() / 60_000)
  const locale = localeOf(c)
  const kept = timeSlots.get(template)
  if (kept !== undefined && kept.minute === minute && kept.locale === locale) return kept.bytes
  const bytes = Buffer.from(escaped(tOf(c).dateTime(checkedAt)))
  timeSlots.set(template, { minute, locale, bytes })
  return bytes
}

/** Answers a template with this request's CSRF token and `checkedAt` in the request's language. */
export function answerTemplate(c: Context, template: PageTemplate, checkedAt: Date): Response {
  const values: Record<Slot, Buffer> = { csrf: Buffer.from(escaped(c.get('csrfToken') ?? '')), time: timeSlot(c, template, checkedAt) }
  const chunks: Buffer[] = [template.parts[0]!]
  for (let i = 0; i < template.slots.length; i++) chunks.push(values[template.slots[i]!], template.parts[i + 1]!)
  // Built whole with plain headers (preparedResponse): an anonymous page's only other header is the CSRF cookie authenticate made.
  const headers: Record<string, string> = { 'Cache-Control': template.cacheControl, 'Content-Language': template.locale, Vary: 'Accept-Language, Cookie', 'Content-Type': 'text/html; charset=UTF-8' }
  const cookie = c.get('newCsrfCookie')
  if (cookie !== undefined) headers['Set-Cookie'] = cookie
  return preparedResponse(c, Buffer.concat(chunks), 200, headers)
}

/** Text as hono/jsx escapes it in an attribute or a text node. */
function escaped(value: string): string {
  const buffer: [string] = ['']
  escapeToBuffer(value, buffer)
  return buffer[0]
}
