import type { Kysely } from 'kysely'
import type { PlatformRepos } from '../../app/platform/ports.js'
import type { Database } from '../schema.js'
import { accessRepo } from './access.js'
import { accountsRepo } from './accounts.js'
import { achievementsRepo } from './achievements.js'
import { apiKeysRepo } from './api-keys.js'
import { batchUploadsRepo } from './batch-uploads.js'
import { batchesRepo } from './batches.js'
import { credentialViewsRepo } from './credential-views.js'
import { endorsementsRepo } from './endorsements.js'
import { idempotencyRepo } from './idempotency.js'
import { holderRepo } from './holder.js'
import { imagesRepo } from './images.js'
import { invitationsRepo } from './invitations.js'
import { issuedCredentialsRepo } from './issued-credentials.js'
import { outboxRepo } from './mail.js'
import { membersRepo } from './members.js'
import { orgKeysRepo } from './org-keys.js'
import { orgsRepo } from './orgs.js'
import { skillsRepo } from './skills.js'
import { learnerProfilesRepo, shareLinksRepo } from './sharing.js'
import { statsRepo } from './stats.js'
import { statusListsRepo } from './status-lists.js'
import { accountEmailsRepo, walletCollectionsRepo, walletItemsRepo } from './wallet.js'
import { trustRepo } from './trust.js'
import { rateLimitsRepo } from './rate-limits.js'
import { talentRepo } from './talent.js'
import { webhooksRepo } from './webhooks.js'
import { careerTargetsRepo, occupationsRepo } from './occupations.js'
import { obProfilesRepo, oauthRecordsRepo } from './oauth.js'
import { ob3HostsRepo } from './ob3-client.js'
import { credentialPushesRepo } from './credential-pushes.js'
import { programsRepo } from './programs.js'
import { pathwaysRepo } from './pathways.js'
import { ltiRepo } from './lti.js'

/** Every platform repository over `q`: the store's connection, or one transaction. */
export const platformRepos = (q: Kysely<Database>, now: () => Date): PlatformRepos => ({
  access: accessRepo(q),
  accounts: accountsRepo(q, now),
  orgs: orgsRepo(q, now),
  members: membersRepo(q, now),
  invitations: invitationsRepo(q),
  apiKeys: apiKeysRepo(q),
  orgKeys: orgKeysRepo(q),
  images: imagesRepo(q),
  achievements: achievementsRepo(q, now),
  skills: skillsRepo(q, now),
  statusLists: statusListsRepo(q, now),
  issuedCredentials: issuedCredentialsRepo(q),
  batches: batchesRepo(q, now),
  batchUploads: batchUploadsRepo(q, now),
  idempotency: idempotencyRepo(q, now),
  outbox: outboxRepo(q, now),
  stats: statsRepo(q),
  credentialViews: credentialViewsRepo(q),
  holder: holderRepo(q),
  walletItems: walletItemsRepo(q),
  walletCollections: walletCollectionsRepo(q),
  accountEmails: accountEmailsRepo(q, now),
  learnerProfiles: learnerProfilesRepo(q),
  shareLinks: shareLinksRepo(q),
  trust: trustRepo(q),
  endorsements: endorsementsRepo(q),
  programs: programsRepo(q),
  pathways: pathwaysRepo(q),
  rateLimits: rateLimitsRepo(q),
  talent: talentRepo(q),
  webhooks: webhooksRepo(q),
  occupations: occupationsRepo(q),
  careerTargets: careerTargetsRepo(q),
  oauth: oauthRecordsRepo(q),
  ob3Hosts: ob3HostsRepo(q),
  credentialPushes: credentialPushesRepo(q),
  obProfiles: obProfilesRepo(q),
  lti: ltiRepo(q),
})
