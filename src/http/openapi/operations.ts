// Every described operation, by resource in the reference's order. A route mounted without a
// description here fails the coverage test (src/http/openapi/coverage.test.ts).
import { hostOperations } from '../schemas/ob3-hosts.js'
import { credentialPushOperations } from '../schemas/credential-pushes.js'
import type { RouteConfig } from '@hono/zod-openapi'
import { accountOperations } from '../schemas/account.js'
import { adminOperations } from '../schemas/admin.js'
import { achievementOperations } from '../schemas/achievements.js'
import { activityOperations, batchOperations } from '../schemas/batches.js'
import { holderOperations, privacyOperations } from '../schemas/holder.js'
import { issuanceOperations } from '../schemas/issuance.js'
import { logOperations } from '../schemas/log.js'
import { grantOperations } from '../schemas/oauth-grants.js'
import { orgKeyOperations } from '../schemas/org-keys.js'
import { orgOperations } from '../schemas/orgs.js'
import { shareOperations } from '../schemas/share.js'
import { publicDocumentOperations, serviceOperations, verificationOperations } from '../schemas/public-documents.js'
import { walletOperations } from '../schemas/wallet.js'
import { endorsementDocumentOperations, endorsementOperations, trustLookupOperations, trustOperations } from '../schemas/trust.js'
import { walletImportOperations } from '../schemas/wallet-import.js'
import { talentOperations } from '../schemas/talent.js'
import { webhookOperations } from '../schemas/webhooks.js'
import { ltiOperations } from '../schemas/lti.js'
import { careerOperations, occupationOperations } from '../schemas/career.js'
import { programOperations } from '../schemas/programs.js'
import { clrOperations } from '../schemas/clr.js'
import { pathwayOperations } from '../schemas/pathways.js'

/** All operations of the document: the JSON API under /api/v1, then the public documents. */
export const OPERATIONS: readonly RouteConfig[] = [
  ...accountOperations,
  ...orgOperations,
  ...orgKeyOperations,
  ...achievementOperations,
  ...occupationOperations,
  ...issuanceOperations,
  ...batchOperations,
  ...activityOperations,
  ...adminOperations,
  ...walletOperations,
  ...walletImportOperations,
  ...shareOperations,
  ...holderOperations,
  ...privacyOperations,
  ...grantOperations,
  ...hostOperations,
  ...credentialPushOperations,
  ...trustOperations,
  ...endorsementOperations,
  ...talentOperations,
  ...webhookOperations,
  ...ltiOperations,
  ...careerOperations,
  ...programOperations,
  ...clrOperations,
  ...pathwayOperations,
  ...verificationOperations,
  ...trustLookupOperations,
  ...publicDocumentOperations,
  ...endorsementDocumentOperations,
  ...logOperations,
  ...serviceOperations,
]
