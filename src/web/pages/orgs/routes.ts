import { Hono } from 'hono'
import '../../../http/context.js'
import { apiKeysRoutes } from './api-keys-page.js'
import { invitationRoutes } from './invitation-page.js'
import { keysRoutes } from './keys-page.js'
import { membersRoutes } from './members-page.js'
import { newOrgRoutes } from './new-org-routes.js'
import { publicOrgRoutes } from './public-org-page.js'
import { settingsRoutes } from './settings-page.js'

/** Organization pages: create, settings (profile, logo), members and invitations, signing keys, API keys, the public page. */
export const orgPages = (): Hono =>
  new Hono()
    .route('/', newOrgRoutes())
    .route('/', settingsRoutes())
    .route('/', membersRoutes())
    .route('/', keysRoutes())
    .route('/', apiKeysRoutes())
    .route('/', invitationRoutes())
    .route('/', publicOrgRoutes())
