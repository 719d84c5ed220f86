import type { Kysely } from 'kysely'
import type { PlatformRepos } from '../../app/platform/ports.js'
import type { Database } from '../schema.js'
import { accessRepo } from './access.js'
import { accountsRepo } from './accounts.js'
import { achievementsRepo } from './achievements.js'
import { issuanceRepo } from './issuance.js'
import { outboxRepo } from './mail.js'
import { orgKeysRepo } from './org-keys.js'
import { orgsRepo } from './orgs.js'
import { skillsRepo } from './skills.js'
import { statsRepo } from './stats.js'
import { credentialViewsRepo } from './credential-views.js'

/** Every platform repository over `q`: the store's connection, or one transaction. */
export const platformRepos = (q: Kysely<Database>, now: () => Date): PlatformRepos => ({
  access: accessRepo(q),
  accounts: accountsRepo(q, now),
  orgs: orgsRepo(q, now),
  orgKeys: orgKeysRepo(q),
  achievements: achievementsRepo(q, now),
  skills: skillsRepo(q, now),
  issuance: issuanceRepo(q, now),
  outbox: outboxRepo(q, now),
  stats: statsRepo(q),
  credentialViews: credentialViewsRepo(q),
})
