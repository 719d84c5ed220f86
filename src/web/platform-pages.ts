import { Hono } from 'hono'
import { accountPages } from './pages/account/routes.js'
import { adminPages } from './pages/admin/routes.js'
import { achievementPages } from './pages/achievements/routes.js'
import { credentialPages } from './pages/credential/routes.js'
import { dashboardPages } from './pages/dashboard/routes.js'
import { holderPages } from './pages/holder/routes.js'
import { issuancePages } from './pages/issuance/routes.js'
import { orgPages } from './pages/orgs/routes.js'
import { walletPages } from './pages/wallet/routes.js'
import { sharePages } from './pages/share/routes.js'

/** The platform's server-rendered pages (need a store); each checks access itself. */
export const platformPages = (): Hono =>
  new Hono().route('/', holderPages()).route('/', sharePages()).route('/', accountPages()).route('/', orgPages()).route('/', achievementPages()).route('/', issuancePages()).route('/', credentialPages()).route('/', dashboardPages()).route('/', adminPages()).route('/', walletPages())
