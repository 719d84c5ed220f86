import { Hono } from 'hono'
import { accountPages } from './pages/account/routes.js'
import { adminPages } from './pages/admin/routes.js'
import { achievementPages } from './pages/achievements/routes.js'
import { credentialPages } from './pages/credential/routes.js'
import { dashboardPages } from './pages/dashboard/routes.js'
import { holderPages } from './pages/holder/routes.js'
import { oauthPages } from './pages/oauth/routes.js'
import { importPages } from './pages/intake/routes.js'
import { issuancePages } from './pages/issuance/routes.js'
import { orgPages } from './pages/orgs/routes.js'
import { programPages } from './pages/programs/routes.js'
import { clrPages } from './pages/clr/routes.js'
import { pathwayPages } from './pages/pathways/routes.js'
import { sharePages } from './pages/share/routes.js'
import { trustPages } from './pages/trust/routes.js'
import { verifyPages } from './pages/verify/routes.js'
import { walletPages } from './pages/wallet/routes.js'
import { talentPages } from './pages/talent/routes.js'
import { webhookPages } from './pages/webhooks/routes.js'
import { ltiPages } from './pages/lti/routes.js'
import { careerPages } from './pages/career/routes.js'

/**
 * The platform's server-rendered pages (need a store); each checks access itself. One line per
 * family; the fixed /wallet/* pages (profile, skills, present, import) come before the wallet's
 * /wallet/:id.
 */
export const platformPages = (): Hono =>
  new Hono()
    .route('/', sharePages())
    .route('/', holderPages())
    .route('/', oauthPages())
    .route('/', verifyPages())
    .route('/', importPages())
    .route('/', talentPages())
    .route('/', trustPages())
    .route('/', programPages())
    .route('/', clrPages())
    .route('/', pathwayPages())
    .route('/', accountPages())
    .route('/', orgPages())
    .route('/', achievementPages())
    .route('/', issuancePages())
    .route('/', credentialPages())
    .route('/', dashboardPages())
    .route('/', adminPages())
    .route('/', webhookPages())
    .route('/', ltiPages())
    .route('/', careerPages())
    .route('/', walletPages())
