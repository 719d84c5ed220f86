import { Hono } from 'hono'
import { accountApi } from './account.js'
import { adminApi } from './admin.js'
import { achievementsApi } from './achievements.js'
import { dashboardApi } from './dashboard.js'
  new Hono().route('/', accountApi()).route('/', orgsApi()).route('/', achievementsApi()).route('/', issuanceApi()).route('/', dashboardApi()).route('/', adminApi()).route('/', walletApi()).route('/', shareApi()).route('/', holderApi()).route('/', trustApi()).route('/', endorsementsApi())
