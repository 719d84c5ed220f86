import { Hono } from 'hono'
import { accountApi } from './account.js'
import { adminApi } from './admin.js'
import { achievementsApi } from './achievements.js'
import { dashboardApi } from './dashboard.js'
import { endorsementsApi } from './endorsements.js'
import { holderApi } from './holder.js'
import { issuanceApi } from './issuance.js'
import { grantsApi } from './oauth-grants.js'
import { hostsApi } from './ob3-hosts.js'
import { credentialPushesApi } from './credential-pushes.js'
import { orgsApi } from './orgs.js'
import { shareApi } from './share.js'
import { programsApi } from './programs.js'
import { pathwaysApi } from './pathways.js'
import { trustApi } from './trust.js'
import { walletApi } from './wallet.js'
import { walletImportApi } from './wallet-import.js'
import { talentApi } from './talent.js'
import { webhooksApi } from './webhooks.js'
import { ltiApi } from './lti.js'
import { careerApi } from './career.js'
import { clrApi } from './clr.js'

/** The JSON API, mounted at /api/v1. Every route checks access itself (http/auth/require.ts). One line per area. */
export const apiRoutes = (): Hono =>
  new Hono()
    .route('/', accountApi())
    .route('/', orgsApi())
    .route('/', achievementsApi())
    .route('/', issuanceApi())
    .route('/', dashboardApi())
    .route('/', adminApi())
    .route('/', walletApi())
    .route('/', walletImportApi())
    .route('/', shareApi())
    .route('/', holderApi())
    .route('/', trustApi())
    .route('/', endorsementsApi())
    .route('/', talentApi())
    .route('/', webhooksApi())
    .route('/', ltiApi())
    .route('/', careerApi())
    .route('/', grantsApi())
    .route('/', hostsApi())
    .route('/', credentialPushesApi())
    .route('/', programsApi())
    .route('/', clrApi())
    .route('/', pathwaysApi())
