import { Hono } from 'hono'
import { requireUser } from '../../auth/require.js'
import { viewerOf } from '../../auth/viewer.js'
import '../../context.js'
import { submittedInput } from '../public-credentials.js'

/**
 * `POST /api/v1/wallet/credentials` (signed-in learner; cookie writes echo the CSRF token): a
 * credential from any container, verified and kept. 201 when kept, 200 with `duplicate: true` when
 * the wallet already held it. Described in schemas/wallet-import.ts.
 */
export const walletImportApi = (): Hono =>
  new Hono().post('/wallet/credentials', async (c) => {
    const user = requireUser(c)
    const input = await submittedInput(c)
    const { item, duplicate, inspection } = await c.get('platform').intake.importToWallet(user.id, input, { fetchLocal: c.get('fetchLocal'), viewer: viewerOf(c.get('actor')) })
    return c.json({ id: item.id, credentialId: item.credentialId, verified: item.verified, report: inspection.report, duplicate }, duplicate ? 200 : 201)
  })
