// What every page component can read while rendering: the language, who is signed in, the CSRF
// token forms echo, the current path and the asset URLs. Provided once by `render`; components
// read it with `usePage()` / `useT()` instead of threading it through props.
import { createContext, useContext } from 'hono/jsx'
import type { Locale } from '../../app/i18n/locales.js'
import type { Translator } from '../../app/i18n/translator.js'
import type { RoleName } from '../../app/platform/roles.js'

/** An organization in the signed-in user's menu. */
export interface NavOrg {
  slug: string
  name: string
  role: RoleName
  /** An employer organization: its home is the talent search, not an issuer's dashboard. */
  employer?: boolean
}

/** The signed-in user as the header shows them. */
export interface NavUser {
  name: string
  email: string
  orgs: readonly NavOrg[]
}

/** Hashed URLs of the stylesheet and the enhancement script. */
export interface AssetUrls {
  css: string
  js: string
  /** The browser verifier, imported on demand by /verify's script. */
  verifier?: string
}

/** The page's environment. */
export interface PageEnv {
  t: Translator
  locale: Locale
  /** The request's path and query (for `next=` links and marking the current navigation item). */
  path: string
  /** The token every form posts as `_csrf`. */
  csrfToken: string
  user?: NavUser | undefined
  assets: AssetUrls
  version: string
  publicUrl: string
}

export const PageEnvContext = createContext<PageEnv | null>(null)

/** The page's environment; only valid while `render` renders a page. */
export function usePage(): PageEnv {
  const env = useContext(PageEnvContext)
  if (!env) throw new TypeError('usePage() outside render(): components need the page environment')
  return env
}

/** The page's translator. */
export const useT = (): Translator => usePage().t
